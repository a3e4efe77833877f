"""The search contract (app.search.base), one suite for both backends.

Whoosh always runs; PostgreSQL runs when the test database is PostgreSQL
(TEST_DATABASE_URL=postgresql://...), as in CI.
"""

import time
from datetime import timedelta

import pytest

from app import search
from app.catalog.models import ProductStatus
from app.db import utcnow
from app.extensions import db
from app.search import get_backend
from app.search.base import SearchQuery
from app.search.queue import queue_change
from tests.search_helpers import category, names, product, seller


@pytest.fixture(params=["whoosh", "postgres"])
def backend(request, app):
    if request.param == "postgres" and db.engine.dialect.name != "postgresql":
        pytest.skip("the PostgreSQL backend needs TEST_DATABASE_URL=postgresql://...")
    original = app.config["SEARCH_BACKEND"]
    app.config["SEARCH_BACKEND"] = request.param
    app.extensions.pop("search_backend", None)
    chosen = get_backend()
    chosen.clear()  # the Whoosh index outlives the emptied tables of earlier tests
    db.session.commit()
    yield chosen
    app.config["SEARCH_BACKEND"] = original
    app.extensions.pop("search_backend", None)


@pytest.fixture
def shop(backend):
    """A small catalogue over two kecamatan and a two-level category tree."""
    food = category("Makanan")
    chips = category("Keripik", parent=food)
    fashion = category("Fesyen")
    siti = seller("Dapur Bu Siti", "32.16.06", halal=True)
    joko = seller("Konveksi Pak Joko", "32.16.07")
    items = {
        "singkong": product(
            siti, chips, "Keripik Singkong Pedas 250 g", price=15_000, age_days=5, apply=False
        ),
        "pisang": product(
            siti, chips, "Kripik Pisang Manis", price=12_000, age_days=3, apply=False
        ),
        "kemeja": product(
            joko, fashion, "Kemeja Batik Tulis", price=250_000, pdn=False, age_days=7, apply=False
        ),
        "sepatu": product(
            joko,
            fashion,
            "Sepatu Kulit Pria",
            description="Nyaman untuk bersepatu seharian",
            price=350_000,
            featured_days=10,
            age_days=20,
            apply=False,
        ),
    }
    search.sync()
    return {"food": food, "chips": chips, "fashion": fashion, "siti": siti, "joko": joko, **items}


def test_finds_by_name_and_removes(backend, shop):
    assert names(backend.search(SearchQuery(text="singkong"))) == ["Keripik Singkong Pedas 250 g"]
    backend.remove([shop["singkong"].id])
    db.session.commit()
    assert backend.search(SearchQuery(text="singkong")).total == 0
    backend.clear()
    db.session.commit()
    assert backend.search(SearchQuery()).total == 0


def test_only_published_products_of_verified_active_businesses(backend, shop):
    chips = shop["chips"]
    product(shop["siti"], chips, "Keripik Tempe Draft", status=ProductStatus.DRAFT)
    product(seller("Belum Diverifikasi", verified=False), chips, "Keripik Tempe Unverified")
    product(seller("Sudah Tutup", deactivated=True), chips, "Keripik Tempe Deactivated")
    assert backend.search(SearchQuery(text="tempe")).total == 0
    assert backend.search(SearchQuery()).total == 4


def test_indonesian_stemming_and_protected_words(backend, shop):
    product(shop["joko"], shop["fashion"], "Meja Kayu Jati")
    assert names(backend.search(SearchQuery(text="bersepatu"))) == ["Sepatu Kulit Pria"]
    assert names(backend.search(SearchQuery(text="kemeja"))) == ["Kemeja Batik Tulis"]
    assert names(backend.search(SearchQuery(text="meja"))) == ["Meja Kayu Jati"]


