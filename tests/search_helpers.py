"""Building blocks for search tests: sellers, categories and products, queued and applied the
way the catalogue does it (a search_changes row in the product's transaction)."""

from datetime import date, timedelta

from sqlalchemy import select

from app import search
from app.accounts.models import OrgKind
from app.businesses.models import Certificate, CertificateKind
from app.catalog.models import Category, Product, ProductStatus
from app.db import utcnow
from app.extensions import db
from app.search.queue import queue_change
from tests.factories import CertificateFactory, OrganisationFactory


def seller(
    name: str = "Dapur Bu Siti",
    kecamatan: str = "32.16.06",
    *,
    verified: bool = True,
    deactivated: bool = False,
    halal: bool = False,
    halal_expires: date | None = None,
):
    organisation = OrganisationFactory(
        kind=OrgKind.MICRO_BUSINESS,
        name=name,
        kecamatan_code=kecamatan,
        verified_at=utcnow() if verified else None,
        deactivated_at=utcnow() if deactivated else None,
    )
    if halal:
        CertificateFactory(
            organisation=organisation,
            kind=CertificateKind.HALAL,
            issued_on=date(2024, 3, 1),
            expires_on=halal_expires,
        )
    return organisation


def category(name: str, parent: Category | None = None) -> Category:
    slug = "t-" + name.lower().replace(" ", "-")
    node = Category(slug=slug, name=name, name_en=name, parent=parent)
    db.session.add(node)
    db.session.commit()
    return node


def product(
    organisation,
    node: Category,
    name: str,
    *,
    description: str = "",
    price: int = 25_000,
    status: ProductStatus = ProductStatus.PUBLISHED,
    featured_days: int | None = None,
    pdn: bool = True,
    age_days: int = 10,
    apply: bool = True,
) -> Product:
    """A product committed with its queued search change; applied to the index by default."""
    published = utcnow() - timedelta(days=age_days)
    item = Product(
        organisation_id=organisation.id,
        category_id=node.id,
        name=name,
        description=description,
        price=price,
        unit="buah",
        status=status,
        is_pdn=pdn,
        published_at=published if status == ProductStatus.PUBLISHED else None,
        featured_until=(
            utcnow() + timedelta(days=featured_days) if featured_days is not None else None
        ),
    )
    # A halal certificate counts for a product only when it is attached to it (as a seller does).
    item.certificates = list(
        db.session.scalars(
            select(Certificate).where(
                Certificate.organisation_id == organisation.id,
                Certificate.kind == CertificateKind.HALAL,
            )
        )
    )
    db.session.add(item)
    db.session.flush()
    queue_change(item.id)
    db.session.commit()
    if apply:
        search.sync()
    return item


def names(result) -> list[str]:
    by_id = {p.id: p.name for p in db.session.query(Product).filter(Product.id.in_(result.ids))}
    return [by_id[i] for i in result.ids]
