"""Writing checked rows into the database: create or update each business.

Plain functions: they flush and never commit; the CLI commits once per file.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.accounts.models import Membership, Organisation, OrgKind, Role, User, find_user_by_email
from app.audit.services import record
from app.businesses import datastandard as ds
from app.businesses.exchange import BINDINGS, local_date, start_of_local_day, today
from app.businesses.exchange_check import CertificateRecord, CsvFile, parse_row
from app.businesses.models import BusinessKbli, BusinessProfile, Certificate
from app.db import utcnow
from app.extensions import db
from app.formatting import mask
from app.search.queue import queue_organisation


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, reasons)


def _match_key(values: dict) -> tuple | None:
    name = values["nama_usaha"].casefold()
    if values.get("nib"):
        return ("nib", values["nib"])
    if values.get("nik"):
        return ("nik", values["nik"], name)
    if values.get("email"):
        return ("email", values["email"], name)
    return None


def find_existing(values: dict) -> BusinessProfile | None:
    """By NIB; else by the owner's NIK and the business name; else by email and name."""
    base = (
        select(BusinessProfile)
        .join(BusinessProfile.organisation)
        .where(Organisation.kind == OrgKind.MICRO_BUSINESS)
        .order_by(BusinessProfile.id)
    )
    nib = values.get("nib")
    if nib:
        found = db.session.scalars(base.where(BusinessProfile.nib == nib)).first()
        if found is not None:
            return found
        base = base.where(BusinessProfile.nib.is_(None))
    same_name = func.lower(Organisation.name) == values["nama_usaha"].lower()
    if values.get("nik"):
        return db.session.scalars(
            base.where(BusinessProfile.owner_nik == values["nik"], same_name)
        ).first()
    if values.get("email"):
        return db.session.scalars(
            base.where(func.lower(BusinessProfile.owner_email) == values["email"], same_name)
        ).first()
    return None


def _model_value(name: str, value):
    binding = BINDINGS[name]
    if binding.boolean:
        return value == ds.YES
    if binding.enum is not None and value is not None:
        return binding.enum(value)
    return value


def _audit(name: str, value):
    if ds.BY_NAME[name].personal and value not in (None, ""):
        return mask(str(value))
    return value


def _apply(profile: BusinessProfile, values: dict, now: datetime) -> dict[str, list]:
    """Write the row's values; returns {column: [before, after]} of what changed."""
    organisation = profile.organisation
    changes: dict[str, list] = {}

    def change(name, before, after):
        if before != after:
            changes[name] = [_audit(name, before), _audit(name, after)]

    for name, value in values.items():
        if name not in BINDINGS:
            continue
        binding = BINDINGS[name]
        target = organisation if binding.on_organisation else profile
        new = _model_value(name, value)
        before = getattr(target, binding.attribute)
        if before != new:
            setattr(target, binding.attribute, new)
            change(name, before, new)

    if "kbli" in values:
        wanted = set(values["kbli"] or [])
        before = sorted(profile.kbli_codes)
        for item in [k for k in profile.kbli if k.code not in wanted]:
            profile.kbli.remove(item)
        for code in sorted(wanted - set(before)):
            profile.kbli.append(BusinessKbli(code=code))
        change("kbli", ";".join(before), ";".join(sorted(wanted)))

    if "tanggal_verifikasi" in values:
        verified_on = values["tanggal_verifikasi"]
        before = local_date(organisation.verified_at)
        if before != verified_on:
            organisation.verified_at = start_of_local_day(verified_on) if verified_on else None
            organisation.verified_by_id = None
            change("tanggal_verifikasi", before, verified_on)

    if "status_usaha" in values:
        active = values["status_usaha"] != ds.INACTIVE
        if active != organisation.is_active:
            organisation.deactivated_at = None if active else now
            change("status_usaha", not active, active)
    return changes


