"""The micro-business data standard (Pasal 14(4)): for every column of the yearly delivery to the
Ministry (Pasal 15) its concept, definition, classification, measure and unit.

This list is the single source of the export's columns, their order, and the checks the import
applies to each cell. Column names are fixed Indonesian identifiers; the texts are translated.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from app.businesses.labels import (
    APPROACH_LABELS,
    CERTIFICATE_LABELS,
    LEGAL_FORM_LABELS,
    LEVEL_LABELS,
    RISK_LABELS,
)
from app.businesses.models import (
    CertificateKind,
)
from app.businesses.workflow import STATUS_LABELS
from app.regions import REGENCY_CODE, kecamatan

PROVINCE_CODE = REGENCY_CODE.split(".")[0]

# Scale classes of PP 7/2021 Pasal 35; the micro limits are those of Pasal 4 (app.businesses.rules).
SCALE_LABELS = {
    "mikro": _l("Micro"),
    "kecil": _l("Small"),
    "menengah": _l("Medium"),
    "besar": _l("Large"),
}
# The state of the certificates of one kind on the reference date.
CERTIFICATE_STATE_CODES = {
    "valid": "berlaku",
    "expiring": "segera_berakhir",
    "expired": "kedaluwarsa",
}
NO_CERTIFICATE = "tidak_ada"
CERTIFICATE_STATE_LABELS = {
    "berlaku": _l("valid"),
    "segera_berakhir": _l("expires soon"),
    "kedaluwarsa": _l("expired"),
    NO_CERTIFICATE: _l("none"),
}
YES, NO = "ya", "tidak"
YES_NO_LABELS = {YES: _l("yes"), NO: _l("no")}
ACTIVE, INACTIVE = "aktif", "tidak_aktif"
ACTIVITY_LABELS = {ACTIVE: _l("active"), INACTIVE: _l("deactivated")}

LIST_SEPARATOR = ";"
CERTIFICATE_FIELD_SEPARATOR = "|"
ESCAPE = "\\"

GROUP_LABELS = {
    "meta": _l("Delivery"),
    "owner": _l("Owner"),
    "business": _l("Business"),
    "scale": _l("Scale (Pasal 4)"),
    "address": _l("Location"),
    "workforce": _l("Workforce"),
    "tax": _l("Tax"),
    "licence": _l("Licensing (Pasal 6-7)"),
    "verification": _l("Registration and verification"),
    "certificates": _l("Certificates (Pasal 9, 12)"),
    "development": _l("Development (Pasal 25-26)"),
}

# Value types; each has one way to be written and read (see app.businesses.exchange).
TEXT = "text"  # free text up to max_length characters
CODE = "code"  # one code of the column's code list
DIGITS = "digits"  # a string of digits matching `pattern`
PHONE = "phone"
EMAIL = "email"
INTEGER = "integer"  # a whole number >= 0
RUPIAH = "rupiah"  # whole rupiah >= 0, digits only
DECIMAL = "decimal"  # a decimal number with '.' as separator
DATE = "date"  # YYYY-MM-DD
MONTH = "month"  # YYYY-MM
YEAR = "year"  # YYYY
KBLI = "kbli"  # 5-digit codes separated by ';'
CERTIFICATES = "certificates"  # the encoding described on the column

JSON_TYPES = {INTEGER: "integer", RUPIAH: "integer", DECIMAL: "number", YEAR: "integer"}


@dataclass(frozen=True)
class Column:
    name: str
    group: str
    type: str
    concept: object
    definition: object
    classification: object = None
    measure: object = None
    unit: object = None
    codes: Callable[[], dict[str, object]] | None = None  # code -> label
    pattern: str | None = None
    pattern_message: object = None
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    decimals: int | None = None
    required: bool = False  # must not be empty in an imported row
    personal: bool = False  # personal data: never published, masked where not needed
    derived: bool = False  # computed on export from other data; ignored on import
    example: str = ""

    def code_list(self) -> dict[str, object]:
        return self.codes() if self.codes else {}

    def as_dict(self) -> dict:
        """The column with its texts in the current language (for JSON and templates)."""
        return {
            "name": self.name,
            "group": self.group,
            "group_label": str(GROUP_LABELS[self.group]),
            "type": self.type,
            "json_type": JSON_TYPES.get(self.type, "string"),
            "concept": text(self.concept),
            "definition": text(self.definition),
            "classification": text(self.classification),
            "codes": [
                {"code": code, "label": str(label)} for code, label in self.code_list().items()
            ],
            "measure": text(self.measure),
            "unit": text(self.unit),
            "pattern": self.pattern,
            "max_length": self.max_length,
            "minimum": self.minimum,
            "maximum": self.maximum,
            "required": self.required,
            "personal": self.personal,
            "derived": self.derived,
            "example": self.example,
        }


def text(value) -> str | None:
    return None if value is None else str(value)


def _labels(labels: dict) -> Callable[[], dict[str, object]]:
    return lambda: {
        member.value if hasattr(member, "value") else member: label
        for member, label in labels.items()
    }


def _kecamatan_codes() -> dict[str, object]:
    return dict(kecamatan())


NONE = _l("None.")
FREE_TEXT = _l("None: free text.")
PERSON = _l("Person")
RUPIAH_UNIT = _l("Rupiah (whole rupiah, digits only, without separators)")
MONEY = _l("Amount of money")
COUNT = _l("Count")
REGION_CODES = _l(
    "Kemendagri codes of administrative regions (kode wilayah administrasi pemerintahan)."
)
YES_NO = _l("ya (yes) or tidak (no).")
WIB_DATE = _l("Date in Western Indonesia Time (WIB), YYYY-MM-DD")


def _workers(name: str, concept, definition) -> Column:
    return Column(
        name,
        "workforce",
        INTEGER,
        concept,
        definition,
        NONE,
        COUNT,
        PERSON,
        minimum=0,
        maximum=100_000,
        example="2",
    )


def _certificate_state(kind: CertificateKind) -> Column:
    label = CERTIFICATE_LABELS[kind]
    return Column(
        f"status_{kind.value}",
        "certificates",
        CODE,
        _l("State of the %(certificate)s certificates", certificate=label),
        _l(
            "The best state of the business's certificates of this kind on the reference date "
            "(31 December of the data year, or the export day if earlier): berlaku while valid, "
            "segera_berakhir when it ends within the warning period (60 days unless configured "
            "otherwise), kedaluwarsa when every one has ended, tidak_ada when there is none. "
            "Computed from the sertifikat column."
        ),
        _l("Certificate state code list."),
        codes=_labels(CERTIFICATE_STATE_LABELS),
        derived=True,
        example="berlaku",
    )


COLUMNS: tuple[Column, ...] = (
    Column(
        "tahun_data",
        "meta",
        YEAR,
        _l("Data year"),
        _l(
            "The year of the delivery (Pasal 15(2)). A delivery holds every micro-business "
            "registered in the toko daring on or before 31 December of that year."
        ),
        NONE,
        _l("Calendar year"),
        _l("Year"),
        derived=True,
        example="2026",
    ),
    # --- owner ---
    Column(
        "nik",
        "owner",
        DIGITS,
        _l("Owner's national identity number (NIK)"),
        _l(
            "The population identity number (Nomor Induk Kependudukan) of the business owner, "
            "as on the electronic identity card (e-KTP)."
        ),
        _l("16 digits; the first six are the Kemendagri code of the region of registration."),
        pattern=r"^\d{16}$",
        pattern_message=_l("A NIK has exactly 16 digits."),
        personal=True,
        example="3216064107850001",
    ),
    Column(
        "nama_pemilik",
        "owner",
        TEXT,
        _l("Owner's name"),
        _l("The full name of the business owner, as on the identity card."),
        FREE_TEXT,
        max_length=120,
        personal=True,
        example="Siti Aminah",
    ),
    Column(
        "no_hp",
        "owner",
        PHONE,
        _l("Owner's mobile phone"),
        _l("The owner's mobile phone number, as the owner gave it."),
        _l("8 to 20 characters: digits, spaces, brackets, hyphens and a leading +."),
        pattern=r"^\+?[0-9 ()-]{8,20}$",
        pattern_message=_l("Enter a phone number, e.g. 0812 3456 7890."),
        personal=True,
        example="081234567890",
    ),
    Column(
        "email",
        "owner",
        EMAIL,
        _l("Owner's email address"),
        _l(
            "The owner's email address. On import, an account without a password is created "
            "for a new address; the owner sets a password with \u201cForgot password\u201d."
        ),
        NONE,
        max_length=254,
        personal=True,
        example="siti.aminah@example.id",
    ),
    # --- business ---
    Column(
        "nama_usaha",
        "business",
        TEXT,
        _l("Business name"),
        _l("The name under which the micro-business trades."),
        FREE_TEXT,
        max_length=200,
        required=True,
        example="Keripik Tempe Bu Siti",
    ),
    Column(
        "bentuk_usaha",
        "business",
        CODE,
        _l("Legal form"),
        _l("The legal form of the business."),
        _l("Legal form code list."),
        codes=_labels(LEGAL_FORM_LABELS),
        example="perorangan",
    ),
    Column(
        "kegiatan_usaha_utama",
        "business",
        TEXT,
        _l("Main business activity"),
        _l("What the business does, in the owner's words."),
        FREE_TEXT,
        max_length=200,
        example="Produksi keripik tempe",
    ),
    Column(
        "produk_utama",
        "business",
        TEXT,
        _l("Main product"),
        _l("The main good or service the business sells."),
        FREE_TEXT,
        max_length=200,
        example="Keripik tempe 250 g",
    ),
    Column(
        "kbli",
        "business",
        KBLI,
        _l("Business field (KBLI)"),
        _l(
            "The business's activities in the Indonesian standard industrial classification, as "
            "registered with its NIB."
        ),
        _l(
            "KBLI 2020 (Peraturan BPS No. 2 of 2020): 5-digit codes, in ascending order, "
            "separated by \u201c;\u201d."
        ),
        pattern=r"^\d{5}$",
        pattern_message=_l("A KBLI 2020 code has 5 digits: %(codes)s"),
        example="10794;47111",
    ),
    Column(
        "tanggal_mulai_usaha",
        "business",
        MONTH,
        _l("Start of business"),
        _l("The month in which the business started operating."),
        NONE,
        _l("Calendar month"),
        _l("Month, YYYY-MM"),
        example="2019-03",
    ),
    # --- scale ---
    Column(
        "skala_usaha",
        "scale",
        CODE,
        _l("Business scale"),
        _l(
            "The scale by the criteria of PP 7/2021 Pasal 35 and Pasal 4 of the Perbup, on the "
            "reference date: a business operating two years or more is judged on annual sales "
            "alone, a younger one on capital and annual sales. Empty when the figures needed "
            "are missing. Computed from modal_usaha, omzet_tahunan and tanggal_mulai_usaha."
        ),
        _l(
            "Micro: capital up to Rp 1 billion, sales up to Rp 2 billion; small: up to Rp 5 "
            "billion and Rp 15 billion; medium: up to Rp 10 billion and Rp 50 billion; large: "
            "above."
        ),
        codes=_labels(SCALE_LABELS),
        derived=True,
        example="mikro",
    ),
    Column(
        "modal_usaha",
        "scale",
        RUPIAH,
        _l("Business capital"),
        _l("The capital of the business, excluding land and buildings (Pasal 4(2))."),
        NONE,
        MONEY,
        RUPIAH_UNIT,
        minimum=0,
        maximum=10**15,
        example="25000000",
    ),
    Column(
        "omzet_tahunan",
        "scale",
        RUPIAH,
        _l("Annual sales"),
        _l("The business's sales over one year (hasil penjualan tahunan, Pasal 4(3))."),
        NONE,
        _l("Amount of money per year"),
        RUPIAH_UNIT,
        minimum=0,
        maximum=10**15,
        example="180000000",
    ),
    Column(
        "aset",
        "scale",
        RUPIAH,
        _l("Total assets"),
        _l("The value of the business's assets, when known."),
        NONE,
        MONEY,
        RUPIAH_UNIT,
        minimum=0,
        maximum=10**15,
        example="40000000",
    ),
    # --- location ---
    Column(
        "kode_provinsi",
        "address",
        DIGITS,
        _l("Province code"),
        _l("The Kemendagri code of the province: always 32 (Jawa Barat)."),
        REGION_CODES,
        derived=True,
        example=PROVINCE_CODE,
    ),
    Column(
        "kode_kabupaten",
        "address",
        DIGITS,
        _l("Regency code"),
        _l("The Kemendagri code of the regency: always 32.16 (Kabupaten Bekasi)."),
        REGION_CODES,
        derived=True,
        example=REGENCY_CODE,
    ),
    Column(
        "kode_kecamatan",
        "address",
        CODE,
        _l("Kecamatan code"),
        _l("The Kemendagri code of the kecamatan where the business operates."),
        REGION_CODES,
        codes=_kecamatan_codes,
        example="32.16.06",
    ),
    Column(
        "nama_kecamatan",
        "address",
        TEXT,
        _l("Kecamatan name"),
        _l("The name of the kecamatan, from its code."),
        REGION_CODES,
        derived=True,
        example="Tambun Selatan",
    ),
    Column(
        "desa_kelurahan",
        "address",
        TEXT,
        _l("Desa/kelurahan"),
        _l("The village (desa or kelurahan) where the business operates."),
        FREE_TEXT,
        max_length=100,
        example="Setiadarma",
    ),
    Column(
        "alamat_jalan",
        "address",
        TEXT,
        _l("Street address"),
        _l("Street, number and RT/RW of the business; often the owner's home."),
        FREE_TEXT,
        max_length=300,
        personal=True,
        example="Jl. Mawar No. 12 RT 003/RW 005",
    ),
    Column(
        "lintang",
        "address",
        DECIMAL,
        _l("Latitude"),
        _l("The latitude of the business's location, negative south of the equator."),
        _l("WGS 84 coordinates."),
        _l("Angle"),
        _l("Decimal degree, up to 6 decimals"),
        minimum=-11,
        maximum=6,
        decimals=6,
        personal=True,
        example="-6.261500",
    ),
    Column(
        "bujur",
        "address",
        DECIMAL,
        _l("Longitude"),
        _l("The longitude of the business's location, east of Greenwich."),
        _l("WGS 84 coordinates."),
        _l("Angle"),
        _l("Decimal degree, up to 6 decimals"),
        minimum=95,
        maximum=141,
        decimals=6,
        personal=True,
        example="107.045200",
    ),
    # --- workforce ---
    _workers(
        "tk_dibayar_perempuan",
        _l("Paid workers, female"),
        _l("The number of women who work in the business for pay."),
    ),
    _workers(
        "tk_dibayar_laki_laki",
        _l("Paid workers, male"),
        _l("The number of men who work in the business for pay."),
    ),
    _workers(
        "tk_tidak_dibayar_perempuan",
        _l("Unpaid workers, female"),
        _l("The number of women who work in the business without pay, e.g. family."),
    ),
    _workers(
        "tk_tidak_dibayar_laki_laki",
        _l("Unpaid workers, male"),
        _l("The number of men who work in the business without pay, e.g. family."),
    ),
    # --- tax ---
    Column(
        "status_pkp",
        "tax",
        CODE,
        _l("VAT status (PKP)"),
        _l(
            "Whether the business is a VAT-registered entrepreneur (Pengusaha Kena Pajak); a "
            "PKP business must give its NPWP."
        ),
        YES_NO,
        codes=_labels(YES_NO_LABELS),
        example=NO,
    ),
    Column(
        "npwp",
        "tax",
        DIGITS,
        _l("Taxpayer number (NPWP)"),
        _l("The taxpayer identification number of the business or its owner."),
        _l("15 or 16 digits."),
        pattern=r"^\d{15,16}$",
        pattern_message=_l("An NPWP has 15 or 16 digits."),
        personal=True,
        example="3216064107850001",
    ),
    # --- licensing ---
    Column(
        "nib",
        "licence",
        DIGITS,
        _l("Business identification number (NIB)"),
        _l(
            "The Nomor Induk Berusaha issued through the risk-based online licensing system "
            "(OSS-RBA)."
        ),
        _l("13 digits."),
        pattern=r"^\d{13}$",
        pattern_message=_l("A NIB has exactly 13 digits."),
        example="9120301234567",
    ),
    Column(
        "tanggal_nib",
        "licence",
        DATE,
        _l("NIB issue date"),
        _l("The date the NIB was issued."),
        NONE,
        _l("Calendar date"),
        _l("Date, YYYY-MM-DD"),
        example="2021-08-17",
    ),
    Column(
        "tingkat_risiko",
        "licence",
        CODE,
        _l("Risk level"),
        _l(
            "The risk level of the business's activity, which sets what licensing it needs "
            "(Pasal 6-7)."
        ),
        _l("OSS-RBA risk level code list."),
        codes=_labels(RISK_LABELS),
        example="rendah",
    ),
    # --- registration and verification ---
    Column(
        "status_verifikasi",
        "verification",
        CODE,
        _l("Verification status"),
        _l(
            "Where the business stands in the Dinas's verification of its data. On import an "
            "empty cell makes a new business a draft and leaves an existing one as it is."
        ),
        _l("Verification status code list."),
        codes=_labels(STATUS_LABELS),
        example="verified",
    ),
    Column(
        "tanggal_verifikasi",
        "verification",
        DATE,
        _l("Verification date"),
        _l(
            "The day the Dinas verified the business, which made it a Dinas binaan. Required "
            "for verified and recheck; empty for draft and rejected."
        ),
        NONE,
        _l("Calendar date"),
        WIB_DATE,
        example="2025-02-10",
    ),
    Column(
        "didaftarkan_dinas",
        "verification",
        CODE,
        _l("Registered by the Dinas"),
        _l("Whether Dinas staff registered the business on the owner's behalf (Pasal 5(3))."),
        YES_NO,
        codes=_labels(YES_NO_LABELS),
        example=NO,
    ),
    Column(
        "tanggal_registrasi",
        "verification",
        DATE,
        _l("Registration date"),
        _l(
            "The day the business was registered in the toko daring; it decides the years in "
            "whose delivery the business appears. On import it is kept for a new business and "
            "never changed for an existing one."
        ),
        NONE,
        _l("Calendar date"),
        WIB_DATE,
        example="2024-11-05",
    ),
    Column(
        "status_usaha",
        "verification",
        CODE,
        _l("Account state"),
        _l(
            "Whether the business is active in the toko daring. A deactivated business (for "
            "example, closed) stays in the database. On import an empty cell makes a new "
            "business active and leaves an existing one as it is."
        ),
        _l("aktif or tidak_aktif."),
        codes=_labels(ACTIVITY_LABELS),
        example=ACTIVE,
    ),
    # --- certificates ---
    *(_certificate_state(kind) for kind in CertificateKind),
    Column(
        "sertifikat",
        "certificates",
        CERTIFICATES,
        _l("Certificates"),
        _l(
            "Every certificate of the business (Pasal 9, 12), each written as kind|number|"
            "issuer|issue date|expiry date|verified, separated by \u201c;\u201d. Dates are "
            "YYYY-MM-DD; an empty expiry means without end; verified is 1 for a standard "
            "certificate verified by the authority, otherwise 0. A \u201c\\\u201d, "
            "\u201c|\u201d or \u201c;\u201d inside a number or issuer is preceded by "
            "\u201c\\\u201d. Scans of the certificates are not part of the delivery. On import "
            "a certificate is matched by kind and number; one missing from the file is kept."
        ),
        _l(
            "Kind: the certificate kind code list (halal, sni, spp_irt, pkrt, "
            "sertifikat_standar, izin, haki)."
        ),
        codes=_labels(CERTIFICATE_LABELS),
        example="halal|ID32110000123450824|BPJPH|2024-03-01||0",
    ),
    # --- development ---
    Column(
        "pendekatan_pembinaan",
        "development",
        CODE,
        _l("Development approach"),
        _l("How the Dinas develops the business: in a sentra, a klaster or a kelompok (Pasal 25)."),
        _l("Development approach code list."),
        codes=_labels(APPROACH_LABELS),
        example="sentra",
    ),
    Column(
        "kelompok_pembinaan",
        "development",
        TEXT,
        _l("Development group"),
        _l("The name of the sentra, klaster or kelompok the business belongs to."),
        FREE_TEXT,
        max_length=120,
        example="Sentra Keripik Tambun",
    ),
    Column(
        "tingkat_pengembangan",
        "development",
        CODE,
        _l("Development level"),
        _l(
            "The business's development level, judged on design and production, marketing, "
            "human resources and technology (Pasal 26)."
        ),
        _l("Development level code list."),
        codes=_labels(LEVEL_LABELS),
        example="berkembang",
    ),
)

BY_NAME: dict[str, Column] = {column.name: column for column in COLUMNS}
NAMES: tuple[str, ...] = tuple(BY_NAME)
CERTIFICATE_STATE_COLUMNS = {kind: f"status_{kind.value}" for kind in CertificateKind}


def groups() -> list[tuple[str, list[Column]]]:
    """The columns by group, in the order of the export."""
    grouped: dict[str, list[Column]] = {}
    for column in COLUMNS:
        grouped.setdefault(column.group, []).append(column)
    return list(grouped.items())


def as_json() -> dict:
    """The whole dictionary in the current language."""
    return {
        "name": "Standar data usaha mikro Kabupaten Bekasi",
        "basis": "Peraturan Bupati Bekasi No. 5 Tahun 2024, Pasal 14(4), 15, 17",
        "encoding": {
            "csv": str(
                _l(
                    "UTF-8, comma-separated, one header row with the column names, one "
                    "row per business, ordered by business name."
                )
            ),
            "list_separator": LIST_SEPARATOR,
            "certificate_field_separator": CERTIFICATE_FIELD_SEPARATOR,
            "escape": ESCAPE,
            "empty": str(_l("An empty cell means the value is unknown or does not apply.")),
        },
        "groups": {key: str(label) for key, label in GROUP_LABELS.items()},
        "columns": [column.as_dict() for column in COLUMNS],
    }
