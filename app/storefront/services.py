"""Reading the storefront: search through the search backend, products from the database.

The index answers which products and in what order; the page's rows are then read from the
database in one query, so what is shown is always current and public (a product that left the
shop since the index was written is simply skipped).
"""

import math
from dataclasses import dataclass, field, replace
from datetime import date

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app.accounts.models import Organisation
from app.businesses import rules
from app.businesses.models import BusinessProfile, Certificate
from app.businesses.services import CertificateView
from app.catalog.models import Category, Product
from app.catalog.queries import halal_product_ids, public_products
from app.db import utcnow
from app.extensions import db
from app.regions import kecamatan_name
from app.search import get_backend
from app.search.base import SearchQuery
from app.storefront.filters import Filters

FEATURED_ON_HOME = 8
SUGGESTIONS = 8
MIN_SUGGEST_LENGTH = 2


class ResultPage:
    """One page of search results, with what templates/macros/pagination.html `pager` needs."""

    def __init__(self, items: list, total: int, page: int, per_page: int):
        self.items = items
        self.total = total
        self.page = page
        self.per_page = per_page

    @property
    def pages(self) -> int:
        return max(math.ceil(self.total / self.per_page), 1) if self.total else 0

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def prev_num(self) -> int | None:
        return self.page - 1 if self.has_prev else None

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def next_num(self) -> int | None:
        return self.page + 1 if self.has_next else None

    def iter_pages(self, *, left_edge=2, left_current=2, right_current=4, right_edge=2):
        """Page numbers to link, with None for a gap (as Flask-SQLAlchemy's Pagination)."""
        pages_end = self.pages + 1
        if pages_end == 1:
            return
        left_end = min(1 + left_edge, pages_end)
        yield from range(1, left_end)
        if left_end == pages_end:
            return
        mid_start = max(left_end, self.page - left_current)
        mid_end = min(self.page + right_current + 1, pages_end)
        if mid_start - left_end > 0:
            yield None
        yield from range(mid_start, mid_end)
        if mid_end == pages_end:
            return
        right_start = max(mid_end, pages_end - right_edge)
        if right_start - mid_end > 0:
            yield None
        yield from range(right_start, pages_end)


@dataclass
class Results:
    page: ResultPage
    facets: dict[str, dict] = field(default_factory=dict)
    approximate: bool = False
    halal: set[int] = field(default_factory=set)


def _with_details(query):
    return query.options(
        joinedload(Product.organisation),
        joinedload(Product.category),
        selectinload(Product.photos),
    )


def load_in_order(product_ids: list[int]) -> list[Product]:
    """The public products among these ids, in the given order, in one query."""
    if not product_ids:
        return []
    rows = db.session.scalars(_with_details(public_products().where(Product.id.in_(product_ids))))
    by_id = {product.id: product for product in rows.unique()}
    return [by_id[i] for i in product_ids if i in by_id]


def search(filters: Filters, page: int, per_page: int, seller_id: int | None = None) -> Results:
    backend = get_backend()
    query = filters.query(page, per_page, seller_id=seller_id)
    result = backend.search(query)
    products = load_in_order(result.ids)
    facets = dict(result.facets)
    if filters.kecamatan:
        # The other kecamatan stay on offer, counted as if none were chosen.
        others = backend.search(replace(query, kecamatan=None, page=1, per_page=1))
        facets["kecamatan"] = others.facets.get("kecamatan", {})
    return Results(
        page=ResultPage(products, result.total, page, per_page),
        facets=facets,
        approximate=getattr(result, "approximate", False),
        halal=halal_product_ids([p.id for p in products]),
    )


def suggestions(prefix: str) -> list[str]:
    prefix = " ".join(prefix.split())
    if len(prefix) < MIN_SUGGEST_LENGTH:
        return []
    return get_backend().suggest(prefix, limit=SUGGESTIONS)


def overview_facets() -> dict[str, dict]:
    """Counts of everything in the shop by top-level category and by kecamatan."""
    return get_backend().search(SearchQuery(sort="newest", per_page=1)).facets


def featured_products(limit: int = FEATURED_ON_HOME) -> list[Product]:
    """Produk unggulan daerah: featured until a moment still to come."""
    query = (
        public_products()
        .where(Product.featured_until > utcnow())
        .order_by(Product.featured_until.desc(), Product.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(_with_details(query)).unique())


def public_product(product_id: int) -> Product | None:
    query = public_products().where(Product.id == product_id)
    return db.session.scalars(
        query.options(
            joinedload(Product.organisation),
            joinedload(Product.category),
            selectinload(Product.photos),
            selectinload(Product.links),
            selectinload(Product.certificates),
        )
    ).first()


def top_categories() -> list[Category]:
    return list(
        db.session.scalars(
            select(Category).where(Category.parent_id.is_(None)).order_by(Category.position)
        )
    )


def children_of(category: Category) -> list[Category]:
    return list(
        db.session.scalars(
            select(Category).where(Category.parent_id == category.id).order_by(Category.position)
        )
    )


def seller_profiles(organisation_ids) -> dict[int, BusinessProfile]:
    """Organisation id -> its business profile (for links to seller pages), in one query."""
    ids = list(set(organisation_ids))
    if not ids:
        return {}
    return {
        profile.organisation_id: profile
        for profile in db.session.scalars(
            select(BusinessProfile).where(BusinessProfile.organisation_id.in_(ids))
        )
    }


def seller_products(organisation: Organisation):
    """The seller's public products, newest first (for db.paginate)."""
    return _with_details(
        public_products()
        .where(Product.organisation_id == organisation.id)
        .order_by(Product.published_at.desc(), Product.id.desc())
    )


def certificate_views(certificates: list[Certificate], on: date | None = None):
    """The product's certificates with their state today, as the registry shows them."""
    config = current_app.config
    on = on or utcnow().date()
    views = []
    for certificate in sorted(certificates, key=lambda c: (c.kind, c.issued_on)):
        expiry = rules.certificate_expiry(
            certificate.kind,
            certificate.issued_on,
            certificate.expires_on,
            config["HALAL_VALIDITY_YEARS"],
        )
        state = rules.certificate_state(expiry, on, config["CERTIFICATE_WARNING_DAYS"])
        views.append(CertificateView(certificate, expiry, state))
    return views


def facet_count(facet: dict, value) -> int:
    """A facet count whatever type the backend keys it by (42 or "42", True or "true")."""
    for key, count in facet.items():
        if str(key).lower() == str(value).lower() or (value is True and key in (1, "1")):
            return count
    return 0


def browse_overview() -> dict[str, list]:
    """For the home page: top-level categories and kecamatan, each with its product count."""
    facets = overview_facets()
    categories = [
        {"category": category, "count": facet_count(facets.get("category", {}), category.id)}
        for category in top_categories()
    ]
    kecamatan = sorted(
        (
            {"code": str(code), "name": kecamatan_name(str(code)), "count": count}
            for code, count in facets.get("kecamatan", {}).items()
            if count and kecamatan_name(str(code))
        ),
        key=lambda entry: entry["name"],
    )
    return {"categories": categories, "kecamatan": kecamatan}
