"""The public storefront pages: search with facets, suggestions, product and seller pages."""

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from app.businesses import directory
from app.catalog.models import Marketplace
from app.catalog.queries import halal_product_ids, is_halal, photo_urls
from app.extensions import db
from app.regions import kecamatan_name
from app.storefront import services
from app.storefront.filters import Filters, parse_filters
from app.web import page_arg

bp = Blueprint("storefront", __name__)

PER_PAGE = 24
MAX_PAGE = directory.MAX_PAGE
DESCRIPTION_LENGTH = 160

SORT_LABELS = {
    "relevance": _l("Best match"),
    "newest": _l("Newest"),
    "price_asc": _l("Price: low to high"),
    "price_desc": _l("Price: high to low"),
}
MARKETPLACE_LABELS = {
    Marketplace.TOKOPEDIA: "Tokopedia",
    Marketplace.SHOPEE: "Shopee",
    Marketplace.BUKALAPAK: "Bukalapak",
    Marketplace.TIKTOK: "TikTok Shop",
    Marketplace.BLIBLI: "Blibli",
    Marketplace.LAZADA: "Lazada",
    Marketplace.WEBSITE: _l("Own website"),
    Marketplace.OTHER: _l("Other shop"),
}


def filter_args(filters: Filters) -> dict[str, str]:
    """The valid filters as query arguments (what links and forms carry on)."""
    args = {
        "q": filters.q,
        "category": filters.category.slug if filters.category else None,
        "kecamatan": filters.kecamatan,
        "min_price": filters.min_price,
        "max_price": filters.max_price,
        "halal": None if filters.halal is None else str(filters.halal).lower(),
        "featured": None if filters.featured is None else str(filters.featured).lower(),
        "pdn": None if filters.pdn is None else str(filters.pdn).lower(),
        "sort": filters.sort,
    }
    return {key: str(value) for key, value in args.items() if value not in (None, "")}


def search_url(args: dict[str, str], **changes) -> str:
    """The results with some filters changed (None removes one), from the first page."""
    merged = dict(args)
    for key, value in changes.items():
        if value in (None, ""):
            merged.pop(key, None)
        else:
            merged[key] = str(value)
    return url_for("storefront.search", **merged)


def _facets(filters: Filters, results: services.Results, args: dict[str, str]) -> dict:
    locale = str(get_locale())
    facets = results.facets
    categories = []
    if filters.category is None:
        for category in services.top_categories():
            count = services.facet_count(facets.get("category", {}), category.id)
            if count:
                categories.append(
                    {
                        "label": category.label(locale),
                        "count": count,
                        "url": search_url(args, category=category.slug),
                    }
                )
    kecamatan = sorted(
        (
            {"code": str(code), "label": kecamatan_name(str(code)), "count": count}
            for code, count in facets.get("kecamatan", {}).items()
            if kecamatan_name(str(code)) and count
        ),
        key=lambda entry: entry["label"],
    )
    if filters.kecamatan and not any(k["code"] == filters.kecamatan for k in kecamatan):
        kecamatan.insert(
            0, {"code": filters.kecamatan, "label": kecamatan_name(filters.kecamatan), "count": 0}
        )
    return {
        "categories": categories,
        "kecamatan": kecamatan,
        "counts": {
            name: services.facet_count(facets.get(name, {}), True)
            for name in ("halal", "featured", "pdn")
        },
    }


def _broaden(filters: Filters, args: dict[str, str]) -> list[dict]:
    """Ways out of an empty result: drop one filter at a time."""
    locale = str(get_locale())
    ways = []
    if filters.category:
        ways.append(
            (_l("any category (now %(name)s)", name=filters.category.label(locale)), "category")
        )
    if filters.kecamatan:
        ways.append(
            (
                _l("any kecamatan (now %(name)s)", name=kecamatan_name(filters.kecamatan)),
                "kecamatan",
            )
        )
    if filters.min_price is not None or filters.max_price is not None:
        ways.append((_l("any price"), "price"))
    for name, label in (
        ("halal", _l("not only halal")),
        ("featured", _l("not only featured")),
        ("pdn", _l("not only domestic products")),
    ):
        if getattr(filters, name) is not None:
            ways.append((label, name))
    out = []
    for label, key in ways:
        changes = {"min_price": None, "max_price": None} if key == "price" else {key: None}
        out.append({"label": label, "url": search_url(args, **changes)})
    return out


@bp.route("/search")
def search():
    filters, errors = parse_filters(request.args, lenient=True)
    page = min(page_arg(), MAX_PAGE)
    results = services.search(filters, page, PER_PAGE)
    args = filter_args(filters)
    locale = str(get_locale())
    category_path = filters.category.path() if filters.category else []
    return render_template(
        "storefront/search.html",
        filters=filters,
        errors=errors,
        results=results,
        page=results.page,
        args=args,
        facets=_facets(filters, results, args),
        broaden=_broaden(filters, args) if not results.page.total else [],
        category_path=[
            {"label": c.label(locale), "url": search_url(args, category=c.slug)}
            for c in category_path
        ],
        subcategories=[
            {"label": c.label(locale), "url": search_url(args, category=c.slug)}
            for c in (services.children_of(filters.category) if filters.category else [])
        ],
        clear_category_url=search_url(args, category=None),
        sellers=services.seller_profiles(p.organisation_id for p in results.page.items),
        sort_labels=SORT_LABELS,
    )


@bp.route("/search/suggest")
def suggest():
    """Product names for what has been typed so far: a fragment for the search box (htmx)."""
    q = (request.args.get("q") or "")[:100]
    names = services.suggestions(q)
    return render_template("storefront/_suggestions.html", names=names)


def _description(product) -> str:
    text = " ".join((product.description or "").split())
    if len(text) > DESCRIPTION_LENGTH:
        text = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return text


@bp.route("/products/<int:product_id>")
def product(product_id: int):
    product = services.public_product(product_id)
    if product is None:
        abort(404)
    organisation = product.organisation
    photos = photo_urls(product, external=True)
    return render_template(
        "storefront/product.html",
        product=product,
        organisation=organisation,
        profile=services.seller_profiles([organisation.id]).get(organisation.id),
        halal=is_halal(product),
        certificates=services.certificate_views(list(product.certificates)),
        photos=photos,
        canonical_url=url_for("storefront.product", product_id=product.id, _external=True),
        # Link previews do not show SVG: the shared placeholder is a PNG.
        image_url=photos[0]["url"]
        if photos
        else url_for("static", filename="img/product-placeholder.png", _external=True),
        meta_description=_description(product),
        breadcrumb=product.category.path(),
        marketplace_labels=MARKETPLACE_LABELS,
        directory_certificate_labels=directory.CERTIFICATE_LABELS,
    )


@bp.route("/sellers/<int:business_id>")
def seller(business_id: int):
    profile = directory.public_business(business_id)
    if profile is None:
        abort(404)
    organisation = profile.organisation
    page = db.paginate(
        services.seller_products(organisation),
        page=min(page_arg(), MAX_PAGE),
        per_page=PER_PAGE,
        error_out=False,
    )
    views = directory.certificates_of([organisation.id]).get(organisation.id, [])
    return render_template(
        "storefront/seller.html",
        profile=profile,
        organisation=organisation,
        page=page,
        halal=halal_product_ids([p.id for p in page.items]),
        seller_halal=directory.has_valid_halal(views),
        sellers={organisation.id: profile},
    )
