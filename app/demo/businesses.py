"""Demo micro-businesses: complete profiles across the kecamatan, in every verification state,
with certificates that are valid, expiring within 60 days or expired.

Deterministic: identifiers are derived from the business name, dates from the day of seeding.
Each business with an NIB gets a one-page PDF standing in for its NIB document, so that the
licensing checklist shows what a real, documented business looks like.
"""

import hashlib
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app.accounts.models import Organisation, OrgKind, User
from app.audit.services import record
from app.businesses.models import (
    BusinessKbli,
    BusinessProfile,
    Certificate,
    CertificateKind,
    Document,
    DocumentKind,
)
from app.businesses.models import VerificationStatus as S
from app.db import utcnow
from app.demo.business_data import (
    APPROACH_GROUPS,
    BUSINESSES,
    JT,
    SELLER_PROFILES,
    DemoBusiness,
)
from app.extensions import db
from app.uploads import store

BANKS = ("BJB", "BRI", "BNI", "Mandiri", "BSI")
MOBILE_PREFIXES = ("0812", "0813", "0821", "0852", "0857", "0878", "0896")
CERTIFICATE_ISSUERS = {
    CertificateKind.HALAL: "BPJPH Kementerian Agama",
    CertificateKind.SPP_IRT: "DPMPTSP Kabupaten Bekasi",
    CertificateKind.PKRT: "Kementerian Kesehatan RI",
    CertificateKind.STANDARD: "OSS-RBA, diverifikasi Dinas Kesehatan Kabupaten Bekasi",
    CertificateKind.HAKI: "DJKI Kementerian Hukum",
}
# Terms of validity (years) of the kinds that have one.
VALIDITY_YEARS = {
    CertificateKind.HALAL: 4,  # halal certificates issued before 2021 had a four-year term
    CertificateKind.SPP_IRT: 5,
    CertificateKind.PKRT: 5,
    CertificateKind.HAKI: 10,
}
KINDS = {
    "halal": CertificateKind.HALAL,
    "pirt": CertificateKind.SPP_IRT,
    "pkrt": CertificateKind.PKRT,
    "standar": CertificateKind.STANDARD,
    "haki": CertificateKind.HAKI,
}


def _digits(seed: str, count: int) -> str:
    """`count` digits that depend only on `seed`."""
    number = int.from_bytes(hashlib.sha256(seed.encode()).digest(), "big")
    return str(number % 10**count).zfill(count)


def _nik(business: DemoBusiness) -> str:
    """Region code of the kecamatan, date of birth (day + 40 for women) and a serial."""
    seed = int(_digits(business.name + "nik", 6))
    day, month, year = seed % 28 + 1, seed // 28 % 12 + 1, 60 + seed // 336 % 40
    return (
        f"3216{business.kecamatan[-2:]}{day + (40 if business.female else 0):02d}"
        f"{month:02d}{year:02d}{_digits(business.name + 'serial', 4)}"
    )


def _certificate(kind_code: str, business: DemoBusiness, today: date) -> Certificate:
    base, _, state = kind_code.partition("_")
    kind = KINDS[base]
    ends = {
        "expiring": today + timedelta(days=25 + int(_digits(business.name, 1)) * 3),
        "expired": today - timedelta(days=90 + int(_digits(business.name, 2))),
    }.get(state)
    if ends is not None:
        issued = ends - timedelta(days=365 * VALIDITY_YEARS.get(kind, 4))
    else:
        issued = today - timedelta(days=300 + int(_digits(business.name + base, 3)))
        # Halal certificates issued now are valid without end; the others have a term.
        ends = (
            None
            if kind in (CertificateKind.HALAL, CertificateKind.STANDARD)
            else (issued + timedelta(days=365 * VALIDITY_YEARS[kind]))
        )
    serial = _digits(business.name + base, 8)
    ends_year = f"{ends:%y}" if ends else ""
    number = {
        CertificateKind.HALAL: f"ID32110000{serial}{issued:%y}",
        CertificateKind.SPP_IRT: f"P-IRT 2{business.kbli[0][2:4]}3216{serial[:6]}-{ends_year}",
        CertificateKind.PKRT: f"KEMENKES RI PKD {serial}{issued:%y}",
        CertificateKind.STANDARD: f"SS-{serial}-{issued:%Y}",
        CertificateKind.HAKI: f"IDM000{serial[:6]}",
    }[kind]
    return Certificate(
        kind=kind,
        number=number,
        issuer=CERTIFICATE_ISSUERS[kind],
        issued_on=issued,
        expires_on=ends,
        standard_verified=state == "verified" and kind == CertificateKind.STANDARD,
    )


