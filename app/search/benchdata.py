"""Deterministic, realistic catalogue data for `flask search bench`.

Sellers spread over the real kecamatan of Kabupaten Bekasi, product names as micro-businesses
write them ("Keripik Singkong Pedas Daun Jeruk 250 g", "Seragam PDH Dinas Bahan Nagata Drill"),
Indonesian descriptions, halal certificates for most food sellers, a few featured products,
some drafts and archived products, and the queries people type (whole and half words, typos,
with the filters the storefront offers).
"""

import random
from datetime import date, timedelta

from sqlalchemy import func, insert, select

from app.accounts.models import Organisation, OrgKind
from app.businesses.models import Certificate, CertificateKind
from app.catalog.models import Category, Product, ProductStatus
from app.db import utcnow
from app.extensions import db
from app.regions import kecamatan

SEED = 20260
PRODUCTS_PER_SELLER = 25
INSERT_BATCH = 5000

# (slug, name, name_en, parent slug)
CATEGORIES = [
    ("bench-makanan-minuman", "Makanan dan Minuman", "Food and Drink", None),
    ("bench-keripik", "Keripik dan Kerupuk", "Chips and Crackers", "bench-makanan-minuman"),
    ("bench-kue-kering", "Kue Kering", "Cookies", "bench-makanan-minuman"),
    ("bench-sambal-bumbu", "Sambal dan Bumbu", "Sauces and Spices", "bench-makanan-minuman"),
    ("bench-kopi-teh", "Kopi dan Teh", "Coffee and Tea", "bench-makanan-minuman"),
    ("bench-olahan-ikan", "Olahan Ikan", "Fish Products", "bench-makanan-minuman"),
    ("bench-katering", "Nasi Kotak dan Katering", "Catering", "bench-makanan-minuman"),
    ("bench-fesyen", "Fesyen dan Pakaian", "Fashion and Clothing", None),
    ("bench-batik", "Batik", "Batik", "bench-fesyen"),
    ("bench-seragam", "Seragam", "Uniforms", "bench-fesyen"),
    ("bench-sepatu-sandal", "Sepatu dan Sandal", "Shoes and Sandals", "bench-fesyen"),
    ("bench-tas-dompet", "Tas dan Dompet", "Bags and Wallets", "bench-fesyen"),
    ("bench-busana-muslim", "Busana Muslim", "Muslim Wear", "bench-fesyen"),
    ("bench-kerajinan", "Kerajinan Tangan", "Handicrafts", None),
    ("bench-anyaman", "Anyaman Bambu dan Rotan", "Woven Bamboo and Rattan", "bench-kerajinan"),
    ("bench-kerajinan-kayu", "Kerajinan Kayu", "Woodcraft", "bench-kerajinan"),
    ("bench-suvenir", "Suvenir dan Cenderamata", "Souvenirs", "bench-kerajinan"),
    ("bench-percetakan", "Percetakan dan ATK", "Printing and Stationery", None),
    ("bench-cetak-promosi", "Cetak Promosi", "Promotional Printing", "bench-percetakan"),
    ("bench-atk", "Alat Tulis Kantor", "Office Supplies", "bench-percetakan"),
    ("bench-rumah-tangga", "Perabot Rumah Tangga", "Household", None),
    ("bench-mebel", "Mebel", "Furniture", "bench-rumah-tangga"),
    ("bench-dapur", "Peralatan Dapur", "Kitchenware", "bench-rumah-tangga"),
    ("bench-kesehatan", "Kecantikan dan Kesehatan", "Beauty and Health", None),
    ("bench-sabun", "Sabun dan Perawatan", "Soap and Care", "bench-kesehatan"),
    ("bench-jamu", "Jamu dan Herbal", "Herbal Drinks", "bench-kesehatan"),
    ("bench-jasa", "Jasa", "Services", None),
    ("bench-jasa-jahit", "Jasa Jahit dan Konveksi", "Tailoring", "bench-jasa"),
]

