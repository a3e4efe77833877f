"""JSON API v1: verified micro-businesses, published products and their categories, the product
feeds, the data standard and the OpenAPI document.

Read-only and public; a bad parameter is answered with 400 and
{"error": {"code": "invalid_parameter", "parameter": ..., "message": ...}}, never a 500.
"""

import csv
import io
from datetime import UTC, datetime
from functools import wraps

from flask import Blueprint, Response, current_app, jsonify, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from app.api import openapi
from app.api.openapi import json_body, operation, parameter, response, schema
from app.businesses import datastandard, directory
from app.businesses.directory import InvalidParameter
from app.extensions import csrf, db, limiter
from app.main.errors import MESSAGES
from app.regions import kecamatan
from app.search.base import SORTS
from app.storefront import filters as store_filters
from app.storefront import records
from app.storefront import services as storefront

bp = Blueprint("api", __name__, url_prefix=openapi.PREFIX)
csrf.exempt(bp)
# One budget per client address for the whole API; API_RATE_LIMIT overrides the default.
limiter.shared_limit(lambda: current_app.config["API_RATE_LIMIT"], scope="api")(bp)

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = directory.MAX_PAGE


# --- language and errors --------------------------------------------------------------------


def _language(strict: bool = True) -> str:
    """?lang=, else the Accept-Language header, else the site's own choice (Indonesian)."""
    languages = current_app.config["LANGUAGES"]
    chosen = request.args.get("lang")
    if chosen:
        if chosen in languages:
            return chosen
        if strict:
            raise InvalidParameter(
                "lang",
                _l("Choose one of these languages: %(languages)s.", languages=", ".join(languages)),
            )
    return request.accept_languages.best_match(languages) or str(get_locale())


