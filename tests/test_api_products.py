"""JSON API v1 for products: the item shape, filters, clear 400s, categories, feeds, OpenAPI."""

import csv
import io

import pytest

from app.catalog.models import ProductStatus
from app.storefront import records
from tests.storefront_helpers import categories, product, reindex, seller

ITEM_FIELDS = {
    "id",
    "name",
    "price",
    "currency",
    "unit",
    "min_order",
    "stock",
    "lead_time_days",
    "category",
    "seller",
    "halal",
    "featured",
    "pdn",
    "url",
    "image_url",
    "published_at",
    "updated_at",
}
DETAIL_FIELDS = ITEM_FIELDS | {
    "description",
    "weight_grams",
    "featured_until",
    "photos",
    "links",
    "certificates",
}


@pytest.fixture
def shop():
    categories()
    ujang = seller("Keripik Mang Ujang", "32.16.06", halal="valid")
    yuli = seller("Konveksi Yuli", "32.16.09")
    items = {
        "singkong": product(
            ujang,
            "Keripik Singkong Pedas Daun Jeruk 250 g",
            18_000,
            featured=True,
            halal=True,
            days_ago=2,
            links=("https://shopee.co.id/mangujang/123",),
        ),
        "tempe": product(yuli, "Kripik Tempe Original", 15_000, days_ago=3),
        "seragam": product(
            yuli,
            "Seragam PDH Dinas Lengan Panjang",
            225_000,
            "seragam-dinas",
            unit="stel",
            days_ago=1,
        ),
        "tinta": product(yuli, "Tinta Isi Ulang Printer Hitam", 30_000, "tinta-toner", pdn=False),
        "draft": product(yuli, "Produk Draf", 1_000, status=ProductStatus.DRAFT),
    }
    reindex()
    return {"ujang": ujang, "yuli": yuli, **items}


def _names(client, query: str) -> list[str]:
    answer = client.get(f"/api/v1/products?{query}")
    assert answer.status_code == 200, answer.json
    return [item["name"] for item in answer.json["items"]]


def test_the_shape_of_a_page_of_products(client, shop):
    answer = client.get("/api/v1/products?q=keripik+singkong&lang=en")
    assert answer.status_code == 200
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    body = answer.json
    assert set(body) == {"items", "total", "page", "per_page"}
    assert (body["total"], body["page"], body["per_page"]) == (1, 1, 20)
    (item,) = body["items"]
    assert set(item) == ITEM_FIELDS
    assert item["id"] == shop["singkong"].id
    assert item["name"] == "Keripik Singkong Pedas Daun Jeruk 250 g"
    assert (item["price"], item["currency"], item["unit"]) == (18_000, "IDR", "bungkus")
    assert item["category"] == {
        "id": shop["singkong"].category_id,
        "slug": "keripik",
        "name": "Chips and Crisps",
        "path": ["Food and Drink", "Snacks", "Chips and Crisps"],
    }
    assert item["seller"] == {
        "id": shop["ujang"].id,
        "name": "Keripik Mang Ujang",
        "kecamatan": {"code": "32.16.06", "name": "Tambun Selatan"},
        "url": f"http://localhost/sellers/{shop['ujang'].id}",
    }
    assert (item["halal"], item["featured"], item["pdn"]) == (True, True, True)
    assert item["url"] == f"http://localhost/products/{shop['singkong'].id}"
    assert item["image_url"] is None  # no photo yet
    assert client.get("/api/v1/products?q=keripik").json["items"][0]["category"]["name"] == (
        "Keripik"
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=makanan-minuman&sort=price_asc", ["tempe", "singkong"]),
        ("category=fesyen-seragam", ["seragam"]),
        ("kecamatan=32.16.09&sort=price_desc", ["seragam", "tinta", "tempe"]),
        ("min_price=16000&max_price=50000&sort=price_asc", ["singkong", "tinta"]),
        ("halal=true", ["singkong"]),
        ("halal=false&sort=price_asc", ["tempe", "tinta", "seragam"]),
        ("featured=true", ["singkong"]),
        ("pdn=false", ["tinta"]),
        ("sort=newest", ["tinta", "seragam", "singkong", "tempe"]),
        ("q=seragam+dinas", ["seragam"]),
    ],
)
def test_filters_and_sort(client, shop, query, expected):
    assert _names(client, query) == [shop[key].name for key in expected]


def test_pages(client, shop):
    first = client.get("/api/v1/products?sort=price_asc&per_page=3").json
    second = client.get("/api/v1/products?sort=price_asc&per_page=3&page=2").json
    assert first["total"] == second["total"] == 4
    assert [i["name"] for i in first["items"] + second["items"]] == [
        shop[key].name for key in ("tempe", "singkong", "tinta", "seragam")
    ]
    assert client.get("/api/v1/products?page=9").json["items"] == []
    assert client.get("/api/v1/products?per_page=100").json["per_page"] == 100


