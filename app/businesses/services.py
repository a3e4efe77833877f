"""Registry services: the profile, its documents and certificates, verification, assistance.

Plain functions; they flush and never commit (the view or CLI commits once).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select

from app.accounts import services as accounts
from app.accounts import tokens
from app.accounts.models import Membership, Organisation, OrgKind, Role, User
from app.audit.services import record
from app.businesses import rules
from app.businesses.models import (
    BusinessKbli,
    BusinessProfile,
    Certificate,
    CertificateKind,
    Document,
    DocumentKind,
)
from app.businesses.models import VerificationStatus as S
from app.businesses.workflow import DINAS_ACTIONS, NEEDS_REASON, Action, next_status
from app.db import utcnow
from app.errors import DomainError, PermissionDenied
from app.extensions import db
from app.formatting import mask
from app.notifications.services import notify
from app.regions import kecamatan
from app.search.queue import queue_organisation
from app.uploads import read_checked, remove, store
from app.web import path_for

# Changing these on a verified business sends it back for a re-check of what changed.
RECHECK_FIELDS = {
    "capital",
    "annual_sales",
    "assets",
    "started_on",
    "nib",
    "nib_issued_on",
    "risk_level",
}
PERSONAL_FIELDS = {"owner_nik", "owner_phone"}

# The profile's fields by step of the seller's form.
SECTIONS: dict[str, tuple[str, ...]] = {
    "owner": ("owner_name", "owner_nik", "owner_phone", "owner_email"),
    "business": (
        "name",
        "legal_form",
        "main_activity",
        "main_product",
        "kbli",
        "started_on",
        "kecamatan_code",
        "village",
        "street",
        "latitude",
        "longitude",
    ),
    "operations": (
        "workers_paid_female",
        "workers_paid_male",
        "workers_unpaid_female",
        "workers_unpaid_male",
        "bank_name",
        "bank_account_number",
        "bank_account_name",
        "is_pkp",
        "npwp",
    ),
    "scale": ("capital", "annual_sales", "assets"),
    "licence": ("nib", "nib_issued_on", "risk_level"),
}

REQUIRED_FOR_SUBMISSION = {
    "owner_name": _l("owner's name"),
    "owner_nik": _l("owner's NIK"),
    "owner_phone": _l("owner's phone"),
    "legal_form": _l("legal form"),
    "main_activity": _l("main activity"),
    "main_product": _l("main product"),
    "started_on": _l("start month"),
    "village": _l("desa/kelurahan"),
    "street": _l("street address"),
    "capital": _l("business capital"),
    "annual_sales": _l("annual sales"),
    "risk_level": _l("risk level"),
}


# --- reading --------------------------------------------------------------------------------


def profile_for(organisation: Organisation, create: bool = False) -> BusinessProfile | None:
    profile = organisation.business
    if profile is None and create:
        if organisation.kind != OrgKind.MICRO_BUSINESS:
            raise DomainError(_l("Only a micro-business has a business profile."))
        profile = BusinessProfile(organisation=organisation)
        db.session.add(profile)
        db.session.flush()
    return profile


def today() -> date:
    return utcnow().date()


def judge(profile: BusinessProfile, on: date | None = None) -> rules.MicroJudgement:
    return rules.judge_micro(
        profile.capital, profile.annual_sales, profile.started_on, on or today()
    )


@dataclass(frozen=True)
class CertificateView:
    certificate: Certificate
    expiry: date | None
    state: str  # valid / expiring / expired


def certificates(organisation_id: int, on: date | None = None) -> list[CertificateView]:
    config = current_app.config
    on = on or today()
    rows = db.session.scalars(
        select(Certificate)
        .where(Certificate.organisation_id == organisation_id)
        .order_by(Certificate.kind, Certificate.issued_on.desc())
    ).all()
    views = []
    for cert in rows:
        expiry = rules.certificate_expiry(
            cert.kind, cert.issued_on, cert.expires_on, config["HALAL_VALIDITY_YEARS"]
        )
        state = rules.certificate_state(expiry, on, config["CERTIFICATE_WARNING_DAYS"])
        views.append(CertificateView(cert, expiry, state))
    return views


def documents(organisation_id: int) -> list[Document]:
    return db.session.scalars(
        select(Document).where(Document.organisation_id == organisation_id).order_by(Document.id)
    ).all()


def checklist(profile: BusinessProfile, on: date | None = None) -> list[rules.ChecklistItem]:
    docs = {d.kind for d in documents(profile.organisation_id)}
    valid = [
        v.certificate for v in certificates(profile.organisation_id, on) if v.state != "expired"
    ]
    return rules.licensing_checklist(
        profile.risk_level,
        has_nib=bool(profile.nib) and DocumentKind.NIB in docs,
        has_village_letter=DocumentKind.VILLAGE_LETTER in docs,
        valid_certificates=valid,
    )


def missing_for_submission(profile: BusinessProfile) -> list[str]:
    missing = [
        str(label)
        for field, label in REQUIRED_FOR_SUBMISSION.items()
        if getattr(profile, field) in (None, "")
    ]
    if not profile.kbli:
        missing.append(str(_l("at least one KBLI code")))
    if not profile.organisation.kecamatan_code:
        missing.append(str(_l("kecamatan")))
    return missing


# --- editing --------------------------------------------------------------------------------


def _can_edit(actor: User, organisation: Organisation) -> None:
    if actor.has_role(Role.ADMIN) or any(
        m.organisation_id == organisation.id and m.role == Role.SELLER for m in actor.memberships
    ):
        return
    raise PermissionDenied(_l("You may not change this business."))


def _audit_value(field: str, value):
    return mask(value) if field in PERSONAL_FIELDS and value else value


def update_profile(actor: User, profile: BusinessProfile, section: str, data: dict) -> list[str]:
    """Apply one step of the form. Returns the names of the fields that changed.

    A change of scale or licence data on a verified business flags it for re-check; it stays
    verified (and keeps selling) meanwhile.
    """
    _can_edit(actor, profile.organisation)
    organisation = profile.organisation
    changed: dict[str, tuple] = {}
    for field in SECTIONS[section]:
        if field not in data:
            continue
        value = data[field]
        if field == "kbli":
            before = profile.kbli_codes
            after = sorted(set(value))
            if before != after:
                profile.kbli = [BusinessKbli(code=code) for code in after]
                changed[field] = (before, after)
            continue
        if field == "kecamatan_code" and value and value not in kecamatan():
            raise DomainError(_l("Choose a kecamatan from the list."), field=field)
        target = organisation if field in {"name", "kecamatan_code"} else profile
        before = getattr(target, field)
        if before != value:
            setattr(target, field, value)
            changed[field] = (before, value)
    if not profile.is_pkp:
        profile.npwp = profile.npwp or None
    if not changed:
        return []
    db.session.flush()
    record(
        actor,
        "business.updated",
        profile,
        section=section,
        changes={f: [_audit_value(f, b), _audit_value(f, a)] for f, (b, a) in changed.items()},
    )
    _flag_recheck(actor, profile, RECHECK_FIELDS.intersection(changed))
    return list(changed)


def _flag_recheck(actor: User, profile: BusinessProfile, fields: set[str]) -> None:
    if not fields or profile.status not in (S.VERIFIED, S.RECHECK):
        return
    profile.status = next_status(Action.FLAG_RECHECK, profile.status)
    profile.recheck_fields = sorted(set(profile.recheck_fields or []) | fields)
    record(actor, "business.recheck_flagged", profile, fields=sorted(fields))
    notify(
        dinas_admins(),
        "business.recheck",
        {"business": profile.organisation.name, "fields": ", ".join(sorted(fields))},
        link=path_for("registry.review", profile_id=profile.id),
        email=False,
    )


def dinas_admins() -> list[User]:
    return db.session.scalars(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.role == Role.ADMIN, User.deactivated_at.is_(None))
    ).all()


def business_members(organisation: Organisation) -> list[User]:
    return [m.user for m in organisation.memberships if m.role == Role.SELLER]


# --- documents and certificates -------------------------------------------------------------


def upload_document(
    actor: User, organisation: Organisation, kind: DocumentKind, file_storage
) -> Document:
    _can_edit(actor, organisation)
    data, content_type, extension = read_checked(file_storage)
    stored_name, digest = store(data, extension)
    document = Document(
        organisation_id=organisation.id,
        kind=kind,
        original_name=(file_storage.filename or "dokumen")[-255:],
        stored_name=stored_name,
        content_type=content_type,
        size=len(data),
        sha256=digest,
        uploaded_by_id=actor.id,
    )
    db.session.add(document)
    db.session.flush()
    record(
        actor,
        "document.uploaded",
        document,
        kind=kind,
        name=document.original_name,
        size=document.size,
    )
    profile = organisation.business
    if profile is not None and kind in (DocumentKind.NIB, DocumentKind.VILLAGE_LETTER):
        _flag_recheck(actor, profile, {f"document:{kind.value}"})
    return document


def delete_document(actor: User, document: Document) -> None:
    _can_edit(actor, document.organisation)
    record(actor, "document.deleted", document, kind=document.kind, name=document.original_name)
    stored_name = document.stored_name
    db.session.delete(document)
    db.session.flush()
    remove(stored_name)


def can_read_document(user: User, document: Document) -> bool:
    if user.has_role(Role.ADMIN, Role.CURATOR):
        return True
    return user.belongs_to(document.organisation_id)


def add_certificate(
    actor: User,
    organisation: Organisation,
    *,
    kind: CertificateKind,
    number: str,
    issuer: str | None,
    issued_on: date,
    expires_on: date | None,
    standard_verified: bool = False,
    file_storage=None,
) -> Certificate:
    _can_edit(actor, organisation)
    if expires_on is not None and expires_on < issued_on:
        raise DomainError(_l("The expiry date is before the issue date."), field="expires_on")
    if issued_on > today():
        raise DomainError(_l("The issue date is in the future."), field="issued_on")
    document = None
    if file_storage is not None and getattr(file_storage, "filename", ""):
        document = upload_document(actor, organisation, DocumentKind.CERTIFICATE, file_storage)
    # Only the authority's word makes a standard certificate verified; a seller declares it.
    verified = bool(standard_verified) and actor.has_role(Role.ADMIN)
    certificate = Certificate(
        organisation_id=organisation.id,
        kind=kind,
        number=number.strip(),
        issuer=(issuer or "").strip() or None,
        issued_on=issued_on,
        expires_on=expires_on,
        standard_verified=verified and kind == CertificateKind.STANDARD,
        document=document,
    )
    db.session.add(certificate)
    db.session.flush()
    if kind == CertificateKind.HALAL:
        queue_organisation(organisation.id)  # halal badges in search may change
    record(
        actor,
        "certificate.added",
        certificate,
        kind=kind,
        number=certificate.number,
        expires_on=expires_on,
    )
    return certificate


def delete_certificate(actor: User, certificate: Certificate) -> None:
    _can_edit(actor, certificate.organisation)
    record(
        actor, "certificate.deleted", certificate, kind=certificate.kind, number=certificate.number
    )
    document = certificate.document
    if certificate.kind == CertificateKind.HALAL:
        queue_organisation(certificate.organisation_id)  # halal badges in search may change
    db.session.delete(certificate)
    if document is not None:
        delete_document(actor, document)
    db.session.flush()


# --- verification ---------------------------------------------------------------------------


def submit(actor: User, profile: BusinessProfile) -> None:
    _can_edit(actor, profile.organisation)
    missing = missing_for_submission(profile)
    if missing:
        raise DomainError(
            _l("Complete these first: %(fields)s.", fields=", ".join(missing)), code="incomplete"
        )
    judgement = judge(profile)
    if not judgement.qualifies:
        raise DomainError(
            _l(
                "This business does not qualify as micro: %(reasons)s",
                reasons=" ".join(judgement.reasons),
            ),
            code="not_micro",
        )
    if not any(item.key == "nib" and item.done for item in checklist(profile)):
        raise DomainError(
            _l("Upload the NIB document, or a village-head business letter if there is no NIB."),
            code="no_nib",
        )
    before = profile.status
    profile.status = next_status(Action.SUBMIT, profile.status)
    profile.submitted_at = utcnow()
    record(actor, "business.submitted", profile, before=before, after=profile.status)
    notify(
        dinas_admins(),
        "business.submitted",
        {"business": profile.organisation.name},
        link=path_for("registry.review", profile_id=profile.id),
        email=False,
    )


def decide(
    actor: User, profile: BusinessProfile, action: Action, reason: str | None = None
) -> None:
    """The Dinas verifies, asks for a correction (with a reason) or rejects (with a reason)."""
    if action not in DINAS_ACTIONS:
        raise DomainError(_l("Unknown decision."))
    if not actor.has_role(Role.ADMIN):
        raise PermissionDenied(_l("Only a Dinas administrator may do this."))
    reason = (reason or "").strip()
    if action in NEEDS_REASON and not reason:
        raise DomainError(
            _l("Give the reason, so that the business knows what to do."), field="reason"
        )
    after = next_status(action, profile.status)
    organisation = profile.organisation
    if action == Action.VERIFY:
        judgement = judge(profile)
        if not judgement.qualifies:
            raise DomainError(
                _l(
                    "This business does not qualify as micro: %(reasons)s",
                    reasons=" ".join(judgement.reasons),
                ),
                code="not_micro",
            )
        if organisation.verified_at is None:
            organisation.verified_at = utcnow()
            organisation.verified_by_id = actor.id
        profile.recheck_fields = []
    elif action == Action.REJECT:
        organisation.verified_at = None
        organisation.verified_by_id = None
    if action in (Action.VERIFY, Action.REJECT):
        # Its products appear in, or leave, the public catalogue and search.
        queue_organisation(organisation.id)
    before = profile.status
    profile.status = after
    profile.decided_at = utcnow()
    profile.decided_by_id = actor.id
    profile.decision_reason = reason or None
    record(actor, f"business.{after.value}", profile, before=before, after=after, reason=reason)
    kind = {
        Action.VERIFY: "business.verified",
        Action.REQUEST_CORRECTION: "business.needs_correction",
        Action.REJECT: "business.rejected",
    }[action]
    notify(
        business_members(organisation),
        kind,
        {"business": organisation.name, "reason": reason},
        link=path_for("registry.profile"),
    )


# --- assisted registration and development --------------------------------------------------


def assisted_register(
    actor: User,
    *,
    owner_name: str,
    email: str,
    phone: str | None,
    business_name: str,
    kecamatan_code: str,
) -> tuple[User, BusinessProfile, str]:
    """Pasal 5(3): the Dinas registers a business for a person who cannot do it online.

    Returns the user, the draft profile and the activation link to hand over.
    """
    if not actor.has_role(Role.ADMIN):
        raise PermissionDenied(_l("Only a Dinas administrator may do this."))
    user = accounts.register_organisation_owner(
        kind=OrgKind.MICRO_BUSINESS,
        name=owner_name,
        email=email,
        password=None,
        organisation_name=business_name,
        kecamatan_code=kecamatan_code,
        phone=phone,
    )
    organisation = user.memberships[0].organisation
    profile = profile_for(organisation, create=True)
    profile.owner_name = owner_name.strip()
    profile.owner_phone = (phone or "").strip() or None
    profile.owner_email = user.email
    profile.registered_by_dinas = True
    link = accounts.external_url(
        "auth.accept_invitation", token=tokens.make_token(user, tokens.INVITATION)
    )
    record(actor, "business.assisted_registration", profile, email=user.email)
    accounts.send_activation(user, organisation, link)
    return user, profile, link


def set_development(
    actor: User, profile: BusinessProfile, *, approach, group, level, notes: dict[str, str]
) -> None:
    if not actor.has_role(Role.ADMIN):
        raise PermissionDenied(_l("Only a Dinas administrator may do this."))
    before = {
        "approach": profile.development_approach,
        "group": profile.development_group,
        "level": profile.development_level,
        "notes": profile.development_notes,
    }
    profile.development_approach = approach or None
    profile.development_group = (group or "").strip() or None
    profile.development_level = level or None
    profile.development_notes = {k: v.strip() for k, v in notes.items() if v and v.strip()}
    record(
        actor,
        "business.development_classified",
        profile,
        before=before,
        after={
            "approach": profile.development_approach,
            "group": profile.development_group,
            "level": profile.development_level,
            "notes": profile.development_notes,
        },
    )


def expiring_certificates(on: date | None = None) -> list[CertificateView]:
    """Certificates of every business that end within the warning window (not yet ended)."""
    config = current_app.config
    on = on or today()
    until = on + timedelta(days=config["CERTIFICATE_WARNING_DAYS"])
    query = select(Certificate).where(Certificate.expires_on.between(on, until))
    years = config["HALAL_VALIDITY_YEARS"]
    if years > 0:
        # Halal certificates without a date end `years` after issue (rules.certificate_expiry).
        query = select(Certificate).where(
            or_(
                Certificate.expires_on.between(on, until),
                and_(
                    Certificate.kind == CertificateKind.HALAL,
                    Certificate.expires_on.is_(None),
                    Certificate.issued_on.between(
                        on - timedelta(days=366 * years), until - timedelta(days=365 * years)
                    ),
                ),
            )
        )
    views = []
    for cert in db.session.scalars(query.order_by(Certificate.expires_on)):
        expiry = rules.certificate_expiry(cert.kind, cert.issued_on, cert.expires_on, years)
        state = rules.certificate_state(expiry, on, config["CERTIFICATE_WARNING_DAYS"])
        if state == "expiring":
            views.append(CertificateView(cert, expiry, state))
    return views


def notify_expiring_certificates(on: date | None = None) -> int:
    """Tell each holder (once per certificate) that it ends soon. Returns how many were told."""
    told = 0
    for view in expiring_certificates(on):
        cert = view.certificate
        if cert.expiry_notified_at is not None:
            continue
        organisation = cert.organisation
        notify(
            business_members(organisation),
            "certificate.expiring",
            {
                "certificate": str(CERTIFICATE_KIND_NAMES.get(cert.kind, cert.kind)),
                "business": organisation.name,
                "date": view.expiry.isoformat(),
            },
            link=path_for("registry.certificates"),
        )
        cert.expiry_notified_at = utcnow()
        told += 1
    return told


CERTIFICATE_KIND_NAMES = {
    CertificateKind.HALAL: "halal",
    CertificateKind.SNI: "SNI",
    CertificateKind.SPP_IRT: "SPP-IRT",
    CertificateKind.PKRT: "PKRT",
    CertificateKind.STANDARD: _l("standard"),
    CertificateKind.LICENCE: _l("licence"),
    CertificateKind.HAKI: "HAKI",
}
