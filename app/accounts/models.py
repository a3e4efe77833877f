"""Users, organisations and the memberships (with a role) that join them."""

import enum
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.db import TimestampMixin, UTCDateTime, str_enum, utcnow
from app.extensions import db


class OrgKind(enum.StrEnum):
    DINAS = "dinas"
    AGENCY = "agency"
    MICRO_BUSINESS = "micro_business"
    SUPPLIER = "supplier"


class Role(enum.StrEnum):
    ADMIN = "admin"
    CURATOR = "curator"
    PP = "pp"
    PPK = "ppk"
    TREASURER = "treasurer"
    SELLER = "seller"
    SUPPLIER = "supplier"


# Which kind of organisation each role belongs to; a membership outside this table is refused.
ROLE_ORG_KIND: dict[Role, OrgKind] = {
    Role.ADMIN: OrgKind.DINAS,
    Role.CURATOR: OrgKind.DINAS,
    Role.PP: OrgKind.AGENCY,
    Role.PPK: OrgKind.AGENCY,
    Role.TREASURER: OrgKind.AGENCY,
    Role.SELLER: OrgKind.MICRO_BUSINESS,
    Role.SUPPLIER: OrgKind.SUPPLIER,
}


class Organisation(TimestampMixin, db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[OrgKind] = mapped_column(str_enum(OrgKind, "org_kind"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str | None] = mapped_column(String(40))
    kecamatan_code: Mapped[str | None] = mapped_column(String(8), index=True)
    address: Mapped[str | None] = mapped_column(String(300))
    # Status is derived from timestamps: unverified while verified_at is empty.
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def is_active(self) -> bool:
        return self.deactivated_at is None

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.kind} {self.name!r}>"


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(20))
    # Empty until an invited person sets a password through the invitation link.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    # Rotated on password change and deactivation so that old sessions stop working.
    session_token: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_hex(16))
    locale: Mapped[str | None] = mapped_column(String(8))
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user",
        cascade="all, delete-orphan",
        foreign_keys="Membership.user_id",
    )

    # Flask-Login asks for these.
    @property
    def is_active(self) -> bool:
        return self.deactivated_at is None

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)
        self.session_token = secrets.token_hex(16)

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    def is_locked(self, now: datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or utcnow())

    @property
    def roles(self) -> set[Role]:
        return {m.role for m in self.memberships if m.organisation.is_active}

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    def organisations_with_role(self, *roles: Role) -> list[Organisation]:
        return [
            m.organisation for m in self.memberships if m.role in roles and m.organisation.is_active
        ]

    def belongs_to(self, organisation_id: int) -> bool:
        return any(m.organisation_id == organisation_id for m in self.memberships)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class Membership(TimestampMixin, db.Model):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    user: Mapped[User] = relationship(back_populates="memberships", foreign_keys=[user_id])
    organisation: Mapped[Organisation] = relationship(back_populates="memberships")


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