def test_one_product_in_detail(client, shop):
    body = client.get(f"/api/v1/products/{shop['singkong'].id}").json
    assert set(body) == DETAIL_FIELDS
    assert body["links"] == [{"marketplace": "shopee", "url": "https://shopee.co.id/mangujang/123"}]
    assert [c["kind"] for c in body["certificates"]] == ["halal"]
    assert body["certificates"][0]["state"] == "valid"
    assert body["photos"] == []
    assert body["featured_until"]
    for hidden in (shop["draft"].id, 999_999):
        answer = client.get(f"/api/v1/products/{hidden}")
        assert answer.status_code == 404
        assert answer.json["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("category=tidak-ada", "category"),
        ("kecamatan=32.16.99", "kecamatan"),
        ("min_price=abc", "min_price"),
        ("min_price=-5", "min_price"),
        ("max_price=1.5", "max_price"),
        ("max_price=15.000", "max_price"),  # the API takes plain numbers only
        ("min_price=50000&max_price=10000", "min_price"),
        ("sort=cheapest", "sort"),
        ("halal=yes", "halal"),
        ("halal=1", "halal"),
        ("featured=maybe", "featured"),
        ("pdn=", None),  # empty: no filter
        ("per_page=101", "per_page"),
        ("per_page=0", "per_page"),
        ("page=0", "page"),
        ("page=abc", "page"),
        ("q=" + "x" * 101, "q"),
        ("lang=fr", "lang"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, shop, query, parameter):
    answer = client.get(f"/api/v1/products?{query}")
    if parameter is None:
        assert answer.status_code == 200
        return
    assert answer.status_code == 400, answer.json
    error = answer.json["error"]
    assert (error["code"], error["parameter"]) == ("invalid_parameter", parameter)
    assert error["message"]


def test_error_messages_follow_the_language(client, shop):
    answer = client.get("/api/v1/products?min_price=9&max_price=1&lang=en")
    assert answer.json["error"]["message"] == "The lowest price is more than the highest price."


def test_the_category_tree_with_counts(client, shop):
    body = client.get("/api/v1/categories?lang=en").json
    by_slug = {node["slug"]: node for node in body["items"]}
    assert next(iter(by_slug)) == "makanan-minuman"
    food = by_slug["makanan-minuman"]
    assert (food["name"], food["product_count"]) == ("Food and Drink", 2)
    snacks = next(c for c in food["children"] if c["slug"] == "makanan-ringan")
    keripik = next(c for c in snacks["children"] if c["slug"] == "keripik")
    assert (snacks["product_count"], keripik["product_count"], keripik["children"]) == (2, 2, [])
    assert by_slug["fesyen-seragam"]["product_count"] == 1
    assert by_slug["jasa"]["product_count"] == 0
    assert food["url"] == "http://localhost/search?category=makanan-minuman"


def test_the_csv_feed(client, shop):
    answer = client.get("/api/v1/feed/products.csv")
    assert answer.status_code == 200
    assert answer.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))
    assert [r["name"] for r in rows] == [
        shop[key].name for key in ("singkong", "tempe", "seragam", "tinta")
    ]
    first = rows[0]
    assert first["price"] == "18000"
    assert (first["halal"], first["featured"], first["pdn"]) == ("true", "true", "true")
    assert first["category_path"] == "Makanan dan Minuman > Makanan Ringan > Keripik"
    assert first["kecamatan_name"] == "Tambun Selatan"
    assert first["url"] == f"http://localhost/products/{shop['singkong'].id}"
    assert first["image_url"] == ""
    assert "Link" not in answer.headers


def test_the_json_feed_pages_and_updated_since(client, shop):
    body = client.get("/api/v1/feed/products.json").json
    assert [row["name"] for row in body["items"]] == [
        shop[key].name for key in ("singkong", "tempe", "seragam", "tinta")
    ]
    assert set(body["items"][0]) == set(records.FEED_COLUMNS)
    assert body["items"][0]["seller_id"] == shop["ujang"].id
    assert body["generated_at"] and body["next"] is None

    first = client.get("/api/v1/feed/products.json?limit=3").json
    assert len(first["items"]) == 3
    assert (
        first["next"]
        == f"http://localhost/api/v1/feed/products.json?after={shop['seragam'].id}&limit=3"
    )
    second = client.get(first["next"].removeprefix("http://localhost")).json
    assert [row["name"] for row in second["items"]] == [shop["tinta"].name]
    assert second["next"] is None

    csv_page = client.get("/api/v1/feed/products.csv?limit=2&updated_since=2000-01-01T00:00Z")
    assert len(csv_page.get_data(as_text=True).strip().splitlines()) == 3
    assert csv_page.headers["Link"] == (
        f"<http://localhost/api/v1/feed/products.csv?after={shop['tempe'].id}&limit=2"
        '&updated_since=2000-01-01T00:00Z>; rel="next"'
    )
    future = client.get("/api/v1/feed/products.json?updated_since=2999-01-01").json
    assert future["items"] == [] and future["next"] is None


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("updated_since=kemarin", "updated_since"),
        ("limit=0", "limit"),
        ("limit=10001", "limit"),
        ("after=-1", "after"),
    ],
)
def test_bad_feed_parameters_are_400(client, query, parameter):
    for feed in ("products.csv", "products.json"):
        answer = client.get(f"/api/v1/feed/{feed}?{query}")
        assert answer.status_code == 400
        assert answer.json["error"]["parameter"] == parameter


def test_the_openapi_document_lists_the_product_paths(client):
    document = client.get("/api/v1/openapi.json").json
    for path in (
        "/products",
        "/products/{product_id}",
        "/categories",
        "/feed/products.csv",
        "/feed/products.json",
    ):
        assert "get" in document["paths"][path], path
    names = {
        p.get("name") or p["$ref"].rsplit("/", 1)[-1]
        for p in document["paths"]["/products"]["get"]["parameters"]
    }
    assert names >= {
        "q",
        "category",
        "kecamatan",
        "min_price",
        "max_price",
        "halal",
        "featured",
        "sort",
        "page",
        "per_page",
    }
    product_schema = document["components"]["schemas"]["Product"]
    assert set(product_schema["required"]) >= {
        "id",
        "name",
        "price",
        "unit",
        "category",
        "seller",
        "halal",
        "featured",
        "url",
        "image_url",
    }
