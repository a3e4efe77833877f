"""Reading the catalogue: what is public, halal badges, photo URLs, the category tree.

The storefront, the API and search read products through these, so that "public" and "halal"
mean the same everywhere.
"""

from datetime import date

from flask import current_app, url_for
from sqlalchemy import Select, and_, select

from app.accounts.models import Organisation
from app.businesses import rules
from app.businesses.models import Certificate, CertificateKind
from app.catalog.models import (
    Category,
    PriceChange,
    Product,
    ProductPhoto,
    ProductStatus,
    product_certificates,
)
from app.db import utcnow
from app.extensions import db

SEPARATOR = " \u203a "  # the breadcrumb arrow between category levels

# --- what the public sees -------------------------------------------------------------------


def public_condition():
    """SQL condition for a product anyone may see (needs a join with Organisation)."""
    return and_(
        Product.status == ProductStatus.PUBLISHED,
        Organisation.verified_at.is_not(None),
        Organisation.deactivated_at.is_(None),
    )


def public_products() -> Select:
    """Published products of verified, active businesses."""
    return (
        select(Product)
        .join(Organisation, Product.organisation_id == Organisation.id)
        .where(public_condition())
    )


def is_public(product: Product) -> bool:
    organisation = product.organisation
    return (
        product.status == ProductStatus.PUBLISHED
        and organisation.verified_at is not None
        and organisation.deactivated_at is None
    )


# --- certificates and the halal badge ---------------------------------------------------------


def _certificate_valid(certificate: Certificate, on: date) -> bool:
    config = current_app.config
    expiry = rules.certificate_expiry(
        certificate.kind,
        certificate.issued_on,
        certificate.expires_on,
        config["HALAL_VALIDITY_YEARS"],
    )
    return rules.certificate_state(expiry, on, config["CERTIFICATE_WARNING_DAYS"]) != "expired"


def valid_certificates(product: Product, on: date | None = None) -> list[Certificate]:
    """The product's applicable certificates that have not expired."""
    on = on or utcnow().date()
    return [c for c in product.certificates if _certificate_valid(c, on)]


def is_halal(product: Product, on: date | None = None) -> bool:
    """Show the halal badge: the seller marked a halal certificate of its business as applying
    to this product, and that certificate is valid today."""
    return any(c.kind == CertificateKind.HALAL for c in valid_certificates(product, on))


def halal_product_ids(product_ids, on: date | None = None) -> set[int]:
    """Of these products, the ones that earn the halal badge (one query, for lists)."""
    ids = list(product_ids)
    if not ids:
        return set()
    on = on or utcnow().date()
    rows = db.session.execute(
        select(product_certificates.c.product_id, Certificate)
        .join(Certificate, Certificate.id == product_certificates.c.certificate_id)
        .where(
            product_certificates.c.product_id.in_(ids),
            Certificate.kind == CertificateKind.HALAL,
        )
    ).all()
    return {product_id for product_id, cert in rows if _certificate_valid(cert, on)}


# --- photos -----------------------------------------------------------------------------------


def photo_url(photo: ProductPhoto, thumb: bool = False, external: bool = False) -> str:
    name = photo.thumb_name if thumb else photo.stored_name
    return url_for("media.product_photo", name=name, _external=external)


def photo_urls(product: Product, external: bool = False) -> list[dict]:
    """Every photo in order: {"url", "thumb_url", "width", "height"}."""
    return [
        {
            "url": photo_url(p, external=external),
            "thumb_url": photo_url(p, thumb=True, external=external),
            "width": p.width,
            "height": p.height,
        }
        for p in product.photos
    ]


def cover_url(product: Product, thumb: bool = True) -> str | None:
    """The first photo (the thumbnail by default), or None."""
    return photo_url(product.photos[0], thumb=thumb) if product.photos else None


# --- categories -------------------------------------------------------------------------------


def categories_in_order() -> list[tuple[Category, int]]:
    """Every category depth-first in tree order, with its depth (0 for the top level)."""
    rows = db.session.scalars(select(Category).order_by(Category.position, Category.id)).all()
    children: dict[int | None, list[Category]] = {}
    for category in rows:
        children.setdefault(category.parent_id, []).append(category)
    ordered: list[tuple[Category, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for category in children.get(parent_id, []):
            ordered.append((category, depth))
            walk(category.id, depth + 1)

    walk(None, 0)
    return ordered


def category_label(category: Category, locale: str, separator: str = SEPARATOR) -> str:
    return separator.join(node.label(locale) for node in category.path())


def category_choices(locale: str) -> list[tuple[int, str]]:
    """(id, "Makanan dan Minuman > Makanan Ringan > Keripik") in tree order (with SEPARATOR)."""
    by_id: dict[int, str] = {}
    choices = []
    for category, _depth in categories_in_order():
        label = category.label(locale)
        if category.parent_id in by_id:
            label = f"{by_id[category.parent_id]}{SEPARATOR}{label}"
        by_id[category.id] = label
        choices.append((category.id, label))
    return choices


def descendant_ids(category_id: int) -> list[int]:
    """The category and everything below it."""
    found = [category_id]
    frontier = [category_id]
    while frontier:
        frontier = list(
            db.session.scalars(select(Category.id).where(Category.parent_id.in_(frontier)))
        )
        found.extend(frontier)
    return found


# --- the seller's side ------------------------------------------------------------------------


def price_history(product: Product) -> list[PriceChange]:
    return db.session.scalars(
        select(PriceChange)
        .where(PriceChange.product_id == product.id)
        .order_by(PriceChange.changed_at.desc(), PriceChange.id.desc())
    ).all()


def products_of(organisation_id: int, status: ProductStatus | None = None, q: str = "") -> Select:
    query = select(Product).where(Product.organisation_id == organisation_id)
    if status is not None:
        query = query.where(Product.status == status)
    q = q.strip()
    if q:
        query = query.where(Product.name.icontains(q, autoescape=True))
    return query.order_by(Product.updated_at.desc(), Product.id.desc())


def review_queue() -> Select:
    """Listings awaiting review, oldest first (by their last change, lacking a submission time)."""
    return (
        select(Product)
        .where(Product.status == ProductStatus.AWAITING_REVIEW)
        .order_by(Product.updated_at, Product.id)
    )
