"""The seller's catalogue and the Dinas's review queue through HTTP, with CSRF, as a browser."""

import io
import re

import pytest
from sqlalchemy import select

from app.accounts.models import Role
from app.catalog import services
from app.catalog.models import PriceChange, Product, ProductPhoto
from app.catalog.models import ProductStatus as S
from app.extensions import db
from tests.catalog_helpers import (
    ProductFactory,
    add_photo,
    categories,
    category,
    jpeg_bytes,
    seller_business,
)
from tests.conftest import login, submit
from tests.factories import CertificateFactory, user_with_role
from tests.registry_helpers import PDF

VERSION_RE = re.compile(r'name="version" type="hidden" value="(\d+)"')


@pytest.fixture
def seller_client(client, app):
    categories()
    organisation, seller = seller_business()
    login(client, seller.email)
    return client, organisation, seller


def _form(product_or_none=None, **overrides) -> dict:
    data = {
        "name": "Batik Tulis Motif Bekasi",
        "category_id": str(category("batik").id),
        "description": "Batik tulis katun primissima, 2 x 1,15 m.",
        "price": "Rp 350.000",
        "unit": "lembar",
        "stock": "12",
        "min_order": "1",
        "lead_time_days": "7",
        "weight_grams": "400",
        "is_pdn": "y",
        "links": "https://www.tokopedia.com/batiksari/motif-bekasi",
    }
    if product_or_none is not None:
        data["version"] = str(product_or_none.version)
    data.update(overrides)
    return data


def _fresh(product_id: int) -> Product:
    db.session.expire_all()
    return db.session.get(Product, product_id)


def test_empty_list_invites_to_add_or_import(seller_client):
    client, _organisation, _seller = seller_client
    page = client.get("/my-products").get_data(as_text=True)
    assert 'href="/my-products/new"' in page and 'href="/my-products/import"' in page
    assert "<table" not in page


def test_seller_creates_a_product_with_its_details(seller_client):
    client, organisation, _seller = seller_client
    halal = CertificateFactory(organisation=organisation)
    response = submit(client, "/my-products/new", {**_form(), "certificate_ids": [str(halal.id)]})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    product = db.session.scalar(select(Product))
    assert response.headers["Location"] == f"/my-products/{product.id}/edit#photos"
    assert (product.name, product.price, product.unit, product.status) == (
        "Batik Tulis Motif Bekasi",
        350_000,
        "lembar",
        S.DRAFT,
    )
    assert product.weight_grams == 400 and product.lead_time_days == 7 and product.is_pdn
    assert [link.url for link in product.links] == [
        "https://www.tokopedia.com/batiksari/motif-bekasi"
    ]
    assert [c.id for c in product.certificates] == [halal.id]
    assert db.session.scalar(select(PriceChange)).new_price == 350_000
    page = client.get(f"/my-products/{product.id}/edit").get_data(as_text=True)
    assert "bi-patch-check" in page  # the halal badge


def test_bad_input_is_shown_again_with_the_persons_input(seller_client):
    client, _organisation, _seller = seller_client
    response = submit(client, "/my-products/new", _form(price="tiga ratus", name="Batik Cap Setu"))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'value="Batik Cap Setu"' in page and 'value="tiga ratus"' in page
    assert "is-invalid" in page
    bad_link = submit(client, "/my-products/new", _form(links="javascript:alert(1)"))
    assert bad_link.status_code == 422
    assert db.session.scalar(select(Product)) is None


def test_list_filters_searches_and_pages(seller_client, app):
    client, organisation, _seller = seller_client
    published = ProductFactory(organisation=organisation, name="Dodol Betawi", status=S.PUBLISHED)
    for n in range(app.config["PER_PAGE"] + 2):
        ProductFactory(organisation=organisation, name=f"Keripik Pisang {n}")
    ProductFactory(name="Dodol Tetangga")  # another business's product never shows

    page = client.get("/my-products").get_data(as_text=True)
    assert "Dodol Tetangga" not in page
    assert "page=2" in page
    only_published = client.get("/my-products?status=published").get_data(as_text=True)
    assert "Dodol Betawi" in only_published and "Keripik Pisang" not in only_published
    found = client.get("/my-products?q=dodol").get_data(as_text=True)
    assert f"/my-products/{published.id}/edit" in found and "Keripik Pisang" not in found
    assert client.get("/my-products?status=nonsense&page=99").status_code == 200


