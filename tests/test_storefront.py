"""The public storefront: home, search with facets and sort, product and seller pages."""

import html
import re

import pytest

from app.catalog.models import ProductStatus
from tests.catalog_helpers import add_photo
from tests.storefront_helpers import categories, product, reindex, seller

HALAL_BADGE = '<i class="bi bi-patch-check"'


@pytest.fixture
def shop():
    """Three sellers in three kecamatan; one valid and one expired halal certificate."""
    categories()
    ujang = seller("Keripik Mang Ujang", "32.16.06", halal="valid")  # Tambun Selatan
    siti = seller("Kripik Bu Siti", "32.16.07", halal="expired")  # Cibitung
    yuli = seller("Konveksi Yuli", "32.16.09")  # Cikarang Barat
    items = {
        "singkong": product(
            ujang,
            "Keripik Singkong Pedas Daun Jeruk 250 g",
            18_000,
            featured=True,
            halal=True,
            days_ago=3,
            description="Singkong pilihan diiris tipis. Pedas daun jeruk yang segar.",
            links=("https://www.tokopedia.com/mangujang/keripik-singkong",),
        ),
        "tempe": product(ujang, "Kripik Tempe Original", 15_000, halal=True, days_ago=5),
        "balado": product(siti, "Kripik Pedas Balado 200 g", 12_500, halal=True, days_ago=1),
        "seragam": product(
            yuli,
            "Seragam PDH Dinas Lengan Panjang",
            225_000,
            "seragam-dinas",
            days_ago=2,
            unit="stel",
        ),
        "tinta": product(
            yuli,
            "Tinta Isi Ulang Printer Hitam 100 ml",
            30_000,
            "tinta-toner",
            pdn=False,
            days_ago=4,
            unit="botol",
        ),
        "draft": product(
            yuli, "Sarung Rahasia Belum Terbit", 99_000, "pakaian", status=ProductStatus.DRAFT
        ),
    }
    reindex()
    return {"sellers": {"ujang": ujang, "siti": siti, "yuli": yuli}, **items}


def _names(client, query: str = "") -> list[str]:
    response = client.get(f"/search{query}")
    assert response.status_code == 200
    return [
        html.unescape(name)
        for name in re.findall(
            r'class="stretched-link[^"]*" href="/products/\d+">([^<]+)</a>',
            response.get_data(as_text=True),
        )
    ]


def test_home_lists_featured_products_categories_and_kecamatan(client, shop):
    body = client.get("/").get_data(as_text=True)
    featured = body.split('id="featured-heading"')[1].split('id="categories-heading"')[0]
    assert "Keripik Singkong Pedas Daun Jeruk 250 g" in featured
    assert "Kripik Tempe Original" not in featured  # not featured
    assert "Rp 18.000" in featured
    categories_part = body.split('id="categories-heading"')[1].split('id="kecamatan-heading"')[0]
    assert re.search(
        r'href="/search\?category=makanan-minuman">\s*<span>Makanan dan Minuman</span>'
        r'<span class="badge[^"]*">3</span>',
        categories_part,
    )
    assert re.search(r"Fesyen dan Seragam</span><span[^>]*>1</span>", categories_part)
    kecamatan_part = body.split('id="kecamatan-heading"')[1]
    assert re.search(
        r'href="/search\?kecamatan=32.16.06">Tambun Selatan <span[^>]*>2', kecamatan_part
    )
    assert "Cibitung" in kecamatan_part
    assert 'hx-get="/search/suggest"' in body
    assert "Daftarkan usaha mikro Anda" in body  # the registration call stays


def test_home_without_featured_products_says_so(client):
    categories()
    reindex()
    body = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'href="/search?featured=true"' not in body
    assert 'href="/search"' in body  # "browse all products" instead


