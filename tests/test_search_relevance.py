"""Relevance is part of correctness: a labelled set of realistic queries, on both backends.

Each query lists the products that must rank in its first results and those that must not be
found at all. Stemmers over-stem ("kemeja", shirt, is not "meja", table; "pakaian", clothes, is
not "pakai", to use), people write one word two ways ("kripik"/"keripik"), type half words and
make typos; the analysis (app.search.analysis) is tuned until this set passes on Whoosh and on
PostgreSQL.
"""

from dataclasses import dataclass

import pytest

from app import search
from app.extensions import db
from app.search import get_backend
from app.search.base import SearchQuery
from tests.search_helpers import category, names, product, seller

# (category, name, description)
CATALOGUE = [
    ("keripik", "Keripik Singkong Pedas Daun Jeruk 250 g", "Renyah, oleh-oleh khas Bekasi."),
    ("keripik", "Kripik Pisang Manis 200 g", "Pisang kepok pilihan, tanpa pengawet."),
    ("keripik", "Keripik Tempe Sagu Original", "Tempe tipis digoreng renyah."),
    ("keripik", "Kerupuk Kulit Sapi Pedas", "Kerupuk kulit asli, gurih."),
    ("keripik", "Rengginang Ketan Bawang", "Camilan ketan khas Bekasi."),
    ("sambal", "Sambal Bawang Ekstra Pedas", "Cocok jadi teman makan keripik dan nasi hangat."),
    ("sambal", "Sambel Terasi Botol", "Terasi udang rebon asli Muara Gembong."),
    ("sambal", "Bumbu Rendang Siap Pakai", "Tinggal tambah daging dan santan."),
    ("olahan", "Bandeng Presto Duri Lunak", "Bandeng tambak Bekasi, dipresto empat jam."),
    ("katering", "Nasi Kotak Ayam Bakar", "Untuk rapat dan acara instansi."),
    ("katering", "Snack Box Rapat Dinas", "Isi tiga kue dan air mineral."),
    ("katering", "Tumpeng Nasi Kuning", "Lengkap dengan lauk tujuh macam."),
    ("minuman", "Kopi Robusta Bubuk 250 g", "Sangrai medium dari petani lokal."),
    ("minuman", "Teh Melati Tubruk", "Teh wangi melati."),
    ("batik", "Kemeja Batik Tulis Lengan Panjang", "Batik tulis pewarna alam, katun primisima."),
    ("batik", "Kemeja Batik Cap Lengan Pendek", "Cocok untuk seragam kantor hari Jumat."),
    ("batik", "Kain Batik Tulis Motif Mega Mendung", "Kain dua meter."),
    ("seragam", "Seragam PDH Dinas Bahan Nagata Drill", "Pakaian dinas harian, jahit ukur."),
    ("seragam", "Seragam Sekolah SD Putih Merah", "Kemeja dan celana, semua ukuran."),
    ("seragam", "Kaos Seragam Olahraga", "Bahan dryfit, sablon logo sekolah."),
    ("seragam", "Pakaian Kerja Wearpack", "Wearpack proyek, bahan drill tebal."),
    ("sepatu", "Sepatu Kulit Pria Pantofel", "Nyaman untuk bersepatu seharian ke kantor."),
    ("sepatu", "Sepatu Sekolah Hitam", "Sol karet anti slip."),
    ("sepatu", "Sandal Kulit Pria", "Sandal santai dari kulit sapi."),
    ("muslim", "Gamis Syari Katun", "Adem, tidak menerawang."),
    ("muslim", "Mukena Katun Jepang", "Lengkap dengan tas."),
    ("muslim", "Peci Rajut Hitam", "Rajutan tangan."),
    ("anyaman", "Keranjang Anyaman Bambu", "Hasil kerajinan pengrajin bambu Bekasi."),
    ("anyaman", "Tas Anyaman Pandan", "Dibuat perajin desa dengan tangan."),
    ("kayu", "Ukiran Kayu Jati Kaligrafi", "Karya pengrajin ukir, kayu jati tua."),
    ("kayu", "Mainan Edukasi Kayu Puzzle", "Puzzle kayu untuk anak usia dini."),
    ("mebel", "Meja Kayu Jati Minimalis", "Meja makan empat kursi."),
    ("mebel", "Meja Kantor Setengah Biro", "Meja kerja dengan laci."),
    ("mebel", "Kursi Rotan Teras", "Rotan sintetis tahan cuaca."),
    ("mebel", "Lemari Pakaian Kayu Dua Pintu", "Lemari jati belanda."),
    ("cetak", "Cetak Kalender Meja 2027", "Kalender meja untuk instansi, full color."),
    ("cetak", "Cetak Brosur A4 Art Paper 150 gsm", "Brosur promosi, cetak kilat."),
    ("cetak", "Cetak Spanduk Flexi 280 gsm", "Spanduk acara, mata ayam di sudut."),
    ("cetak", "Cetak Undangan Pernikahan Hardcover", "Undangan eksklusif dengan nama tamu."),
    ("jamu", "Jamu Kunyit Asam Botol 250 ml", "Racikan segar tanpa pengawet."),
    ("jamu", "Jahe Merah Instan", "Hangat untuk daya tahan tubuh."),
    ("jamu", "Madu Hutan Murni", "Madu asli hutan Kalimantan."),
    ("rumah", "Sabun Cuci Piring Jeruk Nipis", "Ampuh mengangkat lemak."),
    ("rumah", "Pewangi Pakaian Lavender", "Wangi tahan lama."),
    ("rumah", "Masker Kain Sekali Pakai", "Isi lima puluh."),
    ("rumah", "Tanaman Hias Aglonema", "Tanaman hias daun merah dalam pot."),
    ("rumah", "Gelang Perhiasan Perak", "Perhiasan perak buatan tangan."),
]

