"""Catalogue services: a seller's products, their photos, links and certificates, and review.

Plain functions with an explicit acting user; they flush and never commit (the view or CLI
commits once). Every change writes an audit event, and every change to what a published
product looks like queues it for the search index in the same transaction.
"""

from collections.abc import Iterable

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from app.accounts.models import Organisation, User
from app.audit.services import record
from app.businesses.models import Certificate
from app.catalog import photos as photo_files
from app.catalog.models import (
    PriceChange,
    Product,
    ProductLink,
    ProductPhoto,
    ProductStatus,
)
from app.catalog.permissions import (
    check_decide,
    check_manage,
    check_manage_organisation,
)
from app.catalog.rules import (
    DEFAULTS,
    FIELDS,
    clean_fields,
    clean_links,
    marketplace_of,
    raise_first,
)
from app.catalog.workflow import EDITABLE, Action, next_status
from app.db import utcnow
from app.errors import DomainError
from app.extensions import db
from app.notifications.services import notify
from app.search.queue import queue_change
from app.web import path_for

# A published product whose name or category changes goes back to review (and leaves the
# shop until approved); other edits (price, photos, description) stay visible at once and
# are recorded in the audit log and the price history. The curation issue will keep the
# published version live while an edit waits, and show the reviewer a diff; it may also
# re-queue a price change outside a configurable band.
MATERIAL_FIELDS = {"name", "category_id"}
COPY_SUFFIX = " (salinan)"  # product names are Indonesian data, not interface text


class StaleVersion(DomainError):
    """The product changed since the form was opened (optimistic locking)."""

    status_code = 409
    code = "stale"


def _stale() -> StaleVersion:
    return StaleVersion(
        _l(
            "Someone changed this product while you were editing it. Your input is kept below; "
            "check it against the current product and save again to overwrite."
        )
    )


# --- small shared steps -----------------------------------------------------------------------


def _editable(product: Product) -> None:
    if product.status not in EDITABLE:
        raise DomainError(
            _l("Restore this product from the archive before changing it."), code="archived"
        )


def _touched(product: Product, was_published: bool) -> None:
    """After any change: bump the version (a concurrent form goes stale) and queue the product
    for the search index when it is or was public."""
    product.updated_at = utcnow()
    if was_published or product.status == ProductStatus.PUBLISHED:
        queue_change(product.id)


def _flush() -> None:
    try:
        db.session.flush()
    except StaleDataError:  # a concurrent request saved first
        raise _stale() from None


def _record_price(actor: User | None, product: Product, old: int | None, new: int) -> None:
    db.session.add(
        PriceChange(
            product_id=product.id,
            old_price=old,
            new_price=new,
            changed_by_id=getattr(actor, "id", None),
        )
    )


def new_product(organisation: Organisation, clean: dict) -> Product:
    """A draft from checked fields (used by create_product and the CSV import)."""
    values = {**DEFAULTS, **clean}
    product = Product(organisation_id=organisation.id, status=ProductStatus.DRAFT, **values)
    db.session.add(product)
    return product


# --- creating and editing ---------------------------------------------------------------------


def create_product(actor: User, organisation: Organisation, data: dict) -> Product:
    """A new draft. `data` holds FIELDS, and optionally `links` and `certificate_ids`."""
    check_manage_organisation(actor, organisation)
    clean, errors = clean_fields(data)
    raise_first(errors)
    links = clean_links(data.get("links") or [])
    product = new_product(organisation, clean)
    db.session.flush()
    _record_price(actor, product, None, product.price)
    record(actor, "product.created", product, name=product.name, price=product.price)
    if links:
        set_links(actor, product, links)
    if data.get("certificate_ids"):
        set_certificates(actor, product, data["certificate_ids"])
    return product


def update_product(actor: User, product: Product, data: dict, *, version: int) -> list[str]:
    """Apply an edit made on `version` of the product. Returns the names of changed fields.

    StaleVersion (409) when the product changed since that version.
    """
    check_manage(actor, product)
    _editable(product)
    if version != product.version:
        raise _stale()
    clean, errors = clean_fields(data, partial=True)
    raise_first(errors)
    changes = {}
    for field, value in clean.items():
        before = getattr(product, field)
        if before != value:
            changes[field] = (before, value)
            setattr(product, field, value)
    if "links" in data and set_links(actor, product, data["links"] or []):
        changes["links"] = (None, None)
    if "certificate_ids" in data and set_certificates(
        actor, product, data["certificate_ids"] or []
    ):
        changes["certificate_ids"] = (None, None)
    if not changes:
        return []
    was_published = product.status == ProductStatus.PUBLISHED
    if "price" in changes:
        _record_price(actor, product, *changes["price"])
    if was_published and MATERIAL_FIELDS.intersection(changes):
        product.status = next_status(Action.REQUEUE, product.status)
        record(
            actor,
            "product.requeued",
            product,
            before=ProductStatus.PUBLISHED,
            after=product.status,
            fields=sorted(MATERIAL_FIELDS.intersection(changes)),
        )
    _touched(product, was_published)
    _flush()
    record(
        actor,
        "product.updated",
        product,
        changes={f: [b, a] for f, (b, a) in changes.items() if f in FIELDS},
    )
    return list(changes)


