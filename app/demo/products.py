"""Demo and benchmark products: `flask demo seed --products N`.

Deterministic: product number i is always made from the same random stream, so running the
seed again with a larger N adds only the missing ones. Bulk inserts (no per-product services or
audit rows) keep 50,000 products well under a minute; the search index is rebuilt afterwards.
"""

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select

from app.accounts.models import Organisation
from app.businesses.directory import listed
from app.businesses.models import BusinessProfile, Certificate, CertificateKind
from app.catalog.models import Category, Product, ProductStatus, product_certificates
from app.catalog.queries import public_products
from app.catalog.taxonomy import ensure_categories
from app.db import utcnow
from app.demo.product_data import FALLBACK_TRADES, KBLI_TRADES, TEMPLATES, Template
from app.extensions import db
from app.regions import kecamatan_name
from app.search import get_backend
from app.search.base import SearchQuery

DEFAULT_COUNT = 300
BATCH = 2_000
FEATURED_SHARE = 0.04
# The certificates that cover a maker's food or household products.
PRODUCT_CERTIFICATES = (CertificateKind.HALAL, CertificateKind.SPP_IRT, CertificateKind.PKRT)


def _round_price(amount: float) -> int:
    step = 500 if amount < 100_000 else 1_000 if amount < 1_000_000 else 5_000
    return max(step, round(amount / step) * step)


def _sellers() -> dict[str, list[Organisation]]:
    """The listed (verified) micro-businesses by trade, in a stable order."""
    by_trade: dict[str, list[Organisation]] = {}
    for profile in db.session.scalars(listed().order_by(BusinessProfile.id)):
        trades = {
            trade for code in profile.kbli_codes for trade in KBLI_TRADES.get(code, ())
        } or set(FALLBACK_TRADES)
        for trade in sorted(trades):
            by_trade.setdefault(trade, []).append(profile.organisation)
    return by_trade


def _product(
    index: int,
    sellers: dict[str, list[Organisation]],
    categories: dict[str, int],
    now: datetime,
) -> tuple[dict, Template, Organisation]:
    rng = random.Random(f"toko-daring-demo-product-{index}")
    template = rng.choice(TEMPLATES)
    makers = sellers.get(template.trade) or [o for group in sellers.values() for o in group]
    seller = rng.choice(makers)
    variant = rng.choice(template.variants)
    size, factor = rng.choice(template.sizes)
    name = " ".join(part for part in (template.name, variant, size) if part)

    first, *others = template.sentences
    sentences = [first, *rng.sample(others, k=min(len(others), rng.randint(1, 2)))]
    place = kecamatan_name(seller.kecamatan_code)
    sentences.append(
        f"Dibuat oleh {seller.name} di Kecamatan {place}, Kabupaten Bekasi."
        if place
        else f"Dibuat oleh {seller.name}, Kabupaten Bekasi."
    )

    published = now - timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 1439))
    featured = rng.random() < FEATURED_SHARE
    row = {
        "organisation_id": seller.id,
        "category_id": categories[template.category],
        "name": name,
        "description": " ".join(sentences),
        "price": _round_price(rng.randint(*template.price) * factor),
        "unit": template.unit,
        "stock": rng.randint(*template.stock),
        "min_order": rng.choice(template.min_order),
        "lead_time_days": rng.choice(template.lead_days),
        "weight_grams": int(template.weight * factor) if template.weight else None,
        "is_pdn": template.pdn,
        "status": ProductStatus.PUBLISHED,
        "created_at": published - timedelta(days=rng.randint(1, 5)),
        "updated_at": published,
        "published_at": published,
        "featured_until": now + timedelta(days=rng.randint(14, 90)) if featured else None,
        "version": 1,
    }
    return row, template, seller


def _certificates_by_seller(organisation_ids: set[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for organisation_id, certificate_id in db.session.execute(
        select(Certificate.organisation_id, Certificate.id)
        .where(
            Certificate.organisation_id.in_(organisation_ids),
            Certificate.kind.in_(PRODUCT_CERTIFICATES),
        )
        .order_by(Certificate.id)
    ):
        found.setdefault(organisation_id, []).append(certificate_id)
    return found


def existing_count(sellers: dict[str, list[Organisation]]) -> int:
    ids = {o.id for group in sellers.values() for o in group}
    if not ids:
        return 0
    return db.session.scalar(select(func.count(Product.id)).where(Product.organisation_id.in_(ids)))


def seed_products(count: int = DEFAULT_COUNT, progress: Callable[[int], None] | None = None) -> int:
    """Bring the demo sellers' products up to `count`; returns how many were created.

    Flushes, never commits. Needs the demo businesses (verified ones sell) and creates the
    categories if they are missing.
    """
    ensure_categories()
    categories = dict(db.session.execute(select(Category.slug, Category.id)).all())
    sellers = _sellers()
    start = existing_count(sellers)
    if progress:
        progress(min(start, count))
    if not sellers or start >= count:
        return 0
    now = utcnow()
    certificates = _certificates_by_seller({o.id for group in sellers.values() for o in group})
    created = 0
    products = Product.__table__
    for batch_start in range(start, count, BATCH):
        made = [
            _product(index, sellers, categories, now)
            for index in range(batch_start, min(batch_start + BATCH, count))
        ]
        # Core rather than ORM bulk insert: with RETURNING, the ORM path is many times slower.
        ids = db.session.scalars(
            insert(products).returning(products.c.id, sort_by_parameter_order=True),
            [row for row, _, _ in made],
        ).all()
        links = [
            {"product_id": product_id, "certificate_id": certificate_id}
            for product_id, (_, template, seller) in zip(ids, made, strict=True)
            if template.certified
            for certificate_id in certificates.get(seller.id, ())
        ]
        if links:
            db.session.execute(insert(product_certificates), links)
        created += len(ids)
        if progress:
            progress(len(ids))
    db.session.flush()
    return created


def public_count() -> int:
    return db.session.scalar(select(func.count()).select_from(public_products().subquery()))


def index_is_stale() -> bool:
    """Does the search index hold a different number of products than the database shows?"""
    return get_backend().search(SearchQuery(per_page=1)).total != public_count()
