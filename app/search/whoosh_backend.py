"""The embedded search index (Whoosh), the default backend.

Whoosh allows one writer per index: every write here first takes an exclusive file lock
(`flock`) with a timeout, so several gunicorn workers, the CLI and the after-request hook queue
up instead of failing with LockError. Each process keeps one searcher and replaces it when the
index's generation changes. Searching, filtering, ranking and facets run on cached document sets
(app.search.whoosh_view) rather than Whoosh's per-query collectors.
"""

import fcntl
import os
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from whoosh import columns, fields, formats, index, writing
from whoosh.analysis import Token, Tokenizer
from whoosh.codec.whoosh3 import W3Codec

from app.search import analysis
from app.search.base import ProductDocument, SearchBackend, SearchQuery, SearchResult
from app.search.whoosh_view import META, NO_END, SegmentCache, View

# Ranking: where a query word is found decides its weight - in the name, completing a word of
# the name, in the category path or seller name, in the description - times how rare the word
# is. The same order as the PostgreSQL weights A, D, B, C (app.search.postgres_backend).
NAME, NAME_PREFIX, OTHER, DESCRIPTION = 4.0, 2.4, 1.6, 1.2


class IndexBusy(RuntimeError):
    """Another process held the index writer for longer than the timeout."""


class IndonesianTokenizer(Tokenizer):
    """Whoosh tokenizer yielding app.search.analysis index terms (stemmed Indonesian)."""

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, term in enumerate(analysis.index_terms(value) if tokenize else [value]):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = term
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = token.endchar = start_char
            yield token


class IndonesianWords(fields.FieldType):
    """Analysed Indonesian text, indexed as bare postings (which documents hold a word).

    Not scorable, no frequencies: ranking works on document sets, not Whoosh's scorers.
    """

    def __init__(self, stored: bool = False):
        super().__init__(formats.Existence(), IndonesianTokenizer(), scorable=False, stored=stored)


class Codec(W3Codec):
    """Whoosh's codec without per-block length statistics, which only its scorers use.

    Collecting them costs a file-existence check per posting for every field without a length
    column: more than half the indexing time.
    """

    length_stats = False


def make_schema() -> fields.Schema:
    return fields.Schema(
        pid=fields.ID(unique=True),
        name=IndonesianWords(stored=True),
        other=IndonesianWords(),  # category path and seller name
        description=IndonesianWords(),
        # Words as written, their spelling variants and stems, for completing half words.
        name_completion=fields.KEYWORD(),
        other_completion=fields.KEYWORD(),
        category=fields.KEYWORD(),  # the category and its ancestors
        root=fields.ID(),  # the top-level category, for the category facet
        kecamatan=fields.ID(),
        seller=fields.ID(),
        pdn=fields.ID(),
        meta=fields.COLUMN(columns.FixedBytesColumn(META.size)),
    )


def _shape(schema: fields.Schema) -> list[tuple[str, str]]:
    """Field names and kinds: what an index written by other code must share with ours.
    (Schemas themselves never compare equal: Whoosh's column objects have no equality.)"""
    return sorted((name, type(field).__name__) for name, field in schema.items())


def _until(flag: bool, until_ts: int | None) -> int:
    if not flag:
        return 0
    return NO_END if until_ts is None else until_ts


def _fields(doc: ProductDocument) -> dict:
    other = f"{doc.category_names} {doc.seller_name}"
    return {
        "pid": str(doc.id),
        "name": doc.name,
        "other": other,
        "description": doc.description,
        "name_completion": " ".join(sorted(analysis.completion_terms(doc.name))),
        "other_completion": " ".join(sorted(analysis.completion_terms(other))),
        "category": " ".join(str(c) for c in doc.category_ids or (doc.category_id,)),
        "root": str((doc.category_ids or (doc.category_id,))[0]),
        "kecamatan": doc.kecamatan,
        "seller": str(doc.seller_id),
        "pdn": "1" if doc.pdn else "0",
        "meta": META.pack(
            doc.id,
            doc.price,
            doc.published_ts,
            _until(doc.featured, doc.featured_until_ts),
            _until(doc.halal, doc.halal_until_ts),
        ),
    }