# leaf slug -> (bases, variants, sizes, unit, price range, description)
CATALOGUE = {
    "bench-keripik": (
        [
            "Keripik Singkong",
            "Keripik Pisang",
            "Keripik Tempe",
            "Kripik Talas",
            "Keripik Usus",
            "Keripik Bayam",
            "Kerupuk Kulit",
            "Kerupuk Udang",
            "Rengginang Ketan",
            "Emping Melinjo",
        ],
        ["Pedas", "Pedas Daun Jeruk", "Balado", "Original", "Asin", "Manis", "Keju", "Bawang"],
        ["100 g", "250 g", "500 g", "1 kg"],
        "bungkus",
        (8_000, 65_000),
        "{base} renyah buatan {seller}, diolah dari bahan pilihan tanpa pengawet. Cocok untuk"
        " oleh-oleh khas Bekasi dan camilan keluarga.",
    ),
    "bench-kue-kering": (
        ["Nastar Nanas", "Kastengel Keju", "Putri Salju", "Kue Semprit", "Lidah Kucing"],
        ["Premium", "Wisman", "Lebaran", "Original", "Tanpa Gula"],
        ["250 g", "500 g", "Toples 1 kg"],
        "toples",
        (35_000, 180_000),
        "{base} lembut dan harum, dipanggang setiap hari oleh {seller}. Tahan dua bulan.",
    ),
    "bench-sambal-bumbu": (
        ["Sambal Bawang", "Sambal Cumi", "Sambel Terasi", "Bumbu Rendang", "Sambal Roa"],
        ["Level 3", "Ekstra Pedas", "Original", "Botol Kaca"],
        ["150 ml", "200 g", "250 g"],
        "botol",
        (15_000, 75_000),
        "{base} racikan {seller}, cabai segar dari petani Bekasi, tanpa MSG.",
    ),
    "bench-kopi-teh": (
        ["Kopi Robusta Bubuk", "Kopi Arabika Biji", "Teh Melati", "Teh Rosela", "Kopi Gula Aren"],
        ["Sangrai Medium", "Sangrai Gelap", "Kemasan Ziplock", "Premium"],
        ["100 g", "250 g", "500 g", "1 kg"],
        "bungkus",
        (20_000, 250_000),
        "{base} pilihan, diproses oleh {seller}. Nikmat diseduh pagi hari.",
    ),
    "bench-olahan-ikan": (
        ["Bandeng Presto", "Abon Ikan Tuna", "Otak-otak Bandeng", "Kerupuk Ikan", "Ikan Asin"],
        ["Duri Lunak", "Pedas", "Original", "Vakum"],
        ["250 g", "500 g", "1 kg"],
        "pak",
        (25_000, 150_000),
        "{base} segar dari tambak Muara Gembong, diolah higienis oleh {seller}.",
    ),
    "bench-katering": (
        ["Nasi Kotak Ayam Bakar", "Snack Box Rapat", "Tumpeng Nasi Kuning", "Prasmanan Acara"],
        ["Paket Hemat", "Paket Lengkap", "Untuk Rapat Dinas", "Minimal 50 Porsi"],
        [""],
        "porsi",
        (15_000, 85_000),
        "{base} untuk rapat dan acara instansi, dimasak dan diantar oleh {seller}.",
    ),
    "bench-batik": (
        [
            "Kemeja Batik Tulis",
            "Kemeja Batik Cap",
            "Kain Batik Tulis",
            "Blus Batik",
            "Selendang Batik",
        ],
        ["Lengan Panjang", "Lengan Pendek", "Motif Mega Mendung", "Motif Kali Bekasi", "Sutra"],
        ["Ukuran M", "Ukuran L", "Ukuran XL", "All Size"],
        "potong",
        (120_000, 1_500_000),
        "{base} karya perajin batik {seller}. Pewarna alami, dijahit rapi, nyaman dipakai.",
    ),
    "bench-seragam": (
        [
            "Seragam PDH Dinas",
            "Seragam PDL Lapangan",
            "Seragam Batik Korpri",
            "Seragam Sekolah SD",
            "Rompi Seragam Proyek",
            "Kaos Seragam Olahraga",
        ],
        ["Bahan American Drill", "Bahan Nagata Drill", "Bordir Logo Instansi", "Jahit Custom"],
        ["Ukuran S", "Ukuran M", "Ukuran L", "Ukuran XXL"],
        "stel",
        (85_000, 450_000),
        "{base} dijahit oleh {seller} sesuai ukuran pemesan. Pakaian kerja yang awet.",
    ),
    "bench-sepatu-sandal": (
        [
            "Sepatu Kulit Pria",
            "Sepatu Pantofel",
            "Sepatu Sekolah Hitam",
            "Sepatu Safety",
            "Sandal Kulit",
            "Sepatu Rajut Wanita",
        ],
        ["Hitam", "Coklat", "Sol Karet", "Jahit Tangan"],
        ["Ukuran 38", "Ukuran 40", "Ukuran 42", "Ukuran 44"],
        "pasang",
        (75_000, 650_000),
        "{base} buatan tangan pengrajin {seller}. Nyaman untuk bersepatu seharian.",
    ),
    "bench-tas-dompet": (
        ["Tas Anyaman Pandan", "Tas Kulit Sapi", "Dompet Kulit", "Tas Laptop Kanvas", "Goodie Bag"],
        ["Motif Etnik", "Warna Natural", "Custom Logo", "Resleting YKK"],
        [""],
        "buah",
        (25_000, 750_000),
        "{base} produksi {seller}, cocok untuk seminar, kantor dan oleh-oleh.",
    ),
    "bench-busana-muslim": (
        ["Gamis Syari", "Mukena Katun Jepang", "Kerudung Segi Empat", "Peci Rajut", "Baju Koko"],
        ["Bordir", "Polos", "Motif Bunga", "Premium"],
        ["Ukuran M", "Ukuran L", "All Size"],
        "potong",
        (45_000, 550_000),
        "{base} jahitan rapi dari {seller}, bahan adem dan tidak menerawang.",
    ),
    "bench-anyaman": (
        [
            "Keranjang Anyaman Bambu",
            "Tampah Bambu",
            "Besek Bambu",
            "Tikar Pandan",
            "Kap Lampu Rotan",
        ],
        ["Natural", "Warna", "Set Isi 3", "Ukuran Besar"],
        [""],
        "buah",
        (10_000, 350_000),
        "Hasil kerajinan tangan pengrajin {seller} dari bambu dan rotan pilihan.",
    ),
    "bench-kerajinan-kayu": (
        ["Ukiran Kayu Jati", "Miniatur Perahu Kayu", "Kotak Tisu Kayu", "Hiasan Dinding Kayu"],
        ["Finishing Natural", "Ukir Nama", "Ukuran Kecil", "Ukuran Besar"],
        [""],
        "buah",
        (35_000, 2_500_000),
        "Kerajinan kayu buatan pengrajin {seller}, diamplas halus dan dipernis.",
    ),
    "bench-suvenir": (
        ["Gantungan Kunci Akrilik", "Souvenir Pernikahan", "Plakat Kayu", "Pin Logo", "Mug Cetak"],
        ["Custom Nama", "Logo Instansi", "Isi 100", "Kemasan Mika"],
        [""],
        "buah",
        (3_000, 250_000),
        "Cenderamata khas Bekasi dari {seller}, pesanan partai untuk acara dinas.",
    ),
    "bench-cetak-promosi": (
        [
            "Cetak Brosur A4",
            "Cetak Spanduk Flexi",
            "Cetak Kartu Nama",
            "Cetak Stiker Vinyl",
            "Cetak Undangan Pernikahan",
            "Cetak Kalender Meja",
            "Cetak Banner Roll Up",
        ],
        ["Art Paper 150 gsm", "Art Carton 260 gsm", "Full Color", "Laminasi Doff", "Satu Sisi"],
        ["Isi 100", "Isi 500", "Isi 1000", ""],
        "paket",
        (25_000, 1_200_000),
        "{base} dengan mesin digital, hasil tajam. {seller} melayani pesanan kilat.",
    ),
    "bench-atk": (
        ["Map Snelhecter", "Stempel Flash", "Buku Tulis", "Amplop Coklat Kop", "Nota Rangkap"],
        ["Isi 10", "Isi 50", "Custom Instansi", "Folio"],
        [""],
        "pak",
        (5_000, 150_000),
        "{base} untuk keperluan kantor dan sekolah, disediakan oleh {seller}.",
    ),
    "bench-mebel": (
        [
            "Meja Kayu Jati",
            "Kursi Rotan",
            "Lemari Pakaian Kayu",
            "Rak Buku Minimalis",
            "Meja Kantor",
        ],
        ["Finishing Natural", "Finishing Duco Putih", "Jati Belanda", "Ukuran 120 cm"],
        [""],
        "unit",
        (350_000, 7_500_000),
        "{base} buatan {seller}, kayu kering oven, sambungan kuat, bisa pesan ukuran.",
    ),
    "bench-dapur": (
        ["Cobek Batu", "Panci Presto", "Dandang Aluminium", "Talenan Kayu", "Rantang Susun"],
        ["Ukuran 20 cm", "Ukuran 24 cm", "Ukuran 30 cm", "Set"],
        [""],
        "buah",
        (25_000, 450_000),
        "{base} awet untuk dapur rumah dan usaha katering, dari {seller}.",
    ),
    "bench-sabun": (
        ["Sabun Sereh Wangi", "Sabun Cuci Piring", "Pewangi Pakaian", "Lilin Aromaterapi"],
        ["Lavender", "Jeruk Nipis", "Isi Ulang", "Botol 1 Liter"],
        ["100 g", "500 ml", "1 liter"],
        "botol",
        (8_000, 95_000),
        "{base} buatan {seller}, lembut di tangan dan ramah lingkungan.",
    ),
    "bench-jamu": (
        ["Jamu Kunyit Asam", "Jahe Merah Instan", "Beras Kencur", "Madu Hutan", "Temulawak Bubuk"],
        ["Tanpa Gula", "Botol Kaca", "Kemasan Sachet", "Original"],
        ["250 ml", "500 ml", "250 g"],
        "botol",
        (12_000, 180_000),
        "{base} racikan turun-temurun {seller}, bahan rempah asli tanpa pengawet.",
    ),
    "bench-jasa-jahit": (
        ["Jasa Jahit Seragam", "Jasa Konveksi Kaos", "Jasa Bordir Komputer", "Jasa Sablon Kaos"],
        ["Minimal 12 Potong", "Satuan", "Kilat 3 Hari", "Bahan dari Pemesan"],
        [""],
        "potong",
        (15_000, 250_000),
        "{seller} menerima pesanan {base} untuk instansi, sekolah dan komunitas.",
    ),
}

