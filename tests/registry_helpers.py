"""Building blocks for registry tests: businesses in a given state, real upload bytes."""

import io
from datetime import date

from PIL import Image

from app.accounts.models import OrgKind, Role
from app.businesses.models import (
    BusinessKbli,
    BusinessProfile,
    Document,
    DocumentKind,
    LegalForm,
    RiskLevel,
    VerificationStatus,
)
from app.db import utcnow
from app.extensions import db
from app.uploads import store
from tests.factories import OrganisationFactory, user_with_role

NIK = "3216061234567890"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "PNG")
    return buffer.getvalue()


def business(status=VerificationStatus.DRAFT, *, complete=True, verified=None, **fields):
    """A micro-business with its seller; complete and micro unless told otherwise."""
    verified = (
        status in (VerificationStatus.VERIFIED, VerificationStatus.RECHECK)
        if verified is None
        else verified
    )
    organisation = OrganisationFactory(
        kind=OrgKind.MICRO_BUSINESS,
        name="Keripik Bu Siti",
        kecamatan_code="32.16.06",
        verified_at=utcnow() if verified else None,
    )
    seller = user_with_role(Role.SELLER, organisation=organisation)
    profile = BusinessProfile(organisation=organisation, status=status)
    db.session.add(profile)
    if complete:
        values = {
            "owner_name": "Siti Aminah",
            "owner_nik": NIK,
            "owner_phone": "081234567890",
            "legal_form": LegalForm.INDIVIDUAL,
            "main_activity": "Membuat keripik",
            "main_product": "Keripik tempe",
            "started_on": date(2021, 3, 1),
            "village": "Setiadarma",
            "street": "Jl. Melati No. 5",
            "capital": 50_000_000,
            "annual_sales": 300_000_000,
            "nib": "1234567890123",
            "nib_issued_on": date(2021, 4, 1),
            "risk_level": RiskLevel.LOW,
        }
        values.update(fields)
        for key, value in values.items():
            setattr(profile, key, value)
        profile.kbli = [BusinessKbli(code="10794")]
        stored_name, digest = store(PDF, "pdf")
        db.session.add(
            Document(
                organisation=organisation,
                kind=DocumentKind.NIB,
                original_name="nib.pdf",
                stored_name=stored_name,
                content_type="application/pdf",
                size=len(PDF),
                sha256=digest,
            )
        )
    else:
        for key, value in fields.items():
            setattr(profile, key, value)
    if status != VerificationStatus.DRAFT:
        profile.submitted_at = utcnow()
    db.session.commit()
    return profile, seller