def _fill(
    profile: BusinessProfile,
    business: DemoBusiness,
    admin: User | None,
    index: int,
    owner: User | None,
) -> None:
    organisation = profile.organisation
    now = utcnow()
    today = now.date()
    started = date(int(business.started[:4]), int(business.started[5:]), 1)
    seed = int(_digits(business.name + "numbers", 6))
    draft = business.status == S.DRAFT

    organisation.kecamatan_code = organisation.kecamatan_code or business.kecamatan
    profile.owner_name = business.owner
    profile.owner_nik = _nik(business)
    profile.owner_phone = (
        owner.phone
        if owner and owner.phone
        else MOBILE_PREFIXES[seed % len(MOBILE_PREFIXES)] + _digits(business.name + "phone", 8)
    )
    profile.owner_email = owner.email if owner else None
    profile.legal_form = business.legal_form
    profile.main_activity = business.activity
    profile.main_product = business.product
    profile.started_on = started
    profile.village = business.village
    profile.street = (
        f"Kp. {business.village} RT {seed % 9 + 1:03d}/RW {seed // 9 % 6 + 1:03d}"
        f" No. {seed % 97 + 1}"
    )
    profile.workers_paid_female = seed % 4
    profile.workers_paid_male = seed // 4 % 3
    profile.workers_unpaid_female = seed // 12 % 2 + (1 if business.female else 0)
    profile.workers_unpaid_male = seed // 24 % 2 + (0 if business.female else 1)
    profile.capital = business.capital
    profile.annual_sales = business.sales
    profile.assets = business.capital + business.capital // 2 + (seed % 10) * JT
    profile.is_pkp = business.sales > 1_000 * JT
    profile.npwp = profile.owner_nik if business.sales >= 500 * JT else None
    if not draft:
        profile.bank_name = BANKS[seed % len(BANKS)]
        profile.bank_account_number = _digits(business.name + "bank", 10 + seed % 4)
        profile.bank_account_name = business.owner
        profile.nib = "9120" + _digits(business.name + "nib", 9)
        profile.nib_issued_on = max(started, date(2018, 7, 2)) + timedelta(days=seed % 600)
    profile.risk_level = business.risk
    profile.kbli = [BusinessKbli(code=code) for code in sorted(business.kbli)]
    if business.development and business.status in (S.VERIFIED, S.RECHECK):
        approach, group = APPROACH_GROUPS[business.development[0]]
        profile.development_approach = approach
        profile.development_group = group
        profile.development_level = business.development[1]

    # The verification history, in the past relative to the day of seeding.
    submitted = datetime.combine(
        today - timedelta(days=40 + index * 5), time(2, 30), tzinfo=now.tzinfo
    )
    decided = submitted + timedelta(days=3, hours=4)
    organisation.created_at = min(organisation.created_at or now, submitted - timedelta(days=9))
    profile.status = business.status
    if business.status != S.DRAFT:
        profile.submitted_at = submitted
    if business.status in (S.VERIFIED, S.RECHECK, S.NEEDS_CORRECTION, S.REJECTED):
        profile.decided_at = decided
        profile.decided_by_id = admin.id if admin else None
    if business.status in (S.VERIFIED, S.RECHECK):
        organisation.verified_at = organisation.verified_at or decided
        organisation.verified_by_id = organisation.verified_by_id or (admin.id if admin else None)
    if business.status == S.RECHECK:
        profile.recheck_fields = [business.note]
    elif business.note:
        profile.decision_reason = business.note
    if business.status == S.REJECTED:
        organisation.verified_at = None
        organisation.verified_by_id = None
    for code in business.certificates:
        certificate = _certificate(code, business, today)
        certificate.organisation_id = organisation.id
        db.session.add(certificate)
    if profile.nib:
        data = _nib_pdf(organisation.name, profile.nib)
        stored_name, digest = store(data, "pdf")
        db.session.add(
            Document(
                organisation_id=organisation.id,
                kind=DocumentKind.NIB,
                original_name=f"NIB-{profile.nib}.pdf",
                stored_name=stored_name,
                content_type="application/pdf",
                size=len(data),
                sha256=digest,
            )
        )


def _nib_pdf(name: str, nib: str) -> bytes:
    """A minimal one-page PDF that says it is a demo NIB document."""
    text = f"Dokumen contoh NIB {nib} - {name}".encode("latin-1", "replace")
    text = text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = b"BT /F1 14 Tf 50 780 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _micro_business(name: str) -> Organisation | None:
    return db.session.scalar(
        select(Organisation).where(
            Organisation.kind == OrgKind.MICRO_BUSINESS, Organisation.name == name
        )
    )


def seed_businesses(admin: User | None) -> int:
    """Create the demo profiles that do not exist yet; returns how many were created."""
    created = 0
    for index, business in enumerate(SELLER_PROFILES):
        organisation = _micro_business(business.name)
        if organisation is None or organisation.business is not None:
            continue
        owner = next((m.user for m in organisation.memberships), None)
        profile = BusinessProfile(organisation=organisation)
        db.session.add(profile)
        _fill(profile, business, admin, index, owner)
        db.session.flush()
        record(admin, "business.demo_seeded", profile)
        created += 1
    for index, business in enumerate(BUSINESSES, start=len(SELLER_PROFILES)):
        if _micro_business(business.name) is not None:
            continue
        organisation = Organisation(
            kind=OrgKind.MICRO_BUSINESS, name=business.name, kecamatan_code=business.kecamatan
        )
        profile = BusinessProfile(organisation=organisation, registered_by_dinas=True)
        db.session.add_all([organisation, profile])
        db.session.flush()
        _fill(profile, business, admin, index, None)
        db.session.flush()
        record(admin, "business.demo_seeded", profile)
        created += 1
    return created
