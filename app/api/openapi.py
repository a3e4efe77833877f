"""The OpenAPI 3.1 document of the JSON API, built from the views' own descriptions.

To add an endpoint: decorate its view with `@operation(...)` (summary, parameters, responses),
register the shapes it answers with `schema()`, and it appears in /api/v1/openapi.json. A route
under /api/v1 without a description is left out, and tests/test_api.py fails until it has one.
"""

import re
from collections.abc import Callable

PREFIX = "/api/v1"
OPENAPI_VERSION = "3.1.0"

SCHEMAS: dict[str, dict] = {}
PARAMETERS: dict[str, dict] = {}
RESPONSES: dict[str, dict] = {}

_RULE_ARGUMENT = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
_CONVERTER_SCHEMAS = {"int": {"type": "integer", "minimum": 0}, "float": {"type": "number"}}


def ref(kind: str, name: str) -> dict:
    return {"$ref": f"#/components/{kind}/{name}"}


def schema(name: str, definition: dict) -> dict:
    """Register a named schema (components.schemas); returns a reference to it."""
    SCHEMAS[name] = definition
    return ref("schemas", name)


def page_schema(name: str, item: dict, what: str) -> dict:
    """A page of results, as every list endpoint answers: items, total, page, per_page."""
    return schema(
        name,
        {
            "type": "object",
            "required": ["items", "total", "page", "per_page"],
            "properties": {
                "items": {"type": "array", "items": item},
                "total": {"type": "integer", "description": f"{what} matching the filters."},
                "page": {"type": "integer"},
                "per_page": {"type": "integer"},
            },
        },
    )


def parameter(
    name: str,
    description: str,
    definition: dict,
    *,
    location: str = "query",
    required: bool = False,
) -> dict:
    """Register a reusable parameter (components.parameters); returns a reference to it."""
    PARAMETERS[name] = {
        "name": name,
        "in": location,
        "description": description,
        "required": required,
        "schema": definition,
    }
    return ref("parameters", name)


def response(name: str, description: str, body: dict) -> dict:
    """Register a reusable response (components.responses); returns a reference to it."""
    RESPONSES[name] = {
        "description": description,
        "content": {"application/json": {"schema": body}},
    }
    return ref("responses", name)


def json_body(description: str, body: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": body}}}


def operation(
    summary: str,
    *,
    description: str = "",
    tags: tuple[str, ...] = (),
    parameters: tuple[dict, ...] = (),
    responses: dict[str, dict],
) -> Callable:
    """Describe a view for the OpenAPI document."""

    def decorate(view):
        view.openapi = {
            "summary": summary,
            "description": description,
            "tags": list(tags),
            "parameters": list(parameters),
            "responses": responses,
        }
        return view

    return decorate


def _path_and_parameters(rule: str) -> tuple[str, list[dict]]:
    parameters = []

    def replace(match: re.Match) -> str:
        name = match.group("name")
        parameters.append(
            {
                "name": name,
                "in": "path",
                "required": True,
                "schema": dict(
                    _CONVERTER_SCHEMAS.get(match.group("converter") or "", {"type": "string"})
                ),
            }
        )
        return "{" + name + "}"

    return _RULE_ARGUMENT.sub(replace, rule), parameters


def document(app, *, server_url: str = PREFIX) -> dict:
    """The whole document, from the described views among the app's /api/v1 routes."""
    paths: dict[str, dict] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith(PREFIX + "/"):
            continue
        spec = getattr(app.view_functions[rule.endpoint], "openapi", None)
        if spec is None:
            continue
        path, path_parameters = _path_and_parameters(rule.rule[len(PREFIX) :])
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            entry = {
                "operationId": rule.endpoint.removeprefix("api.").replace(".", "_"),
                "summary": spec["summary"],
                "tags": spec["tags"],
                "parameters": path_parameters + spec["parameters"],
                "responses": spec["responses"],
            }
            if spec["description"]:
                entry["description"] = spec["description"]
            paths.setdefault(path, {})[method.lower()] = entry
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Toko Daring Kabupaten Bekasi API",
            "version": "1.0.0",
            "summary": "Open data of the micro-businesses of Kabupaten Bekasi.",
            "description": (
                "Public, read-only data of the micro-businesses verified by the Dinas Koperasi "
                "dan UKM of Kabupaten Bekasi (Peraturan Bupati Bekasi No. 5 Tahun 2024, Pasal "
                "17(3)), their published products (the aggregator of Pasal 19(4)(e)), and the "
                "data standard of the micro-business database (Pasal 14(4)). "
                "No personal data is published. Texts follow the `lang` parameter or the "
                "Accept-Language header (id or en)."
            ),
            "license": {"name": "CC BY 4.0", "identifier": "CC-BY-4.0"},
        },
        "servers": [{"url": server_url}],
        "tags": [
            {"name": "businesses", "description": "Verified micro-businesses."},
            {"name": "products", "description": "Published products and their categories."},
            {"name": "feeds", "description": "Every published product, for other aggregators."},
            {"name": "data standard", "description": "The data standard (Pasal 14(4))."},
            {"name": "meta", "description": "This document."},
        ],
        "paths": paths,
        "components": {
            "schemas": dict(sorted(SCHEMAS.items())),
            "parameters": dict(sorted(PARAMETERS.items())),
            "responses": dict(sorted(RESPONSES.items())),
        },
    }
