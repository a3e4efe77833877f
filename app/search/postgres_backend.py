"""Search in PostgreSQL itself: products.search_vector (GIN index), shared by every web host.

The vector holds the terms of app.search.analysis, stored with the `simple` configuration
(which only lowercases), not PostgreSQL's own `indonesian` one. Deliberately: `indonesian`
over-stems ("kemeja", shirt, becomes "meja", table; "pakaian", clothes, becomes "pakai"), and
with one Python analysis for both backends a query finds the same products on Whoosh and on
PostgreSQL. Weights: A the name, B the category path and seller, C the description, D the words
as written, their spelling variants and stems, for completing a half-typed word ("kri:*BD"):
D for the name's words, B also holds those of category and seller.

A product is in this "index" while its search_vector is set; filters read the live columns.
When the words find nothing, a word that no product has is taken as a typo and replaced by the
most similar words of product names (pg_trgm trigram similarity on products.name).
"""

from flask import current_app
from sqlalchemy import text

from app.businesses.services import today
from app.catalog.models import ProductStatus
from app.db import utcnow
from app.extensions import db
from app.search import analysis
from app.search.base import ProductDocument, SearchBackend, SearchQuery, SearchResult

# D, C, B, A: the name, then a completed word of the name, then category or seller, then the
# description (the same order as the Whoosh weights).
RANK_WEIGHTS = "{0.6, 0.3, 0.4, 1.0}"
# A name may hold what a mistyped word meant when one of its words is this similar (pg_trgm
# word similarity: "pedes" and "pedas" share half their trigrams) ...
TRIGRAM_THRESHOLD = 0.5
# ... and the closest such word is taken only from this similarity on.
CORRECTION_MIN = 0.3

VECTOR = (
    "setweight(to_tsvector('simple', v.a), 'A') || setweight(to_tsvector('simple', v.b), 'B')"
    " || setweight(to_tsvector('simple', v.c), 'C') || setweight(to_tsvector('simple', v.d), 'D')"
)

FEATURED = "coalesce(p.featured_until > :now, false)"
# The products a search may show, with what filters, facets and sorting need. Written once per
# search as a MATERIALIZED CTE and read twice (facets and page) in the same statement, so the
# text match and the joins run once.
MATCHED = """
    WITH halal AS (
        -- A product is halal when a valid halal certificate of its business applies to it
        -- (the same rule as app.catalog.queries.is_halal).
        SELECT DISTINCT pc.product_id FROM certificates c
        JOIN product_certificates pc ON pc.certificate_id = c.id
        WHERE c.kind = 'halal' AND (
            c.expires_on >= :today
            OR (c.expires_on IS NULL AND (
                :halal_years = 0
                OR (c.issued_on + make_interval(years => :halal_years))::date >= :today))
        )
    ),
    m AS MATERIALIZED (
        SELECT p.id, p.category_id AS cat, o.kecamatan_code AS kec,
               h.product_id IS NOT NULL AS halal,
               {featured} AS featured, p.is_pdn AS pdn, p.price,
               floor(extract(epoch from coalesce(p.published_at, p.created_at))) AS ts,
               {rank} AS r
        FROM products p
        JOIN organisations o ON o.id = p.organisation_id
        LEFT JOIN halal h ON h.product_id = p.id
        WHERE p.search_vector IS NOT NULL AND p.status = :published
          AND o.verified_at IS NOT NULL AND o.deactivated_at IS NULL {where}
    )
""".replace("{featured}", FEATURED)
# Facets from one grouping by category and kecamatan (a few hundred groups), the flags counted
# alongside: one hash table instead of one per facet (GROUPING SETS), about half the cost.
FACETS = """
    SELECT 0 AS part, cat, kec, count(*) AS n, count(*) FILTER (WHERE halal) AS halal,
           count(*) FILTER (WHERE featured) AS featured, count(*) FILTER (WHERE pdn) AS pdn,
           NULL::integer AS id, NULL::bigint AS pos
    FROM m GROUP BY cat, kec
"""
# A window over the page's few rows numbers them, so their order survives the UNION.
PAGE = """
    SELECT 1, NULL, NULL, NULL, NULL, NULL, NULL, id, row_number() OVER (ORDER BY {order})
    FROM (SELECT * FROM m ORDER BY {order} LIMIT :limit OFFSET :offset) page
"""
ORDERS = {
    "relevance": "r DESC, featured DESC, ts DESC, id DESC",
    "newest": "ts DESC, id DESC",
    "price_asc": "price ASC, ts DESC, id DESC",
    "price_desc": "price DESC, ts DESC, id DESC",
}


