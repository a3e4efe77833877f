"""What a Whoosh searcher knows, cached as document sets (see app.search.bitsets).

Whoosh answers a bare query quickly, but a price range built per query costs hundreds of
milliseconds at 100,000 products, and counting facets over a whole result loops over it in
Python. So the backend works on cached sets instead:

* per *segment* (Whoosh segments never change once written; only their deletions do): each
  term's document set, each completed prefix's set, the documents' product id, price, date and
  validity ends (read from one fixed-width column in a single read), the orders for sorting, and
  cumulative sets along the price order that make any price range a handful of set operations;
* per *view* (one searcher generation): the segments' sets shifted to global document numbers,
  the live (not deleted) documents, and the sets that depend on the time of day.

A change to the index adds a small segment; the big segments keep their caches.
"""

import heapq
import struct
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from math import log

from app.search import bitsets

META = struct.Struct("<5q")  # product id, price, published, featured until, halal until
NO_END = -1  # a "until" value: without end (0: not at all)
PRICE_BLOCK = 2048  # price ranges use cumulative sets every this many documents
# Sets kept per segment and per view. A set costs up to size/8 bytes (25 kB at 200,000
# documents), so these bound a worker's cache to a few tens of megabytes.
SEGMENT_CACHE = 1024
VIEW_CACHE = 512


class _Cache(dict):
    """A size-capped dict dropping its oldest entries; each operation is atomic under the GIL,
    so concurrent searcher threads need no lock."""

    def __init__(self, cap: int):
        super().__init__()
        self.cap = cap

    def put(self, key, value):
        while len(self) >= self.cap:
            try:
                self.pop(next(iter(self)), None)
            except (StopIteration, RuntimeError):  # emptied or changed by another thread
                break
        self[key] = value
        return value


def _read_meta(reader) -> array:
    """All documents' META values in one read (per-document access costs a call each)."""
    count = reader.doc_count_all()
    values = array("q")
    column = reader.column_reader("meta", translate=False) if reader.has_column("meta") else None
    stored = getattr(column, "_count", 0)
    if stored:
        # Whoosh reads fixed-width columns one value per call; read the bytes at once instead.
        values.frombytes(column._dbfile.get(column._basepos, stored * META.size))
        if sys.byteorder == "big":
            values.byteswap()
    values.extend([0] * (count * 5 - len(values)))  # documents past the end hold the default
    return values


def sort_key(name: str, pid: array, price: array, published: array) -> Callable[[int], int]:
    """One integer per document ordering it for `name`; ties go to the newest, then the
    highest product id (integers sort several times faster than tuples)."""
    if name == "newest":
        return lambda n: -((published[n] << 32) + pid[n])
    if name == "price_asc":
        return lambda n: (price[n] << 66) - ((published[n] << 32) + pid[n])
    return lambda n: -(price[n] << 66) - ((published[n] << 32) + pid[n])


