"""Catalogue services: the status machine, optimistic locking, price history, ownership,
certificates and the halal badge, links, duplication, the search queue, the taxonomy."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from app.accounts.models import Role
from app.audit.models import AuditEvent
from app.businesses.models import CertificateKind
from app.catalog import queries, services, workflow
from app.catalog.models import (
    Category,
    Marketplace,
    PriceChange,
    Product,
    SearchChange,
)
from app.catalog.models import ProductStatus as S
from app.catalog.taxonomy import CATEGORY_TREE, ensure_categories, iter_tree
from app.catalog.workflow import Action
from app.errors import DomainError, PermissionDenied
from app.extensions import db
from app.uploads import path_of
from tests.catalog_helpers import (
    ProductFactory,
    add_photo,
    categories,
    category,
    jpeg_bytes,
    seller_business,
)
from tests.factories import CertificateFactory, user_with_role


@pytest.fixture
def tree():
    return categories()


@pytest.fixture
def shop(tree):
    organisation, seller = seller_business()
    return organisation, seller


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _data(**overrides) -> dict:
    return {
        "name": "Keripik Tempe 200 g",
        "category_id": category("keripik").id,
        "price": 12_000,
        "unit": "pcs",
        **overrides,
    }


# --- the transition table ---------------------------------------------------------------------

# Written out from the issue, independently of app/catalog/workflow.py.
ALLOWED = {
    (Action.SUBMIT, S.DRAFT): S.AWAITING_REVIEW,
    (Action.SUBMIT, S.REJECTED): S.AWAITING_REVIEW,
    (Action.PUBLISH, S.AWAITING_REVIEW): S.PUBLISHED,
    (Action.REJECT, S.AWAITING_REVIEW): S.REJECTED,
    (Action.ARCHIVE, S.PUBLISHED): S.ARCHIVED,
    (Action.ARCHIVE, S.DRAFT): S.ARCHIVED,
    (Action.ARCHIVE, S.REJECTED): S.ARCHIVED,
    (Action.RESTORE, S.ARCHIVED): S.DRAFT,
    (Action.REQUEUE, S.PUBLISHED): S.AWAITING_REVIEW,
}
EVERY_MOVE = [(action, state) for action in Action for state in S]


@pytest.mark.parametrize(("action", "state"), EVERY_MOVE, ids=lambda v: str(v))
def test_transition_table(action, state):
    if (action, state) in ALLOWED:
        assert workflow.next_status(action, state) == ALLOWED[(action, state)]
    else:
        with pytest.raises(DomainError) as refused:
            workflow.next_status(action, state)
        assert refused.value.code == "invalid_transition"


def test_the_table_has_no_move_beyond_the_issue():
    assert workflow.TRANSITIONS == ALLOWED


def _run(action: Action, product: Product, seller, admin) -> None:
    if action == Action.SUBMIT:
        services.submit_for_review(seller, product)
    elif action == Action.PUBLISH:
        services.publish_product(admin, product)
    elif action == Action.REJECT:
        services.reject_product(admin, product, "Foto buram, mohon ganti.")
    elif action == Action.ARCHIVE:
        services.archive_product(seller, product)
    elif action == Action.RESTORE:
        services.restore_product(seller, product)
    elif action == Action.REQUEUE:
        services.update_product(
            seller, product, {"name": product.name + " baru"}, version=product.version
        )


SERVICE_MOVES = [(a, s) for a, s in EVERY_MOVE if a != Action.REQUEUE]


@pytest.mark.parametrize(("action", "state"), SERVICE_MOVES, ids=lambda v: str(v))
def test_every_service_move_is_allowed_or_refused_and_audited(shop, action, state):
    organisation, seller = shop
    admin = user_with_role(Role.ADMIN)
    product = ProductFactory(organisation=organisation, status=state)
    add_photo(product)
    expected = ALLOWED.get((action, state))
    if expected is None:
        with pytest.raises(DomainError) as refused:
            _run(action, product, seller, admin)
        assert refused.value.code == "invalid_transition"
        db.session.rollback()
        assert db.session.get(Product, product.id).status == state
        return
    _run(action, product, seller, admin)
    db.session.commit()
    assert db.session.get(Product, product.id).status == expected
    event = db.session.scalar(
        select(AuditEvent).where(
            AuditEvent.object_type == "products", AuditEvent.object_id == product.id
        )
    )
    assert event is not None and event.data["before"] == state
    assert event.data["after"] == expected


def test_a_material_edit_of_a_published_product_goes_back_to_review(shop):
    organisation, seller = shop
    product = ProductFactory(organisation=organisation, status=S.PUBLISHED)
    services.update_product(seller, product, {"price": 13_000}, version=product.version)
    db.session.commit()
    assert product.status == S.PUBLISHED  # a price change shows at once

    services.update_product(
        seller, product, {"category_id": category("kue-kering").id}, version=product.version
    )
    db.session.commit()
    assert product.status == S.AWAITING_REVIEW
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "product.requeued"))


def test_an_unverified_business_prepares_drafts_but_cannot_submit(tree):
    organisation, seller = seller_business(verified=False)
    product = services.create_product(seller, organisation, _data())
    db.session.commit()
    add_photo(product)
    with pytest.raises(DomainError) as refused:
        services.submit_for_review(seller, product)
    assert refused.value.code == "not_verified"


def test_a_product_without_photo_cannot_be_submitted(shop):
    organisation, seller = shop
    product = ProductFactory(organisation=organisation)
    with pytest.raises(DomainError) as refused:
        services.submit_for_review(seller, product)
    assert refused.value.code == "no_photo"


def test_only_an_admin_decides_and_a_rejection_needs_a_reason(shop):
    organisation, seller = shop
    product = ProductFactory(organisation=organisation, status=S.AWAITING_REVIEW)
    for role in (Role.SELLER, Role.CURATOR, Role.PP):
        with pytest.raises(PermissionDenied):
            services.publish_product(user_with_role(role), product)
    with pytest.raises(PermissionDenied):
        services.publish_product(seller, product)
    admin = user_with_role(Role.ADMIN)
    with pytest.raises(DomainError) as refused:
        services.reject_product(admin, product, "  ")
    assert refused.value.field == "reason"
    services.reject_product(admin, product, "Harga tidak wajar")
    db.session.commit()
    assert product.status == S.REJECTED and product.status_reason == "Harga tidak wajar"


def test_publishing_needs_a_still_verified_business(shop):
    organisation, _seller = shop
    product = ProductFactory(organisation=organisation, status=S.AWAITING_REVIEW)
    organisation.verified_at = None
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.publish_product(user_with_role(Role.ADMIN), product)
    assert refused.value.code == "not_verified"


# --- editing: optimistic locking, price history -----------------------------------------------


def test_a_stale_version_is_refused_with_409(shop):
    organisation, seller = shop
    product = ProductFactory(organisation=organisation)
    opened = product.version
    services.set_stock(seller, product, 7)  # someone else saves meanwhile
    db.session.commit()
    with pytest.raises(services.StaleVersion) as refused:
        services.update_product(seller, product, {"name": "Nama baru"}, version=opened)
    assert refused.value.status_code == 409 and refused.value.code == "stale"
    db.session.rollback()
    assert db.session.get(Product, product.id).name != "Nama baru"


def test_a_concurrent_save_between_check_and_flush_is_stale_too(shop):
    organisation, seller = shop
    product = ProductFactory(organisation=organisation)
    version = product.version
    # Another request commits after this one read the product (behind the ORM's back).
    db.session.execute(update(Product).where(Product.id == product.id).values(version=version + 1))
    with pytest.raises(services.StaleVersion):
        services.update_product(seller, product, {"name": "Balapan"}, version=version)


def test_every_price_is_kept(shop):
    organisation, seller = shop
    product = services.create_product(seller, organisation, _data(price=10_000))
    db.session.commit()
    for price in (12_500, 12_500, 11_000):
        services.update_product(seller, product, {"price": price}, version=product.version)
        db.session.commit()
    history = queries.price_history(product)
    assert [(c.old_price, c.new_price) for c in reversed(history)] == [
        (None, 10_000),
        (10_000, 12_500),
        (12_500, 11_000),
    ]
    assert all(c.changed_by_id == seller.id for c in history)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "  "),
        ("price", 0),
        ("price", -5),
        ("price", 10**13),
        ("stock", -1),
        ("min_order", 0),
        ("lead_time_days", 400),
        ("category_id", 999_999),
        ("unit", ""),
        ("name", "x" * 201),
    ],
)
def test_bad_values_are_refused_with_the_field(shop, field, value):
    organisation, seller = shop
    with pytest.raises(DomainError) as refused:
        services.create_product(seller, organisation, _data(**{field: value}))
    assert refused.value.field == field


# --- ownership --------------------------------------------------------------------------------


def test_a_seller_touches_only_its_own_products(shop):
    organisation, _seller = shop
    product = ProductFactory(organisation=organisation)
    _other_business, intruder = seller_business(name="Usaha Lain")
    calls = [
        lambda: services.update_product(intruder, product, {"name": "x"}, version=1),
        lambda: services.set_stock(intruder, product, 1),
        lambda: services.duplicate_product(intruder, product),
        lambda: services.archive_product(intruder, product),
        lambda: services.submit_for_review(intruder, product),
        lambda: services.set_links(intruder, product, []),
        lambda: services.create_product(intruder, organisation, _data()),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    admin = user_with_role(Role.ADMIN)
    services.set_stock(admin, product, 3)
    assert product.stock == 3


# --- certificates, halal badge, links ---------------------------------------------------------


def test_the_halal_badge_needs_a_valid_own_halal_certificate(shop, app):
    organisation, seller = shop
    product = ProductFactory(organisation=organisation)
    halal = CertificateFactory(organisation=organisation, kind=CertificateKind.HALAL)
    other = CertificateFactory(organisation=ProductFactory().organisation)
    with pytest.raises(DomainError):
        services.set_certificates(seller, product, [other.id])
    assert not queries.is_halal(product)

    services.set_certificates(seller, product, [halal.id])
    db.session.commit()
    assert queries.is_halal(product)
    assert queries.halal_product_ids([product.id]) == {product.id}

    halal.expires_on = date.today() - timedelta(days=1)
    db.session.commit()
    assert not queries.is_halal(product)
    assert queries.halal_product_ids([product.id]) == set()


def test_links_get_their_marketplace_and_bad_addresses_are_refused(shop):
    organisation, seller = shop
    product = ProductFactory(organisation=organisation)
    services.set_links(
        seller,
        product,
        [
            "https://www.tokopedia.com/mangujang/keripik",
            "https://shopee.co.id/keripik.123.456",
            "https://tokoujang.id/keripik",
            "https://www.tokopedia.com/mangujang/keripik",  # twice: kept once
        ],
    )
    db.session.commit()
    assert [link.marketplace for link in product.links] == [
        Marketplace.TOKOPEDIA,
        Marketplace.SHOPEE,
        Marketplace.WEBSITE,
    ]
    # Keeping one address while dropping another does not trip the unique constraint.
    services.set_links(
        seller, product, ["https://tokoujang.id/keripik", "https://www.tiktok.com/@ujang/1"]
    )
    db.session.commit()
    assert [link.url for link in product.links] == [
        "https://tokoujang.id/keripik",
        "https://www.tiktok.com/@ujang/1",
    ]
    for bad in ("javascript:alert(1)", "ftp://x.test/a", "tokopedia.com/x"):
        with pytest.raises(DomainError) as refused:
            services.set_links(seller, product, [bad])
        assert refused.value.field == "links"


# --- duplicate, archive, stock ----------------------------------------------------------------


def test_duplicate_makes_a_draft_copy_with_its_own_photo_files(shop):
    organisation, seller = shop
    product = ProductFactory(organisation=organisation, status=S.PUBLISHED, price=20_000)
    photo = add_photo(product, jpeg_bytes((300, 200)))
    services.set_links(seller, product, ["https://www.tokopedia.com/a/b"])
    halal = CertificateFactory(organisation=organisation)
    services.set_certificates(seller, product, [halal.id])
    db.session.commit()

    copy = services.duplicate_product(seller, product)
    db.session.commit()
    assert copy.name == product.name + " (salinan)"
    assert copy.status == S.DRAFT and copy.price == 20_000 and copy.published_at is None
    assert copy.links == []
    assert [c.id for c in copy.certificates] == [halal.id]
    assert len(copy.photos) == 1 and copy.photos[0].stored_name != photo.stored_name
    assert (
        path_of(copy.photos[0].stored_name).read_bytes() == path_of(photo.stored_name).read_bytes()
    )
    assert _count(PriceChange, PriceChange.product_id == copy.id) == 1


def test_stock_edit_checks_the_number_and_the_state(shop):
    organisation, seller = shop
    product = ProductFactory(organisation=organisation)
    with pytest.raises(DomainError):
        services.set_stock(seller, product, -3)
    services.set_stock(seller, product, 12)
    services.archive_product(seller, product)
    with pytest.raises(DomainError) as refused:
        services.set_stock(seller, product, 5)
    assert refused.value.code == "archived"


# --- photos follow the transaction ------------------------------------------------------------


def test_a_removed_photo_file_goes_only_when_the_removal_commits(shop):
    organisation, seller = shop
    product = ProductFactory(organisation=organisation)
    photo = add_photo(product)
    names = (photo.stored_name, photo.thumb_name)
    services.remove_photo(seller, photo)
    db.session.rollback()
    assert all(path_of(n).exists() for n in names)

    photo = db.session.get(Product, product.id).photos[0]
    services.remove_photo(seller, photo)
    db.session.commit()
    assert not any(path_of(n).exists() for n in names)


def test_photos_are_reordered_and_the_first_is_the_cover(shop, app):
    organisation, seller = shop
    product = ProductFactory(organisation=organisation)
    first, second, third = (add_photo(product) for _ in range(3))
    services.move_photo(seller, third, -1)
    db.session.commit()
    assert [p.id for p in product.photos] == [first.id, third.id, second.id]
    services.reorder_photos(seller, product, [second.id, first.id, third.id])
    db.session.commit()
    with app.test_request_context():
        assert queries.cover_url(product) == f"/media/products/{second.thumb_name}"
        assert [u["url"] for u in queries.photo_urls(product)] == [
            f"/media/products/{p.stored_name}" for p in (second, first, third)
        ]
    with pytest.raises(DomainError):
        services.reorder_photos(seller, product, [first.id])


# --- the search queue -------------------------------------------------------------------------


def test_changes_to_public_products_are_queued_for_search(shop):
    organisation, seller = shop
    admin = user_with_role(Role.ADMIN)
    draft = ProductFactory(organisation=organisation)
    services.update_product(seller, draft, {"price": 99_000}, version=draft.version)
    db.session.commit()
    assert _count(SearchChange, SearchChange.product_id == draft.id) == 0

    product = ProductFactory(organisation=organisation, status=S.AWAITING_REVIEW)
    services.publish_product(admin, product)
    db.session.commit()
    assert _count(SearchChange, SearchChange.product_id == product.id) == 1
    services.set_stock(seller, product, 1)
    services.archive_product(seller, product)  # leaves the index
    db.session.commit()
    assert _count(SearchChange, SearchChange.product_id == product.id) == 3


# --- the category tree ------------------------------------------------------------------------


def test_category_tree_is_seeded_once_with_stable_slugs():
    nodes = list(iter_tree())
    slugs = [node["slug"] for node, _parent, _position in nodes]
    assert len(slugs) == len(set(slugs))
    assert 8 <= len(CATEGORY_TREE) <= 12 and 40 <= len(nodes) <= 70
    assert ensure_categories() == len(nodes)
    db.session.commit()
    assert ensure_categories() == 0
    keripik = db.session.scalar(select(Category).where(Category.slug == "keripik"))
    assert [c.slug for c in keripik.path()] == ["makanan-minuman", "makanan-ringan", "keripik"]
    assert max(len(c.path()) for c in db.session.scalars(select(Category))) == 3
    assert all(node["name"] and node["name_en"] for node, _p, _i in nodes)
