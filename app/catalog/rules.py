"""Checking product input: field limits, required fields, marketplace links.

Shared by the services, the forms and the CSV import, so that a value refused in one place is
refused in all of them.
"""

from collections.abc import Iterable
from urllib.parse import urlsplit

from flask_babel import format_number
from flask_babel import lazy_gettext as _l

from app.catalog.models import Category, Marketplace
from app.errors import DomainError
from app.extensions import db

MAX_PRICE = 10**12
MAX_QUANTITY = 1_000_000_000
MAX_WEIGHT_GRAMS = 100_000_000
MAX_LEAD_TIME_DAYS = 365
MAX_DESCRIPTION = 10_000
MAX_LINKS = 10

FIELDS = (
    "name",
    "description",
    "category_id",
    "price",
    "unit",
    "stock",
    "min_order",
    "lead_time_days",
    "weight_grams",
    "is_pdn",
)
REQUIRED = ("name", "category_id", "price", "unit")
DEFAULTS = {
    "description": "",
    "stock": 0,
    "min_order": 1,
    "lead_time_days": 1,
    "weight_grams": None,
    "is_pdn": True,
}

MARKETPLACE_HOSTS = {
    "tokopedia.com": Marketplace.TOKOPEDIA,
    "tokopedia.link": Marketplace.TOKOPEDIA,
    "shopee.co.id": Marketplace.SHOPEE,
    "shp.ee": Marketplace.SHOPEE,
    "bukalapak.com": Marketplace.BUKALAPAK,
    "tiktok.com": Marketplace.TIKTOK,
    "blibli.com": Marketplace.BLIBLI,
    "lazada.co.id": Marketplace.LAZADA,
    "instagram.com": Marketplace.OTHER,
    "facebook.com": Marketplace.OTHER,
    "wa.me": Marketplace.OTHER,
    "whatsapp.com": Marketplace.OTHER,
}


def _int(value, field: str, low: int, high: int, errors: list) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        errors.append((field, _l("Enter a whole number.")))
        return None
    if not low <= value <= high:
        errors.append(
            (
                field,
                _l(
                    "Enter a number from %(low)s to %(high)s.",
                    low=format_number(low),
                    high=format_number(high),
                ),
            )
        )
        return None
    return value


def clean_fields(data: dict, *, partial: bool = False) -> tuple[dict, list[tuple[str, object]]]:
    """Check product fields. Returns (clean values, [(field, message)]) — every problem at once,
    so that an import can report them all. With partial=True absent fields are left out."""
    clean: dict = {}
    errors: list[tuple[str, object]] = []
    if not partial:
        data = {**DEFAULTS, **dict.fromkeys(REQUIRED), **data}
    for field in FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field in REQUIRED and value in (None, ""):
            errors.append((field, _l("This field is required.")))
            continue
        if field in ("name", "unit", "description"):
            value = (value or "").strip()
            limit = {"name": 200, "unit": 30, "description": MAX_DESCRIPTION}[field]
            if field != "description" and not value:
                errors.append((field, _l("This field is required.")))
                continue
            if len(value) > limit:
                errors.append((field, _l("At most %(n)s characters.", n=limit)))
                continue
        elif field == "category_id":
            if not isinstance(value, int) or db.session.get(Category, value) is None:
                errors.append((field, _l("Choose a category from the list.")))
                continue
        elif field == "price":
            value = _int(value, field, 1, MAX_PRICE, errors)
        elif field == "stock":
            value = _int(value, field, 0, MAX_QUANTITY, errors)
        elif field == "min_order":
            value = _int(value, field, 1, MAX_QUANTITY, errors)
        elif field == "lead_time_days":
            value = _int(value, field, 0, MAX_LEAD_TIME_DAYS, errors)
        elif field == "weight_grams":
            if value is not None:
                value = _int(value, field, 0, MAX_WEIGHT_GRAMS, errors)
        elif field == "is_pdn":
            value = bool(value)
        if not any(f == field for f, _ in errors):
            clean[field] = value
    return clean, errors


def raise_first(errors: list[tuple[str, object]]) -> None:
    if errors:
        field, message = errors[0]
        raise DomainError(message, field=field)


def marketplace_of(url: str) -> Marketplace:
    host = (urlsplit(url).hostname or "").lower()
    for domain, marketplace in MARKETPLACE_HOSTS.items():
        if host == domain or host.endswith("." + domain):
            return marketplace
    return Marketplace.WEBSITE


def clean_links(urls: Iterable[str]) -> list[str]:
    """Distinct http(s) addresses in the given order; DomainError for a bad one."""
    cleaned: list[str] = []
    for raw in urls:
        url = (raw or "").strip()
        if not url:
            continue
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or len(url) > 500:
            raise DomainError(
                _l("Not a web address: %(url)s (it must start with https://).", url=url[:80]),
                field="links",
            )
        if url not in cleaned:
            cleaned.append(url)
    if len(cleaned) > MAX_LINKS:
        raise DomainError(_l("At most %(n)s links.", n=MAX_LINKS), field="links")
    return cleaned
