"""The one search interface. Backends: Whoosh (embedded default) and PostgreSQL full text.

Selected by SEARCH_BACKEND=whoosh|postgres. The database is the truth; an index is a derived
copy that `flask search reindex` can rebuild at any time.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

SORTS = ("relevance", "price_asc", "price_desc", "newest")


@dataclass(frozen=True)
class ProductDocument:
    """What the index knows of a product (only published products of verified businesses)."""

    id: int
    name: str
    description: str
    category_id: int
    category_ids: tuple[int, ...]  # the category and its ancestors, for tree filters
    category_names: str  # the names along the path, searchable
    seller_id: int
    seller_name: str
    kecamatan: str  # official code, e.g. "32.16.06"
    price: int
    halal: bool
    featured: bool
    pdn: bool
    published_ts: int  # seconds since the epoch, for "newest"


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

    @abstractmethod
    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Product names (or name completions) for what has been typed so far."""