def _apply_certificates(organisation: Organisation, records: list[CertificateRecord]) -> list:
    """Add the file's certificates and update those matched by kind and number; a certificate
    missing from the file is kept (with its scan)."""
    existing = {
        (cert.kind, cert.number): cert
        for cert in db.session.scalars(
            select(Certificate).where(Certificate.organisation_id == organisation.id)
        )
    }
    changed = []
    for rec in records:
        cert = existing.get((rec.kind, rec.number))
        if cert is None:
            db.session.add(
                Certificate(
                    organisation_id=organisation.id,
                    kind=rec.kind,
                    number=rec.number,
                    issuer=rec.issuer,
                    issued_on=rec.issued_on,
                    expires_on=rec.expires_on,
                    standard_verified=rec.standard_verified,
                )
            )
            changed.append(f"{rec.kind.value}:{rec.number}")
            continue
        fields = {
            "issuer": rec.issuer,
            "issued_on": rec.issued_on,
            "expires_on": rec.expires_on,
            "standard_verified": rec.standard_verified,
        }
        if any(getattr(cert, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(cert, key, value)
            changed.append(f"{rec.kind.value}:{rec.number}")
    return changed


def _ensure_owner_account(organisation: Organisation, values: dict) -> bool:
    """A new email gets an owner account without a password (the owner sets one by resetting
    it); an address that already has an account is left alone."""
    email = values.get("email")
    if not email or find_user_by_email(email) is not None:
        return False
    user = User(
        email=email,
        name=values.get("nama_pemilik") or organisation.name[:120],
        phone=values.get("no_hp"),
    )
    db.session.add(user)
    db.session.add(Membership(user=user, organisation=organisation, role=Role.SELLER))
    return True


def import_row(values: dict, line: int, source: str, now: datetime) -> str:
    """Create or update one business from a checked row; 'created', 'updated' or 'unchanged'."""
    profile = find_existing(values)
    created = profile is None
    if created:
        registered_on = values.get("tanggal_registrasi")
        organisation = Organisation(
            kind=OrgKind.MICRO_BUSINESS,
            name=values["nama_usaha"],
            created_at=start_of_local_day(registered_on) if registered_on else now,
        )
        profile = BusinessProfile(organisation=organisation)
        db.session.add_all([organisation, profile])
    changes = _apply(profile, values, now)
    db.session.flush()
    if values.get("sertifikat"):
        certificates = _apply_certificates(profile.organisation, values["sertifikat"])
        if certificates:
            changes["sertifikat"] = certificates
    account = _ensure_owner_account(profile.organisation, values)
    if not (created or changes or account):
        return "unchanged"
    db.session.flush()
    if not created and {"tanggal_verifikasi", "status_usaha", "sertifikat"} & set(changes):
        # Visibility or halal status of its products may have changed.
        queue_organisation(profile.organisation_id)
    record(
        None,
        "business.imported",
        profile,
        created=created,
        line=line,
        source=source,
        owner_account_created=account,
        changes=changes,
    )
    return "created" if created else "updated"


def import_rows(
    csv_file: CsvFile,
    rows: Iterable[tuple[int, dict[str, str]]] | None = None,
    *,
    source: str = "",
    on: date | None = None,
) -> ImportReport:
    """Import the checked rows of `csv_file` (or `rows`, e.g. the same rows behind a progress
    bar). A bad row is reported and skipped; it never stops the good ones."""
    on = on or today()
    now = utcnow()
    report = ImportReport(refused=list(csv_file.refused))
    seen: dict[tuple, int] = {}
    for line, cells in csv_file.rows if rows is None else rows:
        values, errors = parse_row(cells, on)
        key = None if errors else _match_key(values)
        if key is not None and key in seen:
            errors.append(str(_l("the same business as line %(line)s.", line=seen[key])))
        if errors:
            report.refused.append((line, errors))
            continue
        if key is not None:
            seen[key] = line
        outcome = import_row(values, line, source, now)
        setattr(report, outcome, getattr(report, outcome) + 1)
    report.refused.sort()
    return report