def test_stock_is_edited_in_the_list(seller_client):
    client, organisation, _seller = seller_client
    product = ProductFactory(organisation=organisation, stock=5)
    response = submit(
        client,
        f"/my-products/{product.id}/stock",
        {"stock": "42", "next": "/my-products?status=draft"},
        form_url="/my-products",
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/my-products?status=draft"
    assert _fresh(product.id).stock == 42
    refused = submit(
        client, f"/my-products/{product.id}/stock", {"stock": "-1"}, form_url="/my-products"
    )
    assert refused.status_code == 302
    assert _fresh(product.id).stock == 42
    offsite = submit(
        client,
        f"/my-products/{product.id}/stock",
        {"stock": "1", "next": "https://evil.test/"},
        form_url="/my-products",
    )
    assert "evil.test" not in offsite.headers["Location"]


def test_edit_keeps_price_history(seller_client):
    client, organisation, _seller = seller_client
    product = ProductFactory(organisation=organisation, price=100_000)
    url = f"/my-products/{product.id}/edit"
    response = submit(client, url, _form(product, price="120.000"))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert _fresh(product.id).price == 120_000
    page = client.get(url).get_data(as_text=True)
    assert "Rp 100.000" in page and "Rp 120.000" in page


def test_a_stale_edit_answers_409_and_keeps_the_input(seller_client, app):
    client, organisation, seller = seller_client
    product = ProductFactory(organisation=organisation, name="Nama Lama")
    url = f"/my-products/{product.id}/edit"
    opened = client.get(url).get_data(as_text=True)
    old_version = VERSION_RE.search(opened).group(1)

    # Meanwhile, the same seller on a phone changes the stock.
    other = app.test_client()
    login(other, seller.email)
    submit(other, f"/my-products/{product.id}/stock", {"stock": "3"}, form_url="/my-products")

    response = submit(client, url, {**_form(name="Nama Baru Saya"), "version": old_version})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert 'value="Nama Baru Saya"' in page
    assert _fresh(product.id).name == "Nama Lama"
    # Saving again after seeing the message overwrites knowingly.
    new_version = VERSION_RE.search(page).group(1)
    assert new_version != old_version
    again = submit(client, url, {**_form(name="Nama Baru Saya"), "version": new_version})
    assert again.status_code == 302
    assert _fresh(product.id).name == "Nama Baru Saya"


def test_duplicate_archive_and_restore(seller_client):
    client, organisation, _seller = seller_client
    product = ProductFactory(organisation=organisation, name="Kue Kering Nastar")
    response = submit(client, f"/my-products/{product.id}/duplicate", form_url="/my-products")
    copy = db.session.scalar(select(Product).where(Product.id != product.id))
    assert response.headers["Location"] == f"/my-products/{copy.id}/edit"
    assert copy.name == "Kue Kering Nastar (salinan)" and copy.status == S.DRAFT

    page = client.get("/my-products").get_data(as_text=True)
    assert 'data-confirm="' in page  # archive and duplicate ask first
    submit(client, f"/my-products/{product.id}/archive", form_url="/my-products")
    assert _fresh(product.id).status == S.ARCHIVED
    # An archived product is not edited until restored.
    refused = submit(client, f"/my-products/{product.id}/edit", _form(_fresh(product.id)))
    assert refused.status_code == 422
    submit(client, f"/my-products/{product.id}/restore", form_url="/my-products")
    assert _fresh(product.id).status == S.DRAFT


def test_unverified_seller_prepares_drafts_but_cannot_submit(client, app):
    categories()
    _organisation, seller = seller_business(verified=False)
    login(client, seller.email)
    assert submit(client, "/my-products/new", _form()).status_code == 302
    product = db.session.scalar(select(Product))
    add_photo(product)
    edit_page = client.get(f"/my-products/{product.id}/edit").get_data(as_text=True)
    assert "why-not-submit" in edit_page  # the disabled button says why
    response = submit(
        client, f"/my-products/{product.id}/submit", form_url="/my-products", follow_redirects=True
    )
    assert response.status_code == 200
    assert _fresh(product.id).status == S.DRAFT
    assert "alert-danger" in response.get_data(as_text=True)


def test_photos_upload_reorder_delete_and_submit(seller_client):
    client, organisation, _seller = seller_client
    product = ProductFactory(organisation=organisation)
    url = f"/my-products/{product.id}/photos"
    edit = f"/my-products/{product.id}/edit"
    response = submit(
        client,
        url,
        {"photo": [(io.BytesIO(jpeg_bytes()), "a.jpg"), (io.BytesIO(jpeg_bytes()), "b.jpg")]},
        form_url=edit,
        content_type="multipart/form-data",
    )
    assert response.headers["Location"].endswith("#photos")
    first, second = (p.id for p in _fresh(product.id).photos)
    refused = submit(
        client,
        url,
        {"photo": (io.BytesIO(PDF), "c.jpg")},
        form_url=edit,
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "alert-danger" in refused.get_data(as_text=True)
    assert len(_fresh(product.id).photos) == 2

    submit(client, f"{url}/{second}/move", {"direction": "up"}, form_url=edit)
    assert [p.id for p in _fresh(product.id).photos] == [second, first]
    submit(client, f"{url}/{first}/delete", form_url=edit)
    assert [p.id for p in _fresh(product.id).photos] == [second]
    assert db.session.get(ProductPhoto, first) is None

    submit(client, f"/my-products/{product.id}/submit", form_url=edit)
    assert _fresh(product.id).status == S.AWAITING_REVIEW


def test_another_sellers_product_does_not_exist_for_a_seller(seller_client, app):
    client, _organisation, _seller = seller_client
    foreign = ProductFactory(name="Milik Orang Lain")
    photo = add_photo(foreign)
    for url in (
        f"/my-products/{foreign.id}/edit",
        f"/my-products/{foreign.id}/stock",
        f"/my-products/{foreign.id}/archive",
        f"/my-products/{foreign.id}/duplicate",
        f"/my-products/{foreign.id}/photos/{photo.id}/delete",
    ):
        if url.endswith("/edit"):
            assert client.get(url).status_code == 404
        else:
            response = submit(client, url, {"stock": "1"}, form_url="/my-products")
            assert response.status_code == 404, url
    assert _fresh(foreign.id).status == S.DRAFT and len(_fresh(foreign.id).photos) == 1
    buyer = app.test_client()
    login(buyer, user_with_role(Role.PP).email)
    assert buyer.get("/my-products").status_code == 403


def test_admin_reviews_the_queue_oldest_first(app, client):
    categories()
    organisation, seller = seller_business()
    older = ProductFactory(organisation=organisation, name="Sambal Roa", status=S.AWAITING_REVIEW)
    newer = ProductFactory(organisation=organisation, name="Bandeng Presto")
    add_photo(newer)
    services.submit_for_review(seller, newer)
    db.session.commit()
    login(client, user_with_role(Role.ADMIN).email)

    page = client.get("/admin/products/review").get_data(as_text=True)
    assert page.index("Sambal Roa") < page.index("Bandeng Presto")

    submit(client, f"/admin/products/{older.id}/publish", form_url="/admin/products/review")
    assert _fresh(older.id).status == S.PUBLISHED and _fresh(older.id).published_at
    submit(
        client,
        f"/admin/products/{newer.id}/reject",
        {"reason": ""},
        form_url="/admin/products/review",
    )
    assert _fresh(newer.id).status == S.AWAITING_REVIEW  # no reason, no rejection
    submit(
        client,
        f"/admin/products/{newer.id}/reject",
        {"reason": "Foto tidak jelas"},
        form_url="/admin/products/review",
    )
    assert _fresh(newer.id).status == S.REJECTED

    seller_client = app.test_client()
    login(seller_client, seller.email)
    assert "Foto tidak jelas" in seller_client.get("/my-products").get_data(as_text=True)
