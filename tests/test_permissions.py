"""Every route, as anonymous and as every role: the expected status, and never a 500.

A new route fails `test_every_route_is_in_the_table` until its row is added below.
"""

from datetime import date

import pytest

from app.accounts.models import OrgKind, Role
from app.businesses.models import (
    BusinessProfile,
    Certificate,
    CertificateKind,
    Document,
    DocumentKind,
)
from app.notifications.models import Notification
from app.uploads import store
from tests.conftest import CSRF_RE, login
from tests.factories import OrganisationFactory, UserFactory, user_with_role

ANON = "anonymous"
ROLES = [ANON, *[r.value for r in Role]]


def public(status=200):
    return dict.fromkeys(ROLES, status)


def logged_in(status=200):
    return {**dict.fromkeys(ROLES, status), ANON: 302}


def anonymous_only():
    return {**dict.fromkeys(ROLES, 302), ANON: 200}


def admin_only(status=200):
    return {**dict.fromkeys(ROLES, 403), ANON: 302, Role.ADMIN.value: status}


def seller_or_admin(seller, admin):
    return {
        **dict.fromkeys(ROLES, 403),
        ANON: 302,
        Role.SELLER.value: seller,
        Role.ADMIN.value: admin,
    }


# endpoint -> (method, {role: status}), swept in this order

EXPECTED = {
    "main.home": ("GET", public()),
    "main.dashboard": ("GET", logged_in()),
    "main.set_language": ("GET", public(302)),
    "main.healthz": ("GET", public()),
    "auth.login": ("GET", anonymous_only()),
    "auth.logout": ("POST", public(302)),
    "auth.register": ("GET", public()),
    "auth.register_seller": ("GET", anonymous_only()),
    "auth.register_supplier": ("GET", anonymous_only()),
    "auth.forgot_password": ("GET", public()),
    "auth.reset_password": ("GET", public(400)),  # a made-up token
    "auth.accept_invitation": ("GET", public(400)),
    "auth.change_password": ("GET", logged_in()),
    "admin.agencies": ("GET", admin_only()),
    "admin.agency_new": ("GET", admin_only()),
    "admin.agency": ("GET", admin_only()),
    "admin.agency_edit": ("GET", admin_only()),
    "admin.membership_remove": ("POST", admin_only(302)),
    "admin.dinas_staff": ("GET", admin_only()),
    "admin.users": ("GET", admin_only()),
    "admin.user": ("GET", admin_only()),
    "admin.user_deactivate": ("POST", admin_only(422)),  # no reason given
    "admin.user_reactivate": ("POST", admin_only(302)),
    "audit.index": ("GET", admin_only()),
    "outbox.index": ("GET", admin_only()),
    "outbox.message": ("GET", admin_only()),
    "notifications.index": ("GET", logged_in()),
    "notifications.follow": ("GET", public(302)),  # someone else's: back to one's own list
    "notifications.read_all": ("POST", public(302)),
    "pages.show": ("GET", public()),
    "pages.edit": ("GET", admin_only()),
    # A seller edits its own business; an admin names one with ?org= (none given here: 404).
    "registry.profile": ("GET", seller_or_admin(200, 404)),
    "registry.edit_step": ("GET", seller_or_admin(200, 404)),
    "registry.submit": ("POST", seller_or_admin(302, 404)),
    "registry.upload_document": ("POST", seller_or_admin(302, 404)),
    "registry.certificates": ("GET", seller_or_admin(200, 404)),
    # Another business's document and certificate: read by the Dinas only, before deletion.
    "registry.document": ("GET", {**admin_only(), Role.CURATOR.value: 200}),
    "registry.delete_document": ("POST", seller_or_admin(403, 302)),
    "registry.delete_certificate": ("POST", seller_or_admin(403, 302)),
    "registry.queue": ("GET", admin_only()),
    "registry.businesses": ("GET", admin_only()),
    "registry.review": ("GET", admin_only()),
    "registry.decide": ("POST", admin_only(422)),  # no decision chosen
    "registry.development": ("POST", admin_only(302)),
    "registry.assisted": ("GET", admin_only()),
}

# The public directory, the data standard, the JSON API and the yearly delivery.
EXPECTED.update(
    {
        "directory.index": ("GET", public()),
        "directory.business": ("GET", public()),
        "data_standard.index": ("GET", public()),
        "exchange.export": ("GET", admin_only()),
        "api.businesses": ("GET", public()),
        "api.business": ("GET", public()),
        "api.data_standard": ("GET", public()),
        "api.openapi_document": ("GET", public()),
    }
)


# The public storefront and the product API; the `product_id` object is a listing under review,
# not public: its page and its API record are 404 for everyone (swept before the catalogue's
# rows, which move it on).
EXPECTED.update(
    {
        "storefront.search": ("GET", public()),
        "storefront.suggest": ("GET", public()),
        "storefront.product": ("GET", public(404)),
        "storefront.seller": ("GET", public()),
        "api.products": ("GET", public()),
        "api.product": ("GET", public(404)),
        "api.categories": ("GET", public()),
        "api.feed_products_csv": ("GET", public()),
        "api.feed_products_json": ("GET", public()),
    }
)


