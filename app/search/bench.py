"""`flask search bench`: reindex time and search/suggestion latency, per backend, in one run.

Latency is measured server side (the backend call, including its database round trips), for
each query once on a fresh searcher (caches cold, as after a deploy or an index change) and
once more (warm, the steady state of a long-running worker); then the same queries through the
JSON API endpoint `GET /api/v1/products`, in process (routing, parameter checks, the search,
loading the page's products and JSON encoding; no network).
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
    raw_queries = benchdata.queries(n_queries, category_ids)
    queries = [SearchQuery(**q) for q in raw_queries]
    slugs = {category_id: slug for slug, category_id in category_ids.items()}
    api_requests = [_api_params(q, slugs) for q in queries]
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
            _bench_api(app, api_requests, echo)
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


def _api_params(query: SearchQuery, slugs: dict[int, str]) -> dict:
    """The API request that asks what `query` asks."""
    params = {"q": query.text, "sort": query.sort, "page": query.page, "per_page": query.per_page}
    if query.category_id is not None:
        params["category"] = slugs[query.category_id]
    for name in ("kecamatan", "min_price", "max_price"):
        if getattr(query, name) is not None:
            params[name] = getattr(query, name)
    for name in ("halal", "featured", "pdn"):
        if getattr(query, name) is not None:
            params[name] = "true" if getattr(query, name) else "false"
    return {k: v for k, v in params.items() if v not in ("", None)}


def _bench_api(app, requests: list[dict], echo) -> None:
    """The same queries through GET /api/v1/products (the API's rate limit is lifted)."""
    from app.extensions import limiter

    client = app.test_client()
    was_enabled = limiter.enabled
    limiter.enabled = False
    try:
        for label in ("API search (first)", "API search (second)"):
            statuses = []
            ms = []
            for params in requests:
                start = time.perf_counter()
                response = client.get("/api/v1/products", query_string=params)
                ms.append((time.perf_counter() - start) * 1000)
                statuses.append(response.status_code)
            echo(_line(label, ms))
            bad = [s for s in statuses if s != 200]
            if bad:
                echo(f"  {len(bad)} API requests did not answer 200: {sorted(set(bad))}")
    finally:
        limiter.enabled = was_enabled
