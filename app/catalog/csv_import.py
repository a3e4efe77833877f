"""Import products from a CSV: our own columns, or what Indonesian marketplaces export.

Tokopedia and Shopee mass-upload files name their columns in Indonesian ("Nama Produk*",
"Harga (Rp)*", "Berat* (Gram)", "Minimum Pemesanan*" ...), may put instructions above the
header row, and are often saved by a spreadsheet with semicolons and in Windows-1252. Each is
handled here. Every row is checked on its own: the good ones become drafts in one flush, the bad
ones are reported with their line number in the file and every reason.
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.accounts.models import Organisation, OrgKind, User
from app.audit.services import record
from app.catalog import rules, services
from app.catalog.models import Category, PriceChange, ProductLink
from app.catalog.permissions import check_manage_organisation
from app.errors import DomainError
from app.extensions import db

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
HEADER_SEARCH_ROWS = 15  # marketplace templates put instructions above the header

# Normalised header (lower case, no "*", single spaces) -> our field.
ALIASES: dict[str, str] = {}
for _field, _names in {
    "name": (
        "name",
        "product name",
        "nama produk",
        "nama",
        "nama barang",
        "judul produk",
    ),
    "description": ("description", "deskripsi produk", "deskripsi", "keterangan"),
    "category": (
        "category",
        "category slug",
        "kategori",
        "kategori produk",
        "kategori kode",
        "kode kategori",
    ),
    "price": ("price", "harga", "harga (rp)", "harga satuan", "harga jual", "harga produk"),
    "unit": ("unit", "satuan"),
    "stock": ("stock", "stok", "jumlah stok", "stok produk", "qty", "kuantitas"),
    "min_order": (
        "min_order",
        "min order",
        "minimum order",
        "minimum pemesanan",
        "min. pemesanan",
        "minimal pemesanan",
        "minimum pembelian",
        "min. pembelian",
    ),
    "lead_time_days": (
        "lead_time_days",
        "lead time",
        "lead time (days)",
        "waktu proses preorder",
        "waktu proses pre-order",
        "dikirim dalam pre-order",
        "durasi preorder",
        "waktu pengemasan",
        "lama pengerjaan (hari)",
    ),
    "weight_grams": (
        "weight_grams",
        "weight",
        "weight (g)",
        "weight (grams)",
        "berat",
        "berat (gram)",
        "berat (g)",
        "berat (gr)",
        "berat produk",
    ),
    "is_pdn": ("is_pdn", "pdn", "domestic", "produk dalam negeri"),
    "links": (
        "links",
        "url",
        "link",
        "product url",
        "marketplace url",
        "url produk",
        "link produk",
        "url marketplace",
    ),
}.items():
    for _name in _names:
        ALIASES[_name] = _field

REQUIRED_COLUMNS = ("name", "category", "price")
TRUE = {"1", "y", "ya", "yes", "true", "benar"}
FALSE = {"0", "n", "t", "tidak", "no", "false", "salah", "bukan"}
INT_SUFFIXES = {
    "weight_grams": {"", "g", "gr", "gram", "grams"},
    "lead_time_days": {"", "hari", "day", "days"},
    "stock": {"", "pcs", "buah", "unit"},
    "min_order": {"", "pcs", "buah", "unit"},
}
FIELD_LABELS = {
    "name": _l("name"),
    "description": _l("description"),
    "category": _l("category"),
    "price": _l("price"),
    "unit": _l("unit"),
    "stock": _l("stock"),
    "min_order": _l("minimum order"),
    "lead_time_days": _l("lead time"),
    "weight_grams": _l("weight"),
    "is_pdn": _l("domestic product"),
    "links": _l("links"),
}
DEFAULT_UNIT = "pcs"


@dataclass
class RowError:
    line: int
    reasons: list[str]


@dataclass
class ImportReport:
    total: int = 0
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    product_ids: list[int] = field(default_factory=list)


@dataclass
class CsvFile:
    columns: dict[str, int]  # our field -> column index
    headers: dict[str, str]  # our field -> the header as written in the file
    ignored_columns: list[str]
    rows: list[tuple[int, list[str]]]  # (line number of the row's start, cells)


# --- reading the file -------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as spreadsheets on Windows save it."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def normalise_header(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").replace("*", "").strip().lower()).rstrip(":")


def field_for_header(text: str) -> str | None:
    norm = normalise_header(text)
    if norm in ALIASES:
        return ALIASES[norm]
    without_note = re.sub(r"\s*\(.*?\)\s*", " ", norm).strip()
    return ALIASES.get(without_note)


def _records(text: str, delimiter: str):
    """(start line, cells) for every record; a quoted cell may span several lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous = 0
    for cells in reader:
        yield previous + 1, cells
        previous = reader.line_num