class WriterLock:
    """An exclusive lock on a file, re-entrant within a thread.

    `flock` on a freshly opened descriptor excludes other processes and other threads of this
    process alike (POSIX `fcntl` record locks would not exclude threads).
    """

    def __init__(self, path: str, timeout: float):
        self.path = path
        self.timeout = timeout
        self._local = threading.local()

    @contextmanager
    def hold(self, timeout: float | None = None) -> Iterator[None]:
        depth = getattr(self._local, "depth", 0)
        if depth:
            self._local.depth = depth + 1
            try:
                yield
            finally:
                self._local.depth -= 1
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise IndexBusy(f"search index writer busy: {self.path}") from None
                    time.sleep(0.02)
            self._local.depth = 1
            try:
                yield
            finally:
                self._local.depth = 0
        finally:
            os.close(fd)  # releases the lock


class WhooshBackend(SearchBackend):
    name = "whoosh"

    def __init__(self, path: str, lock_timeout: float = 30.0):
        self.path = path
        os.makedirs(path, exist_ok=True)
        self.lock = WriterLock(os.path.join(path, "writer.lock"), lock_timeout)
        self._ix = None
        self._view: View | None = None
        self._retired: View | None = None
        self._segments: dict[str, SegmentCache] = {}
        self._switch = threading.Lock()

    # --- writing -------------------------------------------------------------------------------

    def exclusive(self, timeout: float | None = None):
        return self.lock.hold(timeout)

    def _index(self):
        if self._ix is None:
            if not index.exists_in(self.path):
                with self.lock.hold():  # two processes must not both create it
                    if not index.exists_in(self.path):
                        index.create_in(self.path, make_schema())
            self._ix = index.open_dir(self.path)
        return self._ix

    def update(self, documents: list[ProductDocument], removed_ids: Iterable[int]) -> None:
        removed = sorted(set(removed_ids))
        if not documents and not removed:
            return
        with self.lock.hold():
            writer = self._index().writer(codec=Codec())
            try:
                for product_id in removed:
                    writer.delete_by_term("pid", str(product_id))
                for doc in documents:
                    writer.update_document(**_fields(doc))
            except BaseException:
                writer.cancel()
                raise
            writer.commit()

    def index(self, documents: list[ProductDocument]) -> None:
        self.update(documents, ())

    def remove(self, product_ids: list[int]) -> None:
        self.update([], product_ids)

    def clear(self) -> None:
        self.rebuild([])

    def rebuild(self, batches: Iterable[list[ProductDocument]]) -> int:
        """Write a whole new index in one writer and swap it in at commit.

        Searchers keep seeing the old index until then (CLEAR drops the old segments only at
        commit). An index written with another schema (older code) is recreated instead.
        """
        count = 0
        with self.lock.hold():
            ix = self._index()
            if _shape(ix.schema) != _shape(make_schema()):
                ix = self._ix = index.create_in(self.path, make_schema())
            writer = ix.writer(codec=Codec(), limitmb=256)
            try:
                for batch in batches:
                    for doc in batch:
                        writer.add_document(**_fields(doc))
                    count += len(batch)
            except BaseException:
                writer.cancel()
                raise
            writer.commit(mergetype=writing.CLEAR)
        return count

    # --- reading -------------------------------------------------------------------------------

    def view(self) -> View:
        """This process's searcher, replaced when another writer has committed.

        A new searcher rather than `searcher.refresh()`: Whoosh 2.7 reuses a segment's reader by
        segment id on refresh and keeps that reader's old deletions, so a product removed from
        an existing segment would still be found. Our segment caches make a new searcher cheap.
        """
        ix = self._index()
        current = self._view
        generation = ix.latest_generation()
        if current is not None and current.generation == generation:
            return current
        with self._switch:
            current = self._view
            if current is None or current.generation != ix.latest_generation():
                fresh = View(ix.searcher(), self._segments)
                for gone in set(self._segments) - fresh.segment_ids:
                    del self._segments[gone]
                # The replaced view may still serve a search in another thread: close it one
                # switch later.
                if self._retired is not None:
                    self._retired.close()
                self._retired, self._view = self._view, fresh
            return self._view

    def close(self) -> None:
        for view in (self._retired, self._view):
            if view is not None:
                view.close()
        self._view = self._retired = None
        self._segments.clear()

    def _filters(self, view: View, q: SearchQuery, now: int) -> int:
        bits = view.live
        if q.category_id is not None:
            bits &= view.term("category", str(q.category_id))
        if q.kecamatan:
            bits &= view.term("kecamatan", q.kecamatan)
        if q.seller_id is not None:
            bits &= view.term("seller", str(q.seller_id))
        if q.pdn is not None:
            bits &= view.term("pdn", "1" if q.pdn else "0")
        if q.min_price is not None or q.max_price is not None:
            bits &= view.price_range(q.min_price, q.max_price)
        for name, wanted in (("halal", q.halal), ("featured", q.featured)):
            if wanted is not None:
                valid = view.valid_at(name, now)
                bits &= valid if wanted else ~valid
        return bits

    def _token_states(self, view: View, token: analysis.QueryToken, fuzzy: bool):
        """(idf, [(weight, documents)], all documents) with each document counted in the
        best-weighted place the word was found only. With `fuzzy`, words one edit away count
        too."""
        stem, surface = token.stem, token.surface
        prefix = token.complete_prefix
        closest = self._closest_words(view, token) if fuzzy else {}

        def found(field: str | None, completion: str | None = None) -> int:
            bits = 0
            if field and stem:
                bits |= view.term(field, stem)
            if completion and prefix:
                bits |= view.prefix(completion, surface)
            for typo_field in (field, completion):
                for term in closest.get(typo_field, ()):
                    bits |= view.term(typo_field, term)
            return bits

        places = (
            (NAME, found("name")),
            (NAME_PREFIX, found(None, "name_completion")),
            (OTHER, found("other", "other_completion")),
            (DESCRIPTION, found("description")),
        )
        states, seen = [], 0
        for weight, bits in places:
            states.append((weight, bits & ~seen))
            seen |= bits
        return view.idf(seen), states, seen

    @staticmethod
    def _closest_words(view: View, token: analysis.QueryToken) -> dict[str, list[str]]:
        """Per field, the indexed words one edit from the typed word that are most like it.

        "kemja" is one edit from "kemeja" and from "kerja" (work); only the closest spelling
        (by trigram similarity, as PostgreSQL's fallback ranks) is taken as meant.
        """
        candidates = [
            (field, term, analysis.similarity(typed, term))
            for field, typed in (
                ("name", token.stem),
                ("other", token.stem),
                ("description", token.stem),
                ("name_completion", token.surface),
                ("other_completion", token.surface),
            )
            if typed
            for term in view.fuzzy_terms(field, typed)
        ]
        if not candidates:
            return {}
        best = max(score for _, _, score in candidates)
        closest: dict[str, list[str]] = {}
        for field, term, score in candidates:
            if score >= best - 1e-9:
                closest.setdefault(field, []).append(term)
        return closest

    def _match(self, view: View, tokens, allowed: int, fuzzy: list[bool]):
        """(matched documents, per word (idf, states), per word all its documents)."""
        scored, matched, found = [], allowed, []
        for token, tolerant in zip(tokens, fuzzy, strict=True):
            idf, states, any_state = self._token_states(view, token, tolerant)
            matched &= any_state
            scored.append((idf, states))
            found.append(any_state)
        return matched, scored, found

    @staticmethod
    def _tiers(matched: int, scored) -> list[int]:
        """The matched documents grouped by score, best first (each score is a sum of
        per-word weights, so a group is an intersection of per-word sets)."""
        groups: dict[float, int] = {}

        def walk(i: int, bits: int, score: float) -> None:
            if i == len(scored):
                key = round(score, 9)
                groups[key] = groups.get(key, 0) | bits
                return
            idf, states = scored[i]
            for weight, state in states:
                both = bits & state
                if both:
                    walk(i + 1, both, score + weight * idf)

        walk(0, matched, 0.0)
        return [groups[score] for score in sorted(groups, reverse=True)]

    def _ranked(self, view: View, tiers, now: int, skip: int, limit: int) -> list[int]:
        """Page of document numbers: by tier, featured first within a tier, then newest."""
        featured = view.valid_at("featured", now)
        page: list[int] = []
        for tier in tiers:
            for part in (tier & featured, tier & ~featured):
                count = part.bit_count()
                if skip >= count:
                    skip -= count
                    continue
                page += view.take(part, count, "newest", skip, limit - len(page))
                skip = 0
                if len(page) >= limit:
                    return page
        return page

    def _facets(self, view: View, matched: int, total: int, now: int) -> dict[str, dict]:
        facets: dict[str, dict] = {"category": {}, "kecamatan": {}}
        for facet, field, convert in (("category", "root", int), ("kecamatan", "kecamatan", str)):
            for term in view.terms(field):
                count = (matched & view.term(field, term)).bit_count()
                if count:
                    facets[facet][convert(term)] = count
        flags = {
            "halal": view.valid_at("halal", now),
            "featured": view.valid_at("featured", now),
            "pdn": view.term("pdn", "1"),
        }
        for facet, bits in flags.items():
            yes = (matched & bits).bit_count()
            facets[facet] = {k: v for k, v in ((True, yes), (False, total - yes)) if v}
        return facets

    def _run(self, view: View, text: str, allowed: int, *, typing: bool = False):
        """(matched, tiers or None for "no text", approximate)."""
        tokens = analysis.parse_query(text, typing=typing)
        if not tokens:
            return allowed, None, False
        matched, scored, found = self._match(view, tokens, allowed, [False] * len(tokens))
        approximate = False
        if not matched:
            # Typo tolerance for the words no product has at all, if they are long enough:
            # a word that exists elsewhere is not a typo, the combination just finds nothing.
            unknown = [not bits for bits in found]
            if any(unknown) and all(t.fuzzy for t, u in zip(tokens, unknown, strict=True) if u):
                matched, scored, _ = self._match(view, tokens, allowed, unknown)
                approximate = bool(matched)
        return matched, self._tiers(matched, scored) if matched else [], approximate

    def search(self, query: SearchQuery) -> SearchResult:
        view = self.view()
        now = int(time.time())
        matched, tiers, approximate = self._run(view, query.text, self._filters(view, query, now))
        total = matched.bit_count()
        skip = max(query.page - 1, 0) * query.per_page
        if query.sort == "relevance":
            docnums = self._ranked(view, tiers or [matched], now, skip, query.per_page)
        else:
            docnums = view.take(matched, total, query.sort, skip, query.per_page)
        return SearchResult(
            ids=[view.pid[n] for n in docnums],
            total=total,
            facets=self._facets(view, matched, total, now),
            approximate=approximate,
        )

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        if len(prefix.strip()) < analysis.SUGGEST_MIN or limit <= 0:
            return []
        view = self.view()
        now = int(time.time())
        _matched, tiers, _ = self._run(view, prefix, view.live, typing=True)
        if not tiers:
            return []
        names: dict[str, str] = {}
        # Several sellers offer the same name: look a little further than `limit` for variety.
        for n in self._ranked(view, tiers, now, 0, limit * 4):
            name = view.stored_name(n)
            names.setdefault(name.casefold(), name)
            if len(names) == limit:
                break
        return list(names.values())
