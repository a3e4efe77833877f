"""The durable queue between the database and the search index."""

from app.catalog.models import SearchChange
from app.extensions import db

_PENDING_KEY = "search_pending"


def queue_change(product_id: int) -> None:
    """Mark a product for (re)indexing in the caller's transaction; applied after commit."""
    db.session.add(SearchChange(product_id=product_id))
    db.session.info[_PENDING_KEY] = True


def has_pending_in_session() -> bool:
    return bool(db.session.info.pop(_PENDING_KEY, False))
