"""The category tree of the catalogue: micro-business goods and services of Kabupaten Bekasi.

Each node has a stable `slug` (used in URLs, CSV imports and the API; never rename one),
an Indonesian `name` and an English `name_en`, and optionally `children` (two or three levels).
`ensure_categories()` upserts the tree by slug, so it is safe to run again after the tree grows.
"""

from typing import TypedDict

from sqlalchemy import select

from app.catalog.models import Category
from app.extensions import db


class CategoryNode(TypedDict, total=False):
    slug: str
    name: str
    name_en: str
    children: list["CategoryNode"]


def _node(slug: str, name: str, name_en: str, *children: CategoryNode) -> CategoryNode:
    node: CategoryNode = {"slug": slug, "name": name, "name_en": name_en}
    if children:
        node["children"] = list(children)
    return node


CATEGORY_TREE: list[CategoryNode] = [
    _node(
        "makanan-minuman",
        "Makanan dan Minuman",
        "Food and Drink",
        _node(
            "makanan-ringan",
            "Makanan Ringan",
            "Snacks",
            _node("keripik", "Keripik", "Chips and Crisps"),
            _node("kue-kering", "Kue Kering", "Cookies and Biscuits"),
            _node("dodol-manisan", "Dodol dan Manisan", "Dodol and Sweets"),
        ),
        _node("kue-basah-roti", "Kue Basah dan Roti", "Cakes and Bread"),
        _node(
            "lauk-olahan",
            "Lauk dan Makanan Olahan",
            "Prepared and Processed Food",
            _node("olahan-ikan", "Olahan Ikan", "Fish Products"),
            _node("olahan-daging", "Olahan Daging", "Meat Products"),
            _node("sambal-bumbu", "Sambal dan Bumbu", "Sauces and Spices"),
        ),
        _node("nasi-kotak", "Nasi Kotak dan Snack Box", "Lunch Boxes and Snack Boxes"),
        _node(
            "minuman",
            "Minuman",
            "Drinks",
            _node("kopi-teh", "Kopi dan Teh", "Coffee and Tea"),
            _node("minuman-tradisional", "Minuman Tradisional", "Traditional Drinks"),
            _node("air-minum-kemasan", "Air Minum Kemasan", "Bottled Water"),
        ),
    ),
    _node(
        "kerajinan",
        "Kerajinan",
        "Crafts",
        _node("anyaman", "Anyaman Bambu dan Rotan", "Bamboo and Rattan Weaving"),
        _node("kerajinan-kayu", "Kerajinan Kayu", "Woodcraft"),
        _node("suvenir-cendera-mata", "Suvenir dan Cendera Mata", "Souvenirs and Gifts"),
        _node("kerajinan-daur-ulang", "Kerajinan Daur Ulang", "Upcycled Crafts"),
    ),
    _node(
        "fesyen-seragam",
        "Fesyen dan Seragam",
        "Fashion and Uniforms",
        _node(
            "seragam",
            "Seragam",
            "Uniforms",
            _node("seragam-dinas", "Seragam Dinas", "Civil Service Uniforms"),
            _node("seragam-sekolah", "Seragam Sekolah", "School Uniforms"),
            _node("seragam-kerja", "Seragam Kerja dan Wearpack", "Work Uniforms and Coveralls"),
        ),
        _node("batik", "Batik", "Batik"),
        _node("pakaian", "Pakaian", "Clothing"),
        _node("tas-sepatu-aksesori", "Tas, Sepatu dan Aksesori", "Bags, Shoes and Accessories"),
    ),
    _node(
        "alat-tulis-kantor",
        "Alat Tulis Kantor",
        "Office Supplies",
        _node("kertas", "Kertas", "Paper"),
        _node("alat-tulis", "Alat Tulis", "Writing Instruments"),
        _node("map-arsip", "Map dan Perlengkapan Arsip", "Folders and Filing"),
        _node("tinta-toner", "Tinta dan Toner", "Ink and Toner"),
    ),
    _node(
        "percetakan",
        "Percetakan",
        "Printing",
        _node("cetak-brosur", "Cetak Brosur dan Leaflet", "Brochures and Leaflets"),
        _node("undangan", "Undangan dan Kartu", "Invitations and Cards"),
        _node("spanduk-banner", "Spanduk dan Banner", "Banners"),
        _node("cetak-buku", "Cetak Buku dan Blanko", "Books and Forms"),
        _node("stiker-label", "Stiker dan Label Kemasan", "Stickers and Labels"),
    ),
    _node(
        "pertanian-perikanan",
        "Pertanian dan Perikanan",
        "Agriculture and Fisheries",
        _node("sayur-buah", "Sayur dan Buah", "Vegetables and Fruit"),
        _node("beras-palawija", "Beras dan Palawija", "Rice and Secondary Crops"),
        _node("ikan-hasil-laut", "Ikan dan Hasil Laut", "Fish and Seafood"),
        _node("tanaman-bibit", "Tanaman Hias dan Bibit", "Plants and Seedlings"),
        _node("peternakan", "Hasil Peternakan", "Livestock Products"),
    ),
    _node(
        "kesehatan-kebersihan",
        "Kesehatan dan Kebersihan",
        "Health and Hygiene",
        _node("sabun-pembersih", "Sabun dan Pembersih", "Soap and Cleaners"),
        _node("jamu-herbal", "Jamu dan Herbal", "Herbal Remedies"),
        _node("masker-apd", "Masker dan APD", "Masks and Protective Equipment"),
    ),
    _node(
        "rumah-tangga",
        "Perlengkapan Rumah Tangga",
        "Household Goods",
        _node("perabot-mebel", "Perabot dan Mebel", "Furniture"),
        _node("peralatan-dapur", "Peralatan Dapur", "Kitchenware"),
        _node("tekstil-rumah", "Tekstil Rumah", "Home Textiles"),
    ),
    _node(
        "jasa",
        "Jasa",
        "Services",
        _node("katering", "Katering", "Catering"),
        _node("konveksi", "Konveksi dan Jahit", "Garment Making and Tailoring"),
        _node("servis", "Servis dan Perbaikan", "Servicing and Repair"),
        _node("kebersihan", "Jasa Kebersihan", "Cleaning"),
        _node("dekorasi-acara", "Dekorasi dan Acara", "Decoration and Events"),
        _node("desain-dokumentasi", "Desain, Foto dan Video", "Design, Photo and Video"),
        _node("sewa-peralatan", "Sewa Peralatan", "Equipment Rental"),
    ),
    _node(
        "lainnya",
        "Lainnya",
        "Other",
        _node("produk-lainnya", "Produk Lainnya", "Other Goods"),
        _node("jasa-lainnya", "Jasa Lainnya", "Other Services"),
    ),
]


def iter_tree(nodes: list[CategoryNode] | None = None, parent_slug: str | None = None):
    """Yield (node, parent_slug, position) depth-first, parents before their children."""
    for position, node in enumerate(CATEGORY_TREE if nodes is None else nodes):
        yield node, parent_slug, position
        yield from iter_tree(node.get("children", []), node["slug"])


def ensure_categories() -> int:
    """Create the missing categories of CATEGORY_TREE and bring names, parents and order of the
    existing ones in line (matched by slug). Returns how many were created; flushes, never commits.
    Categories not in the tree (added by an admin) are left alone."""
    existing = {c.slug: c for c in db.session.scalars(select(Category))}
    created = 0
    for node, parent_slug, position in iter_tree():
        parent = existing[parent_slug] if parent_slug else None
        category = existing.get(node["slug"])
        if category is None:
            category = Category(slug=node["slug"])
            db.session.add(category)
            existing[node["slug"]] = category
            created += 1
        category.name = node["name"]
        category.name_en = node["name_en"]
        category.position = position
        category.parent = parent
    db.session.flush()
    return created