def set_stock(actor: User, product: Product, stock) -> None:
    """The quick stock edit of the seller's list (no version: a stock count is absolute)."""
    check_manage(actor, product)
    _editable(product)
    clean, errors = clean_fields({"stock": stock}, partial=True)
    raise_first(errors)
    before = product.stock
    if before == clean["stock"]:
        return
    product.stock = clean["stock"]
    _touched(product, product.status == ProductStatus.PUBLISHED)
    _flush()
    record(actor, "product.stock_set", product, before=before, after=product.stock)


def duplicate_product(actor: User, product: Product) -> Product:
    """A draft copy "… (salinan)" with the same details, photos and certificates.

    Marketplace links are not copied: they point at the original's listings.
    """
    check_manage(actor, product)
    name = product.name[: 200 - len(COPY_SUFFIX)] + COPY_SUFFIX
    copy = new_product(
        product.organisation,
        {field: getattr(product, field) for field in FIELDS} | {"name": name},
    )
    copy.certificates = list(product.certificates)
    for photo in product.photos:
        names = photo_files.copy_files(photo.stored_name, photo.thumb_name)
        if names is not None:
            copy.photos.append(
                ProductPhoto(
                    position=photo.position,
                    stored_name=names[0],
                    thumb_name=names[1],
                    width=photo.width,
                    height=photo.height,
                )
            )
    db.session.flush()
    _record_price(actor, copy, None, copy.price)
    record(actor, "product.duplicated", copy, source_id=product.id, name=copy.name)
    return copy


# --- status -----------------------------------------------------------------------------------


AUDIT_ACTIONS = {
    Action.SUBMIT: "product.submitted",
    Action.PUBLISH: "product.published",
    Action.REJECT: "product.rejected",
    Action.ARCHIVE: "product.archived",
    Action.RESTORE: "product.restored",
}


def _move(actor: User, product: Product, action: Action, **audit) -> None:
    before = product.status
    product.status = next_status(action, before)
    _touched(product, before == ProductStatus.PUBLISHED)
    _flush()
    record(actor, AUDIT_ACTIONS[action], product, before=before, after=product.status, **audit)


def archive_product(actor: User, product: Product) -> None:
    check_manage(actor, product)
    _move(actor, product, Action.ARCHIVE)


def restore_product(actor: User, product: Product) -> None:
    """Back to draft: it must go through review again to be published."""
    check_manage(actor, product)
    _move(actor, product, Action.RESTORE)


def submit_for_review(actor: User, product: Product) -> None:
    check_manage(actor, product)
    next_status(Action.SUBMIT, product.status)  # the state first: it is the likelier refusal
    organisation = product.organisation
    if organisation.verified_at is None:
        raise DomainError(
            _l(
                "Your business is not verified by the Dinas yet, so its products cannot be "
                "offered. You can prepare drafts meanwhile; complete and submit your business "
                "profile for verification."
            ),
            code="not_verified",
        )
    if not product.photos:
        raise DomainError(
            _l("Add at least one photo before submitting the product for review."),
            code="no_photo",
        )
    _move(actor, product, Action.SUBMIT)


def publish_product(actor: User, product: Product) -> None:
    check_decide(actor)
    next_status(Action.PUBLISH, product.status)
    organisation = product.organisation
    if organisation.verified_at is None or organisation.deactivated_at is not None:
        raise DomainError(
            _l("The business is not verified (any more); its products cannot be published."),
            code="not_verified",
        )
    product.published_at = product.published_at or utcnow()
    product.status_reason = None
    _move(actor, product, Action.PUBLISH)
    _tell_seller(product, "product.published", {"product": product.name})


def reject_product(actor: User, product: Product, reason: str | None) -> None:
    check_decide(actor)
    next_status(Action.REJECT, product.status)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            _l("Give the reason, so that the seller knows what to correct."), field="reason"
        )
    product.status_reason = reason
    _move(actor, product, Action.REJECT, reason=reason)
    _tell_seller(product, "product.rejected", {"product": product.name, "reason": reason})


def _tell_seller(product: Product, kind: str, params: dict) -> None:
    from app.businesses.services import business_members

    notify(
        business_members(product.organisation),
        kind,
        params,
        link=path_for("catalog.edit", product_id=product.id),
    )


# --- photos -----------------------------------------------------------------------------------


