"""The public fields of products, as the JSON API and the feeds publish them.

Public data only: what the product page shows. Records are built for a batch of products at
once (sellers, halal badges and photos in a few queries, never one per product).
"""

from datetime import datetime

from flask import url_for
from flask_babel import get_locale
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from app.accounts.models import Organisation
from app.catalog.models import Category, Product
from app.catalog.queries import (
    halal_product_ids,
    photo_url,
    photo_urls,
    public_condition,
    public_products,
)
from app.extensions import db
from app.regions import kecamatan_name
from app.storefront import services

FEED_BATCH = 500
FEED_PAGE = 1_000
MAX_FEED_PAGE = 10_000

FEED_COLUMNS = (
    "id",
    "name",
    "description",
    "price",
    "currency",
    "unit",
    "min_order",
    "stock",
    "lead_time_days",
    "category_slug",
    "category_name",
    "category_name_en",
    "category_path",
    "seller_id",
    "seller_name",
    "kecamatan_code",
    "kecamatan_name",
    "halal",
    "featured",
    "pdn",
    "url",
    "image_url",
    "published_at",
    "updated_at",
)


def _timestamp(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _category(category: Category, locale: str) -> dict:
    return {
        "id": category.id,
        "slug": category.slug,
        "name": category.label(locale),
        "path": [node.label(locale) for node in category.path()],
    }


def _seller(product: Product, profiles: dict) -> dict:
    organisation = product.organisation
    profile = profiles.get(organisation.id)
    code = organisation.kecamatan_code
    return {
        "id": profile.id if profile else None,
        "name": organisation.name,
        "kecamatan": {"code": code, "name": kecamatan_name(code) or None},
        "url": url_for("storefront.seller", business_id=profile.id, _external=True)
        if profile
        else None,
    }


def product_records(
    products: list[Product], *, halal: set[int] | None = None, detail: bool = False
) -> list[dict]:
    """The public record of each product, in the request's language."""
    locale = str(get_locale())
    if halal is None:
        halal = halal_product_ids([p.id for p in products])
    profiles = services.seller_profiles(p.organisation_id for p in products)
    records = []
    for product in products:
        record = {
            "id": product.id,
            "name": product.name,
            "price": product.price,
            "currency": "IDR",
            "unit": product.unit,
            "min_order": product.min_order,
            "stock": product.stock,
            "lead_time_days": product.lead_time_days,
            "category": _category(product.category, locale),
            "seller": _seller(product, profiles),
            "halal": product.id in halal,
            "featured": product.is_featured(),
            "pdn": product.is_pdn,
            "url": url_for("storefront.product", product_id=product.id, _external=True),
            "image_url": photo_url(product.photos[0], external=True) if product.photos else None,
            "published_at": _timestamp(product.published_at),
            "updated_at": _timestamp(product.updated_at),
        }
        if detail:
            record.update(
                {
                    "description": product.description,
                    "weight_grams": product.weight_grams,
                    "featured_until": _timestamp(product.featured_until)
                    if product.is_featured()
                    else None,
                    "photos": photo_urls(product, external=True),
                    "links": [
                        {"marketplace": link.marketplace.value, "url": link.url}
                        for link in product.links
                    ],
                    "certificates": [
                        {
                            "kind": view.certificate.kind.value,
                            "number": view.certificate.number,
                            "issuer": view.certificate.issuer,
                            "issued_on": view.certificate.issued_on.isoformat(),
                            "expires_on": view.expiry.isoformat() if view.expiry else None,
                            "state": view.state,
                        }
                        for view in services.certificate_views(list(product.certificates))
                    ],
                }
            )
        records.append(record)
    return records


def feed_row(product: Product, halal: bool, profiles: dict) -> dict:
    """One product of the feed: flat, both languages, for CSV and JSON alike."""
    category = product.category
    seller = _seller(product, profiles)
    return {
        "id": product.id,
        "name": product.name,
        "description": product.description,
        "price": product.price,
        "currency": "IDR",
        "unit": product.unit,
        "min_order": product.min_order,
        "stock": product.stock,
        "lead_time_days": product.lead_time_days,
        "category_slug": category.slug,
        "category_name": category.name,
        "category_name_en": category.name_en,
        "category_path": " > ".join(node.name for node in category.path()),
        "seller_id": seller["id"],
        "seller_name": seller["name"],
        "kecamatan_code": seller["kecamatan"]["code"],
        "kecamatan_name": seller["kecamatan"]["name"],
        "halal": halal,
        "featured": product.is_featured(),
        "pdn": product.is_pdn,
        "url": url_for("storefront.product", product_id=product.id, _external=True),
        "image_url": photo_url(product.photos[0], external=True) if product.photos else None,
        "published_at": _timestamp(product.published_at),
        "updated_at": _timestamp(product.updated_at),
    }


def feed_page(
    after: int = 0, limit: int = FEED_PAGE, updated_since: datetime | None = None
) -> tuple[list[dict], int | None]:
    """Public products with an id above `after` (changed since a moment, if given), in id order:
    up to `limit` rows, and the `after` of the next page (None on the last one)."""
    query = select(Product.id).join_from(
        Product, Organisation, Product.organisation_id == Organisation.id
    )
    query = query.where(public_condition(), Product.id > after)
    if updated_since is not None:
        query = query.where(Product.updated_at >= updated_since)
    ids = list(db.session.scalars(query.order_by(Product.id).limit(limit + 1)))
    more = len(ids) > limit
    ids = ids[:limit]
    rows = []
    for start in range(0, len(ids), FEED_BATCH):
        chunk = ids[start : start + FEED_BATCH]
        batch = db.session.scalars(
            select(Product)
            .where(Product.id.in_(chunk))
            .options(
                joinedload(Product.organisation),
                joinedload(Product.category),
                selectinload(Product.photos),
            )
            .order_by(Product.id)
        ).unique()
        batch = list(batch)
        halal = halal_product_ids(chunk)
        profiles = services.seller_profiles(p.organisation_id for p in batch)
        rows.extend(feed_row(product, product.id in halal, profiles) for product in batch)
    return rows, (ids[-1] if more else None)


def category_tree() -> list[dict]:
    """Every category, nested, with the number of public products in it and below it."""
    locale = str(get_locale())
    public = public_products().subquery()
    counts = dict(
        db.session.execute(
            select(public.c.category_id, func.count()).group_by(public.c.category_id)
        ).all()
    )
    categories = db.session.scalars(select(Category).order_by(Category.position, Category.id))
    nodes: dict[int, dict] = {}
    parents: dict[int, int | None] = {}
    for category in categories:
        parents[category.id] = category.parent_id
        nodes[category.id] = {
            "id": category.id,
            "slug": category.slug,
            "name": category.label(locale),
            "product_count": 0,
            "url": url_for("storefront.search", category=category.slug, _external=True),
            "children": [],
        }
    for category_id, count in counts.items():
        node = category_id
        while node is not None and node in nodes:
            nodes[node]["product_count"] += count
            node = parents[node]
    roots = []
    for category_id, node in nodes.items():
        parent = parents[category_id]
        (nodes[parent]["children"] if parent in nodes else roots).append(node)
    return roots
