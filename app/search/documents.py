"""Search documents built from the database, in batches (a few queries per batch, never per row).

Only products that the public may see are indexed: published, of an organisation that is
verified and not deactivated. Everything else a change touches is removed from the index.
"""

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from app.accounts.models import Organisation
from app.businesses import rules
from app.businesses.models import Certificate, CertificateKind
from app.catalog.models import Category, Product, ProductStatus, product_certificates
from app.db import utcnow
from app.search.base import ProductDocument

BATCH_SIZE = 1000


def visible() -> ColumnElement[bool]:
    """Products the public may find (the query must join Organisation)."""
    return and_(
        Product.status == ProductStatus.PUBLISHED,
        Organisation.verified_at.is_not(None),
        Organisation.deactivated_at.is_(None),
    )


def _timestamp(moment: datetime | None) -> int:
    return int(moment.timestamp()) if moment else 0


def _end_of_day_ts(day: date) -> int:
    """The first second after `day` (UTC): the expiry day itself still counts."""
    return int(datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC).timestamp())


class _CategoryTree:
    def __init__(self, session: Session):
        rows = session.execute(select(Category.id, Category.parent_id, Category.name)).all()
        self._parent = {row.id: row.parent_id for row in rows}
        self._name = {row.id: row.name for row in rows}
        self._paths: dict[int, tuple[int, ...]] = {}

    def path(self, category_id: int) -> tuple[int, ...]:
        """The category and its ancestors, root first."""
        if category_id not in self._paths:
            path, node, seen = [], category_id, set()
            while node is not None and node not in seen:  # a cycle would be a data error
                seen.add(node)
                path.append(node)
                node = self._parent.get(node)
            self._paths[category_id] = tuple(reversed(path))
        return self._paths[category_id]

    def names(self, category_id: int) -> str:
        return " ".join(self._name.get(c, "") for c in self.path(category_id))


def halal_until(session: Session, product_ids: Iterable[int], on: date) -> dict[int, int]:
    """Product id -> end of its halal validity (epoch seconds; 0: without end).

    A product is halal when a valid halal certificate of its business applies to it (the rule of
    app.catalog.queries.is_halal); validity follows the registry's rules (recorded expiry, else
    HALAL_VALIDITY_YEARS from issue, else none).
    """
    years = current_app.config["HALAL_VALIDITY_YEARS"]
    rows = session.execute(
        select(
            product_certificates.c.product_id.label("owner"),
            Certificate.issued_on,
            Certificate.expires_on,
        )
        .join(product_certificates, product_certificates.c.certificate_id == Certificate.id)
        .where(
            Certificate.kind == CertificateKind.HALAL,
            product_certificates.c.product_id.in_(list(product_ids)),
        )
    ).all()
    until: dict[int, int] = {}
    for row in rows:
        expiry = rules.certificate_expiry(
            CertificateKind.HALAL, row.issued_on, row.expires_on, years
        )
        if expiry is not None and expiry < on:
            continue
        end = 0 if expiry is None else _end_of_day_ts(expiry)
        current = until.get(row.owner)
        if current is None or end == 0 or (current != 0 and end > current):
            until[row.owner] = end
    return until


def _select_visible():
    return (
        select(
            Product.id,
            Product.name,
            Product.description,
            Product.category_id,
            Product.organisation_id,
            Product.price,
            Product.is_pdn,
            Product.published_at,
            Product.created_at,
            Product.featured_until,
            Organisation.name.label("seller_name"),
            Organisation.kecamatan_code,
        )
        .join(Organisation, Organisation.id == Product.organisation_id)
        .where(visible())
    )


def _documents(session: Session, rows, tree: _CategoryTree) -> list[ProductDocument]:
    now = utcnow()
    halal = halal_until(session, [row.id for row in rows], now.date())
    docs = []
    for row in rows:
        halal_end = halal.get(row.id)
        featured = row.featured_until is not None and row.featured_until > now
        docs.append(
            ProductDocument(
                id=row.id,
                name=row.name,
                description=row.description or "",
                category_id=row.category_id,
                category_ids=tree.path(row.category_id),
                category_names=tree.names(row.category_id),
                seller_id=row.organisation_id,
                seller_name=row.seller_name,
                kecamatan=row.kecamatan_code or "",
                price=row.price,
                halal=halal_end is not None,
                featured=featured,
                pdn=bool(row.is_pdn),
                published_ts=_timestamp(row.published_at or row.created_at),
                featured_until_ts=_timestamp(row.featured_until) if featured else None,
                halal_until_ts=halal_end or None,
            )
        )
    return docs


def build_documents(
    session: Session, product_ids: Iterable[int], *, lock: bool = False
) -> list[ProductDocument]:
    """Documents of those of these products that are visible (the others must be removed).

    With `lock`, the product rows (visible or not) stay locked on PostgreSQL until the caller's
    transaction ends, so no edit can slip in between reading a product and writing (or
    removing) its document, and two appliers of the same product write in turn.
    """
    ids = sorted(set(product_ids))
    tree = _CategoryTree(session)
    docs: list[ProductDocument] = []
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        if lock:  # in id order, so that two appliers cannot deadlock
            session.execute(
                select(Product.id)
                .where(Product.id.in_(chunk))
                .order_by(Product.id)
                .with_for_update()
            )
        query = _select_visible().where(Product.id.in_(chunk)).order_by(Product.id)
        docs.extend(_documents(session, session.execute(query).all(), tree))
    return docs


def count_visible(session: Session) -> int:
    return session.scalar(
        select(func.count())
        .select_from(Product)
        .join(Organisation, Organisation.id == Product.organisation_id)
        .where(visible())
    )


def iter_batches(session: Session, size: int = BATCH_SIZE) -> Iterator[list[ProductDocument]]:
    """Every visible product's document, in batches (keyset pages by id: steady at any depth)."""
    tree = _CategoryTree(session)
    last_id = 0
    while True:
        rows = session.execute(
            _select_visible().where(Product.id > last_id).order_by(Product.id).limit(size)
        ).all()
        if not rows:
            return
        last_id = rows[-1].id
        yield _documents(session, rows, tree)
