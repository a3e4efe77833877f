"""JSON API v1: pages, filters, clear 400s, and an OpenAPI document that lists every route."""

import json
import re

import pytest

from app.api import openapi
from app.businesses import datastandard as ds
from app.businesses.models import CertificateKind
from tests.factories import CertificateFactory, verified_business

PUBLIC_FIELDS = {
    "id",
    "name",
    "kecamatan",
    "legal_form",
    "main_activity",
    "main_product",
    "kbli",
    "started_year",
    "verified_since",
    "halal",
    "certificates",
    "url",
}


@pytest.fixture
def directory():
    """25 businesses in two kecamatan: 15 in Cibitung making food, 10 in Tambun making batik."""
    for n in range(15):
        verified_business(name=f"Roti Cibitung {n:02d}", kecamatan_code="32.16.07", kbli=["10710"])
    for n in range(10):
        verified_business(
            name=f"Batik Tambun {n:02d}",
            kecamatan_code="32.16.06",
            kbli=["13912", "47711"],
            main_product="Kain batik tulis",
        )


def test_pages_of_businesses(client, directory):
    answer = client.get("/api/v1/businesses?per_page=10&page=3")
    assert answer.status_code == 200
    assert answer.mimetype == "application/json"
    body = answer.json
    assert (body["total"], body["page"], body["per_page"]) == (25, 3, 10)
    assert [item["name"] for item in body["items"]] == [
        f"Roti Cibitung {n:02d}" for n in range(10, 15)
    ]
    assert client.get("/api/v1/businesses").json["per_page"] == 20
    assert client.get("/api/v1/businesses?page=9").json["items"] == []  # past the end: empty
    item = body["items"][0]
    assert set(item) == PUBLIC_FIELDS
    assert item["kecamatan"] == {"code": "32.16.07", "name": "Cibitung"}
    assert item["url"].endswith(f"/businesses/{item['id']}")
    assert answer.headers["Access-Control-Allow-Origin"] == "*"


def test_filters(client, directory):
    def names(query):
        return [item["name"] for item in client.get(f"/api/v1/businesses?{query}").json["items"]]

    assert len(names("kecamatan=32.16.06")) == 10
    assert names("kbli=139") == names("kbli=13912") == names("kecamatan=32.16.06")
    assert names("kbli=47711&q=batik+07") == ["Batik Tambun 07"]
    assert names("q=kain") == names("kecamatan=32.16.06")
    assert client.get("/api/v1/businesses?q=kain&per_page=5").json["total"] == 10


def test_one_business_with_its_certificates(client):
    business = verified_business(name="Keripik Tempe Bu Siti")
    CertificateFactory(organisation=business.organisation, number="ID3211000099")
    CertificateFactory(
        organisation=business.organisation,
        kind=CertificateKind.SPP_IRT,
        number="P-IRT 1",
        expires_on=None,
    )
    body = client.get(f"/api/v1/businesses/{business.id}").json
    assert set(body) == PUBLIC_FIELDS
    assert body["halal"] is True
    assert {c["kind"] for c in body["certificates"]} == {"halal", "spp_irt"}
    assert body["kbli"] == ["10794"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=99999999999999999999", "page"),
        ("per_page=1000", "per_page"),
        ("per_page=0", "per_page"),
        ("per_page=1.5", "per_page"),
        ("kecamatan=32.16.99", "kecamatan"),
        ("kecamatan=Cibitung", "kecamatan"),
        ("kbli=abc", "kbli"),
        ("kbli=123456", "kbli"),
        ("q=" + "x" * 101, "q"),
        ("lang=fr", "lang"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, query, parameter):
    answer = client.get(f"/api/v1/businesses?{query}")
    assert answer.status_code == 400
    error = answer.json["error"]
    assert error["code"] == "invalid_parameter"
    assert error["parameter"] == parameter
    assert error["message"]


def test_error_messages_follow_the_language(client):
    english = client.get("/api/v1/businesses?per_page=1000&lang=en").json["error"]["message"]
    assert english == "per_page must be between 1 and 100."
    header = client.get(
        "/api/v1/businesses?per_page=1000", headers={"Accept-Language": "en-US,en;q=0.9"}
    )
    assert header.json["error"]["message"] == english


def test_the_data_standard_in_the_requested_language(client):
    answer = client.get("/api/v1/data-standard?lang=en")
    assert answer.headers["Content-Language"] == "en"
    columns = answer.json["columns"]
    assert [c["name"] for c in columns] == list(ds.NAMES)
    by_name = {c["name"]: c for c in columns}
    assert by_name["nama_usaha"]["concept"] == "Business name"
    assert by_name["modal_usaha"]["unit"].startswith("Rupiah")
    assert {c["code"] for c in by_name["kode_kecamatan"]["codes"]} >= {"32.16.06", "32.16.23"}
    assert by_name["nik"]["personal"] is True
    for column in columns:
        assert {"concept", "definition", "classification", "measure", "unit"} <= set(column)
    assert client.get("/api/v1/data-standard").headers["Content-Language"] == "id"


def _api_routes(app) -> set[tuple[str, str]]:
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(openapi.PREFIX + "/"):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule[len(openapi.PREFIX) :])
            routes |= {(path, m.lower()) for m in rule.methods - {"HEAD", "OPTIONS"}}
    return routes


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_the_openapi_document_describes_every_api_route(client, app):
    answer = client.get("/api/v1/openapi.json")
    assert answer.status_code == 200
    document = json.loads(answer.get_data(as_text=True))
    assert document["openapi"] == "3.1.0"
    assert document["info"]["title"] and document["info"]["version"]
    assert document["servers"] == [{"url": openapi.PREFIX}]

    documented = {(path, method) for path, item in document["paths"].items() for method in item}
    assert documented == _api_routes(app)
    assert len(documented) >= 4

    operation_ids = []
    for path, item in document["paths"].items():
        for operation in item.values():
            assert operation["summary"], path
            assert "200" in operation["responses"], path
            operation_ids.append(operation["operationId"])
            names = [p.get("name") for p in operation["parameters"] if "name" in p]
            for argument in re.findall(r"{(\w+)}", path):
                assert argument in names, (path, argument)
    assert len(operation_ids) == len(set(operation_ids))

    for reference in set(_refs(document)):
        node = document
        for part in reference.removeprefix("#/").split("/"):
            node = node[part]  # a KeyError here is a dangling $ref
        assert isinstance(node, dict)
    parameters = document["components"]["parameters"]
    assert parameters["kecamatan"]["schema"]["enum"][0] == "32.16.01"


def test_an_undescribed_api_route_is_left_out_of_the_document(app):
    """The check above can fail: a route without @operation does not appear."""
    from flask import Flask

    bare = Flask(__name__)
    bare.add_url_rule(openapi.PREFIX + "/secret", "secret", lambda: "")
    described = openapi.operation("Described", responses={"200": {"description": "ok"}})(lambda: "")
    bare.add_url_rule(openapi.PREFIX + "/things/<int:thing_id>", "api.thing", described)
    paths = openapi.document(bare)["paths"]
    assert set(paths) == {"/things/{thing_id}"}
    (parameter,) = paths["/things/{thing_id}"]["get"]["parameters"]
    assert parameter == {
        "name": "thing_id",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 0},
    }


def test_the_api_is_rate_limited_with_a_json_answer(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "API_RATE_LIMIT", "2 per minute")
    assert client.get("/api/v1/data-standard").status_code == 200
    assert client.get("/api/v1/businesses").status_code == 200
    answer = client.get("/api/v1/businesses")
    assert answer.status_code == 429
    assert answer.json["error"]["code"] == "too_many_requests"
