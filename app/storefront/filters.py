"""Search filters from a query string, the same for the storefront pages and the JSON API.

Each invalid parameter becomes an InvalidParameter naming it: the API answers the first with a
400, the pages leave the filter out and say why.
"""

import re
from dataclasses import dataclass, replace

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.businesses.directory import InvalidParameter, kecamatan_param
from app.catalog.models import Category
from app.extensions import db
from app.search.base import SORTS, SearchQuery

MAX_QUERY_LENGTH = 100
MAX_PRICE = 10**12  # as the catalogue allows
BOOLEANS = {"true": True, "false": False}
# "15000", and on the pages also "15.000" or "Rp 15.000" as people write rupiah.
_PLAIN_NUMBER = re.compile(r"\d{1,13}")
_GROUPED_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3}){1,4}")


@dataclass(frozen=True)
class Filters:
    q: str = ""
    category: Category | None = None
    kecamatan: str | None = None
    min_price: int | None = None
    max_price: int | None = None
    halal: bool | None = None
    featured: bool | None = None
    pdn: bool | None = None
    sort: str | None = None  # None: relevance with search text, newest without

    @property
    def active(self) -> bool:
        """Does anything narrow the result (the sort order does not)?"""
        return any(
            value not in (None, "")
            for value in (
                self.q,
                self.category,
                self.kecamatan,
                self.min_price,
                self.max_price,
                self.halal,
                self.featured,
                self.pdn,
            )
        )

    @property
    def effective_sort(self) -> str:
        return self.sort or ("relevance" if self.q else "newest")

    def query(self, page: int, per_page: int, seller_id: int | None = None) -> SearchQuery:
        return SearchQuery(
            text=self.q,
            category_id=self.category.id if self.category else None,
            kecamatan=self.kecamatan,
            min_price=self.min_price,
            max_price=self.max_price,
            halal=self.halal,
            featured=self.featured,
            pdn=self.pdn,
            seller_id=seller_id,
            sort=self.effective_sort,
            page=page,
            per_page=per_page,
        )

    def without_text(self) -> "Filters":
        return replace(self, q="")


def _price(args, name: str, lenient: bool, errors: list) -> int | None:
    raw = (args.get(name) or "").strip()
    if lenient:
        raw = re.sub(r"^rp\.?\s*", "", raw, flags=re.IGNORECASE).replace(" ", "")
        if _GROUPED_NUMBER.fullmatch(raw):
            raw = raw.replace(".", "")
    if raw == "":
        return None
    if not _PLAIN_NUMBER.fullmatch(raw) or int(raw) > MAX_PRICE:
        errors.append(
            InvalidParameter(
                name,
                _l(
                    "%(parameter)s is a price in whole rupiah, from 0 to %(max)s.",
                    parameter=name,
                    max=MAX_PRICE,
                ),
            )
        )
        return None
    return int(raw)


def _boolean(args, name: str, errors: list) -> bool | None:
    raw = (args.get(name) or "").strip().lower()
    if raw == "":
        return None
    if raw not in BOOLEANS:
        errors.append(InvalidParameter(name, _l("%(parameter)s is true or false.", parameter=name)))
        return None
    return BOOLEANS[raw]


def category_by_slug(slug: str) -> Category | None:
    return db.session.scalar(select(Category).where(Category.slug == slug))


def parse_filters(args, *, lenient: bool = False) -> tuple[Filters, list[InvalidParameter]]:
    """The filters of a query string and the refusals of the invalid ones.

    `lenient` (the pages) also accepts prices written as people write rupiah.
    """
    errors: list[InvalidParameter] = []

    q = " ".join((args.get("q") or "").split())
    if len(q) > MAX_QUERY_LENGTH:
        errors.append(
            InvalidParameter(
                "q", _l("The search text has at most %(max)s characters.", max=MAX_QUERY_LENGTH)
            )
        )
        q = ""

    category = None
    slug = (args.get("category") or "").strip()
    if slug:
        category = category_by_slug(slug)
        if category is None:
            errors.append(
                InvalidParameter(
                    "category",
                    _l(
                        "Unknown category \u201c%(slug)s\u201d; the list of categories gives "
                        "the slugs.",
                        slug=slug,
                    ),
                )
            )

    code = kecamatan_param(args, errors)

    min_price = _price(args, "min_price", lenient, errors)
    max_price = _price(args, "max_price", lenient, errors)
    if min_price is not None and max_price is not None and min_price > max_price:
        errors.append(
            InvalidParameter("min_price", _l("The lowest price is more than the highest price."))
        )
        min_price = max_price = None

    sort = (args.get("sort") or "").strip() or None
    if sort and sort not in SORTS:
        errors.append(
            InvalidParameter("sort", _l("Sort by one of: %(sorts)s.", sorts=", ".join(SORTS)))
        )
        sort = None

    filters = Filters(
        q=q,
        category=category,
        kecamatan=code,
        min_price=min_price,
        max_price=max_price,
        halal=_boolean(args, "halal", errors),
        featured=_boolean(args, "featured", errors),
        pdn=_boolean(args, "pdn", errors),
        sort=sort,
    )
    return filters, errors
