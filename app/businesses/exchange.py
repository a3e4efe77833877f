"""Export of the micro-business database in the data standard's format (Pasal 15, 17).

The yearly delivery holds every micro-business profile registered on or before 31 December of
the year, one row each, with the columns of app.businesses.datastandard in their order. A CSV of
that format can be imported back: app.businesses.exchange_check reads and checks its rows,
app.businesses.exchange_import writes the good ones.
"""

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from app.accounts.models import Organisation, OrgKind
from app.businesses import datastandard as ds
from app.businesses import rules
from app.businesses.models import (
    BusinessProfile,
    Certificate,
    CertificateKind,
    DevelopmentApproach,
    DevelopmentLevel,
    LegalForm,
    RiskLevel,
    VerificationStatus,
)
from app.db import utcnow
from app.errors import DomainError
from app.extensions import db
from app.regions import REGENCY_CODE, kecamatan_name

WIB = ZoneInfo("Asia/Jakarta")
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}

# PP 7/2021 Pasal 35: upper limits of capital and of annual sales for small and medium businesses
# (the micro limits are those of Pasal 4 of the Perbup, in app.businesses.rules).
SCALE_LIMITS = (
    ("mikro", rules.MAX_CAPITAL, rules.MAX_ANNUAL_SALES),
    ("kecil", 5_000_000_000, 15_000_000_000),
    ("menengah", 10_000_000_000, 50_000_000_000),
)
STATE_RANK = {"valid": 0, "expiring": 1, "expired": 2}


@dataclass(frozen=True)
class Binding:
    """Where a column lives: an attribute of the profile or of its organisation."""

    attribute: str
    on_organisation: bool = False
    enum: type | None = None
    boolean: bool = False


BINDINGS: dict[str, Binding] = {
    "nik": Binding("owner_nik"),
    "nama_pemilik": Binding("owner_name"),
    "no_hp": Binding("owner_phone"),
    "email": Binding("owner_email"),
    "nama_usaha": Binding("name", on_organisation=True),
    "bentuk_usaha": Binding("legal_form", enum=LegalForm),
    "kegiatan_usaha_utama": Binding("main_activity"),
    "produk_utama": Binding("main_product"),
    "tanggal_mulai_usaha": Binding("started_on"),
    "modal_usaha": Binding("capital"),
    "omzet_tahunan": Binding("annual_sales"),
    "aset": Binding("assets"),
    "kode_kecamatan": Binding("kecamatan_code", on_organisation=True),
    "desa_kelurahan": Binding("village"),
    "alamat_jalan": Binding("street"),
    "lintang": Binding("latitude"),
    "bujur": Binding("longitude"),
    "tk_dibayar_perempuan": Binding("workers_paid_female"),
    "tk_dibayar_laki_laki": Binding("workers_paid_male"),
    "tk_tidak_dibayar_perempuan": Binding("workers_unpaid_female"),
    "tk_tidak_dibayar_laki_laki": Binding("workers_unpaid_male"),
    "status_pkp": Binding("is_pkp", boolean=True),
    "npwp": Binding("npwp"),
    "nib": Binding("nib"),
    "tanggal_nib": Binding("nib_issued_on"),
    "tingkat_risiko": Binding("risk_level", enum=RiskLevel),
    "status_verifikasi": Binding("status", enum=VerificationStatus),
    "didaftarkan_dinas": Binding("registered_by_dinas", boolean=True),
    "pendekatan_pembinaan": Binding("development_approach", enum=DevelopmentApproach),
    "kelompok_pembinaan": Binding("development_group"),
    "tingkat_pengembangan": Binding("development_level", enum=DevelopmentLevel),
}
# Imported columns with their own handling; every other imported column has a binding.
SPECIAL = {"kbli", "sertifikat", "tanggal_verifikasi", "tanggal_registrasi", "status_usaha"}
STATE_COLUMN_KINDS = {name: kind for kind, name in ds.CERTIFICATE_STATE_COLUMNS.items()}
WORKER_COLUMNS = {name for name, c in ds.BY_NAME.items() if c.group == "workforce"}


# --- dates ----------------------------------------------------------------------------------


def local_date(moment: datetime | None) -> date | None:
    return moment.astimezone(WIB).date() if moment is not None else None


def start_of_local_day(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=WIB).astimezone(UTC)


def today() -> date:
    return local_date(utcnow())


def reference_date(year: int, on: date | None = None) -> date:
    """Certificate states and scale are judged at the end of the data year, or today if earlier."""
    return min(on or today(), date(year, 12, 31))


