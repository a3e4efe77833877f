"""`flask search bench`: reindex time and search/suggestion latency, per backend, in one run.

Latency is measured server side (the backend call, including its database round trips), for
each query once on a fresh searcher (caches cold, as after a deploy or an index change) and
once more (warm, the steady state of a long-running worker).
"""

import time
from statistics import median

from flask import current_app
from sqlalchemy import select, text

from app import search
from app.catalog.models import Category
from app.extensions import db
from app.search import benchdata
from app.search.base import SearchQuery


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _timed(calls) -> list[float]:
    out = []
    for call in calls:
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
        db.session.rollback()  # a web request ends its transaction too
    return out


def _line(label: str, ms: list[float]) -> str:
    return (
        f"  {label:<22} p50 {median(ms):7.1f} ms   p95 {_percentile(ms, 95):7.1f} ms"
        f"   max {max(ms):7.1f} ms   (n={len(ms)})"
    )


def _analyze() -> None:
    """Fresh planner statistics after bulk writes (autovacuum would get there, later)."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))


def run(n_products: int, n_queries: int, backends: str, echo=print) -> None:
    app = current_app._get_current_object()
    echo(f"Database: {db.engine.url.render_as_string(hide_password=True)}")
    made = benchdata.generate(n_products, echo=echo)
    echo(f"Products: {n_products} wanted, {made} generated now.")
    _analyze()
    category_ids = dict(db.session.execute(select(Category.slug, Category.id)).all())
    queries = [SearchQuery(**q) for q in benchdata.queries(n_queries, category_ids)]
    prefixes = benchdata.suggestion_prefixes(n_queries)
    db.session.rollback()

    chosen = ["whoosh", "postgres"] if backends == "both" else [backends]
    original = app.config["SEARCH_BACKEND"]
    try:
        for name in chosen:
            if name == "postgres" and db.engine.dialect.name != "postgresql":
                echo("postgres: skipped (DATABASE_URL is not PostgreSQL)")
                continue
            app.config["SEARCH_BACKEND"] = name
            app.extensions.pop("search_backend", None)
            _bench_backend(name, queries, prefixes, echo)
    finally:
        app.config["SEARCH_BACKEND"] = original
        app.extensions.pop("search_backend", None)


def _bench_backend(name: str, queries, prefixes, echo) -> None:
    echo(f"\n== {name} ==")
    start = time.perf_counter()
    count = search.reindex()
    seconds = time.perf_counter() - start
    echo(f"  reindex: {count} documents in {seconds:.1f} s ({count / seconds:.0f} documents/s)")

    backend = search.get_backend()
    close = getattr(backend, "close", None)
    if close:  # a fresh searcher: the first pass starts with cold caches
        close()
    totals = []
    cold = _timed(lambda q=q: totals.append(backend.search(q).total) for q in queries)
    warm = _timed(lambda q=q: backend.search(q) for q in queries)
    suggest_cold = _timed(lambda p=p: backend.suggest(p) for p in prefixes)
    suggest_warm = _timed(lambda p=p: backend.suggest(p) for p in prefixes)
    echo(_line("search (first pass)", cold))
    echo(_line("search (second pass)", warm))
    echo(_line("suggest (first pass)", suggest_cold))
    echo(_line("suggest (second pass)", suggest_warm))
    echo(
        f"  results per query: median {median(totals):.0f}, "
        f"{sum(1 for t in totals if t == 0)} of {len(totals)} empty"
    )