class SegmentCache:
    """Caches of one immutable segment, in the segment's own document numbers."""

    def __init__(self, reader):
        self.size = reader.doc_count_all()
        meta = _read_meta(reader)
        self.pid = meta[0::5]
        self.price = meta[1::5]
        self.published = meta[2::5]
        self.until = {"featured": meta[3::5], "halal": meta[4::5]}
        self._sets = _Cache(SEGMENT_CACHE)
        self._orders: dict[str, list[int]] = {}
        self._timed: dict[str, tuple[int, int, int]] = {}
        self._price_steps: tuple[list[int], list[int]] | None = None

    def _postings(self, reader, field: str, terms) -> int:
        buffer = bytearray((self.size + 7) // 8)
        for term in terms:
            if (field, term) in reader:
                for n in reader.postings(field, term).all_ids():
                    buffer[n >> 3] |= 1 << (n & 7)
        return int.from_bytes(buffer, "little")

    def term(self, reader, field: str, text: str) -> int:
        key = ("t", field, text)
        bits = self._sets.get(key)
        if bits is None:
            bits = self._sets.put(key, self._postings(reader, field, (text,)))
        return bits

    def prefix(self, reader, field: str, prefix: str) -> int:
        key = ("p", field, prefix)
        bits = self._sets.get(key)
        if bits is None:
            terms = list(reader.expand_prefix(field, prefix))
            bits = self._sets.put(key, self._postings(reader, field, terms))
        return bits

    def order(self, name: str) -> list[int]:
        if name not in self._orders:
            keys = list(map(sort_key(name, self.pid, self.price, self.published), range(self.size)))
            self._orders[name] = sorted(range(self.size), key=keys.__getitem__)
        return self._orders[name]

    def price_range(self, low: int | None, high: int | None) -> int:
        if self._price_steps is None:
            order = self.order("price_asc")
            steps, running = [0], 0
            for start in range(0, self.size, PRICE_BLOCK):
                running |= bitsets.from_ids(order[start : start + PRICE_BLOCK], self.size)
                steps.append(running)
            self._price_steps = ([self.price[n] for n in order], steps)
        prices, steps = self._price_steps
        order = self.order("price_asc")
        start = 0 if low is None else bisect_left(prices, low)
        end = len(prices) if high is None else bisect_right(prices, high)
        if start >= end:
            return 0
        # Whole blocks from the cumulative sets, the ragged ends document by document.
        first_block, last_block = -(-start // PRICE_BLOCK), end // PRICE_BLOCK
        if first_block >= last_block:
            return bitsets.from_ids(order[start:end], self.size)
        bits = steps[last_block] ^ steps[first_block]
        edges = order[start : first_block * PRICE_BLOCK] + order[last_block * PRICE_BLOCK : end]
        return bits | bitsets.from_ids(edges, self.size)

    def valid_at(self, name: str, now: int) -> int:
        """Documents whose featured/halal end lies after `now` (or never comes)."""
        cached = self._timed.get(name)
        if cached and cached[0] <= now < cached[1]:
            return cached[2]
        until = self.until[name]
        members, next_change = [], 1 << 62
        for n, end in enumerate(until):
            if end == NO_END:
                members.append(n)
            elif end > now:
                members.append(n)
                next_change = min(next_change, end)
        bits = bitsets.from_ids(members, self.size)
        self._timed[name] = (now, next_change, bits)
        return bits


class View:
    """One searcher generation: global document numbers over the segments' caches."""

    def __init__(self, searcher, segment_caches: dict[str, SegmentCache]):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.generation = self.reader.generation()
        self.leaves: list[tuple[object, int, SegmentCache]] = []
        live = 0
        for leaf, offset in self.reader.leaf_readers():
            if leaf.segment() is None:  # an empty index has a reader but no segment
                continue
            segment_id = leaf.segment().segment_id()
            cache = segment_caches.get(segment_id)
            if cache is None:
                cache = segment_caches[segment_id] = SegmentCache(leaf)
            deleted = bitsets.from_ids(leaf.segment().deleted_docs(), cache.size)
            live |= (bitsets.full(cache.size) & ~deleted) << offset
            self.leaves.append((leaf, offset, cache))
        self.size = sum(cache.size for _, _, cache in self.leaves)
        self.live = live
        self.live_count = live.bit_count()
        self.segment_ids = {leaf.segment().segment_id() for leaf, _, _ in self.leaves}
        self.pid = array("q")
        self.price = array("q")
        self.published = array("q")
        for _, _, cache in self.leaves:
            self.pid.extend(cache.pid)
            self.price.extend(cache.price)
            self.published.extend(cache.published)
        self._cache = _Cache(VIEW_CACHE)

    def close(self) -> None:
        self.searcher.close()

    def _combined(self, key, per_segment: Callable[[object, SegmentCache], int]) -> int:
        bits = self._cache.get(key)
        if bits is None:
            bits = 0
            for leaf, offset, cache in self.leaves:
                bits |= per_segment(leaf, cache) << offset
            bits = self._cache.put(key, bits & self.live)
        return bits

    def term(self, field: str, text: str) -> int:
        return self._combined(("t", field, text), lambda r, c: c.term(r, field, text))

    def prefix(self, field: str, prefix: str) -> int:
        return self._combined(("p", field, prefix), lambda r, c: c.prefix(r, field, prefix))

    def fuzzy_terms(self, field: str, text: str) -> list[str]:
        """Words of the field one edit away from `text` (the first letter kept as typed)."""
        key = ("f", field, text)
        terms = self._cache.get(key)
        if terms is None:
            terms = self._cache.put(key, list(self.reader.terms_within(field, text, 1, prefix=1)))
        return terms

    def price_range(self, low: int | None, high: int | None) -> int:
        return self._combined(("price", low, high), lambda r, c: c.price_range(low, high))

    def valid_at(self, name: str, now: int) -> int:
        bits = 0
        for _, offset, cache in self.leaves:
            bits |= cache.valid_at(name, now) << offset
        return bits & self.live

    def terms(self, field: str) -> list[str]:
        key = ("lexicon", field)
        values = self._cache.get(key)
        if values is None:
            values = self._cache.put(key, [t.decode("utf-8") for t in self.reader.lexicon(field)])
        return values

    def idf(self, bits: int) -> float:
        return log(1 + self.live_count / (1 + bits.bit_count()))

    def sort_key(self, name: str) -> Callable[[int], int]:
        return sort_key(name, self.pid, self.price, self.published)

    def order(self, name: str) -> Iterator[int]:
        if len(self.leaves) == 1:
            return iter(self.leaves[0][2].order(name))
        return heapq.merge(
            *(map(offset.__add__, cache.order(name)) for _, offset, cache in self.leaves),
            key=self.sort_key(name),
        )

    def take(self, bits: int, count: int, order: str, skip: int, limit: int) -> list[int]:
        """Document numbers `skip`..`skip+limit` of the set in the given order.

        A dense set is cheapest to find by walking the precomputed order until the page is
        full; a sparse one by listing its members and sorting them. Walking costs about
        (skip+limit) * size / count steps, listing about count: take the smaller.
        """
        if skip >= count or limit <= 0:
            return []
        if count * count > (skip + limit) * self.size:
            members = bitsets.Membership(bits)
            page: list[int] = []
            seen = 0
            for n in self.order(order):
                if n in members:
                    seen += 1
                    if seen > skip:
                        page.append(n)
                        if len(page) == limit:
                            break
            return page
        return sorted(bitsets.iter_ids(bits), key=self.sort_key(order))[skip : skip + limit]

    def stored_name(self, docnum: int) -> str:
        return self.searcher.stored_fields(docnum).get("name", "")