# --- rules for the derived columns ----------------------------------------------------------


def scale_class(
    capital: int | None, annual_sales: int | None, started_on: date | None, on: date
) -> str | None:
    """mikro / kecil / menengah / besar, on the same basis as rules.judge_micro (Pasal 4(4))."""
    sales_only = started_on is not None and (
        rules.months_operating(started_on, on) >= rules.SALES_ONLY_AFTER_MONTHS
    )
    if annual_sales is None or (not sales_only and capital is None):
        return None

    def rank(value: int, index: int) -> int:
        for position, limits in enumerate(SCALE_LIMITS):
            if value <= limits[index]:
                return position
        return len(SCALE_LIMITS)

    position = rank(annual_sales, 2)
    if not sales_only:
        position = max(position, rank(capital, 1))
    return (*(name for name, _, _ in SCALE_LIMITS), "besar")[position]


def certificate_states(certificates: list[Certificate], on: date) -> dict[CertificateKind, str]:
    """The best state of each kind's certificates issued on or before `on`."""
    config = current_app.config
    best: dict[CertificateKind, str] = {}
    for cert in certificates:
        if cert.issued_on > on:
            continue
        expiry = rules.certificate_expiry(
            cert.kind, cert.issued_on, cert.expires_on, config["HALAL_VALIDITY_YEARS"]
        )
        state = rules.certificate_state(expiry, on, config["CERTIFICATE_WARNING_DAYS"])
        if cert.kind not in best or STATE_RANK[state] < STATE_RANK[best[cert.kind]]:
            best[cert.kind] = state
    return best


# --- the certificate encoding ---------------------------------------------------------------

_ESCAPABLE = re.compile(r"([\\|;])")


def _escape(text: str) -> str:
    return _ESCAPABLE.sub(r"\\\1", text)


def split_escaped(text: str, separator: str) -> list[str]:
    """Split on separators that are not escaped; the parts keep their escapes."""
    parts, current, index = [], [], 0
    while index < len(text):
        char = text[index]
        if char == ds.ESCAPE and index + 1 < len(text):
            current.append(text[index : index + 2])
            index += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def _certificate_key(cert: Certificate) -> tuple:
    return (
        cert.kind.value,
        cert.issued_on,
        cert.number,
        cert.issuer or "",
        cert.expires_on or date.min,
        cert.standard_verified,
    )


def encode_certificates(certificates: list[Certificate]) -> str | None:
    entries = [
        ds.CERTIFICATE_FIELD_SEPARATOR.join(
            (
                cert.kind.value,
                _escape(cert.number),
                _escape(cert.issuer or ""),
                cert.issued_on.isoformat(),
                cert.expires_on.isoformat() if cert.expires_on else "",
                "1" if cert.standard_verified else "0",
            )
        )
        for cert in sorted(certificates, key=_certificate_key)
    ]
    return ds.LIST_SEPARATOR.join(entries) or None


# --- export ---------------------------------------------------------------------------------


def _in_delivery(year: int):
    """Micro-business profiles registered on or before 31 December of `year` (WIB)."""
    end = start_of_local_day(date(year + 1, 1, 1))
    return (Organisation.kind == OrgKind.MICRO_BUSINESS, Organisation.created_at < end)


def count_for_year(year: int) -> int:
    return db.session.scalar(
        select(func.count(BusinessProfile.id))
        .join(BusinessProfile.organisation)
        .where(*_in_delivery(year))
    )


def profiles_for_year(year: int) -> list[BusinessProfile]:
    """The profiles of the delivery of `year`, by business name."""
    profiles = db.session.scalars(
        select(BusinessProfile)
        .join(BusinessProfile.organisation)
        .where(*_in_delivery(year))
        .options(joinedload(BusinessProfile.organisation), selectinload(BusinessProfile.kbli))
    ).all()
    return sorted(
        profiles,
        key=lambda p: (
            p.organisation.name.casefold(),
            p.nib or "",
            p.owner_nik or "",
            p.organisation.id,
        ),
    )


def _certificates_by_organisation(organisation_ids: list[int]) -> dict[int, list[Certificate]]:
    grouped: dict[int, list[Certificate]] = {}
    for start in range(0, len(organisation_ids), 500):
        chunk = organisation_ids[start : start + 500]
        for cert in db.session.scalars(
            select(Certificate).where(Certificate.organisation_id.in_(chunk))
        ):
            grouped.setdefault(cert.organisation_id, []).append(cert)
    return grouped


