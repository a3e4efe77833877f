"""The public directory of verified micro-businesses (Pasal 17(3)(a), 19(4)(e)).

Public data only: never the owner's NIK, phone, email or address, bank account or NPWP. The JSON
API (app.api) lists the same businesses through the same query and the same public fields.
"""

import re
from dataclasses import dataclass

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, or_, select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.sql import Select

from app.accounts.models import Organisation, OrgKind
from app.businesses import rules
from app.businesses.exchange import local_date
from app.businesses.labels import CERTIFICATE_LABELS, LEGAL_FORM_LABELS
from app.businesses.models import (
    BusinessKbli,
    BusinessProfile,
    Certificate,
    CertificateKind,
    VerificationStatus,
)
from app.businesses.services import CertificateView, certificates, today
from app.errors import DomainError
from app.extensions import db
from app.regions import kecamatan, kecamatan_choices, kecamatan_name
from app.web import page_arg

bp = Blueprint("directory", __name__)

LISTED_STATUSES = (VerificationStatus.VERIFIED, VerificationStatus.RECHECK)
MAX_QUERY_LENGTH = 100
MAX_PAGE = 100_000  # beyond any real directory; keeps the SQL offset within range


class InvalidParameter(DomainError):
    code = "invalid_parameter"

    def __init__(self, parameter: str, message):
        super().__init__(message, field=parameter)
        self.parameter = parameter


@dataclass(frozen=True)
class Filters:
    kecamatan: str | None = None
    kbli: str | None = None
    q: str | None = None

    @property
    def active(self) -> bool:
        return any((self.kecamatan, self.kbli, self.q))


def kecamatan_param(args, errors: list[InvalidParameter]) -> str | None:
    """The `kecamatan` argument if it is an official code; otherwise None and an error."""
    code = (args.get("kecamatan") or "").strip() or None
    if code and code not in kecamatan():
        errors.append(
            InvalidParameter(
                "kecamatan",
                _l(
                    "Unknown kecamatan code \u201c%(code)s\u201d; use an official code such as "
                    "32.16.06.",
                    code=code,
                ),
            )
        )
        return None
    return code


def parse_filters(args) -> tuple[Filters, list[InvalidParameter]]:
    """The filters of a query string; an invalid one is left out and reported."""
    errors: list[InvalidParameter] = []
    code = kecamatan_param(args, errors)
    kbli = (args.get("kbli") or "").strip() or None
    if kbli and not re.fullmatch(r"\d{1,5}", kbli):
        errors.append(
            InvalidParameter(
                "kbli", _l("A KBLI filter is a KBLI 2020 code or its beginning: 1 to 5 digits.")
            )
        )
        kbli = None
    q = " ".join((args.get("q") or "").split()) or None
    if q and len(q) > MAX_QUERY_LENGTH:
        errors.append(
            InvalidParameter(
                "q", _l("The search text has at most %(max)s characters.", max=MAX_QUERY_LENGTH)
            )
        )
        q = None
    return Filters(code, kbli, q), errors


def listed() -> Select:
    """Verified (or verified and awaiting a re-check), active micro-businesses."""
    return (
        select(BusinessProfile)
        .join(BusinessProfile.organisation)
        .where(
            Organisation.kind == OrgKind.MICRO_BUSINESS,
            Organisation.verified_at.is_not(None),
            Organisation.deactivated_at.is_(None),
            BusinessProfile.status.in_(LISTED_STATUSES),
        )
    )


def search(filters: Filters) -> Select:
    query = listed()
    if filters.kecamatan:
        query = query.where(Organisation.kecamatan_code == filters.kecamatan)
    if filters.kbli:
        query = query.where(
            exists().where(
                BusinessKbli.profile_id == BusinessProfile.id,
                BusinessKbli.code.startswith(filters.kbli, autoescape=True),
            )
        )
    if filters.q:
        for word in filters.q.split():
            pattern = f"%{_like_escape(word)}%"
            query = query.where(
                or_(
                    Organisation.name.ilike(pattern, escape="\\"),
                    BusinessProfile.main_product.ilike(pattern, escape="\\"),
                )
            )
    return query.options(
        joinedload(BusinessProfile.organisation), selectinload(BusinessProfile.kbli)
    ).order_by(Organisation.name, BusinessProfile.id)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def public_business(business_id: int) -> BusinessProfile | None:
    return db.session.scalars(listed().where(BusinessProfile.id == business_id)).first()


def certificates_of(organisation_ids: list[int]) -> dict[int, list[CertificateView]]:
    """The certificates of many businesses at once, with their state today (as
    services.certificates gives them for one)."""
    if not organisation_ids:
        return {}
    config = current_app.config
    on = today()
    views: dict[int, list[CertificateView]] = {}
    for cert in db.session.scalars(
        select(Certificate)
        .where(Certificate.organisation_id.in_(organisation_ids))
        .order_by(Certificate.kind, Certificate.issued_on.desc(), Certificate.id)
    ):
        expiry = rules.certificate_expiry(
            cert.kind, cert.issued_on, cert.expires_on, config["HALAL_VALIDITY_YEARS"]
        )
        state = rules.certificate_state(expiry, on, config["CERTIFICATE_WARNING_DAYS"])
        views.setdefault(cert.organisation_id, []).append(CertificateView(cert, expiry, state))
    return views


def has_valid_halal(views: list[CertificateView]) -> bool:
    return any(v.certificate.kind == CertificateKind.HALAL and v.state != "expired" for v in views)


def public_record(profile: BusinessProfile, views: list[CertificateView]) -> dict:
    """The public fields of a business, for the API."""
    organisation = profile.organisation
    return {
        "id": profile.id,
        "name": organisation.name,
        "kecamatan": {
            "code": organisation.kecamatan_code,
            "name": kecamatan_name(organisation.kecamatan_code) or None,
        },
        "legal_form": profile.legal_form.value if profile.legal_form else None,
        "main_activity": profile.main_activity,
        "main_product": profile.main_product,
        "kbli": profile.kbli_codes,
        "started_year": profile.started_on.year if profile.started_on else None,
        "verified_since": local_date(organisation.verified_at).isoformat(),
        "halal": has_valid_halal(views),
        "certificates": [
            {
                "kind": v.certificate.kind.value,
                "number": v.certificate.number,
                "issuer": v.certificate.issuer,
                "issued_on": v.certificate.issued_on.isoformat(),
                "expires_on": v.expiry.isoformat() if v.expiry else None,
                "state": v.state,
            }
            for v in views
        ],
        "url": url_for("directory.business", business_id=profile.id, _external=True),
    }


# --- pages ----------------------------------------------------------------------------------


@bp.route("/businesses")
def index():
    filters, errors = parse_filters(request.args)
    page = db.paginate(
        search(filters),
        page=min(page_arg(), MAX_PAGE),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )
    views = certificates_of([p.organisation_id for p in page.items])
    return render_template(
        "directory/index.html",
        page=page,
        filters=filters,
        errors=errors,
        halal={p.id for p in page.items if has_valid_halal(views.get(p.organisation_id, []))},
        kecamatan_choices=kecamatan_choices(),
    )


@bp.route("/businesses/<int:business_id>")
def business(business_id: int):
    profile = public_business(business_id)
    if profile is None:
        abort(404)
    views = certificates(profile.organisation_id)
    return render_template(
        "directory/business.html",
        profile=profile,
        organisation=profile.organisation,
        certificates=views,
        halal=has_valid_halal(views),
        certificate_labels=CERTIFICATE_LABELS,
        legal_form_labels=LEGAL_FORM_LABELS,
    )