def test_half_word_and_spelling_variant(backend, shop):
    # "Keripik" and "Kripik" are one word; "kri" completes both.
    expected = {"Keripik Singkong Pedas 250 g", "Kripik Pisang Manis"}
    assert set(names(backend.search(SearchQuery(text="kri")))) == expected
    assert set(names(backend.search(SearchQuery(text="kripik")))) == expected
    assert set(names(backend.search(SearchQuery(text="keripik")))) == expected
    assert names(backend.search(SearchQuery(text="keripik sing"))) == [
        "Keripik Singkong Pedas 250 g"
    ]


def test_a_typo_is_tolerated_and_flagged(backend, shop):
    exact = backend.search(SearchQuery(text="keripik pedas"))
    assert not exact.approximate
    typo = backend.search(SearchQuery(text="kripik pedes"))
    assert names(typo)[:1] == ["Keripik Singkong Pedas 250 g"]
    assert typo.approximate
    # Every word must still match: a word found nowhere and like nothing finds nothing.
    assert backend.search(SearchQuery(text="keripik xylofon")).total == 0


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"kecamatan": "32.16.07"}, {"kemeja", "sepatu"}),
        ({"min_price": 12_000, "max_price": 15_000}, {"singkong", "pisang"}),  # inclusive
        ({"min_price": 15_001}, {"kemeja", "sepatu"}),
        ({"max_price": 11_999}, set()),
        ({"halal": True}, {"singkong", "pisang"}),
        ({"halal": False}, {"kemeja", "sepatu"}),
        ({"featured": True}, {"sepatu"}),
        ({"featured": False}, {"singkong", "pisang", "kemeja"}),
        ({"pdn": False}, {"kemeja"}),
        ({"text": "kri", "pdn": True, "kecamatan": "32.16.06"}, {"singkong", "pisang"}),
    ],
)
def test_filters(backend, shop, filters, expected):
    result = backend.search(SearchQuery(**filters))
    assert set(result.ids) == {shop[key].id for key in expected}
    assert result.total == len(expected)


def test_category_filter_includes_descendants_and_seller_filter(backend, shop):
    food = backend.search(SearchQuery(category_id=shop["food"].id))
    assert set(food.ids) == {shop["singkong"].id, shop["pisang"].id}
    chips = backend.search(SearchQuery(category_id=shop["chips"].id, text="manis"))
    assert chips.ids == [shop["pisang"].id]
    joko = backend.search(SearchQuery(seller_id=shop["joko"].id))
    assert set(joko.ids) == {shop["kemeja"].id, shop["sepatu"].id}


def test_facets_count_the_whole_result_not_the_page(backend, shop):
    result = backend.search(SearchQuery(per_page=1))
    assert len(result.ids) == 1
    assert result.total == 4
    assert result.facets == {
        "category": {shop["food"].id: 2, shop["fashion"].id: 2},
        "kecamatan": {"32.16.06": 2, "32.16.07": 2},
        "halal": {True: 2, False: 2},
        "featured": {True: 1, False: 3},
        "pdn": {True: 3, False: 1},
    }
    narrowed = backend.search(SearchQuery(text="kri"))
    assert narrowed.facets["kecamatan"] == {"32.16.06": 2}
    assert narrowed.facets["featured"] == {False: 2}


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("price_asc", ["pisang", "singkong", "kemeja", "sepatu"]),
        ("price_desc", ["sepatu", "kemeja", "singkong", "pisang"]),
        ("newest", ["pisang", "singkong", "kemeja", "sepatu"]),
        # No words: featured first, then the newest.
        ("relevance", ["sepatu", "pisang", "singkong", "kemeja"]),
    ],
)
def test_sorts(backend, shop, sort, order):
    assert backend.search(SearchQuery(sort=sort)).ids == [shop[key].id for key in order]


def test_pages_are_disjoint_and_complete(backend, shop):
    pages = [backend.search(SearchQuery(sort="price_asc", per_page=3, page=n)) for n in (1, 2, 3)]
    assert [len(p.ids) for p in pages] == [3, 1, 0]
    assert {p.total for p in pages} == {4}
    assert set(pages[0].ids + pages[1].ids) == {
        shop[k].id for k in ("singkong", "pisang", "kemeja", "sepatu")
    }