FOOD = {
    "bench-keripik",
    "bench-kue-kering",
    "bench-sambal-bumbu",
    "bench-kopi-teh",
    "bench-olahan-ikan",
    "bench-katering",
    "bench-jamu",
}

SELLER_WORDS = ["Dapur", "Rumah", "Kedai", "Griya", "Sentra", "Usaha", "Toko", "Galeri"]
OWNERS = [
    "Bu Siti",
    "Pak Joko",
    "Mang Udin",
    "Bu Ani",
    "Teh Euis",
    "Pak Darto",
    "Bu Yati",
    "Kang Asep",
    "Bu Rina",
    "Pak Haji Rohmat",
    "Ceu Popon",
    "Bu Lilis",
]

# What people type: whole words, half words, spelling variants and typos.
QUERY_TEXTS = [
    "keripik",
    "kripik pedas",
    "keripik singkong",
    "keripik pisang manis",
    "kerupuk kulit",
    "kemeja batik",
    "batik tulis",
    "kain batik",
    "seragam pdh",
    "seragam dinas",
    "seragam sekolah",
    "brosur",
    "cetak brosur a4",
    "spanduk",
    "kartu nama",
    "undangan pernikahan",
    "kalender meja",
    "meja kayu",
    "meja kantor",
    "kursi rotan",
    "lemari pakaian",
    "pakaian",
    "sepatu",
    "sepatu kulit",
    "sepatu sekolah",
    "sandal",
    "tas anyaman",
    "dompet kulit",
    "kerajinan bambu",
    "kerajinan kayu",
    "pengrajin",
    "anyaman",
    "madu",
    "jamu kunyit",
    "jahe merah",
    "kopi robusta",
    "kopi",
    "teh",
    "sambal",
    "sambel terasi",
    "bandeng presto",
    "abon",
    "nasi kotak",
    "snack box",
    "tumpeng",
    "nastar",
    "kue kering",
    "gamis",
    "mukena",
    "kerudung",
    "peci",
    "jasa jahit",
    "konveksi kaos",
    "sablon",
    "bordir",
    "sabun",
    "pewangi pakaian",
    "cobek",
    "panci",
    "souvenir",
    "gantungan kunci",
    "plakat",
    "kri",
    "kem",
    "bat",
    "sep",
    "sera",
    "ker",
    "cet",
    "kripik pedes",
    "kemja batik",
    "spatu kulit",
    "brosure",
    "seragm",
    "emping",
    "rengginang",
    "oleh-oleh",
    "",
]
SUGGEST_TEXTS = [t for t in QUERY_TEXTS if len(t) >= 4]