def test_search_by_text(client, shop):
    names = _names(client, "?q=kripik+pedas")
    assert "Kripik Pedas Balado 200 g" in names
    assert "Seragam PDH Dinas Lengan Panjang" not in names
    assert _names(client, "?q=seragam") == ["Seragam PDH Dinas Lengan Panjang"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?category=makanan-minuman", {"singkong", "tempe", "balado"}),
        ("?category=seragam-dinas", {"seragam"}),
        ("?kecamatan=32.16.07", {"balado"}),
        ("?min_price=15000&max_price=20000", {"singkong", "tempe"}),
        ("?min_price=Rp+15.000&max_price=20.000", {"singkong", "tempe"}),  # as people write it
        ("?max_price=15000", {"tempe", "balado"}),
        ("?halal=true", {"singkong", "tempe"}),  # the expired certificate does not count
        ("?featured=true", {"singkong"}),
        ("?pdn=true", {"singkong", "tempe", "balado", "seragam"}),
        ("?kecamatan=32.16.06&q=tempe", {"tempe"}),
        ("", {"singkong", "tempe", "balado", "seragam", "tinta"}),  # never the draft
    ],
)
def test_search_facets(client, shop, query, expected):
    assert set(_names(client, query)) == {shop[key].name for key in expected}


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("price_asc", ["balado", "tempe", "singkong", "tinta", "seragam"]),
        ("price_desc", ["seragam", "tinta", "singkong", "tempe", "balado"]),
        ("newest", ["balado", "seragam", "singkong", "tinta", "tempe"]),
    ],
)
def test_search_sorts(client, shop, sort, order):
    assert _names(client, f"?sort={sort}") == [shop[key].name for key in order]


def test_facet_counts_and_links_keep_the_other_filters(client, shop):
    body = client.get("/search?q=kripik&kecamatan=32.16.07").get_data(as_text=True)
    # The kecamatan list still offers the others, counted without the kecamatan filter.
    assert re.search(r'<option value="32.16.06">Tambun Selatan \(\d+\)</option>', body)
    assert '<option value="32.16.07" selected>Cibitung (1)</option>' in body
    assert 'href="/search?q=kripik&amp;kecamatan=32.16.07&amp;category=makanan-minuman"' in body


def test_pagination_keeps_the_filters(client):
    categories()
    maker = seller("Keripik Mang Ujang", "32.16.06")
    other = seller("Keripik Lain", "32.16.07")
    for n in range(30):
        product(maker, f"Keripik Balado {n:02d}", 10_000 + n * 100, days_ago=n)
    product(other, "Keripik Balado Cibitung", 11_000)
    reindex()
    body = client.get("/search?q=keripik&kecamatan=32.16.06&sort=price_asc").get_data(as_text=True)
    assert "/search?q=keripik&amp;kecamatan=32.16.06&amp;sort=price_asc&amp;page=2" in body
    second = _names(client, "?q=keripik&kecamatan=32.16.06&sort=price_asc&page=2")
    assert second == [f"Keripik Balado {n:02d}" for n in range(24, 30)]


def test_empty_result_offers_broader_searches(client, shop):
    body = client.get(
        "/search?q=seragam&kecamatan=32.16.06&min_price=1&max_price=2",
        headers={"Accept-Language": "en"},
    ).get_data(as_text=True)
    assert "stretched-link" not in body
    assert 'href="/search?q=seragam&amp;min_price=1&amp;max_price=2"' in body  # any kecamatan
    assert 'href="/search?q=seragam&amp;kecamatan=32.16.06"' in body  # any price


@pytest.mark.parametrize(
    "query",
    [
        "?category=tidak-ada",
        "?kecamatan=99.99.99",
        "?halal=ya",
        "?sort=murah",
        "?min_price=abc",
        "?min_price=5000&max_price=100",
        "?page=abc",
        "?q=" + "x" * 101,
    ],
)
def test_bad_filters_are_left_out_with_a_message(client, shop, query):
    response = client.get("/search" + query)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    if "page" not in query:
        assert 'class="alert alert-warning"' in body
    assert "Kripik Tempe Original" in body


def test_product_page(client, shop):
    item = shop["singkong"]
    body = client.get(f"/products/{item.id}").get_data(as_text=True)
    assert '<h1 class="h3 mb-2">Keripik Singkong Pedas Daun Jeruk 250 g</h1>' in body
    assert "Rp 18.000" in body
    assert f'href="/sellers/{shop["sellers"]["ujang"].id}">Keripik Mang Ujang</a>' in body
    assert "Tambun Selatan" in body
    assert HALAL_BADGE in body
    assert 'href="/search?category=keripik"' in body  # the category breadcrumb
    assert (
        '<a href="https://www.tokopedia.com/mangujang/keripik-singkong" rel="nofollow noopener"'
        in body
    )
    assert 'data-share-url="http://localhost/products/' in body


def test_halal_badge_only_with_a_valid_certificate(client, shop):
    expired = client.get(f"/products/{shop['balado'].id}").get_data(as_text=True)
    assert HALAL_BADGE not in expired
    assert "text-bg-danger" in expired  # the certificate is listed, as expired
    without = client.get(f"/products/{shop['seragam'].id}").get_data(as_text=True)
    assert HALAL_BADGE not in without
    assert HALAL_BADGE not in client.get("/search?q=balado").get_data(as_text=True)
    assert HALAL_BADGE in client.get("/search?q=tempe").get_data(as_text=True)