def _vector_row(doc: ProductDocument) -> dict:
    other = f"{doc.category_names} {doc.seller_name}"
    other_terms = analysis.index_terms(other) + sorted(analysis.completion_terms(other))
    return {
        "id": doc.id,
        "a": " ".join(analysis.index_terms(doc.name)),
        "b": " ".join(other_terms),
        "c": " ".join(analysis.index_terms(doc.description)),
        "d": " ".join(sorted(analysis.completion_terms(doc.name))),
    }


def tsquery(tokens: list[analysis.QueryToken]) -> str:
    """`to_tsquery('simple', ...)` text; the terms hold only letters and digits, so no quoting.

    Every word must match; the last may also begin a word of the name (D) or category (B).
    """
    parts = []
    for token in tokens:
        options = [token.stem] if token.stem else []
        if token.complete_prefix:
            options.append(f"{token.surface}:*BD")
        parts.append(options[0] if len(options) == 1 else f"({' | '.join(options)})")
    return " & ".join(parts)


class PostgresBackend(SearchBackend):
    name = "postgres"

    def __init__(self, session=None):
        self._session = session

    @property
    def session(self):
        return self._session if self._session is not None else db.session

    def bound_to(self, session) -> "PostgresBackend":
        return PostgresBackend(session)

    def _check_dialect(self) -> None:
        if self.session.get_bind().dialect.name != "postgresql":
            raise RuntimeError("SEARCH_BACKEND=postgres needs a PostgreSQL DATABASE_URL")

    # --- writing (in the caller's transaction) ---------------------------------------------

    def index(self, documents: list[ProductDocument]) -> None:
        if not documents:
            return
        self._check_dialect()
        rows = [_vector_row(doc) for doc in documents]
        self.session.execute(
            text(
                f"UPDATE products AS p SET search_vector = {VECTOR} "
                "FROM unnest(CAST(:ids AS integer[]), CAST(:a AS text[]), CAST(:b AS text[]),"
                " CAST(:c AS text[]), CAST(:d AS text[])) AS v(id, a, b, c, d) WHERE p.id = v.id"
            ),
            {"ids": [row["id"] for row in rows]} | {k: [row[k] for row in rows] for k in "abcd"},
        )

    def remove(self, product_ids: list[int]) -> None:
        if not product_ids:
            return
        self._check_dialect()
        self.session.execute(
            text(
                "UPDATE products SET search_vector = NULL "
                "WHERE id = ANY(CAST(:ids AS integer[])) AND search_vector IS NOT NULL"
            ),
            {"ids": list(product_ids)},
        )

    def clear(self) -> None:
        self._check_dialect()
        self.session.execute(
            text("UPDATE products SET search_vector = NULL WHERE search_vector IS NOT NULL")
        )

    def rebuild(self, batches) -> int:
        """Overwrite vectors batch by batch (searches keep working), then clear the vectors of
        products that were not rebuilt. The caller commits."""
        self._check_dialect()
        seen: list[int] = []
        for batch in batches:
            self.index(batch)
            seen.extend(doc.id for doc in batch)
        self.session.execute(
            text(
                "UPDATE products SET search_vector = NULL WHERE search_vector IS NOT NULL "
                "AND id NOT IN (SELECT unnest(CAST(:ids AS integer[])))"  # a hashed anti-join
            ),
            {"ids": seen},
        )
        return len(seen)

    def compact(self) -> None:
        """A rebuild rewrites every product row: vacuum the dead versions (scans read every
        page, dead or alive) and give the planner fresh statistics for the new vectors."""
        engine = self.session.get_bind().engine
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM (ANALYZE) products"))

    # --- reading ---------------------------------------------------------------------------------

    def _params(self) -> dict:
        return {
            "today": today(),
            "now": utcnow(),
            "halal_years": current_app.config["HALAL_VALIDITY_YEARS"],
            "published": ProductStatus.PUBLISHED.value,
            "weights": RANK_WEIGHTS,
        }

    def _categories(self) -> tuple[dict[int, int | None], dict[int, list[int]]]:
        rows = self.session.execute(text("SELECT id, parent_id FROM categories")).all()
        parent = {row.id: row.parent_id for row in rows}
        children: dict[int, list[int]] = {}
        for child, up in parent.items():
            children.setdefault(up, []).append(child)
        return parent, children

    @staticmethod
    def _root(parent: dict[int, int | None], category_id: int) -> int:
        seen = set()
        while parent.get(category_id) is not None and category_id not in seen:
            seen.add(category_id)
            category_id = parent[category_id]
        return category_id

    def _filters(self, q: SearchQuery, params: dict, children) -> list[str]:
        where = []
        if q.category_id is not None:
            subtree, todo = [], [q.category_id]
            while todo:
                node = todo.pop()
                subtree.append(node)
                todo.extend(children.get(node, []))
            where.append("p.category_id = ANY(CAST(:categories AS integer[]))")
            params["categories"] = subtree
        if q.kecamatan:
            where.append("o.kecamatan_code = :kecamatan")
            params["kecamatan"] = q.kecamatan
        if q.seller_id is not None:
            where.append("p.organisation_id = :seller")
            params["seller"] = q.seller_id
        if q.min_price is not None:
            where.append("p.price >= :min_price")
            params["min_price"] = q.min_price
        if q.max_price is not None:
            where.append("p.price <= :max_price")
            params["max_price"] = q.max_price
        if q.halal is not None:
            where.append("h.product_id IS " + ("NOT NULL" if q.halal else "NULL"))
        if q.featured is not None:
            where.append(f"{FEATURED} = :featured")
            params["featured"] = q.featured
        if q.pdn is not None:
            where.append("p.is_pdn = :pdn")
            params["pdn"] = q.pdn
        return where

    def _read(self, rows, parent) -> tuple[int, dict[str, dict], list[int]]:
        """(total, facets, page ids) from the rows of FACETS UNION ALL PAGE."""
        category: dict[int, int] = {}
        kecamatan: dict[str, int] = {}
        flags = {"halal": 0, "featured": 0, "pdn": 0}
        page, total = [], 0
        for row in rows:
            if row.part == 1:
                page.append((row.pos, row.id))
                continue
            total += row.n
            root = self._root(parent, row.cat)
            category[root] = category.get(root, 0) + row.n
            if row.kec:
                kecamatan[row.kec] = kecamatan.get(row.kec, 0) + row.n
            for flag in flags:
                flags[flag] += getattr(row, flag)
        facets: dict[str, dict] = {"category": category, "kecamatan": kecamatan}
        for flag, yes in flags.items():
            facets[flag] = {k: v for k, v in ((True, yes), (False, total - yes)) if v}
        return total, facets, [product_id for _, product_id in sorted(page)]

    def _unknown(self, tokens: list[analysis.QueryToken]) -> list[bool]:
        """Per word: True when no indexed product has it at all (a typo, most likely).

        Index probes: for a word found nowhere the planner would rather scan the whole table
        expecting an early hit, so sequential scans are off for this one statement (inside a
        savepoint, whose rollback restores the setting).
        """
        params = {f"q{i}": tsquery([token]) for i, token in enumerate(tokens)}
        probes = ", ".join(
            f"EXISTS (SELECT 1 FROM products WHERE search_vector @@ to_tsquery('simple', :q{i}))"
            for i in range(len(tokens))
        )
        savepoint = self.session.begin_nested()
        try:
            self.session.execute(text("SET LOCAL enable_seqscan = off"))
            found = self.session.execute(text(f"SELECT {probes}"), params).one()
        finally:
            savepoint.rollback()
        return [not exists for exists in found]

    def _closest_name_words(self, word: str) -> list[str]:
        """The words of product names most like `word` (pg_trgm), for a word no product has.

        The trigram index finds names with a similar word; the best-scoring words among a few
        hundred of them are what was meant ("kemja": kemeja, not kerja), as Whoosh takes the
        closest of the words one edit away.
        """
        self.session.execute(
            text("SELECT set_config('pg_trgm.word_similarity_threshold', :t, true)"),
            {"t": str(TRIGRAM_THRESHOLD)},
        )
        rows = self.session.execute(
            text(
                "SELECT w, similarity(w, :word) AS s FROM ("
                " SELECT DISTINCT regexp_split_to_table(lower(name), '[^[:alnum:]]+') AS w"
                " FROM (SELECT name FROM products WHERE search_vector IS NOT NULL"
                " AND :word <% name LIMIT 300) named"
                ") words WHERE w <> '' ORDER BY s DESC LIMIT 10"
            ),
            {"word": word},
        ).all()
        best = rows[0].s if rows else 0
        if best < CORRECTION_MIN:
            return []
        return [row.w for row in rows if row.s >= best - 1e-6]

    def _match(self, tokens, params: dict, fuzzy: bool) -> tuple[str, str] | None:
        """(condition, rank expression) for the words, or None when there is nothing to try.

        Strict: every word in the full-text vector. Typo-tolerant (tried when strict finds
        nothing): a word that no product has, of at least MIN_FUZZY letters, is replaced by
        the most similar words of product names (pg_trgm), then matched strictly again.
        """
        condition = "p.search_vector @@ to_tsquery('simple', :tsquery)"
        # ts_rank, not ts_rank_cd: cover density adds nothing to a name of a few words, and
        # costs 1.7 us a row against 0.1 (80 ms more for 47,000 matches at 200,000 products).
        rank = "ts_rank(CAST(:weights AS real[]), p.search_vector, to_tsquery('simple', :tsquery))"
        if not fuzzy:
            params["tsquery"] = tsquery(tokens)
            return condition, rank
        parts = []
        corrected = False
        for token, unknown in zip(tokens, self._unknown(tokens), strict=True):
            if not unknown:
                parts.append(tsquery([token]))
                continue
            if not token.fuzzy:
                return None
            typed = analysis.CANONICAL.get(token.surface, token.surface)
            stems = sorted({analysis.stem(w) for w in self._closest_name_words(typed)})
            if not stems:
                return None
            parts.append(f"({' | '.join(stems)})")
            corrected = True
        if not corrected:
            return None
        params["tsquery"] = " & ".join(parts)
        return condition, rank

    def _query(self, q: SearchQuery, tokens, fuzzy: bool):
        """(total, facets, page ids) or None when a typo-tolerant retry has nothing to try."""
        params = self._params()
        parent, children = self._categories()
        where = self._filters(q, params, children)
        rank = "0"
        if tokens:
            match = self._match(tokens, params, fuzzy)
            if match is None:
                return None
            condition, text_rank = match
            where.append(condition)
            if q.sort == "relevance":  # ranking every matched row is the costly part
                rank = text_rank
        params["limit"] = q.per_page
        params["offset"] = max(q.page - 1, 0) * q.per_page
        sql = (
            MATCHED.format(rank=rank, where="".join(f" AND {w}" for w in where))
            + FACETS
            + " UNION ALL "
            + PAGE.format(order=ORDERS[q.sort])
        )
        return self._read(self.session.execute(text(sql), params), parent)

    def search(self, query: SearchQuery) -> SearchResult:
        self._check_dialect()
        tokens = analysis.parse_query(query.text)
        total, facets, ids = self._query(query, tokens, fuzzy=False)
        approximate = False
        if tokens and total == 0:
            fallback = self._query(query, tokens, fuzzy=True)
            if fallback is not None and fallback[0]:
                (total, facets, ids), approximate = fallback, True
        return SearchResult(ids=ids, total=total, facets=facets, approximate=approximate)

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Names with a word beginning as typed (every earlier word matching too).

        Ranking every match of three letters costs too much at 200,000 products, so this takes
        the first matches the index yields (the query stops early) and prefers, among those,
        the names that begin with what was typed.
        """
        if len(prefix.strip()) < analysis.SUGGEST_MIN or limit <= 0:
            return []
        self._check_dialect()
        tokens = analysis.parse_query(prefix, typing=True)
        if not tokens:
            return []
        for fuzzy in (False, True):
            params = self._params() | {"limit": limit * 8}
            match = self._match(tokens, params, fuzzy)
            if match is None:
                return []
            condition, rank = match
            order = f" ORDER BY {rank} DESC" if fuzzy else ""  # few rows when fuzzy
            found = self.session.scalars(
                text(
                    "SELECT p.name FROM products p"
                    " JOIN organisations o ON o.id = p.organisation_id"
                    " WHERE p.search_vector IS NOT NULL AND p.status = :published"
                    " AND o.verified_at IS NOT NULL AND o.deactivated_at IS NULL"
                    f" AND {condition}{order} LIMIT :limit"
                ),
                params,
            ).all()
            if found:
                break
        typed = " ".join(t.surface for t in tokens)
        names: dict[str, str] = {}
        for name in sorted(found, key=lambda n: not n.casefold().startswith(typed)):
            names.setdefault(name.casefold(), name)
        return list(names.values())[:limit]