CATEGORIES = {  # leaf -> (leaf name, top-level name)
    "keripik": ("Keripik dan Kerupuk", "Makanan dan Minuman"),
    "sambal": ("Sambal dan Bumbu", "Makanan dan Minuman"),
    "olahan": ("Olahan Ikan", "Makanan dan Minuman"),
    "katering": ("Nasi Kotak dan Katering", "Makanan dan Minuman"),
    "minuman": ("Kopi dan Teh", "Makanan dan Minuman"),
    "batik": ("Batik", "Fesyen"),
    "seragam": ("Seragam", "Fesyen"),
    "sepatu": ("Sepatu dan Sandal", "Fesyen"),
    "muslim": ("Busana Muslim", "Fesyen"),
    "anyaman": ("Anyaman", "Kerajinan Tangan"),
    "kayu": ("Kerajinan Kayu", "Kerajinan Tangan"),
    "mebel": ("Mebel", "Perabot Rumah"),
    "rumah": ("Kebutuhan Rumah", "Perabot Rumah"),
    "cetak": ("Cetak Promosi", "Percetakan"),
    "jamu": ("Jamu dan Herbal", "Kesehatan"),
}


@dataclass(frozen=True)
class Case:
    query: str
    top: tuple[str, ...]  # each of these within the first `k` results (k: len(top) if 0)
    never: tuple[str, ...] = ()  # none of these anywhere in the results
    k: int = 0


KEMEJA = ("Kemeja Batik Tulis Lengan Panjang", "Kemeja Batik Cap Lengan Pendek")
MEJA = ("Meja Kayu Jati Minimalis", "Meja Kantor Setengah Biro", "Cetak Kalender Meja 2027")
KERIPIK = (
    "Keripik Singkong Pedas Daun Jeruk 250 g",
    "Kripik Pisang Manis 200 g",
    "Keripik Tempe Sagu Original",
)
SEPATU = ("Sepatu Kulit Pria Pantofel", "Sepatu Sekolah Hitam")
PAKAI = ("Bumbu Rendang Siap Pakai", "Masker Kain Sekali Pakai")