def test_relevance_name_above_description_featured_first_on_ties(backend, shop):
    joko, fashion = shop["joko"], shop["fashion"]
    in_text = product(joko, fashion, "Tas Kanvas", description="Tas serut motif batik", age_days=1)
    plain = product(joko, fashion, "Kain Batik Cap", age_days=2)
    featured = product(joko, fashion, "Kain Batik Tulis", featured_days=5, age_days=30)
    ids = backend.search(SearchQuery(text="batik")).ids
    # Names first (the featured one first among equals), the description match last.
    assert ids[0] == featured.id
    assert set(ids[1:3]) == {plain.id, shop["kemeja"].id}
    assert ids[-1] == in_text.id


def test_changes_replace_the_document(backend, shop):
    item = shop["pisang"]
    item.name = "Keripik Tempe Sagu"
    item.price = 20_000
    queue_change(item.id)
    db.session.commit()
    search.sync()
    assert backend.search(SearchQuery(text="pisang")).total == 0
    assert backend.search(SearchQuery(text="tempe", min_price=20_000)).ids == [item.id]
    item.status = ProductStatus.ARCHIVED
    queue_change(item.id)
    db.session.commit()
    search.sync()
    assert backend.search(SearchQuery(text="tempe")).total == 0


def test_suggestions(backend, shop):
    product(shop["siti"], shop["chips"], "Keripik Singkong Pedas 250 g")  # a second seller's twin
    suggestions = backend.suggest("kri")
    assert sorted(suggestions) == ["Keripik Singkong Pedas 250 g", "Kripik Pisang Manis"]
    assert backend.suggest("kri", limit=1) in (
        ["Keripik Singkong Pedas 250 g"],
        ["Kripik Pisang Manis"],
    )
    assert backend.suggest("ke") == []  # suggestions start at three letters
    # "di" is a stop word, but while typing it is on its way to "dinas".
    product(shop["joko"], shop["fashion"], "Seragam Dinas Harian")
    assert backend.suggest("seragam di") == ["Seragam Dinas Harian"]
    assert backend.suggest("sepatu kul") == ["Sepatu Kulit Pria"]
    assert backend.suggest("sepatuu") == ["Sepatu Kulit Pria"]  # a typo
    assert backend.suggest("zzzz") == []


def test_halal_follows_certificate_validity(backend, app, shop, monkeypatch):
    chips = shop["chips"]
    yesterday = utcnow().date() - timedelta(days=1)
    expired = seller("Halal Kedaluwarsa", halal=True, halal_expires=yesterday)
    today_ok = seller("Halal Sampai Hari Ini", halal=True, halal_expires=utcnow().date())
    product(expired, chips, "Keripik Bayam Expired")
    product(today_ok, chips, "Keripik Bayam Today")
    halal = names(backend.search(SearchQuery(text="bayam", halal=True)))
    assert halal == ["Keripik Bayam Today"]  # the expiry day still counts

    # With a configured validity, a certificate without an end lapses after that many years.
    monkeypatch.setitem(app.config, "HALAL_VALIDITY_YEARS", 1)
    search.reindex()
    assert backend.search(SearchQuery(text="singkong", halal=True)).total == 0


def test_whoosh_lets_featured_and_halal_lapse_without_reindex(app, monkeypatch):
    """The Whoosh index stores when featured/halal end, not just whether they hold."""
    monkeypatch.setitem(app.config, "SEARCH_BACKEND", "whoosh")
    app.extensions.pop("search_backend", None)
    backend = get_backend()
    backend.clear()
    siti = seller(halal=True, halal_expires=utcnow().date())
    product(siti, category("Makanan"), "Keripik Singkong", featured_days=1)
    assert backend.search(SearchQuery(featured=True, halal=True)).total == 1
    later = time.time() + 3 * 86_400
    monkeypatch.setattr("app.search.whoosh_backend.time.time", lambda: later)
    result = backend.search(SearchQuery())
    assert result.facets["featured"] == {False: 1}
    assert result.facets["halal"] == {False: 1}