def add_photo(actor: User, product: Product, file_storage) -> ProductPhoto:
    """Check, re-encode and store an uploaded photo as the product's last one."""
    check_manage(actor, product)
    _editable(product)
    limit = current_app.config["PHOTOS_PER_PRODUCT"]
    if len(product.photos) >= limit:
        raise DomainError(
            _l("A product has at most %(n)s photos. Delete one first.", n=limit),
            field="photo",
            code="too_many_photos",
        )
    processed = photo_files.process(photo_files.read_upload(file_storage))
    stored_name, thumb_name = photo_files.store_processed(processed)
    photo = ProductPhoto(
        position=max((p.position for p in product.photos), default=-1) + 1,
        stored_name=stored_name,
        thumb_name=thumb_name,
        width=processed.width,
        height=processed.height,
    )
    product.photos.append(photo)
    _touched(product, product.status == ProductStatus.PUBLISHED)
    _flush()
    record(actor, "product.photo_added", product, photo_id=photo.id)
    return photo


def add_photos(actor: User, product: Product, file_storages) -> list[ProductPhoto]:
    """Several photos at once (a phone picks a few); all or none."""
    files = [f for f in file_storages if f is not None and getattr(f, "filename", "")]
    if not files:
        raise DomainError(_l("Choose a photo to upload."), field="photo", code="no_file")
    return [add_photo(actor, product, f) for f in files]


def remove_photo(actor: User, photo: ProductPhoto) -> None:
    product = photo.product
    check_manage(actor, product)
    _editable(product)
    record(actor, "product.photo_removed", product, photo_id=photo.id)
    product.photos.remove(photo)
    for position, remaining in enumerate(product.photos):
        remaining.position = position
    photo_files.remove_after_commit(photo.stored_name, photo.thumb_name)
    _touched(product, product.status == ProductStatus.PUBLISHED)
    _flush()


def reorder_photos(actor: User, product: Product, photo_ids: list[int]) -> None:
    """Put the photos in this order (the first is the cover)."""
    check_manage(actor, product)
    _editable(product)
    by_id = {p.id: p for p in product.photos}
    if sorted(photo_ids) != sorted(by_id):
        raise DomainError(_l("The photos changed meanwhile. Reload the page and try again."))
    if [p.id for p in product.photos] == list(photo_ids):
        return
    for position, photo_id in enumerate(photo_ids):
        by_id[photo_id].position = position
    product.photos.sort(key=lambda p: p.position)
    _touched(product, product.status == ProductStatus.PUBLISHED)
    _flush()
    record(actor, "product.photos_reordered", product, order=list(photo_ids))


def move_photo(actor: User, photo: ProductPhoto, offset: int) -> None:
    """Move a photo one place earlier (-1) or later (+1)."""
    ids = [p.id for p in photo.product.photos]
    index = ids.index(photo.id)
    target = min(max(index + offset, 0), len(ids) - 1)
    ids.insert(target, ids.pop(index))
    reorder_photos(actor, photo.product, ids)


# --- links and certificates -------------------------------------------------------------------


def set_links(actor: User, product: Product, urls: Iterable[str]) -> bool:
    """The same product on other marketplaces. Returns whether anything changed."""
    check_manage(actor, product)
    _editable(product)
    wanted = clean_links(urls)
    current = [link.url for link in product.links]
    if current == wanted:
        return False
    # Keep the rows of addresses that stay: deleting and re-adding one in the same flush
    # would break the (product, url) unique constraint.
    kept = {link.url: link for link in product.links if link.url in wanted}
    product.links = [
        kept.get(url) or ProductLink(url=url, marketplace=marketplace_of(url)) for url in wanted
    ]
    _touched(product, product.status == ProductStatus.PUBLISHED)
    _flush()
    record(actor, "product.links_set", product, before=current, after=wanted)
    return True


def set_certificates(actor: User, product: Product, certificate_ids: Iterable[int]) -> bool:
    """The certificates of the business that apply to this product (the halal badge comes from
    here). Only the business's own certificates can be chosen. Returns whether anything changed.
    """
    check_manage(actor, product)
    _editable(product)
    wanted = sorted({int(i) for i in certificate_ids})
    certificates = (
        db.session.scalars(select(Certificate).where(Certificate.id.in_(wanted))).all()
        if wanted
        else []
    )
    if len(certificates) != len(wanted) or any(
        c.organisation_id != product.organisation_id for c in certificates
    ):
        raise DomainError(_l("Choose only certificates of this business."), field="certificate_ids")
    current = sorted(c.id for c in product.certificates)
    if current == wanted:
        return False
    product.certificates = list(certificates)
    _touched(product, product.status == ProductStatus.PUBLISHED)
    _flush()
    record(actor, "product.certificates_set", product, before=current, after=wanted)
    return True
