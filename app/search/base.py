"""The one search interface. Backends: Whoosh (embedded default) and PostgreSQL full text.

Selected by SEARCH_BACKEND=whoosh|postgres. The database is the truth; an index is a derived
copy that `flask search reindex` can rebuild at any time.
"""

from abc import ABC, abstractmethod
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field

SORTS = ("relevance", "price_asc", "price_desc", "newest")


@dataclass(frozen=True)
class ProductDocument:
    """What the index knows of a product (only published products of verified businesses)."""

    id: int
    name: str
    description: str
    category_id: int
    category_ids: tuple[int, ...]  # the category and its ancestors (root first), for tree filters
    category_names: str  # the names along the path, searchable
    seller_id: int
    seller_name: str
    kecamatan: str  # official code, e.g. "32.16.06"
    price: int
    halal: bool
    featured: bool
    pdn: bool
    published_ts: int  # seconds since the epoch, for "newest"
    # When `featured` and `halal` stop being true (seconds since the epoch; None: no end), so an
    # index can let them lapse on time without waiting for a reindex.
    featured_until_ts: int | None = None
    halal_until_ts: int | None = None


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    category_id: int | None = None  # includes the category's descendants
    kecamatan: str | None = None
    min_price: int | None = None
    max_price: int | None = None
    halal: bool | None = None
    featured: bool | None = None
    pdn: bool | None = None
    seller_id: int | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 24


@dataclass
class SearchResult:
    ids: list[int]  # the page's product ids, in order
    total: int
    # facet name -> {value: count} for the whole result (not just the page):
    # "category" (top-level category id), "kecamatan" (code), "halal", "featured", "pdn"
    facets: dict[str, dict] = field(default_factory=dict)
    # True when nothing matched as typed and these results come from typo tolerance.
    approximate: bool = False


class SearchBackend(ABC):
    name: str

    @abstractmethod
    def index(self, documents: list[ProductDocument]) -> None:
        """Add or replace these documents."""

    @abstractmethod
    def remove(self, product_ids: list[int]) -> None:
        """Remove these products (absent ones are ignored)."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every document (before a full reindex)."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResult: ...

    def update(self, documents: list[ProductDocument], removed_ids: Iterable[int]) -> None:
        """Index these documents and remove those products, in one write where possible."""
        self.index(documents)
        self.remove(list(removed_ids))

    def exclusive(self, timeout: float | None = None) -> AbstractContextManager:
        """Held while reading the database and writing the index, so that two processes
        applying changes write in the order they read (an index with a single writer).
        `timeout`: the longest wait for it, in seconds (None: the backend's default)."""
        return nullcontext()

    def rebuild(self, batches: Iterable[list[ProductDocument]]) -> int:
        """Replace the whole index with these documents; returns how many were indexed.

        Backends override this to swap the new index in at once instead of showing an empty
        one while it is rebuilt.
        """
        self.clear()
        count = 0
        for batch in batches:
            self.index(batch)
            count += len(batch)
        return count

    def compact(self) -> None:  # noqa: B027 (optional: most indexes need nothing)
        """After a rebuild: reclaim the space and refresh the statistics it left stale."""

    def bound_to(self, session) -> "SearchBackend":
        """This backend writing through `session`.

        A backend that keeps its index in the database returns a copy whose writes join that
        session's transaction (so an index update and the removal of its queued change commit
        together); an index outside the database has nothing to join.
        """
        return self

    @abstractmethod
    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Product names (or name completions) for what has been typed so far."""
