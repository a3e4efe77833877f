"""Account services: registration, authentication, passwords, organisations, staff.

Plain functions: explicit arguments (including the acting user), they flush and never commit;
the caller (view or CLI) commits once.
"""

import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.accounts import tokens
from app.accounts.models import (
    ROLE_ORG_KIND,
    Membership,
    Organisation,
    OrgKind,
    Role,
    User,
    find_user_by_email,
)
from app.audit.services import record
from app.db import utcnow
from app.errors import DomainError, PermissionDenied
from app.extensions import db
from app.notifications.services import queue_email
from app.regions import kecamatan


class LoginRefused(DomainError):
    code = "login_refused"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def load_user_from_session_id(session_id: str) -> User | None:
    """Flask-Login's user loader: `<id>:<session token>`; a rotated token ends the session."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_active or not secrets.compare_digest(user.session_token, token):
        return None
    return user


# --- registration -------------------------------------------------------------------------


def _check_new_email(email: str) -> str:
    email = normalise_email(email)
    if find_user_by_email(email):
        raise DomainError(
            _l("An account with this email already exists. Log in or reset your password."),
            field="email",
            code="email_taken",
        )
    return email


def _check_kecamatan(code: str | None) -> None:
    if code and code not in kecamatan():
        raise DomainError(_l("Choose a kecamatan from the list."), field="kecamatan_code")


def _create_user(email: str, name: str, password: str | None, phone: str | None = None) -> User:
    user = User(email=email, name=name.strip(), phone=(phone or "").strip() or None)
    if password:
        user.set_password(password)
    db.session.add(user)
    return user


def register_organisation_owner(
    *,
    kind: OrgKind,
    name: str,
    email: str,
    password: str | None,
    organisation_name: str,
    kecamatan_code: str | None,
    phone: str | None = None,
) -> User:
    """Registration of a micro-business (seller) or a supplier, awaiting verification.

    Without a password (registration by the Dinas) the person activates the account through
    an invitation link.
    """
    role = {OrgKind.MICRO_BUSINESS: Role.SELLER, OrgKind.SUPPLIER: Role.SUPPLIER}.get(kind)
    if role is None:
        raise DomainError(_l("This kind of organisation cannot register itself."))
    email = _check_new_email(email)
    _check_kecamatan(kecamatan_code)
    user = _create_user(email, name, password, phone)
    organisation = Organisation(
        kind=kind, name=organisation_name.strip(), kecamatan_code=kecamatan_code or None
    )
    db.session.add(organisation)
    db.session.add(Membership(user=user, organisation=organisation, role=role))
    db.session.flush()
    record(user, "user.registered", user, email=email, role=role)
    record(user, "organisation.registered", organisation, kind=kind, name=organisation.name)
    return user


# --- authentication -----------------------------------------------------------------------


def authenticate(email: str, password: str) -> User:
    """Return the user, or raise LoginRefused. The caller commits either way (counters)."""
    config = current_app.config
    user = find_user_by_email(email or "")
    now = utcnow()
    if user is not None and user.is_locked(now):
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        raise LoginRefused(
            _l(
                "Too many failed login attempts. This account is locked for %(minutes)s more "
                "minutes; try again later or reset your password.",
                minutes=minutes,
            ),
            code="locked",
        )
    if user is None or not user.check_password(password or ""):
        if user is not None:
            user.failed_logins += 1
            if user.failed_logins >= config["LOGIN_MAX_FAILURES"]:
                user.locked_until = now + timedelta(minutes=config["LOGIN_LOCKOUT_MINUTES"])
                user.failed_logins = 0
                record(None, "user.locked", user, minutes=config["LOGIN_LOCKOUT_MINUTES"])
        raise LoginRefused(_l("Wrong email or password."), code="invalid")
    if not user.is_active:
        raise LoginRefused(
            _l("This account has been deactivated. Contact the Dinas administrator."),
            code="inactive",
        )
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    return user


# --- passwords ----------------------------------------------------------------------------


def change_password(user: User, current_password: str, new_password: str) -> None:
    if not user.check_password(current_password):
        raise DomainError(_l("The current password is wrong."), field="current_password")
    user.set_password(new_password)
    record(user, "user.password_changed", user)


def external_url(endpoint: str, **values) -> str:
    """An absolute link for an email, also outside a request (CLI): from PUBLIC_BASE_URL."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https"
    )
    return adapter.build(endpoint, values, force_external=True)


def _mail(user: User, subject, template: str, **context) -> None:
    # Mail speaks the recipient's language, whatever the sender's page was in.
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        queue_email(user.email, str(subject), render_template(template, user=user, **context))


def request_password_reset(email: str) -> None:
    """Queue a reset link when the account exists; say nothing either way (no enumeration)."""
    user = find_user_by_email(email or "")
    if user is None or not user.is_active:
        return
    link = external_url("auth.reset_password", token=tokens.make_token(user, tokens.PASSWORD_RESET))
    minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
    _mail(user, _l("Reset your password"), "email/password_reset.txt", link=link, minutes=minutes)
    record(None, "user.password_reset_requested", user)


def set_password_from_token(token: str, purpose: str, new_password: str) -> User:
    user = tokens.user_for_token(token, purpose)
    if user is None:
        raise DomainError(
            _l("This link is invalid, has expired or has already been used. Ask for a new one."),
            code="bad_token",
        )
    user.set_password(new_password)
    user.failed_logins = 0
    user.locked_until = None
    record(user, f"user.{purpose.replace('-', '_')}_completed", user)
    return user