def test_product_page_has_open_graph_and_canonical(client, shop):
    item = shop["singkong"]
    body = client.get(f"/products/{item.id}").get_data(as_text=True)
    url = f"http://localhost/products/{item.id}"
    assert f'<link rel="canonical" href="{url}">' in body
    assert f'<meta property="og:url" content="{url}">' in body
    assert '<meta property="og:type" content="product">' in body
    assert '<meta property="og:title" content="Keripik Singkong Pedas Daun Jeruk 250 g">' in body
    assert re.search(
        r'<meta property="og:image" content="http://localhost/static/img/[^"]+">', body
    )
    assert '<meta property="product:price:amount" content="18000">' in body
    assert '<meta name="twitter:card" content="summary">' in body
    assert (
        '<meta name="description" content="Singkong pilihan diiris tipis. Pedas daun jeruk '
        'yang segar.">' in body
    )
    assert "<title>Keripik Singkong Pedas Daun Jeruk 250 g — Keripik Mang Ujang" in body


def test_unpublished_or_unverified_products_are_404(client, shop):
    hidden = seller("Usaha Belum Terverifikasi", verified=False)
    unverified = product(hidden, "Keripik Belum Boleh", 10_000)
    for product_id in (shop["draft"].id, unverified.id, 999_999):
        assert client.get(f"/products/{product_id}").status_code == 404
    for status in (ProductStatus.AWAITING_REVIEW, ProductStatus.ARCHIVED, ProductStatus.REJECTED):
        item = product(shop["sellers"]["yuli"], f"Produk {status}", 5_000, status=status)
        assert client.get(f"/products/{item.id}").status_code == 404


def test_suggestions_as_you_type(client, shop):
    body = client.get("/search/suggest?q=kri").get_data(as_text=True)
    names = [html.unescape(n) for n in re.findall(r'role="option"[^>]*>.*?</i>([^<]+)</a>', body)]
    assert "Kripik Tempe Original" in names
    assert "Kripik Pedas Balado 200 g" in names
    assert "Seragam PDH Dinas Lengan Panjang" not in names
    assert 'href="/search?q=Kripik+Tempe+Original"' in body
    assert client.get("/search/suggest?q=k").get_data(as_text=True).strip() == ""
    assert client.get("/search/suggest").status_code == 200


def test_seller_page_lists_its_published_products(client, shop):
    yuli = shop["sellers"]["yuli"]
    body = client.get(f"/sellers/{yuli.id}").get_data(as_text=True)
    assert "Seragam PDH Dinas Lengan Panjang" in body
    assert "Tinta Isi Ulang Printer Hitam 100 ml" in body
    assert "Sarung Rahasia Belum Terbit" not in body
    assert "Kripik Tempe Original" not in body
    assert f'href="/businesses/{yuli.id}"' in body
    profile_page = client.get(f"/businesses/{yuli.id}").get_data(as_text=True)
    assert f'href="/sellers/{yuli.id}"' in profile_page
    hidden = seller("Usaha Belum Terverifikasi", verified=False)
    assert client.get(f"/sellers/{hidden.id}").status_code == 404
    assert client.get("/sellers/999999").status_code == 404


def test_the_navbar_links_the_catalogue(client):
    body = client.get("/businesses").get_data(as_text=True)
    assert '<a class="nav-link" href="/search">' in body


def test_photos_make_a_gallery_and_the_shared_image(client, shop):
    item = shop["tempe"]
    first, second = add_photo(item), add_photo(item)
    body = client.get(f"/products/{item.id}").get_data(as_text=True)
    main = f"http://localhost/media/products/{first.stored_name}"
    assert f'<meta property="og:image" content="{main}">' in body
    assert '<meta name="twitter:card" content="summary_large_image">' in body
    assert f'src="{main}"' in body and "data-gallery-main" in body
    for photo in (first, second):
        assert f'data-full="http://localhost/media/products/{photo.stored_name}"' in body
        assert f'src="http://localhost/media/products/{photo.thumb_name}"' in body
    listing = client.get("/search?q=tempe").get_data(as_text=True)
    assert f'src="/media/products/{first.thumb_name}"' in listing
    api = client.get(f"/api/v1/products/{item.id}").json
    assert api["image_url"] == main
    assert [p["thumb_url"] for p in api["photos"]] == [
        f"http://localhost/media/products/{p.thumb_name}" for p in (first, second)
    ]
