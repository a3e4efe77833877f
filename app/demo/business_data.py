"""The demo micro-businesses: who they are, what they make, their figures and state.

Deterministic by design; app.demo.businesses turns them into profiles.
"""

from dataclasses import dataclass

from app.businesses.models import (
    DevelopmentApproach,
    DevelopmentLevel,
    LegalForm,
    RiskLevel,
)
from app.businesses.models import VerificationStatus as S

APPROACH_GROUPS = {
    "sentra_keripik": (DevelopmentApproach.SENTRA, "Sentra Keripik Tambun"),
    "klaster_ikan": (DevelopmentApproach.KLASTER, "Klaster Olahan Ikan Muara Gembong"),
    "kelompok_kriya": (DevelopmentApproach.KELOMPOK, "Kelompok Kriya Bekasi Utara"),
    "kelompok_busana": (DevelopmentApproach.KELOMPOK, "Kelompok Busana Muslim Cikarang"),
}


@dataclass(frozen=True)
class DemoBusiness:
    name: str
    owner: str
    female: bool
    kecamatan: str
    village: str
    activity: str
    product: str
    kbli: tuple[str, ...]
    started: str  # YYYY-MM
    capital: int
    sales: int
    status: S
    certificates: tuple[str, ...] = ()  # see CERTIFICATES below
    legal_form: LegalForm = LegalForm.INDIVIDUAL
    risk: RiskLevel = RiskLevel.LOW
    development: tuple[str, DevelopmentLevel] | None = None
    # The Dinas's reason (needs_correction, rejected) or the fields awaiting re-check (recheck).
    note: str | None = None


JT = 1_000_000  # juta