# --- organisations and staff -------------------------------------------------------------


def _require_admin(actor: User) -> None:
    if not actor.has_role(Role.ADMIN):
        raise PermissionDenied(_l("Only a Dinas administrator may do this."))


def save_agency(
    actor: User,
    *,
    name: str,
    short_name: str | None,
    address: str | None,
    kecamatan_code: str | None,
    agency: Organisation | None = None,
) -> Organisation:
    _require_admin(actor)
    _check_kecamatan(kecamatan_code)
    name = name.strip()
    duplicate = db.session.scalar(
        select(Organisation).where(
            Organisation.kind == OrgKind.AGENCY,
            Organisation.name == name,
            Organisation.id != (agency.id if agency else -1),
        )
    )
    if duplicate:
        raise DomainError(_l("An agency with this name already exists."), field="name")
    before = None
    if agency is None:
        agency = Organisation(kind=OrgKind.AGENCY)
        db.session.add(agency)
    else:
        before = {"name": agency.name, "short_name": agency.short_name, "address": agency.address}
    agency.name = name
    agency.short_name = (short_name or "").strip() or None
    agency.address = (address or "").strip() or None
    agency.kecamatan_code = kecamatan_code or None
    db.session.flush()
    after = {"name": agency.name, "short_name": agency.short_name, "address": agency.address}
    record(
        actor, "agency.updated" if before else "agency.created", agency, before=before, after=after
    )
    return agency


def dinas(create: bool = False) -> Organisation | None:
    """The one Dinas organisation (Dinas Koperasi dan UKM)."""
    org = db.session.scalar(select(Organisation).where(Organisation.kind == OrgKind.DINAS))
    if org is None and create:
        org = Organisation(kind=OrgKind.DINAS, name="Dinas Koperasi dan Usaha Kecil Menengah")
        org.short_name = "Diskopukm"
        db.session.add(org)
        db.session.flush()
    return org


def invite_member(
    actor: User | None, organisation: Organisation, *, email: str, name: str, role: Role
) -> Membership:
    """Give a person a role in an organisation; a new person gets an invitation link.

    `actor` is None only for the CLI bootstrap of the first administrator.
    """
    if actor is not None:
        _require_admin(actor)
    if ROLE_ORG_KIND[role] != organisation.kind:
        raise DomainError(
            _l("This role does not belong to this kind of organisation."), field="role"
        )
    email = normalise_email(email)
    user = find_user_by_email(email)
    is_new = user is None
    if is_new:
        user = _create_user(email, name, None)
        db.session.flush()
    elif any(m.organisation_id == organisation.id and m.role == role for m in user.memberships):
        raise DomainError(_l("This person already has that role here."), field="email")
    membership = Membership(
        user=user, organisation=organisation, role=role, invited_by_id=getattr(actor, "id", None)
    )
    db.session.add(membership)
    db.session.flush()
    record(
        actor,
        "membership.created",
        membership,
        user=email,
        organisation=organisation.name,
        role=role,
    )
    if is_new or not user.password_hash:
        link = external_url(
            "auth.accept_invitation", token=tokens.make_token(user, tokens.INVITATION)
        )
        send_activation(user, organisation, link, role)
    else:
        _mail(
            user,
            _l("You have a new role in the toko daring"),
            "email/new_role.txt",
            organisation=organisation,
            role=role,
        )
    return membership


def send_activation(
    user: User, organisation: Organisation, link: str, role: Role = Role.SELLER
) -> None:
    days = current_app.config["INVITATION_MAX_AGE"] // 86400
    _mail(
        user,
        _l("You are invited to the toko daring"),
        "email/invitation.txt",
        link=link,
        organisation=organisation,
        role=role,
        days=days,
    )


def remove_membership(actor: User, membership: Membership) -> None:
    _require_admin(actor)
    if membership.user_id == actor.id and membership.role == Role.ADMIN:
        raise DomainError(_l("You cannot remove your own administrator role."))
    record(
        actor,
        "membership.removed",
        membership,
        user=membership.user.email,
        organisation=membership.organisation.name,
        role=membership.role,
    )
    db.session.delete(membership)
    db.session.flush()


def deactivate_user(actor: User, user: User, reason: str) -> None:
    _require_admin(actor)
    if user.id == actor.id:
        raise DomainError(_l("You cannot deactivate your own account."))
    if not user.is_active:
        raise DomainError(_l("This account is already deactivated."))
    user.deactivated_at = utcnow()
    user.session_token = secrets.token_hex(16)  # ends every open session
    record(actor, "user.deactivated", user, reason=reason.strip())


def reactivate_user(actor: User, user: User) -> None:
    _require_admin(actor)
    if user.is_active:
        raise DomainError(_l("This account is already active."))
    user.deactivated_at = None
    record(actor, "user.reactivated", user)


def create_admin(email: str, name: str, password: str) -> User:
    """The CLI's way in: a first (or further) Dinas administrator."""
    email = normalise_email(email)
    organisation = dinas(create=True)
    user = find_user_by_email(email)
    if user is None:
        user = _create_user(email, name, password)
        db.session.flush()
    else:
        user.set_password(password)
    if not any(
        m.organisation_id == organisation.id and m.role == Role.ADMIN for m in user.memberships
    ):
        db.session.add(Membership(user=user, organisation=organisation, role=Role.ADMIN))
    db.session.flush()
    record(None, "user.admin_created", user, email=email)
    return user