def _ensure_categories() -> dict[str, int]:
    ids = dict(db.session.execute(select(Category.slug, Category.id)).all())
    for position, (slug, name, name_en, parent) in enumerate(CATEGORIES):
        if slug not in ids:
            category = Category(
                slug=slug,
                name=name,
                name_en=name_en,
                parent_id=ids[parent] if parent else None,
                position=position,
            )
            db.session.add(category)
            db.session.flush()
            ids[slug] = category.id
    return ids


def _sellers(rng: random.Random, count: int, start: int) -> list[dict]:
    codes = list(kecamatan())
    now = utcnow()
    rows = []
    for i in range(start, start + count):
        owner = OWNERS[i % len(OWNERS)]
        rows.append(
            {
                "kind": OrgKind.MICRO_BUSINESS.value,
                "name": f"{rng.choice(SELLER_WORDS)} {owner} {i + 1}",
                "kecamatan_code": codes[i % len(codes)],
                # A few are not (or no longer) public: their products must never be found.
                "verified_at": None if i % 50 == 7 else now,
                "deactivated_at": now if i % 97 == 3 else None,
                "created_at": now,
            }
        )
    return rows


def _product(rng: random.Random, slug: str, seller: tuple[int, str], category_id: int) -> dict:
    bases, variants, sizes, unit, (low, high), description = CATALOGUE[slug]
    base = rng.choice(bases)
    name = " ".join(part for part in (base, rng.choice(variants), rng.choice(sizes)) if part)
    now = utcnow()
    published = now - timedelta(days=rng.randrange(730), seconds=rng.randrange(86_400))
    roll = rng.random()
    status = ProductStatus.PUBLISHED
    if roll < 0.05:  # some drafts and archived products, which search must not show
        status = ProductStatus.DRAFT if roll < 0.03 else ProductStatus.ARCHIVED
    featured_roll = rng.random()
    return {
        "organisation_id": seller[0],
        "category_id": category_id,
        "name": name,
        "description": description.format(base=base.lower(), seller=seller[1]),
        "price": rng.randrange(low, high, 500),
        "unit": unit,
        "stock": rng.randrange(0, 500),
        "min_order": 1,
        "lead_time_days": rng.randrange(1, 14),
        "is_pdn": rng.random() < 0.95,
        "status": status.value,
        "published_at": published if status == ProductStatus.PUBLISHED else None,
        "featured_until": (
            now + timedelta(days=30)
            if featured_roll < 0.01
            else now - timedelta(days=3)
            if featured_roll < 0.015
            else None
        ),
        "version": 1,
        "created_at": published,
        "updated_at": published,
    }