# One business per entry reads better than one field per line.
# fmt: off
BUSINESSES = [
    DemoBusiness("Keripik Tempe Bu Siti", "Siti Aminah", True, "32.16.06", "Setiadarma",
                 "Produksi keripik tempe", "Keripik tempe original 250 g", ("10794",), "2016-04",
                 15 * JT, 216 * JT, S.VERIFIED, ("halal", "pirt"),
                 development=("sentra_keripik", DevelopmentLevel.BERKEMBANG)),
    DemoBusiness("Rengginang Mak Enah", "Enah Suhaenah", True, "32.16.10", "Karangbahagia",
                 "Produksi rengginang ketan", "Rengginang terasi 500 g", ("10794",), "2012-08",
                 8 * JT, 96 * JT, S.VERIFIED, ("halal_expiring", "pirt")),
    DemoBusiness("Kerupuk Kulit Pak Darto", "Sudarto", False, "32.16.13", "Kertasari",
                 "Produksi kerupuk kulit sapi", "Kerupuk kulit (dorokdok) 200 g", ("10794",),
                 "2015-02", 30 * JT, 420 * JT, S.VERIFIED, ("halal", "pirt_expiring")),
    DemoBusiness("Bandeng Presto Bu Yati", "Suryati", True, "32.16.17", "Pantai Bahagia",
                 "Pengolahan bandeng presto", "Bandeng presto duri lunak", ("10221",), "2014-06",
                 45 * JT, 540 * JT, S.VERIFIED, ("halal", "pirt"),
                 development=("klaster_ikan", DevelopmentLevel.MAJU)),
    DemoBusiness("Ikan Asin Muara Jaya", "Kasman", False, "32.16.17", "Pantai Mekar",
                 "Penggaraman dan pengeringan ikan", "Ikan asin jambal roti", ("10221",), "2010-01",
                 20 * JT, 300 * JT, S.VERIFIED, ("pirt_expired",),
                 development=("klaster_ikan", DevelopmentLevel.BERKEMBANG)),
    DemoBusiness("Roti Kukus Cibitung", "Dewi Lestari", True, "32.16.07", "Wanasari",
                 "Produksi roti dan kue", "Roti kukus pandan", ("10710",), "2019-09", 60 * JT,
                 480 * JT, S.VERIFIED, ("halal", "pirt")),
    DemoBusiness("Kue Basah Ibu Nur", "Nurhayati", True, "32.16.20", "Sukamahi",
                 "Produksi kue basah untuk acara", "Kue lapis dan nagasari", ("10710", "56210"),
                 "2017-05", 12 * JT, 150 * JT, S.VERIFIED, ("halal_expired", "pirt")),
    DemoBusiness("Nasi Uduk Betawi Bang Jali", "Rojali", False, "32.16.18", "Burangkeng",
                 "Rumah makan", "Nasi uduk Betawi", ("56102",), "2011-03", 25 * JT, 360 * JT,
                 S.VERIFIED, ("halal",)),
    DemoBusiness("Katering Sehat Mandiri", "Rina Kartika", True, "32.16.09", "Karangasih",
                 "Jasa boga untuk kantor dan acara", "Nasi kotak dan prasmanan", ("56210", "10750"),
                 "2020-02", 90 * JT, 960 * JT, S.VERIFIED, ("halal", "standar"),
                 risk=RiskLevel.MEDIUM_LOW),
    DemoBusiness("Konveksi Seragam Al-Ikhlas", "Ahmad Fauzi", False, "32.16.08", "Telaga Asih",
                 "Konveksi seragam sekolah", "Seragam SD dan SMP", ("14111",), "2013-07", 150 * JT,
                 1_200 * JT, S.VERIFIED, legal_form=LegalForm.CV,
                 development=("kelompok_busana", DevelopmentLevel.MAJU)),
    DemoBusiness("Jahit Kebaya Neng Euis", "Euis Komalasari", True, "32.16.21", "Sirnajaya",
                 "Penjahitan kebaya dan busana muslim", "Kebaya bordir", ("14111", "13912"),
                 "2018-11", 10 * JT, 84 * JT, S.SUBMITTED),
    DemoBusiness("Bordir Kerudung Sukatani", "Lilis Suryani", True, "32.16.15", "Sukadarma",
                 "Bordir kerudung dan mukena", "Mukena bordir", ("13912",), "2016-01", 18 * JT,
                 144 * JT, S.VERIFIED, ("haki",),
                 development=("kelompok_busana", DevelopmentLevel.BERKEMBANG)),
    DemoBusiness("Anyaman Pandan Tarumajaya", "Jubaedah", True, "32.16.01", "Pantai Makmur",
                 "Anyaman tikar dan tas pandan", "Tas anyaman pandan", ("16293",), "2009-05",
                 5 * JT, 60 * JT, S.VERIFIED,
                 development=("kelompok_kriya", DevelopmentLevel.PEMULA)),
    DemoBusiness("Kerajinan Bambu Cabangbungin", "Maman Suherman", False, "32.16.16", "Lenggahsari",
                 "Kerajinan bambu", "Besek dan tampah bambu", ("16293",), "2008-10", 7 * JT,
                 72 * JT, S.NEEDS_CORRECTION,
                 note="Foto dokumen NIB tidak terbaca. Mohon unggah ulang dengan jelas."),
    DemoBusiness("Mebel Jati Kedungwaringin", "Heri Setiawan", False, "32.16.12", "Karangsambung",
                 "Pembuatan mebel kayu", "Kursi dan meja kayu jati belanda", ("31001",), "2015-03",
                 250 * JT, 1_500 * JT, S.VERIFIED, ("standar_verified",), legal_form=LegalForm.CV,
                 risk=RiskLevel.MEDIUM_HIGH),
    DemoBusiness("Sablon dan Percetakan Jaya Abadi", "Dedi Kurniawan", False, "32.16.05",
                 "Satriajaya", "Percetakan dan sablon", "Spanduk, undangan dan kaos sablon",
                 ("18111",), "2017-08", 80 * JT, 720 * JT, S.VERIFIED),
    DemoBusiness("Percetakan Digital Cikarang", "Wahyu Hidayat", False, "32.16.19", "Sukaresmi",
                 "Percetakan digital", "Kartu nama, brosur dan stiker", ("18111",), "2021-04",
                 120 * JT, 900 * JT, S.RECHECK, legal_form=LegalForm.PT_PERORANGAN,
                 note="annual_sales"),
    DemoBusiness("Sabun Cair Berkah", "Fitriani", True, "32.16.11", "Jatireja",
                 "Produksi sabun cuci piring cair", "Sabun cuci piring 1 liter", ("20231",),
                 "2020-06", 35 * JT, 240 * JT, S.VERIFIED, ("pkrt_expiring", "standar"),
                 risk=RiskLevel.MEDIUM_LOW),
    DemoBusiness("Sepatu Kulit Bojongmangu", "Asep Saepudin", False, "32.16.23", "Bojongmangu",
                 "Produksi sepatu kulit", "Sepatu pantofel kulit", ("15201",), "2014-09", 70 * JT,
                 600 * JT, S.VERIFIED, ("haki",)),
    DemoBusiness("Kopi Robusta Cibarusah", "Ujang Rahmat", False, "32.16.22", "Sirnajati",
                 "Sangrai dan bubuk kopi", "Kopi robusta bubuk 200 g", ("10761",), "2019-01",
                 40 * JT, 300 * JT, S.VERIFIED, ("halal", "pirt")),
    DemoBusiness("Opak Singkong Bu Sumi", "Sumiati", True, "32.16.14", "Sukakarsa",
                 "Produksi opak singkong", "Opak singkong bakar", ("10794",), "2013-02", 6 * JT,
                 54 * JT, S.DRAFT),
    DemoBusiness("Emping Melinjo Tambelang", "Rohaya", True, "32.16.04", "Sukamaju",
                 "Produksi emping melinjo", "Emping melinjo 250 g", ("10794",), "2010-07", 10 * JT,
                 120 * JT, S.VERIFIED, ("halal", "pirt_expired")),
    DemoBusiness("Abon Ikan Sukawangi", "Nani Suryani", True, "32.16.03", "Sukabudi",
                 "Pengolahan abon ikan", "Abon ikan tongkol 100 g", ("10221",), "2018-03", 15 * JT,
                 180 * JT, S.SUBMITTED, ("pirt",)),
    DemoBusiness("Keripik Pisang Karangsatu", "Ade Rahmawati", True, "32.16.10", "Karangsatu",
                 "Produksi keripik pisang", "Keripik pisang cokelat", ("10794",), "2022-01", 5 * JT,
                 48 * JT, S.SUBMITTED),
    DemoBusiness("Kue Kering Bu Ani", "Ani Rohani", True, "32.16.06", "Jatimulya",
                 "Produksi kue kering", "Nastar dan kastengel", ("10710",), "2015-10", 20 * JT,
                 210 * JT, S.VERIFIED, ("halal", "pirt"),
                 development=("sentra_keripik", DevelopmentLevel.MANDIRI)),
    DemoBusiness("Soto Betawi Pak Udin", "Samsudin", False, "32.16.07", "Sukajaya", "Rumah makan",
                 "Soto Betawi daging", ("56102",), "2016-12", 30 * JT, 420 * JT, S.VERIFIED,
                 ("halal_expiring",)),
    DemoBusiness("Bakso Urat Mas Joko", "Joko Susilo", False, "32.16.09", "Simpangan",
                 "Warung bakso", "Bakso urat", ("56102",), "2018-05", 40 * JT, 480 * JT,
                 S.NEEDS_CORRECTION, ("halal",),
                 note="Nomor NIB tidak sesuai dengan dokumen yang diunggah."),
    DemoBusiness("Konveksi Kaos Babelan", "Irwan Saputra", False, "32.16.02", "Kebalen",
                 "Konveksi dan sablon kaos", "Kaos sablon komunitas", ("14111", "18111"), "2019-07",
                 60 * JT, 540 * JT, S.VERIFIED),
    DemoBusiness("Kerupuk Ikan Segara", "Darsih", True, "32.16.01", "Segara Makmur",
                 "Produksi kerupuk ikan", "Kerupuk ikan tenggiri", ("10794",), "2012-04", 12 * JT,
                 180 * JT, S.REJECTED,
                 note="NIK dan nama pemilik tidak sesuai dengan KTP yang diunggah."),
    DemoBusiness("Rumah Makan Padang Sederhana Jaya", "Zulkifli", False, "32.16.08", "Kalijaya",
                 "Rumah makan", "Nasi Padang", ("56102",), "2012-01", 900 * JT, 2_600 * JT,
                 S.REJECTED, ("halal",),
                 note="Omzet tahunan di atas batas usaha mikro (Pasal 4 ayat 3)."),
    DemoBusiness("Pempek Mbak Yuni", "Yuniarti", True, "32.16.20", "Pasirranji", "Warung pempek",
                 "Pempek kapal selam", ("56102",), "2021-09", 15 * JT, 180 * JT, S.DRAFT),
    DemoBusiness("Keripik Singkong Balado Srimahi", "Sri Wahyuni", True, "32.16.05", "Srimahi",
                 "Produksi keripik singkong", "Keripik singkong balado 200 g", ("10794",),
                 "2020-03", 8 * JT, 96 * JT, S.VERIFIED, ("halal", "pirt"),
                 development=("sentra_keripik", DevelopmentLevel.PEMULA)),
    DemoBusiness("Mebel Bambu Sukamanah", "Odih", False, "32.16.15", "Sukamanah",
                 "Pembuatan mebel bambu", "Kursi dan rak bambu", ("16293",), "2011-06", 25 * JT,
                 240 * JT, S.VERIFIED, development=("kelompok_kriya", DevelopmentLevel.BERKEMBANG)),
    DemoBusiness("Sepatu Anak Mekarwangi", "Ridwan", False, "32.16.08", "Mekarwangi",
                 "Produksi sepatu anak", "Sepatu sekolah anak", ("15201",), "2020-10", 40 * JT,
                 360 * JT, S.SUBMITTED),
    DemoBusiness("Sabun Herbal Cibarusah", "Yeni Marlina", True, "32.16.22", "Cibarusah Kota",
                 "Produksi sabun batang herbal", "Sabun sereh dan kunyit", ("20231",), "2022-05",
                 20 * JT, 120 * JT, S.DRAFT, ("pkrt_expired",), risk=RiskLevel.MEDIUM_LOW),
    DemoBusiness("Roti Manis Bu Tini", "Sutini", True, "32.16.11", "Karangsari", "Produksi roti",
                 "Roti manis isi cokelat dan keju", ("10710",), "2016-02", 18 * JT, 228 * JT,
                 S.VERIFIED, ("halal", "pirt_expiring")),
    DemoBusiness("Percetakan Undangan Pebayuran", "Nurdin", False, "32.16.13", "Bantarjaya",
                 "Percetakan undangan", "Undangan pernikahan", ("18111",), "2018-02", 30 * JT,
                 240 * JT, S.RECHECK, note="nib"),
    DemoBusiness("Konveksi Mukena Cabangbungin", "Siti Rohmah", True, "32.16.16", "Jayabakti",
                 "Konveksi mukena dan gamis", "Mukena katun bordir", ("14111", "13912"), "2017-03",
                 35 * JT, 360 * JT, S.VERIFIED, ("haki",),
                 development=("kelompok_busana", DevelopmentLevel.BERKEMBANG)),
    DemoBusiness("Terasi Udang Pantai Bahagia", "Rasiman", False, "32.16.17", "Pantai Bahagia",
                 "Produksi terasi udang", "Terasi udang rebon", ("10221",), "2005-08", 10 * JT,
                 150 * JT, S.NEEDS_CORRECTION, ("pirt_expired",),
                 note="SPP-IRT sudah kedaluwarsa; lampirkan SPP-IRT yang berlaku."),
    DemoBusiness("Peyek Kacang Bu Atun", "Siti Hatunah", True, "32.16.04", "Sukarahayu",
                 "Produksi peyek kacang", "Peyek kacang tanah 250 g", ("10794",), "2014-04", 7 * JT,
                 84 * JT, S.VERIFIED, ("halal", "pirt")),
]

