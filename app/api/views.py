"""JSON API v1: verified micro-businesses, the data standard and the OpenAPI document; the
products, categories and feeds are in app/api/products.py.

Read-only and public; a bad parameter is answered with 400 and
{"error": {"code": "invalid_parameter", "parameter": ..., "message": ...}}, never a 500.
"""

from functools import wraps

from flask import Blueprint, current_app, jsonify, request
from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from app.api import openapi
from app.api.openapi import json_body, operation, page_schema, parameter, response, schema
from app.businesses import datastandard, directory
from app.businesses.directory import InvalidParameter
from app.extensions import csrf, db, limiter
from app.main.errors import MESSAGES
from app.regions import kecamatan

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


def error_response(status: int, code: str, message, **extra):
    with force_locale(_language(strict=False)):
        body = {"code": code, "status": status, "message": str(message), **extra}
    return jsonify(error=body), status


@bp.errorhandler(InvalidParameter)
def invalid_parameter(error: InvalidParameter):
    return error_response(400, error.code, error.message, parameter=error.parameter)


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    codes = {404: "not_found", 405: "method_not_allowed", 429: "too_many_requests"}
    title, message = MESSAGES.get(error.code, MESSAGES[400])
    code = codes.get(error.code, "http_error")
    return error_response(error.code, code, message, title=str(title))


@bp.after_request
def open_to_all(answer):
    # Open data: any web page may read it.
    answer.headers.setdefault("Access-Control-Allow-Origin", "*")
    return answer


def int_param(name: str, default: int, minimum: int, maximum: int) -> int:
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
BUSINESS_PAGE = page_schema("BusinessPage", BUSINESS, "Businesses")
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
    page = int_param("page", 1, minimum=1, maximum=MAX_PAGE)
    per_page = int_param("per_page", DEFAULT_PER_PAGE, minimum=1, maximum=MAX_PER_PAGE)
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
        return error_response(404, "not_found", _l("There is no verified business with this id."))
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


# The product endpoints live in their own module and register on this blueprint.
from app.api import products  # noqa: E402, F401