def _find_header(text: str, delimiter: str) -> tuple[int, list[str], dict[str, int]] | None:
    try:
        for index, (_line, cells) in enumerate(_records(text, delimiter)):
            if index >= HEADER_SEARCH_ROWS:
                break
            columns: dict[str, int] = {}
            for position, cell in enumerate(cells):
                name = field_for_header(cell)
                if name and name not in columns:
                    columns[name] = position
            if "name" in columns and len(columns) >= 2:
                return index, cells, columns
    except csv.Error:
        return None
    return None


def read_csv(data: bytes | str) -> CsvFile:
    """Find the header row and the delimiter; DomainError when the file is not usable."""
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise DomainError(
                _l("The file is larger than %(mb)s MB.", mb=MAX_BYTES // 1024 // 1024),
                field="file",
                code="too_large",
            )
        data = decode(data)
    if not data.strip():
        raise DomainError(_l("The file is empty."), field="file", code="empty")
    if "\0" in data[:4096]:
        raise DomainError(
            _l("This is not a CSV file. Save the spreadsheet as CSV and upload that."),
            field="file",
            code="not_csv",
        )
    found = None
    for delimiter in (",", ";", "\t"):
        candidate = _find_header(data, delimiter)
        if candidate and (found is None or len(candidate[2]) > len(found[1][2])):
            found = (delimiter, candidate)
    if found is None:
        raise DomainError(
            _l(
                "No header row found. The first row must name the columns, e.g. "
                "Nama Produk, Kategori, Harga, Stok (or name, category, price, stock)."
            ),
            field="file",
            code="no_header",
        )
    delimiter, (header_index, header_cells, columns) = found
    missing = [str(FIELD_LABELS[c]) for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise DomainError(
            _l("The file has no column for: %(columns)s.", columns=", ".join(missing)),
            field="file",
            code="missing_columns",
        )
    ignored = [
        cell.strip()
        for position, cell in enumerate(header_cells)
        if cell.strip() and position not in columns.values()
    ]
    rows = []
    try:
        for index, (line, cells) in enumerate(_records(data, delimiter)):
            if index <= header_index or not any(cell.strip() for cell in cells):
                continue
            rows.append((line, cells))
    except csv.Error as error:
        raise DomainError(
            _l("The CSV file is damaged: %(error)s", error=str(error)),
            field="file",
            code="damaged",
        ) from error
    if len(rows) > MAX_ROWS:
        raise DomainError(
            _l("At most %(n)s products per file. Split the file.", n=MAX_ROWS),
            field="file",
            code="too_many_rows",
        )
    headers = {name: header_cells[position].strip() for name, position in columns.items()}
    return CsvFile(columns, headers, ignored, rows)


# --- values -----------------------------------------------------------------------------------


def parse_rupiah(text: str) -> int:
    """'Rp 25.000', 'Rp25.000,00', '25,000', '25000' -> 25000. ValueError when not whole rupiah."""
    value = re.sub(r"[\s\u00a0]", "", text).lower().removeprefix("rp").removeprefix("idr")
    value = value.lstrip(".")  # "Rp. 25.000"
    if re.fullmatch(r"\d+", value):
        return int(value)
    patterns = (
        (r"\d{1,3}(?:\.\d{3})+", ","),  # 25.000 or 25.000,00
        (r"\d{1,3}(?:,\d{3})+", "."),  # 25,000 or 25,000.00
        (r"\d+", ","),  # 25000,00
        (r"\d+", "."),  # 25000.00
    )
    for whole, decimal in patterns:
        match = re.fullmatch(rf"({whole})(?:{re.escape(decimal)}(\d+))?", value)
        if match:
            if match.group(2) and match.group(2).strip("0"):
                raise ValueError("cents")
            return int(re.sub(r"\D", "", match.group(1)))
    raise ValueError(value)


def _parse_int(text: str, name: str) -> int:
    match = re.fullmatch(r"(\d{1,3}(?:[.,]\d{3})+|\d+)\s*([a-z]*)\.?", text.strip().lower())
    if not match or match.group(2) not in INT_SUFFIXES.get(name, {""}):
        raise ValueError(text)
    return int(re.sub(r"\D", "", match.group(1)))


class CategoryResolver:
    """Our slug, else a category name (Indonesian or English; a path "A > B > C" is matched on
    its last part, and on the one before it when a name occurs twice)."""

    def __init__(self) -> None:
        self.by_slug: dict[str, Category] = {}
        self.by_name: dict[str, list[Category]] = {}
        for category in db.session.scalars(select(Category)):
            self.by_slug[category.slug] = category
            for name in {category.name, category.name_en}:
                self.by_name.setdefault(self._norm(name), []).append(category)

    @staticmethod
    def _norm(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()

    def resolve(self, text: str) -> Category | None:
        text = text.strip()
        if text.lower() in self.by_slug:
            return self.by_slug[text.lower()]
        parts = [p for p in re.split(r"\s*(?:>|\u203a|/|\|)\s*", text) if p.strip()]
        if not parts:
            return None
        matches = self.by_name.get(self._norm(parts[-1]), [])
        if len(matches) > 1 and len(parts) > 1:
            parent = self._norm(parts[-2])
            narrowed = [
                c
                for c in matches
                if c.parent and parent in {self._norm(c.parent.name), self._norm(c.parent.name_en)}
            ]
            matches = narrowed or matches
        return matches[0] if matches else None


def _row_data(
    csv_file: CsvFile, cells: list[str], categories: CategoryResolver
) -> tuple[dict, list[tuple[str, object]]]:
    """Our product fields from one row, and the problems found in its values."""

    def cell(name: str) -> str:
        position = csv_file.columns.get(name)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    data: dict = {"name": cell("name"), "description": cell("description")}
    data["unit"] = cell("unit") or DEFAULT_UNIT
    errors: list[tuple[str, object]] = []

    category_text = cell("category")
    if category_text:
        category = categories.resolve(category_text)
        if category is None:
            errors.append(
                (
                    "category_id",
                    _l(
                        "unknown category \u201c%(value)s\u201d: use a category code from the "
                        "list, or its name",
                        value=category_text[:80],
                    ),
                )
            )
        else:
            data["category_id"] = category.id
    price_text = cell("price")
    if price_text:
        try:
            data["price"] = parse_rupiah(price_text)
        except ValueError:
            errors.append(
                (
                    "price",
                    _l(
                        "\u201c%(value)s\u201d is not an amount in whole rupiah (e.g. Rp 25.000)",
                        value=price_text[:40],
                    ),
                )
            )
    for name in ("stock", "min_order", "lead_time_days", "weight_grams"):
        text = cell(name)
        if not text:
            continue
        try:
            data[name] = _parse_int(text, name)
        except ValueError:
            errors.append(
                (name, _l("\u201c%(value)s\u201d is not a whole number", value=text[:40]))
            )
    pdn = cell("is_pdn").lower()
    if pdn:
        if pdn in TRUE | FALSE:
            data["is_pdn"] = pdn in TRUE
        else:
            errors.append(("is_pdn", _l("answer ya or tidak")))
    links_text = cell("links")
    if links_text:
        try:
            data["links"] = rules.clean_links(re.split(r"[\s;|]+", links_text))
        except DomainError as error:
            errors.append(("links", error.message))
    return data, errors


# --- importing --------------------------------------------------------------------------------


def import_rows(
    actor: User | None,
    organisation: Organisation,
    csv_file: CsvFile,
    rows: Iterable[tuple[int, list[str]]] | None = None,
    *,
    source: str = "",
) -> ImportReport:
    """Create a draft for every good row; report every bad one. Flushes, never commits.

    `rows` defaults to the file's rows; the CLI passes them through a progress bar.
    `actor` is None for the command line (the operator is trusted).
    """
    if actor is not None:
        check_manage_organisation(actor, organisation)
    elif organisation.kind != OrgKind.MICRO_BUSINESS:
        raise DomainError(_l("Only a micro-business lists products."))
    report = ImportReport(ignored_columns=list(csv_file.ignored_columns))
    categories = CategoryResolver()
    good: list[tuple[int, dict, list[str]]] = []
    for line, cells in csv_file.rows if rows is None else rows:
        report.total += 1
        data, errors = _row_data(csv_file, cells, categories)
        clean, field_errors = rules.clean_fields(data)
        reported = {name for name, _message in errors}
        errors += [(name, msg) for name, msg in field_errors if name not in reported]
        if errors:
            report.errors.append(RowError(line, [_reason(csv_file, n, m) for n, m in errors]))
            continue
        good.append((line, clean, data.get("links", [])))

    products = []
    for _line, clean, links in good:
        product = services.new_product(organisation, clean)
        product.links = [
            ProductLink(url=url, marketplace=rules.marketplace_of(url)) for url in links
        ]
        products.append(product)
    db.session.flush()
    actor_id = getattr(actor, "id", None)
    for (line, _clean, _links), product in zip(good, products, strict=True):
        db.session.add(
            PriceChange(
                product_id=product.id,
                old_price=None,
                new_price=product.price,
                changed_by_id=actor_id,
            )
        )
        record(actor, "product.imported", product, source=source, line=line, name=product.name)
    report.created = len(products)
    report.product_ids = [p.id for p in products]
    record(
        actor,
        "catalog.imported",
        organisation,
        source=source,
        rows=report.total,
        created=report.created,
        refused=[e.line for e in report.errors],
    )
    db.session.flush()
    return report


def import_file(
    actor: User | None, organisation: Organisation, data: bytes, *, source: str = ""
) -> ImportReport:
    """read_csv and import_rows in one step (the web upload)."""
    return import_rows(actor, organisation, read_csv(data), source=source)


def _reason(csv_file: CsvFile, name: str, message) -> str:
    column = csv_file.headers.get("category" if name == "category_id" else name)
    label = column or FIELD_LABELS.get(name.removesuffix("_id"), name)
    return f"{label}: {message}"