def generate(products_wanted: int, echo=print) -> int:
    """Add sellers and products until the database holds `products_wanted` products.

    Deterministic for a given starting size; commits in batches (it is a CLI tool).
    """
    have = db.session.scalar(select(func.count()).select_from(Product))
    if have >= products_wanted:
        return 0
    rng = random.Random(SEED + have)
    category_ids = _ensure_categories()
    missing = products_wanted - have
    seller_count = max(1, -(-missing // PRODUCTS_PER_SELLER))
    start = db.session.scalar(select(func.count()).select_from(Organisation))
    org_rows = _sellers(rng, seller_count, start)
    db.session.execute(insert(Organisation), org_rows)
    sellers = db.session.execute(
        select(Organisation.id, Organisation.name)
        .where(Organisation.kind == OrgKind.MICRO_BUSINESS)
        .order_by(Organisation.id.desc())
        .limit(seller_count)
    ).all()
    leaves = list(CATALOGUE)
    speciality = {seller.id: rng.choice(leaves) for seller in sellers}
    certificates = [
        {
            "organisation_id": seller.id,
            "kind": CertificateKind.HALAL.value,
            "number": f"ID3216{seller.id:011d}",
            "issuer": "BPJPH",
            "issued_on": date(2024, 1, 1) + timedelta(days=rng.randrange(600)),
            # One in ten has lapsed: such a seller's food is not halal-certified any more.
            "expires_on": date(2025, 1, 1) if rng.random() < 0.1 else None,
            "standard_verified": False,
            "created_at": utcnow(),
        }
        for seller in sellers
        if speciality[seller.id] in FOOD and rng.random() < 0.7
    ]
    if certificates:
        db.session.execute(insert(Certificate), certificates)
    db.session.commit()

    made = 0
    while made < missing:
        rows = []
        for _ in range(min(INSERT_BATCH, missing - made)):
            seller = sellers[rng.randrange(len(sellers))]
            # Sellers mostly sell within their speciality.
            slug = speciality[seller.id] if rng.random() < 0.85 else rng.choice(leaves)
            rows.append(_product(rng, slug, (seller.id, seller.name), category_ids[slug]))
        db.session.execute(insert(Product), rows)
        db.session.commit()
        made += len(rows)
        echo(f"  generated {have + made} / {products_wanted} products")
    return made


def _leaves_for(text: str) -> list[str]:
    """The leaf categories whose product names contain the query's first word (a shopper
    narrowing "kemeja batik" picks Batik or Fesyen, not Keripik)."""
    words = text.lower().split()
    if not words or len(words[0]) < 3:
        return []
    return [
        slug
        for slug, (bases, *_rest) in CATALOGUE.items()
        if any(words[0] in base.lower() for base in bases)
    ]


def queries(count: int, category_ids: dict[str, int]) -> list[dict]:
    """`count` realistic searches: a text (or none) with the filters the storefront offers,
    chosen as a shopper would (a category that fits the words, halal for food)."""
    rng = random.Random(SEED)
    codes = list(kecamatan())
    parent_of = {slug: parent for slug, _, _, parent in CATEGORIES}
    roots = [slug for slug, parent in parent_of.items() if parent is None]
    price_ranges = [(None, 50_000), (50_000, 250_000), (100_000, 1_000_000), (250_000, None)]
    out = []
    for i in range(count):
        text = QUERY_TEXTS[i % len(QUERY_TEXTS)]
        leaves = _leaves_for(text) if text else list(CATALOGUE)
        q: dict = {"text": text}
        if leaves and rng.random() < 0.25:
            leaf = rng.choice(leaves)
            q["category_id"] = category_ids[leaf if rng.random() < 0.5 else parent_of[leaf]]
        elif not text and rng.random() < 0.5:
            q["category_id"] = category_ids[rng.choice(roots)]
        if rng.random() < 0.3:
            q["kecamatan"] = rng.choice(codes)
        if rng.random() < 0.3:
            q["min_price"], q["max_price"] = rng.choice(price_ranges)
        if (not leaves or any(leaf in FOOD for leaf in leaves)) and rng.random() < 0.2:
            q["halal"] = True
        if rng.random() < 0.1:
            q["pdn"] = True
        q["sort"] = rng.choice(["relevance"] * 6 + ["price_asc", "price_desc", "newest"])
        q["page"] = 1 if rng.random() < 0.85 else rng.randrange(2, 5)
        out.append(q)
    return out


def suggestion_prefixes(count: int) -> list[str]:
    """What the suggestion box receives while someone types: 2 letters up to the whole text."""
    rng = random.Random(SEED + 1)
    out = []
    while len(out) < count:
        text = rng.choice(SUGGEST_TEXTS)
        out.append(text[: rng.randrange(2, len(text) + 1)])
    return out