# The demo sellers of seed_accounts (by organisation name): their own complete profiles.
SELLER_PROFILES = [
    DemoBusiness("Keripik Singkong Mang Ujang", "Ujang Suherman", False, "32.16.06", "Lambangsari",
                 "Produksi keripik singkong", "Keripik singkong balado 250 g", ("10794",),
                 "2015-05", 20 * JT, 240 * JT, S.VERIFIED, ("halal", "pirt"),
                 development=("sentra_keripik", DevelopmentLevel.BERKEMBANG)),
    DemoBusiness("Batik Tulis Sari Bekasi", "Sari Wulandari", True, "32.16.07", "Wanajaya",
                 "Produksi batik tulis motif Bekasi", "Kemeja dan kain batik tulis", ("14111",),
                 "2017-02", 45 * JT, 360 * JT, S.VERIFIED, ("haki",),
                 development=("kelompok_busana", DevelopmentLevel.MAJU)),
    DemoBusiness("Anyaman Bambu Babelan", "Hendra Gunawan", False, "32.16.02", "Bahagia",
                 "Kerajinan anyaman bambu", "Keranjang dan besek bambu", ("16293",), "2012-09",
                 10 * JT, 120 * JT, S.VERIFIED,
                 development=("kelompok_kriya", DevelopmentLevel.BERKEMBANG)),
    DemoBusiness("Konveksi Seragam Yuli", "Yuli Astuti", True, "32.16.09", "Wangunharja",
                 "Konveksi seragam kantor dan sekolah", "Seragam batik Korpri dan PDH", ("14111",),
                 "2014-03", 120 * JT, 960 * JT, S.VERIFIED),
    DemoBusiness("Percetakan Maju Jaya", "Agus Salim", False, "32.16.05", "Karangsatria",
                 "Percetakan umum", "Map, kop surat, spanduk dan buku", ("18111",), "2013-06",
                 150 * JT, 1_100 * JT, S.VERIFIED),
    DemoBusiness("Bandeng Presto Muara", "Rohmat Hidayat", False, "32.16.17", "Pantai Bahagia",
                 "Pengolahan bandeng presto", "Bandeng presto 4 ekor", ("10221",), "2016-08",
                 30 * JT, 360 * JT, S.VERIFIED, ("halal_expiring", "pirt"),
                 development=("klaster_ikan", DevelopmentLevel.BERKEMBANG)),
    DemoBusiness("Kopi Bubuk Serang Baru", "Neneng Kurniasih", True, "32.16.21", "Sukasari",
                 "Sangrai dan bubuk kopi", "Kopi bubuk robusta 250 g", ("10761",), "2021-02",
                 25 * JT, 180 * JT, S.SUBMITTED, ("pirt",)),
    DemoBusiness("Dodol Betawi Setu", "Mulyadi", False, "32.16.18", "Lubangbuaya",
                 "Produksi dodol Betawi", "Dodol Betawi ketan hitam", ("10799",), "2010-11",
                 15 * JT, 150 * JT, S.SUBMITTED, ("halal_expired", "pirt")),
]
# fmt: on