def localised(view):
    """Run the view in the request's language and say which one it is."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        language = _language()
        with force_locale(language):
            answer = current_app.make_response(view(*args, **kwargs))
        answer.headers["Content-Language"] = language
        return answer

    return wrapped


def _error(status: int, code: str, message, **extra):
    with force_locale(_language(strict=False)):
        body = {"code": code, "status": status, "message": str(message), **extra}
    return jsonify(error=body), status


@bp.errorhandler(InvalidParameter)
def invalid_parameter(error: InvalidParameter):
    return _error(400, error.code, error.message, parameter=error.parameter)


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    codes = {404: "not_found", 405: "method_not_allowed", 429: "too_many_requests"}
    title, message = MESSAGES.get(error.code, MESSAGES[400])
    return _error(error.code, codes.get(error.code, "http_error"), message, title=str(title))


@bp.after_request
def open_to_all(answer):
    # Open data: any web page may read it.
    answer.headers.setdefault("Access-Control-Allow-Origin", "*")
    return answer


def _int_param(name: str, default: int, minimum: int, maximum: int) -> int:
    raw = request.args.get(name, "")
    if raw == "":
        return default
    if not (raw.isascii() and raw.isdigit()):
        raise InvalidParameter(name, _l("%(parameter)s must be a whole number.", parameter=name))
    value = int(raw)
    if not minimum <= value <= maximum:
        raise InvalidParameter(
            name,
            _l(
                "%(parameter)s must be between %(min)s and %(max)s.",
                parameter=name,
                min=minimum,
                max=maximum,
            ),
        )
    return value


# --- the document's shapes ------------------------------------------------------------------

ERROR = schema(
    "Error",
    {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "status", "message"],
                "properties": {
                    "code": {"type": "string", "examples": ["invalid_parameter", "not_found"]},
                    "status": {"type": "integer"},
                    "message": {
                        "type": "string",
                        "description": "For people, in the request's language.",
                    },
                    "parameter": {"type": "string", "description": "The refused query parameter."},
                    "title": {"type": "string"},
                },
            }
        },
    },
)
BAD_PARAMETER = response(
    "BadParameter", "A query parameter is invalid; `parameter` names it.", ERROR
)
NOT_FOUND = response("NotFound", "No such object.", ERROR)
TOO_MANY = response("TooManyRequests", "Too many requests from this address; wait a minute.", ERROR)

CERTIFICATE = schema(
    "Certificate",
    {
        "type": "object",
        "required": ["kind", "number", "issued_on", "expires_on", "state"],
        "properties": {
            "kind": {"type": "string", "enum": [k.value for k in datastandard.CERTIFICATE_LABELS]},
            "number": {"type": "string"},
            "issuer": {"type": ["string", "null"]},
            "issued_on": {"type": "string", "format": "date"},
            "expires_on": {
                "type": ["string", "null"],
                "format": "date",
                "description": "Empty: valid without end.",
            },
            "state": {"type": "string", "enum": ["valid", "expiring", "expired"]},
        },
    },
)
BUSINESS = schema(
    "Business",
    {
        "type": "object",
        "description": "A verified micro-business: public fields only.",
        "required": ["id", "name", "kecamatan", "kbli", "halal", "certificates", "url"],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "kecamatan": {
                "type": "object",
                "properties": {
                    "code": {"type": ["string", "null"], "examples": ["32.16.06"]},
                    "name": {"type": ["string", "null"]},
                },
            },
            "legal_form": {
                "type": ["string", "null"],
                "enum": [*(f.value for f in datastandard.LEGAL_FORM_LABELS), None],
            },
            "main_activity": {"type": ["string", "null"]},
            "main_product": {"type": ["string", "null"]},
            "kbli": {
                "type": "array",
                "items": {"type": "string", "pattern": "^[0-9]{5}$"},
                "description": "KBLI 2020 codes.",
            },
            "started_year": {"type": ["integer", "null"]},
            "verified_since": {"type": "string", "format": "date"},
            "halal": {
                "type": "boolean",
                "description": "Holds a halal certificate that has not expired.",
            },
            "certificates": {"type": "array", "items": CERTIFICATE},
            "url": {"type": "string", "format": "uri", "description": "The public page."},
        },
    },
)
BUSINESS_PAGE = schema(
    "BusinessPage",
    {
        "type": "object",
        "required": ["items", "total", "page", "per_page"],
        "properties": {
            "items": {"type": "array", "items": BUSINESS},
            "total": {"type": "integer", "description": "Businesses matching the filters."},
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
        },
    },
)
DATA_STANDARD = schema(
    "DataStandard",
    {
        "type": "object",
        "required": ["columns"],
        "properties": {
            "name": {"type": "string"},
            "basis": {"type": "string"},
            "encoding": {"type": "object"},
            "groups": {"type": "object", "additionalProperties": {"type": "string"}},
            "columns": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [
                        "name",
                        "concept",
                        "definition",
                        "classification",
                        "measure",
                        "unit",
                    ],
                    "properties": {
                        "name": {"type": "string"},
                        "group": {"type": "string"},
                        "type": {"type": "string"},
                        "concept": {"type": "string"},
                        "definition": {"type": "string"},
                        "classification": {"type": ["string", "null"]},
                        "codes": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "code": {"type": "string"},
                                    "label": {"type": "string"},
                                },
                            },
                        },
                        "measure": {"type": ["string", "null"]},
                        "unit": {"type": ["string", "null"]},
                        "personal": {"type": "boolean"},
                        "derived": {"type": "boolean"},
                        "required": {"type": "boolean"},
                    },
                },
            },
        },
    },
)

LANG = parameter(
    "lang",
    "Language of the texts; the Accept-Language header otherwise.",
    {"type": "string", "enum": ["id", "en"]},
)
PAGE = parameter(
    "page",
    "Page number, from 1.",
    {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
)
PER_PAGE = parameter(
    "per_page",
    "Businesses per page.",
    {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE},
)
KECAMATAN = parameter(
    "kecamatan",
    "Official Kemendagri code of a kecamatan of Kabupaten Bekasi.",
    {"type": "string", "enum": list(kecamatan())},
)
KBLI = parameter(
    "kbli",
    "A KBLI 2020 code, or its beginning (1 to 5 digits).",
    {"type": "string", "pattern": "^[0-9]{1,5}$"},
)
QUERY = parameter(
    "q",
    "Words in the business name or main product.",
    {"type": "string", "maxLength": directory.MAX_QUERY_LENGTH},
)


# --- endpoints ------------------------------------------------------------------------------


@bp.get("/businesses")
@operation(
    "List verified micro-businesses",
    description="By business name; filters combine. Pages past the last one are empty.",
    tags=("businesses",),
    parameters=(PAGE, PER_PAGE, KECAMATAN, KBLI, QUERY, LANG),
    responses={
        "200": json_body("A page of businesses.", BUSINESS_PAGE),
        "400": BAD_PARAMETER,
        "429": TOO_MANY,
    },
)
@localised
def businesses():
    filters, errors = directory.parse_filters(request.args)
    if errors:
        raise errors[0]
    page = _int_param("page", 1, minimum=1, maximum=MAX_PAGE)
    per_page = _int_param("per_page", DEFAULT_PER_PAGE, minimum=1, maximum=MAX_PER_PAGE)
    pagination = db.paginate(
        directory.search(filters), page=page, per_page=per_page, error_out=False
    )
    certificates = directory.certificates_of([p.organisation_id for p in pagination.items])
    return jsonify(
        items=[
            directory.public_record(p, certificates.get(p.organisation_id, []))
            for p in pagination.items
        ],
        total=pagination.total,
        page=page,
        per_page=per_page,
    )


@bp.get("/businesses/<int:business_id>")
@operation(
    "One verified micro-business",
    tags=("businesses",),
    parameters=(LANG,),
    responses={
        "200": json_body("The business.", BUSINESS),
        "400": BAD_PARAMETER,
        "404": NOT_FOUND,
        "429": TOO_MANY,
    },
)
@localised
def business(business_id: int):
    profile = directory.public_business(business_id)
    if profile is None:
        return _error(404, "not_found", _l("There is no verified business with this id."))
    certificates = directory.certificates_of([profile.organisation_id])
    return jsonify(directory.public_record(profile, certificates.get(profile.organisation_id, [])))


@bp.get("/data-standard")
@operation(
    "The micro-business data standard",
    description="Every column of the yearly delivery with its concept, definition, "
    "classification, measure and unit (Pasal 14(4)), in the request's language.",
    tags=("data standard",),
    parameters=(LANG,),
    responses={
        "200": json_body("The data standard.", DATA_STANDARD),
        "400": BAD_PARAMETER,
        "429": TOO_MANY,
    },
)
@localised
def data_standard():
    return jsonify(datastandard.as_json())


@bp.get("/openapi.json")
@operation(
    "This OpenAPI document",
    tags=("meta",),
    responses={"200": json_body("The OpenAPI 3.1 document.", {"type": "object"}), "429": TOO_MANY},
)
def openapi_document():
    return jsonify(openapi.document(current_app))


# --- products: the aggregator's catalogue (Pasal 19(4)(e)) ----------------------------------

CATEGORY_REF = {
    "type": "object",
    "required": ["id", "slug", "name", "path"],
    "properties": {
        "id": {"type": "integer"},
        "slug": {"type": "string", "examples": ["keripik"]},
        "name": {"type": "string", "description": "In the request's language."},
        "path": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Names from the top-level category down to this one.",
        },
    },
}
SELLER = schema(
    "Seller",
    {
        "type": "object",
        "description": "The verified micro-business that sells the product.",
        "required": ["id", "name", "kecamatan"],
        "properties": {
            "id": {
                "type": ["integer", "null"],
                "description": "The business's id in /businesses/{business_id}.",
            },
            "name": {"type": "string"},
            "kecamatan": {
                "type": "object",
                "properties": {
                    "code": {"type": ["string", "null"], "examples": ["32.16.06"]},
                    "name": {"type": ["string", "null"]},
                },
            },
            "url": {"type": ["string", "null"], "format": "uri", "description": "Seller page."},
        },
    },
)
PRODUCT_PROPERTIES = {
    "id": {"type": "integer"},
    "name": {"type": "string"},
    "price": {"type": "integer", "description": "Whole rupiah per unit."},
    "currency": {"type": "string", "const": "IDR"},
    "unit": {"type": "string", "examples": ["bungkus", "kotak", "stel"]},
    "min_order": {"type": "integer", "minimum": 1},
    "stock": {"type": "integer", "minimum": 0},
    "lead_time_days": {"type": "integer", "minimum": 0},
    "category": CATEGORY_REF,
    "seller": SELLER,
    "halal": {
        "type": "boolean",
        "description": "A valid halal certificate of the seller applies to this product.",
    },
    "featured": {"type": "boolean", "description": "A featured product (produk unggulan)."},
    "pdn": {"type": "boolean", "description": "A domestic product (produk dalam negeri)."},
    "url": {"type": "string", "format": "uri", "description": "The product page."},
    "image_url": {
        "type": ["string", "null"],
        "format": "uri",
        "description": "The first photo; empty when there is none.",
    },
    "published_at": {"type": ["string", "null"], "format": "date-time"},
    "updated_at": {"type": "string", "format": "date-time"},
}
PRODUCT_REQUIRED = [
    "id",
    "name",
    "price",
    "unit",
    "category",
    "seller",
    "halal",
    "featured",
    "pdn",
    "url",
    "image_url",
]
PRODUCT = schema(
    "Product",
    {
        "type": "object",
        "description": "A published product of a verified micro-business: public fields only.",
        "required": PRODUCT_REQUIRED,
        "properties": PRODUCT_PROPERTIES,
    },
)
PRODUCT_DETAIL = schema(
    "ProductDetail",
    {
        "type": "object",
        "required": [*PRODUCT_REQUIRED, "description", "photos", "links", "certificates"],
        "properties": {
            **PRODUCT_PROPERTIES,
            "description": {"type": "string"},
            "weight_grams": {"type": ["integer", "null"]},
            "featured_until": {"type": ["string", "null"], "format": "date-time"},
            "photos": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "url": {"type": "string", "format": "uri"},
                        "thumb_url": {"type": "string", "format": "uri"},
                        "width": {"type": "integer"},
                        "height": {"type": "integer"},
                    },
                },
            },
            "links": {
                "type": "array",
                "description": "The same product on other marketplaces.",
                "items": {
                    "type": "object",
                    "properties": {
                        "marketplace": {"type": "string", "examples": ["tokopedia", "shopee"]},
                        "url": {"type": "string", "format": "uri"},
                    },
                },
            },
            "certificates": {"type": "array", "items": CERTIFICATE},
        },
    },
)
PRODUCT_PAGE = schema(
    "ProductPage",
    {
        "type": "object",
        "required": ["items", "total", "page", "per_page"],
        "properties": {
            "items": {"type": "array", "items": PRODUCT},
            "total": {"type": "integer", "description": "Products matching the filters."},
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
        },
    },
)
CATEGORY = schema(
    "Category",
    {
        "type": "object",
        "required": ["id", "slug", "name", "product_count", "children"],
        "properties": {
            "id": {"type": "integer"},
            "slug": {"type": "string", "description": "Stable; the `category` filter takes it."},
            "name": {"type": "string", "description": "In the request's language."},
            "product_count": {
                "type": "integer",
                "description": "Published products in this category and below it.",
            },
            "url": {"type": "string", "format": "uri"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Category"}},
        },
    },
)
CATEGORY_LIST = schema(
    "CategoryList",
    {
        "type": "object",
        "required": ["items"],
        "properties": {"items": {"type": "array", "items": CATEGORY}},
    },
)
FEED_ITEM = schema(
    "FeedProduct",
    {
        "type": "object",
        "description": "One product of the feed: flat, the same columns as the CSV feed.",
        "required": list(records.FEED_COLUMNS),
        "properties": {
            **{column: {"type": ["string", "null"]} for column in records.FEED_COLUMNS},
            "id": {"type": "integer"},
            "price": {"type": "integer"},
            "min_order": {"type": "integer"},
            "stock": {"type": "integer"},
            "lead_time_days": {"type": "integer"},
            "seller_id": {"type": ["integer", "null"]},
            "halal": {"type": "boolean"},
            "featured": {"type": "boolean"},
            "pdn": {"type": "boolean"},
        },
    },
)
FEED = schema(
    "Feed",
    {
        "type": "object",
        "required": ["generated_at", "items", "next"],
        "properties": {
            "generated_at": {"type": "string", "format": "date-time"},
            "items": {"type": "array", "items": FEED_ITEM},
            "next": {
                "type": ["string", "null"],
                "format": "uri",
                "description": "The next page; empty on the last one.",
            },
        },
    },
)

PRODUCT_QUERY = {
    "name": "q",
    "in": "query",
    "description": "Words in the product's name, description, category or seller.",
    "schema": {"type": "string", "maxLength": store_filters.MAX_QUERY_LENGTH},
}
PRODUCTS_PER_PAGE = {
    "name": "per_page",
    "in": "query",
    "description": "Products per page.",
    "schema": {
        "type": "integer",
        "minimum": 1,
        "maximum": MAX_PER_PAGE,
        "default": DEFAULT_PER_PAGE,
    },
}
CATEGORY_FILTER = parameter(
    "category",
    "A category's slug (see /categories); its subcategories are included.",
    {"type": "string", "examples": ["makanan-minuman", "keripik"]},
)
MIN_PRICE = parameter(
    "min_price",
    "Lowest price per unit, whole rupiah.",
    {"type": "integer", "minimum": 0, "maximum": store_filters.MAX_PRICE},
)
MAX_PRICE = parameter(
    "max_price",
    "Highest price per unit, whole rupiah; not below min_price.",
    {"type": "integer", "minimum": 0, "maximum": store_filters.MAX_PRICE},
)
HALAL = parameter(
    "halal", "true: only halal-certified products; false: only the others.", {"type": "boolean"}
)
FEATURED = parameter(
    "featured", "true: only featured products (produk unggulan daerah).", {"type": "boolean"}
)
PDN = parameter("pdn", "true: only domestic products (produk dalam negeri).", {"type": "boolean"})
SORT = parameter(
    "sort",
    "Order of the results; by default relevance with `q`, newest without.",
    {"type": "string", "enum": list(SORTS)},
)
UPDATED_SINCE = parameter(
    "updated_since",
    "Only products changed at or after this moment (ISO 8601; UTC when no offset is given), "
    "to mirror the catalogue incrementally.",
    {"type": "string", "format": "date-time"},
)
FEED_AFTER = parameter(
    "after",
    "Continue after this product id (the `next` link carries it).",
    {"type": "integer", "minimum": 0, "default": 0},
)
FEED_LIMIT = parameter(
    "limit",
    "Products per page of the feed.",
    {
        "type": "integer",
        "minimum": 1,
        "maximum": records.MAX_FEED_PAGE,
        "default": records.FEED_PAGE,
    },
)
CSV_FEED = {
    "description": "A page of published products, one row each, UTF-8 with a header row; "
    "the `Link` header names the next page.",
    "content": {"text/csv": {"schema": {"type": "string"}}},
}


@bp.get("/products")
@operation(
    "Search published products",
    description="Products of verified micro-businesses; filters combine. "
    "Pages past the last one are empty.",
    tags=("products",),
    parameters=(
        PRODUCT_QUERY,
        CATEGORY_FILTER,
        KECAMATAN,
        MIN_PRICE,
        MAX_PRICE,
        HALAL,
        FEATURED,
        PDN,
        SORT,
        PAGE,
        PRODUCTS_PER_PAGE,
        LANG,
    ),
    responses={
        "200": json_body("A page of products.", PRODUCT_PAGE),
        "400": BAD_PARAMETER,
        "429": TOO_MANY,
    },
)
@localised
def products():
    filters, errors = store_filters.parse_filters(request.args)
    if errors:
        raise errors[0]
    page = _int_param("page", 1, minimum=1, maximum=MAX_PAGE)
    per_page = _int_param("per_page", DEFAULT_PER_PAGE, minimum=1, maximum=MAX_PER_PAGE)
    results = storefront.search(filters, page, per_page)
    return jsonify(
        items=records.product_records(results.page.items, halal=results.halal),
        total=results.page.total,
        page=page,
        per_page=per_page,
    )


@bp.get("/products/<int:product_id>")
@operation(
    "One published product",
    description="With its description, photos, marketplace links and certificates.",
    tags=("products",),
    parameters=(LANG,),
    responses={
        "200": json_body("The product.", PRODUCT_DETAIL),
        "400": BAD_PARAMETER,
        "404": NOT_FOUND,
        "429": TOO_MANY,
    },
)
@localised
def product(product_id: int):
    found = storefront.public_product(product_id)
    if found is None:
        return _error(404, "not_found", _l("There is no published product with this id."))
    return jsonify(records.product_records([found], detail=True)[0])


@bp.get("/categories")
@operation(
    "The category tree",
    description="Every category with its subcategories and its number of published products.",
    tags=("products",),
    parameters=(LANG,),
    responses={
        "200": json_body("The categories, top level first.", CATEGORY_LIST),
        "400": BAD_PARAMETER,
        "429": TOO_MANY,
    },
)
@localised
def categories():
    return jsonify(items=records.category_tree())


def _updated_since() -> datetime | None:
    raw = request.args.get("updated_since", "").strip()
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise InvalidParameter(
            "updated_since",
            _l("updated_since is a date or a date and time (ISO 8601), e.g. 2025-01-31T08:00Z."),
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _csv_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _feed_page(endpoint: str) -> tuple[list[dict], str | None]:
    """This page of the feed and the link to the next one (None on the last page)."""
    since = _updated_since()
    after = _int_param("after", 0, minimum=0, maximum=2**62)
    limit = _int_param("limit", records.FEED_PAGE, minimum=1, maximum=records.MAX_FEED_PAGE)
    rows, next_after = records.feed_page(after, limit, since)
    if next_after is None:
        return rows, None
    args = {"after": next_after, "limit": limit}
    if since is not None:
        args["updated_since"] = request.args["updated_since"].strip()
    return rows, url_for(endpoint, **args, _external=True)


@bp.get("/feed/products.csv")
@operation(
    "Product feed (CSV)",
    description="Every published product for other aggregators, in id order, a page at a time "
    "(the `Link` header names the next page). Names are in Indonesian, the category also in "
    "English. With `updated_since`, only what changed.",
    tags=("feeds",),
    parameters=(FEED_AFTER, FEED_LIMIT, UPDATED_SINCE),
    responses={"200": CSV_FEED, "400": BAD_PARAMETER, "429": TOO_MANY},
)
def feed_products_csv():
    rows, next_url = _feed_page("api.feed_products_csv")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(records.FEED_COLUMNS)
    for row in rows:
        writer.writerow([_csv_value(row[column]) for column in records.FEED_COLUMNS])
    answer = Response(buffer.getvalue(), mimetype="text/csv")
    answer.headers["Content-Disposition"] = 'inline; filename="produk-toko-daring-bekasi.csv"'
    if next_url:
        answer.headers["Link"] = f'<{next_url}>; rel="next"'
    return answer


@bp.get("/feed/products.json")
@operation(
    "Product feed (JSON)",
    description="The CSV feed's rows as JSON objects, in id order, a page at a time (`next` "
    "is the next page, empty on the last one).",
    tags=("feeds",),
    parameters=(FEED_AFTER, FEED_LIMIT, UPDATED_SINCE),
    responses={
        "200": json_body("A page of published products.", FEED),
        "400": BAD_PARAMETER,
        "429": TOO_MANY,
    },
)
def feed_products_json():
    rows, next_url = _feed_page("api.feed_products_json")
    return jsonify(
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"), items=rows, next=next_url
    )
