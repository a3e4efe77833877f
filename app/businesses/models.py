"""The single micro-business database (basis data tunggal, Pasal 14-17): profile, documents,
certificates and the development classification (Pasal 25-26)."""

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import TimestampMixin, UTCDateTime, str_enum, utcnow
from app.extensions import db


class LegalForm(enum.StrEnum):
    INDIVIDUAL = "perorangan"
    PT_PERORANGAN = "pt_perorangan"
    CV = "cv"
    FIRMA = "firma"
    COOPERATIVE = "koperasi"
    OTHER = "lainnya"


class RiskLevel(enum.StrEnum):
    LOW = "rendah"
    MEDIUM_LOW = "menengah_rendah"
    MEDIUM_HIGH = "menengah_tinggi"
    HIGH = "tinggi"


class VerificationStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    NEEDS_CORRECTION = "needs_correction"
    VERIFIED = "verified"
    RECHECK = "recheck"  # verified; an edit of scale or licence data awaits a re-check
    REJECTED = "rejected"


class DevelopmentApproach(enum.StrEnum):
    SENTRA = "sentra"
    KLASTER = "klaster"
    KELOMPOK = "kelompok"


class DevelopmentLevel(enum.StrEnum):
    PEMULA = "pemula"
    BERKEMBANG = "berkembang"
    MAJU = "maju"
    MANDIRI = "mandiri"


class DocumentKind(enum.StrEnum):
    NIB = "nib"
    VILLAGE_LETTER = "surat_keterangan_usaha"
    CERTIFICATE = "sertifikat"
    OTHER = "lainnya"


class CertificateKind(enum.StrEnum):
    HALAL = "halal"
    SNI = "sni"
    SPP_IRT = "spp_irt"
    PKRT = "pkrt"
    STANDARD = "sertifikat_standar"
    LICENCE = "izin"
    HAKI = "haki"


class BusinessProfile(TimestampMixin, db.Model):
    """One per micro-business organisation; the organisation carries name and kecamatan."""

    __tablename__ = "business_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), unique=True
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    # Owner (personal data: masked wherever it is not needed).
    owner_name: Mapped[str | None] = mapped_column(String(120))
    owner_nik: Mapped[str | None] = mapped_column(String(16), index=True)
    owner_phone: Mapped[str | None] = mapped_column(String(20))
    owner_email: Mapped[str | None] = mapped_column(String(254))

    # Business.
    legal_form: Mapped[LegalForm | None] = mapped_column(str_enum(LegalForm, "legal_form"))
    main_activity: Mapped[str | None] = mapped_column(String(200))
    main_product: Mapped[str | None] = mapped_column(String(200))
    started_on: Mapped[date | None] = mapped_column(Date)  # the first day of the start month
    village: Mapped[str | None] = mapped_column(String(100))
    street: Mapped[str | None] = mapped_column(String(300))
    latitude: Mapped[float | None] = mapped_column(Numeric(9, 6, asdecimal=False))
    longitude: Mapped[float | None] = mapped_column(Numeric(9, 6, asdecimal=False))

    workers_paid_female: Mapped[int] = mapped_column(Integer, default=0)
    workers_paid_male: Mapped[int] = mapped_column(Integer, default=0)
    workers_unpaid_female: Mapped[int] = mapped_column(Integer, default=0)
    workers_unpaid_male: Mapped[int] = mapped_column(Integer, default=0)

    bank_name: Mapped[str | None] = mapped_column(String(80))
    bank_account_number: Mapped[str | None] = mapped_column(String(30))
    bank_account_name: Mapped[str | None] = mapped_column(String(120))
    is_pkp: Mapped[bool] = mapped_column(Boolean, default=False)
    npwp: Mapped[str | None] = mapped_column(String(16))

    # Scale evidence (Pasal 4), whole rupiah.
    capital: Mapped[int | None] = mapped_column(BigInteger)
    annual_sales: Mapped[int | None] = mapped_column(BigInteger)
    assets: Mapped[int | None] = mapped_column(BigInteger)

    # Licensing (Pasal 6-7).
    nib: Mapped[str | None] = mapped_column(String(13), index=True)
    nib_issued_on: Mapped[date | None] = mapped_column(Date)
    risk_level: Mapped[RiskLevel | None] = mapped_column(str_enum(RiskLevel, "risk_level"))

    # Verification by the Dinas.
    status: Mapped[VerificationStatus] = mapped_column(
        str_enum(VerificationStatus, "verification_status"),
        default=VerificationStatus.DRAFT,
        index=True,
    )
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    recheck_fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    registered_by_dinas: Mapped[bool] = mapped_column(Boolean, default=False)

    # Development classification (Pasal 25-26), kept by the Dinas.
    development_approach: Mapped[DevelopmentApproach | None] = mapped_column(
        str_enum(DevelopmentApproach, "development_approach")
    )
    development_group: Mapped[str | None] = mapped_column(String(120))
    development_level: Mapped[DevelopmentLevel | None] = mapped_column(
        str_enum(DevelopmentLevel, "development_level")
    )
    development_notes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    organisation = relationship("Organisation", backref=db.backref("business", uselist=False))
    decided_by = relationship("User", foreign_keys=[decided_by_id])
    kbli: Mapped[list["BusinessKbli"]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="BusinessKbli.code"
    )

    @property
    def kbli_codes(self) -> list[str]:
        return [k.code for k in self.kbli]

    @property
    def workforce_total(self) -> int:
        return (
            (self.workers_paid_female or 0)
            + (self.workers_paid_male or 0)
            + (self.workers_unpaid_female or 0)
            + (self.workers_unpaid_male or 0)
        )


class BusinessKbli(db.Model):
    """A KBLI 2020 code (5 digits) of a business; a table so the directory can filter by it."""

    __tablename__ = "business_kbli"
    __table_args__ = (UniqueConstraint("profile_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("business_profiles.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(5), index=True)

    profile: Mapped[BusinessProfile] = relationship(back_populates="kbli")


class Document(TimestampMixin, db.Model):
    """An uploaded file (PDF or image), kept outside static/ and served after a permission check."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[DocumentKind] = mapped_column(str_enum(DocumentKind, "document_kind"))
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    organisation = relationship("Organisation")


class Certificate(TimestampMixin, db.Model):
    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[CertificateKind] = mapped_column(str_enum(CertificateKind, "certificate_kind"))
    number: Mapped[str] = mapped_column(String(80))
    issuer: Mapped[str | None] = mapped_column(String(120))
    issued_on: Mapped[date] = mapped_column(Date)
    # Empty: valid without end, unless configuration gives this kind a validity (halal).
    expires_on: Mapped[date | None] = mapped_column(Date)
    # A standard certificate counts for medium-high risk only once verified by the authority.
    standard_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    # When the holder was last told that it expires soon (so they are told once).
    expiry_notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    organisation = relationship("Organisation")
    document = relationship("Document")
