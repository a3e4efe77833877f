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
