"""factory_boy factories for the models; they commit so that requests see their rows."""

import factory
from factory.alchemy import SQLAlchemyModelFactory

from app.accounts.models import ROLE_ORG_KIND, Membership, Organisation, OrgKind, Role, User
from app.db import utcnow
from app.extensions import db

PASSWORD = "a-good-password"


class BaseFactory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session = db.session
        sqlalchemy_session_persistence = "commit"


class UserFactory(BaseFactory):
    class Meta:
        model = User

    name = factory.Faker("name", locale="id_ID")
    email = factory.Sequence(lambda n: f"user{n}@example.test")
    phone = factory.Sequence(lambda n: f"0812{n:08d}")

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            db.session.commit()


class OrganisationFactory(BaseFactory):
    class Meta:
        model = Organisation

    kind = OrgKind.MICRO_BUSINESS
    name = factory.Sequence(lambda n: f"Organisasi {n}")
    kecamatan_code = "32.16.06"


class MembershipFactory(BaseFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.SELLER


def user_with_role(
    role: Role | str, *, organisation: Organisation | None = None, **user_kwargs
) -> User:
    """A user with one membership of `role` in a fitting (verified) organisation."""
    role = Role(role)
    if organisation is None:
        kind = ROLE_ORG_KIND[role]
        existing = (
            db.session.query(Organisation).filter_by(kind=OrgKind.DINAS).first()
            if kind == OrgKind.DINAS
            else None
        )
        organisation = existing or OrganisationFactory(kind=kind, verified_at=utcnow())
    membership = MembershipFactory(
        user=UserFactory(**user_kwargs), organisation=organisation, role=role
    )
    return membership.user


# --- the micro-business registry ------------------------------------------------------------

from datetime import date  # noqa: E402

from app.businesses.models import (  # noqa: E402
    BusinessKbli,
    BusinessProfile,
    Certificate,
    CertificateKind,
    LegalForm,
    RiskLevel,
    VerificationStatus,
)


class BusinessProfileFactory(BaseFactory):
    class Meta:
        model = BusinessProfile

    organisation = factory.SubFactory(OrganisationFactory, kind=OrgKind.MICRO_BUSINESS)
    owner_name = factory.Sequence(lambda n: f"Pemilik {n}")
    owner_nik = factory.Sequence(lambda n: f"3216{n:012d}")
    owner_phone = factory.Sequence(lambda n: f"0813{n:08d}")
    owner_email = factory.Sequence(lambda n: f"pemilik{n}@example.test")
    legal_form = LegalForm.INDIVIDUAL
    main_activity = "Produksi keripik singkong"
    main_product = "Keripik singkong pedas 250 g"
    started_on = date(2019, 3, 1)
    village = "Setiadarma"
    street = "Jl. Mawar No. 12 RT 003/RW 005"
    capital = 25_000_000
    annual_sales = 180_000_000
    nib = factory.Sequence(lambda n: f"9120{n:09d}")
    nib_issued_on = date(2021, 8, 17)
    risk_level = RiskLevel.LOW
    status = VerificationStatus.DRAFT

    @factory.post_generation
    def kbli(obj, create, extracted, **kwargs):
        """KBLI codes: BusinessProfileFactory(kbli=["10794", "47111"]); 10794 by default."""
        for code in ["10794"] if extracted is None else extracted:
            obj.kbli.append(BusinessKbli(code=code))
        if create:
            db.session.commit()


class CertificateFactory(BaseFactory):
    class Meta:
        model = Certificate

    organisation = factory.SubFactory(OrganisationFactory, kind=OrgKind.MICRO_BUSINESS)
    kind = CertificateKind.HALAL
    number = factory.Sequence(lambda n: f"ID32110000{n:09d}")
    issuer = "BPJPH"
    issued_on = date(2024, 3, 1)
    expires_on = None


def verified_business(
    name: str | None = None, kecamatan_code: str = "32.16.06", **profile_kwargs
) -> BusinessProfile:
    """A verified micro-business, as the public directory lists it."""
    organisation = OrganisationFactory(
        kind=OrgKind.MICRO_BUSINESS,
        verified_at=utcnow(),
        kecamatan_code=kecamatan_code,
        **({"name": name} if name else {}),
    )
    profile_kwargs.setdefault("status", VerificationStatus.VERIFIED)
    return BusinessProfileFactory(organisation=organisation, **profile_kwargs)