def _value(column: ds.Column, value):
    """A model value as the data standard writes it (numbers stay numbers)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return ds.YES if value else ds.NO
    if hasattr(value, "value"):  # an enum
        return value.value
    if column.type == ds.MONTH:
        return value.strftime("%Y-%m")
    if column.type == ds.DATE:
        return value.isoformat()
    if column.type == ds.DECIMAL:
        return round(float(value), column.decimals)
    return value


def export_row(
    profile: BusinessProfile, certificates: list[Certificate], year: int, on: date
) -> dict[str, object]:
    organisation = profile.organisation
    row: dict[str, object] = {}
    states = certificate_states(certificates, on)
    for column in ds.COLUMNS:
        name = column.name
        if name in BINDINGS:
            binding = BINDINGS[name]
            target = organisation if binding.on_organisation else profile
            row[name] = _value(column, getattr(target, binding.attribute))
        elif name == "tahun_data":
            row[name] = year
        elif name == "kbli":
            row[name] = ds.LIST_SEPARATOR.join(sorted(profile.kbli_codes)) or None
        elif name == "skala_usaha":
            row[name] = scale_class(profile.capital, profile.annual_sales, profile.started_on, on)
        elif name == "kode_provinsi":
            row[name] = ds.PROVINCE_CODE
        elif name == "kode_kabupaten":
            row[name] = REGENCY_CODE
        elif name == "nama_kecamatan":
            row[name] = kecamatan_name(organisation.kecamatan_code) or None
        elif name == "tanggal_verifikasi":
            row[name] = _value(column, local_date(organisation.verified_at))
        elif name == "tanggal_registrasi":
            row[name] = _value(column, local_date(organisation.created_at))
        elif name == "status_usaha":
            row[name] = ds.ACTIVE if organisation.is_active else ds.INACTIVE
        elif name == "sertifikat":
            row[name] = encode_certificates(certificates)
        else:
            state = states.get(STATE_COLUMN_KINDS[name])
            row[name] = ds.CERTIFICATE_STATE_CODES[state] if state else ds.NO_CERTIFICATE
    return row


def export_rows(year: int, on: date | None = None) -> list[dict[str, object]]:
    """The rows of the yearly delivery, in the data standard's column order."""
    on = reference_date(year, on)
    profiles = profiles_for_year(year)
    certificates = _certificates_by_organisation([p.organisation_id for p in profiles])
    return [export_row(p, certificates.get(p.organisation_id, []), year, on) for p in profiles]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6f}"
    return str(value)


def to_csv(rows: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(ds.NAMES)
    for row in rows:
        writer.writerow([_cell(row[name]) for name in ds.NAMES])
    return buffer.getvalue()


def to_json(rows: list[dict[str, object]], year: int) -> str:
    document = {
        "standar_data": "Standar data usaha mikro Kabupaten Bekasi",
        "tahun_data": year,
        "kode_kabupaten": REGENCY_CODE,
        "kolom": list(ds.NAMES),
        "jumlah": len(rows),
        "data": [{name: row[name] for name in ds.NAMES} for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def to_xlsx(rows: list[dict[str, object]]) -> bytes:
    """Two sheets: the data (numbers as numbers, codes and identifiers as text) and the
    dictionary in the current language."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "data"
    sheet.append(list(ds.NAMES))
    for row in rows:
        sheet.append([row[name] for name in ds.NAMES])
    sheet.freeze_panes = "A2"
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.data_type == "f":  # a text that starts with "=" stays text, never a formula
                cell.data_type = "s"
    dictionary = workbook.create_sheet("kamus_data")
    # The terms of Pasal 14(4), fixed like the column names.
    headers = ("kolom", "konsep", "definisi", "klasifikasi", "kode", "ukuran", "satuan")
    dictionary.append(list(headers))
    for column in ds.COLUMNS:
        entry = column.as_dict()
        codes = "; ".join(f"{c['code']} = {c['label']}" for c in entry["codes"])
        dictionary.append(
            [
                entry["name"],
                entry["concept"],
                entry["definition"],
                entry["classification"],
                codes,
                entry["measure"],
                entry["unit"],
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render(rows: list[dict[str, object]], fmt: str, year: int) -> bytes:
    if fmt == "csv":
        return to_csv(rows).encode("utf-8")
    if fmt == "json":
        return to_json(rows, year).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(rows)
    raise DomainError(_l("Unknown format: %(format)s.", format=fmt))


def file_name(year: int, fmt: str) -> str:
    return f"basis-data-usaha-mikro-{year}.{FORMATS[fmt][1]}"
