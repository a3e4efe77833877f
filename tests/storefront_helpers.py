"""Building blocks for storefront tests: verified sellers, categories, products, the index."""

from datetime import date, timedelta

from app.businesses.models import Certificate, CertificateKind
from app.businesses.models import VerificationStatus as S
from app.catalog.models import Category, Product, ProductLink, ProductStatus
from app.catalog.services import marketplace_of
from app.catalog.taxonomy import ensure_categories
from app.db import utcnow
from app.extensions import db
from app.search import reindex as rebuild
from tests.registry_helpers import business


def categories() -> dict[str, Category]:
    ensure_categories()
    db.session.commit()
    return {c.slug: c for c in db.session.query(Category)}


def seller(name: str, kecamatan: str = "32.16.06", *, halal: str | None = None, verified=True):
    """A verified micro-business (unless told otherwise) with, if asked, a halal certificate
    that is "valid" or "expired"."""
    profile, _ = business(S.VERIFIED if verified else S.SUBMITTED)
    organisation = profile.organisation
    organisation.name = name
    organisation.kecamatan_code = kecamatan
    if halal:
        today = date.today()
        expired = halal == "expired"
        db.session.add(
            Certificate(
                organisation=organisation,
                kind=CertificateKind.HALAL,
                number=f"ID3211000{organisation.id:04d}{'9' if expired else '1'}",
                issuer="BPJPH",
                issued_on=today - timedelta(days=2000 if expired else 100),
                expires_on=today - timedelta(days=30) if expired else None,
            )
        )
    db.session.commit()
    return profile


def product(
    profile,
    name: str,
    price: int,
    category: str = "keripik",
    *,
    status: ProductStatus = ProductStatus.PUBLISHED,
    featured: bool = False,
    halal: bool = False,
    pdn: bool = True,
    days_ago: int = 0,
    links: tuple[str, ...] = (),
    **fields,
) -> Product:
    """A product of the seller; `halal` attaches the seller's halal certificates to it."""
    now = utcnow()
    category_id = db.session.query(Category.id).filter_by(slug=category).scalar()
    item = Product(
        organisation_id=profile.organisation_id,
        category_id=category_id,
        name=name,
        description=fields.pop("description", f"{name} buatan {profile.organisation.name}."),
        price=price,
        unit=fields.pop("unit", "bungkus"),
        stock=fields.pop("stock", 50),
        min_order=fields.pop("min_order", 1),
        lead_time_days=fields.pop("lead_time_days", 2),
        is_pdn=pdn,
        status=status,
        published_at=now - timedelta(days=days_ago) if status == ProductStatus.PUBLISHED else None,
        featured_until=now + timedelta(days=30) if featured else None,
        **fields,
    )
    if halal:
        item.certificates = list(
            db.session.query(Certificate).filter_by(
                organisation_id=profile.organisation_id, kind=CertificateKind.HALAL
            )
        )
    item.links = [ProductLink(marketplace=marketplace_of(url), url=url) for url in links]
    db.session.add(item)
    db.session.commit()
    return item


def reindex() -> None:
    """Rebuild the search index from the database, as `flask search reindex` does (the index
    directory outlives the tables that every test empties)."""
    rebuild()
    db.session.commit()
