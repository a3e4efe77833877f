"""Product search behind one interface (app.search.base), selected by SEARCH_BACKEND.

Callers use `get_backend().search(SearchQuery(...))` and `get_backend().suggest(prefix)`.
The database is the truth: changes are queued in `search_changes` (app.search.queue) in the
product's own transaction and applied here after commit; `flask search sync` applies whatever a
crash left behind and `flask search reindex` rebuilds everything.
"""

import os
from collections.abc import Callable

from flask import Flask, current_app
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.catalog.models import SearchChange
from app.extensions import db
from app.search import documents
from app.search.base import SearchBackend
from app.search.queue import has_pending_in_session


def get_backend(app: Flask | None = None) -> SearchBackend:
    """This process's backend instance for the app (created on first use).

    Keyed by process id: a Whoosh searcher holds open files that must not be shared across a
    gunicorn fork.
    """
    app = app or current_app._get_current_object()
    cached = app.extensions.get("search_backend")
    if cached is not None and cached[0] == os.getpid():
        return cached[1]
    name = app.config["SEARCH_BACKEND"]
    if name == "whoosh":
        from app.search.whoosh_backend import WhooshBackend

        backend: SearchBackend = WhooshBackend(app.config["SEARCH_INDEX_DIR"])
    elif name == "postgres":
        from app.search.postgres_backend import PostgresBackend

        backend = PostgresBackend()
    else:
        raise RuntimeError(f"Unknown SEARCH_BACKEND {name!r}; use whoosh or postgres")
    app.extensions["search_backend"] = (os.getpid(), backend)
    return backend


# A request waits at most this long for the index writer (a reindex may hold it for minutes);
# then its changes stay queued for the next request or `flask search sync`.
REQUEST_WAIT_SECONDS = 2.0


def apply_pending(limit: int = 500, app: Flask | None = None, wait: float | None = None) -> int:
    """Apply up to `limit` queued changes; returns how many queue rows were applied.

    Runs in its own session and commits it: the index write and the removal of the rows it
    applied happen together, and nothing a request left unfinished is committed along. If the
    index write fails, the rows stay queued. Two processes may run this at once: on PostgreSQL
    each takes rows nobody else holds (SKIP LOCKED); a Whoosh index takes its writer lock
    before reading, so processes write in the order they read (waiting at most `wait`
    seconds for it, else the backend's own timeout).
    """
    app = app or current_app._get_current_object()
    backend = get_backend(app)
    with Session(db.engine) as session, backend.exclusive(wait):
        rows_query = select(SearchChange.id, SearchChange.product_id).order_by(SearchChange.id)
        if session.get_bind().dialect.name == "postgresql":
            rows_query = rows_query.with_for_update(skip_locked=True)
        rows = session.execute(rows_query.limit(limit)).all()
        if not rows:
            return 0
        product_ids = {row.product_id for row in rows}
        docs = documents.build_documents(session, product_ids, lock=True)
        backend.bound_to(session).update(docs, product_ids - {doc.id for doc in docs})
        session.execute(delete(SearchChange).where(SearchChange.id.in_([r.id for r in rows])))
        session.commit()
        return len(rows)


def sync(app: Flask | None = None, batch: int = 500) -> int:
    """Apply every queued change; returns how many were applied."""
    applied = 0
    while step := apply_pending(batch, app):
        applied += step
    return applied


def reindex(progress: Callable[[int], None] | None = None, app: Flask | None = None) -> int:
    """Rebuild the whole index from the database; returns the number of documents.

    The changes queued before the rebuild started are covered by it and dropped; later ones
    stay queued. `progress` is called with the size of each batch written.
    """
    app = app or current_app._get_current_object()
    backend = get_backend(app)
    with Session(db.engine) as session, backend.exclusive():
        covered = session.scalar(select(func.max(SearchChange.id))) or 0

        def batches():
            for batch in documents.iter_batches(session):
                yield batch
                # A database-held index has written the batch by now: commit it so that row
                # locks do not pile up for the whole rebuild.
                session.commit()
                if progress:
                    progress(len(batch))

        count = backend.bound_to(session).rebuild(batches())
        session.execute(delete(SearchChange).where(SearchChange.id <= covered))
        session.commit()
    backend.compact()
    return count


def init_app(app: Flask) -> None:
    """Apply the changes a request queued once it has committed them."""

    @app.after_request
    def apply_queued_search_changes(response):
        if has_pending_in_session():
            try:
                apply_pending(app=app, wait=REQUEST_WAIT_SECONDS)
            except Exception:
                # The rows stay in search_changes: the next request or `flask search sync`
                # applies them. Search being behind must never fail the seller's request.
                app.logger.exception("search index update failed; changes stay queued")
        return response
