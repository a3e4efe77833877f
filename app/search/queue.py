"""The durable queue between the database and the search index."""

from sqlalchemy import select

from app.catalog.models import Product, SearchChange
from app.extensions import db

_PENDING_KEY = "search_pending"


def queue_change(product_id: int) -> None:
    """Mark a product for (re)indexing in the caller's transaction; applied after commit."""
    db.session.add(SearchChange(product_id=product_id))
    db.session.info[_PENDING_KEY] = True


def queue_organisation(organisation_id: int) -> None:
    """Queue every product of an organisation whose visibility or halal status may have changed
    (verified, deactivated, a halal certificate added, changed or removed)."""
    for product_id in db.session.scalars(
        select(Product.id).where(Product.organisation_id == organisation_id)
    ):
        queue_change(product_id)


def has_pending_in_session() -> bool:
    return bool(db.session.info.pop(_PENDING_KEY, False))