CASES = [
    # Over-stemming: shirts are not tables, clothes are not "to use".
    Case("kemeja", KEMEJA, never=MEJA),
    Case("kemeja batik", KEMEJA, never=MEJA),
    Case("meja", MEJA[:2], never=KEMEJA, k=3),
    Case("pakaian", ("Lemari Pakaian Kayu Dua Pintu", "Pakaian Kerja Wearpack"), never=PAKAI, k=3),
    Case("pewangi pakaian", ("Pewangi Pakaian Lavender",), never=PAKAI),
    Case("siap pakai", ("Bumbu Rendang Siap Pakai",), never=("Pakaian Kerja Wearpack",)),
    Case("perhiasan", ("Gelang Perhiasan Perak",), never=("Tanaman Hias Aglonema",)),
    Case("tanaman hias", ("Tanaman Hias Aglonema",), never=("Gelang Perhiasan Perak",)),
    Case("mainan", ("Mainan Edukasi Kayu Puzzle",)),
    # Affixes: one stem, many words.
    Case("sepatu", SEPATU),
    Case("bersepatu", SEPATU),
    # Everything in "Kerajinan Tangan" is a craft, the puzzle too.
    Case(
        "kerajinan",
        ("Keranjang Anyaman Bambu", "Tas Anyaman Pandan", "Ukiran Kayu Jati Kaligrafi"),
        never=MEJA,
        k=4,
    ),
    Case("pengrajin bambu", ("Keranjang Anyaman Bambu",)),
    Case("anyaman", ("Keranjang Anyaman Bambu", "Tas Anyaman Pandan")),
    # Spelling variants, with the name above a description that mentions the word.
    Case("kripik", KERIPIK, never=MEJA, k=3),
    Case("keripik", KERIPIK, k=3),
    Case("sambel", ("Sambel Terasi Botol", "Sambal Bawang Ekstra Pedas")),
    # Half words, as typed into the search box.
    Case("kri", KERIPIK, k=3),
    Case("sera", ("Seragam PDH Dinas Bahan Nagata Drill", "Seragam Sekolah SD Putih Merah"), k=3),
    Case("kemeja bat", KEMEJA, never=MEJA),
    Case("cetak spa", ("Cetak Spanduk Flexi 280 gsm",)),
    # Typos.
    Case("kripik pedes", ("Keripik Singkong Pedas Daun Jeruk 250 g",), never=MEJA),
    # One edit from both "kemeja" and "kerja" (work): the closer spelling wins.
    Case("kemja", KEMEJA, never=(*MEJA, "Pakaian Kerja Wearpack")),
    Case("spatu", SEPATU, k=3),
    Case("brosure", ("Cetak Brosur A4 Art Paper 150 gsm",)),
    # Plain shopping.
    Case("seragam dinas", ("Seragam PDH Dinas Bahan Nagata Drill",)),
    Case("batik", (*KEMEJA, "Kain Batik Tulis Motif Mega Mendung")),
    Case(
        "batik tulis", ("Kemeja Batik Tulis Lengan Panjang", "Kain Batik Tulis Motif Mega Mendung")
    ),
    Case("brosur a4", ("Cetak Brosur A4 Art Paper 150 gsm",)),
    Case("kalender", ("Cetak Kalender Meja 2027",), never=KEMEJA),
    Case("kayu jati", ("Meja Kayu Jati Minimalis", "Ukiran Kayu Jati Kaligrafi"), never=KEMEJA),
    Case("nasi kotak", ("Nasi Kotak Ayam Bakar",)),
    Case("snack box rapat", ("Snack Box Rapat Dinas",)),
    Case("jamu kunyit", ("Jamu Kunyit Asam Botol 250 ml",)),
    Case("madu", ("Madu Hutan Murni",)),
    Case("kopi", ("Kopi Robusta Bubuk 250 g",)),
    Case("bandeng", ("Bandeng Presto Duri Lunak",)),
    Case("undangan", ("Cetak Undangan Pernikahan Hardcover",)),
    Case("sabun cuci", ("Sabun Cuci Piring Jeruk Nipis",)),
    Case("oleh-oleh", ("Keripik Singkong Pedas Daun Jeruk 250 g",)),
    Case("mukena", ("Mukena Katun Jepang",)),
]


@pytest.fixture(params=["whoosh", "postgres"])
def backend(request, app):
    if request.param == "postgres" and db.engine.dialect.name != "postgresql":
        pytest.skip("the PostgreSQL backend needs TEST_DATABASE_URL=postgresql://...")
    original = app.config["SEARCH_BACKEND"]
    app.config["SEARCH_BACKEND"] = request.param
    app.extensions.pop("search_backend", None)
    yield get_backend()
    app.config["SEARCH_BACKEND"] = original
    app.extensions.pop("search_backend", None)


def _catalogue() -> None:
    roots, leaves = {}, {}
    for key, (leaf, root) in CATEGORIES.items():
        if root not in roots:
            roots[root] = category(root)
        leaves[key] = category(leaf, parent=roots[root])
    shops = [
        seller("Dapur Bu Siti", "32.16.06", halal=True),
        seller("Konveksi Pak Joko", "32.16.07"),
        seller("Galeri Mang Udin", "32.16.10"),
    ]
    for i, (key, name, description) in enumerate(CATALOGUE):
        product(shops[i % 3], leaves[key], name, description=description, apply=False)
    search.reindex()
    db.session.commit()


def test_labelled_queries(backend):
    _catalogue()
    failures = []
    for case in CASES:
        found = names(backend.search(SearchQuery(text=case.query, per_page=50)))
        first = found[: case.k or len(case.top)]
        missing = [name for name in case.top if name not in first]
        unwanted = [name for name in case.never if name in found]
        if missing or unwanted:
            failures.append(
                f"{case.query!r}: missing from top {len(first)}: {missing}; "
                f"must not match: {unwanted}; got {found[:6]}"
            )
    assert not failures, f"{backend.name}:\n" + "\n".join(failures)
    assert len(CASES) >= 25


def test_suggestions_complete_half_words(backend):
    _catalogue()
    assert set(backend.suggest("kri")) >= set(KERIPIK)
    assert backend.suggest("kemeja bat")[:2] in (list(KEMEJA), list(reversed(KEMEJA)))
    assert not set(backend.suggest("kemeja")) & set(MEJA)
    assert "Seragam PDH Dinas Bahan Nagata Drill" in backend.suggest("seragam p")