# The seller's catalogue: another business's product does not exist for a seller (404); an admin
# acts on any product, and names a business with ?org= for the list, new and import (none: 404).
# Failed POSTs (no stock, no photo, no reason, a refused move) flash and redirect.
EXPECTED.update(
    {
        # Before delete_photo, which removes the photo this one serves.
        "media.product_photo": (
            "GET",
            {**public(404), Role.ADMIN.value: 200, Role.CURATOR.value: 200},
        ),
        "catalog.index": ("GET", seller_or_admin(200, 404)),
        "catalog.new": ("GET", seller_or_admin(200, 404)),
        "catalog.import_products": ("GET", seller_or_admin(200, 404)),
        "catalog.import_template": ("GET", seller_or_admin(200, 200)),
        "catalog.edit": ("GET", seller_or_admin(404, 200)),
        "catalog.stock": ("POST", seller_or_admin(404, 302)),
        "catalog.duplicate": ("POST", seller_or_admin(404, 302)),
        "catalog.archive": ("POST", seller_or_admin(404, 302)),
        "catalog.restore": ("POST", seller_or_admin(404, 302)),
        "catalog.submit": ("POST", seller_or_admin(404, 302)),
        "catalog.add_photos": ("POST", seller_or_admin(404, 302)),
        "catalog.move_photo": ("POST", seller_or_admin(404, 302)),
        "catalog.delete_photo": ("POST", seller_or_admin(404, 302)),
        "catalog.review_queue": ("GET", admin_only()),
        "catalog.publish": ("POST", admin_only(302)),
        "catalog.reject": ("POST", admin_only(302)),  # no reason given
    }
)


def _endpoints(app):
    return {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint != "static"}


def test_every_route_is_in_the_table(app):
    assert _endpoints(app) == set(EXPECTED)


@pytest.fixture
def objects():
    """One of each object a URL can name, so every route gets a real id."""
    from app.accounts.services import dinas
    from app.extensions import db
    from app.notifications.services import queue_email

    agency = OrganisationFactory(kind=OrgKind.AGENCY, name="Dinas Perhubungan")
    member = user_with_role(Role.PP, organisation=agency)
    target = UserFactory()
    email = queue_email("someone@example.test", "Subject", "Body")
    dinas(create=True)  # the admin and curator users join this Dinas
    other_business = OrganisationFactory(kind=OrgKind.MICRO_BUSINESS, name="Usaha Lain")
    profile = BusinessProfile(organisation=other_business, owner_name="Pemilik Lain")
    db.session.add(profile)
    stored_name, digest = store(b"%PDF-1.4 test %%EOF", "pdf")
    document = Document(
        organisation=other_business,
        kind=DocumentKind.NIB,
        original_name="nib.pdf",
        stored_name=stored_name,
        content_type="application/pdf",
        size=20,
        sha256=digest,
    )
    certificate = Certificate(
        organisation=other_business,
        kind=CertificateKind.HALAL,
        number="ID123",
        issued_on=date(2025, 1, 1),
    )
    notification = Notification(
        user_id=target.id, kind="business.verified", params={"business": "X"}
    )
    db.session.add_all([profile, document, certificate, notification])
    db.session.commit()
    from tests.factories import verified_business

    listed_business = verified_business(name="Usaha Terverifikasi")
    from app.catalog.models import ProductStatus
    from tests.catalog_helpers import ProductFactory, add_photo

    # Another business's listing under review, with a photo (not public yet).
    foreign_product = ProductFactory(name="Produk Lain", status=ProductStatus.AWAITING_REVIEW)
    foreign_photo = add_photo(foreign_product)
    return {
        "product_id": foreign_product.id,
        "photo_id": foreign_photo.id,
        "name": foreign_photo.stored_name,
        "agency_id": agency.id,
        "membership_id": member.memberships[0].id,
        "user_id": target.id,
        "message_id": email.id,
        "token": "not-a-real-token",
        "code": "en",
        "step": "owner",
        "document_id": document.id,
        "certificate_id": certificate.id,
        "profile_id": profile.id,
        "notification_id": notification.id,
        "slug": "perizinan",
        "locale": "id",
        "business_id": listed_business.id,
    }


def _url(app, endpoint, objects):
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint, **{arg: objects[arg] for arg in rule.arguments})


@pytest.mark.parametrize("role", ROLES)
def test_route_sweep(app, role, objects):
    client = app.test_client()
    if role != ANON:
        user = user_with_role(role)
        assert login(client, user.email).status_code == 302
    token_page = "/login" if role == ANON else "/account/password"
    token = CSRF_RE.search(client.get(token_page).get_data(as_text=True)).group(1)

    failures = []
    for endpoint, (method, expected) in EXPECTED.items():
        url = _url(app, endpoint, objects)
        if method == "POST":
            response = client.post(url, data={"csrf_token": token})
        else:
            response = client.get(url)
        response.close()
        if response.status_code != expected[role]:
            failures.append(f"{method} {url}: {response.status_code}, expected {expected[role]}")
        if endpoint == "auth.logout" and role != ANON:
            login(client, user.email)
            token = CSRF_RE.search(client.get(token_page).get_data(as_text=True)).group(1)
    assert not failures, "\n".join(failures)
