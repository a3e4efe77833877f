"""JSON API v1, products: the aggregator's catalogue (Pasal 19(4)(e)) — published products,
their categories and the feeds for other aggregators."""

import csv
import io
from datetime import UTC, datetime

from flask import Response, jsonify, request, url_for
from flask_babel import lazy_gettext as _l

from app.api.openapi import json_body, operation, page_schema, parameter, schema
from app.api.views import (
    BAD_PARAMETER,
    CERTIFICATE,
    DEFAULT_PER_PAGE,
    KECAMATAN,
    LANG,
    MAX_PAGE,
    MAX_PER_PAGE,
    NOT_FOUND,
    PAGE,
    TOO_MANY,
    bp,
    error_response,
    int_param,
    localised,
)
from app.businesses.directory import InvalidParameter
from app.search.base import SORTS
from app.storefront import filters as store_filters
from app.storefront import records
from app.storefront import services as storefront

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
PRODUCT_PAGE = page_schema("ProductPage", PRODUCT, "Products")
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
    page = int_param("page", 1, minimum=1, maximum=MAX_PAGE)
    per_page = int_param("per_page", DEFAULT_PER_PAGE, minimum=1, maximum=MAX_PER_PAGE)
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
        return error_response(404, "not_found", _l("There is no published product with this id."))
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
    after = int_param("after", 0, minimum=0, maximum=2**62)
    limit = int_param("limit", records.FEED_PAGE, minimum=1, maximum=records.MAX_FEED_PAGE)
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
