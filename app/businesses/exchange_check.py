"""Reading a CSV in the export's format and checking each row against the data standard.

Pure functions: nothing is written; a refused row comes back with the reasons, each naming its
column.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from app.businesses import datastandard as ds
from app.businesses.exchange import WORKER_COLUMNS, split_escaped, today
from app.businesses.models import CertificateKind, VerificationStatus
from app.errors import DomainError
from app.regions import REGENCY_CODE

# An empty cell in these leaves the business as it is (a new one gets the default).
KEEP_WHEN_EMPTY = {"status_verifikasi", "status_usaha"}
_ESCAPED = re.compile(r"\\(.)")


@dataclass(frozen=True)
class CertificateRecord:
    kind: CertificateKind
    number: str
    issuer: str | None
    issued_on: date
    expires_on: date | None
    standard_verified: bool


# --- reading a CSV --------------------------------------------------------------------------


@dataclass
class CsvFile:
    rows: list[tuple[int, dict[str, str]]]  # (line number, column -> cell)
    refused: list[tuple[int, list[str]]] = field(default_factory=list)  # rows that cannot be read
    warnings: list[str] = field(default_factory=list)


def read_csv(stream) -> CsvFile:
    """Read a CSV in the export's format. A file that cannot be read at all raises DomainError.

    Spreadsheets in an Indonesian locale save CSV with ';' between cells; both are accepted.
    """
    try:
        text = stream.read()
    except UnicodeDecodeError:
        raise DomainError(
            _l("The file is not UTF-8 text. Save it as \u201cCSV UTF-8\u201d.")
        ) from None
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise DomainError(_l("The file is empty.")) from None
    columns = [name.strip().lower() for name in header]
    duplicates = sorted({name for name in columns if columns.count(name) > 1})
    if duplicates:
        raise DomainError(
            _l("These columns appear twice: %(columns)s.", columns=", ".join(duplicates))
        )
    missing = [c.name for c in ds.COLUMNS if c.required and c.name not in columns]
    if missing:
        raise DomainError(_l("These columns are missing: %(columns)s.", columns=", ".join(missing)))
    result = CsvFile(rows=[])
    unknown = [name for name in columns if name not in ds.BY_NAME]
    if unknown:
        result.warnings.append(
            str(
                _l(
                    "These columns are not in the data standard and are ignored: %(columns)s.",
                    columns=", ".join(unknown),
                )
            )
        )
    line = reader.line_num
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(columns):
                message = _l(
                    "This row has %(cells)s cells; the header has %(columns)s.",
                    cells=len(cells),
                    columns=len(columns),
                )
                result.refused.append((start, [str(message)]))
                continue
            result.rows.append((start, dict(zip(columns, cells, strict=True))))
    except csv.Error as error:
        raise DomainError(
            _l(
                "The file is not a valid CSV after line %(line)s: %(error)s",
                line=line,
                error=str(error),
            )
        ) from None
    return result


# --- checking a row -------------------------------------------------------------------------


def _parse_date(text: str) -> date | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _codes_message(column: ds.Column, value: str) -> str:
    codes = list(column.code_list())
    if len(codes) <= 12:
        return str(
            _l(
                "\u201c%(value)s\u201d is not one of: %(codes)s.",
                value=value,
                codes=", ".join(codes),
            )
        )
    return str(
        _l("\u201c%(value)s\u201d is not in the official list; see the data standard.", value=value)
    )


def _parse_certificates(text: str, on: date) -> tuple[list[CertificateRecord], list[str]]:
    records, errors, seen = [], [], set()
    kinds = {kind.value: kind for kind in CertificateKind}
    for position, entry in enumerate(split_escaped(text, ds.LIST_SEPARATOR), start=1):
        if not entry.strip():
            continue
        parts = [
            _ESCAPED.sub(r"\1", part).strip()
            for part in split_escaped(entry, ds.CERTIFICATE_FIELD_SEPARATOR)
        ]
        if len(parts) != 6:
            errors.append(
                str(
                    _l(
                        "certificate %(n)s has %(parts)s fields instead of 6 "
                        "(kind|number|issuer|issue date|expiry|verified).",
                        n=position,
                        parts=len(parts),
                    )
                )
            )
            continue
        kind, number, issuer, issued, expires, verified = parts
        problems = []
        if kind not in kinds:
            problems.append(_codes_message(ds.BY_NAME["sertifikat"], kind))
        if not number or len(number) > 80:
            problems.append(str(_l("the number is required, at most 80 characters.")))
        if len(issuer) > 120:
            problems.append(str(_l("the issuer has at most 120 characters.")))
        issued_on = _parse_date(issued)
        if issued_on is None:
            problems.append(str(_l("the issue date is not a date (YYYY-MM-DD).")))
        elif issued_on > on:
            problems.append(str(_l("The issue date is in the future.")))
        expires_on = _parse_date(expires) if expires else None
        if expires and expires_on is None:
            problems.append(str(_l("the expiry date is not a date (YYYY-MM-DD).")))
        elif expires_on and issued_on and expires_on < issued_on:
            problems.append(str(_l("The expiry date is before the issue date.")))
        if verified not in ("0", "1"):
            problems.append(str(_l("verified is 1 or 0.")))
        elif verified == "1" and kind != CertificateKind.STANDARD.value:
            problems.append(
                str(_l("only a standard certificate can be verified by the authority."))
            )
        if not problems and (kind, number) in seen:
            problems.append(str(_l("the same certificate appears twice.")))
        if problems:
            errors.append(
                str(_l("certificate %(n)s: %(problems)s", n=position, problems=" ".join(problems)))
            )
            continue
        seen.add((kind, number))
        records.append(
            CertificateRecord(
                kinds[kind], number, issuer or None, issued_on, expires_on, verified == "1"
            )
        )
    return records, errors


def _parse_cell(column: ds.Column, text: str, on: date):
    """(value, error): the cell as a Python value, or the reason it is refused."""
    kind = column.type
    if text == "":
        return (0 if column.name in WORKER_COLUMNS else None), None
    if kind == ds.TEXT:
        if column.max_length and len(text) > column.max_length:
            return None, str(_l("at most %(max)s characters.", max=column.max_length))
        return text, None
    if kind == ds.CODE:
        return (text, None) if text in column.code_list() else (None, _codes_message(column, text))
    if kind in (ds.DIGITS, ds.PHONE):
        if not re.fullmatch(column.pattern, text):
            return None, str(column.pattern_message)
        return text, None
    if kind == ds.EMAIL:
        try:
            result = validate_email(text, check_deliverability=False, test_environment=True)
        except EmailNotValidError:
            return None, str(_l("Enter a valid email address."))
        return result.normalized.lower(), None
    if kind in (ds.INTEGER, ds.RUPIAH):
        if not re.fullmatch(r"\d+", text):
            if kind == ds.RUPIAH:
                return None, str(_l("whole rupiah of 0 or more, digits only (e.g. 25000000)."))
            return None, str(_l("a whole number of 0 or more."))
        value = int(text)
        if column.maximum is not None and value > column.maximum:
            return None, str(_l("This amount is too large."))
        return value, None
    if kind == ds.DECIMAL:
        if not re.fullmatch(r"-?\d+(\.\d+)?", text):
            return None, str(
                _l("a decimal number with a point, e.g. %(example)s.", example=column.example)
            )
        value = round(float(text), column.decimals)
        if not column.minimum <= value <= column.maximum:
            return None, str(
                _l("between %(min)s and %(max)s.", min=column.minimum, max=column.maximum)
            )
        return value, None
    if kind == ds.DATE:
        value = _parse_date(text)
        if value is None:
            return None, str(_l("not a valid date; write YYYY-MM-DD."))
        if value > on:
            return None, str(_l("This date is in the future."))
        return value, None
    if kind == ds.MONTH:
        match = re.fullmatch(r"(\d{4})-(\d{2})", text)
        if not match or not 1 <= int(match.group(2)) <= 12:
            return None, str(_l("Enter the month as year and month, e.g. 2020-01."))
        value = date(int(match.group(1)), int(match.group(2)), 1)
        if value > on:
            return None, str(_l("This date is in the future."))
        return value, None
    if kind == ds.KBLI:
        codes = [code for code in re.split(r"[\s,;]+", text) if code]
        bad = [code for code in codes if not re.fullmatch(column.pattern, code)]
        if bad:
            return None, str(column.pattern_message) % {"codes": ", ".join(bad)}
        return sorted(set(codes)), None
    if kind == ds.CERTIFICATES:
        records, errors = _parse_certificates(text, on)
        return records, (" ".join(errors) or None)
    raise AssertionError(f"no parser for {kind}")


def parse_row(cells: dict[str, str], on: date | None = None) -> tuple[dict, list[str]]:
    """The row's values by column (only columns present in the file, derived ones left out),
    and the reasons it is refused."""
    on = on or today()
    values: dict[str, object] = {}
    errors: list[str] = []
    for name, raw in cells.items():
        column = ds.BY_NAME.get(name)
        if column is None:
            continue
        text = raw.strip()
        if column.derived:
            expected = {"kode_provinsi": ds.PROVINCE_CODE, "kode_kabupaten": REGENCY_CODE}
            if name in expected and text and text != expected[name]:
                errors.append(
                    f"{name}: "
                    + str(
                        _l(
                            "this business is not in Kabupaten Bekasi (%(code)s).",
                            code=expected[name],
                        )
                    )
                )
            continue
        if not text and name in KEEP_WHEN_EMPTY:
            continue
        if column.required and not text:
            errors.append(f"{name}: " + str(_l("This field is required.")))
            continue
        value, error = _parse_cell(column, text, on)
        if error:
            errors.append(f"{name}: {error}")
        else:
            values[name] = value
    errors.extend(_check_consistency(values, cells))
    return values, errors


def _check_consistency(values: dict, cells: dict[str, str]) -> list[str]:
    errors = []
    if values.get("status_pkp") == ds.YES and "npwp" in cells and not values.get("npwp"):
        errors.append("npwp: " + str(_l("A PKP business must give its NPWP.")))
    status = values.get("status_verifikasi")
    if "tanggal_verifikasi" in cells or status:
        verified_on = values.get("tanggal_verifikasi")
        if status in (VerificationStatus.VERIFIED, VerificationStatus.RECHECK) and not verified_on:
            errors.append(
                "tanggal_verifikasi: "
                + str(_l("a verified business needs the date of its verification."))
            )
        if status in (VerificationStatus.DRAFT, VerificationStatus.REJECTED) and verified_on:
            errors.append(
                "tanggal_verifikasi: "
                + str(
                    _l("a business in the state %(state)s has no verification date.", state=status)
                )
            )
    return errors
