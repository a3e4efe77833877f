"""Home page, the per-role dashboard, the language switch and the health check."""

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session
from flask_login import current_user, login_required
from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError

from app.accounts.models import Membership, Organisation, OrgKind, Role, User
from app.audit.models import AuditEvent
from app.businesses import services as registry
from app.businesses.models import BusinessProfile
from app.businesses.models import VerificationStatus as S
from app.catalog.queries import halal_product_ids
from app.extensions import db
from app.notifications.models import OutboxEmail
from app.storefront import services as storefront
from app.web import safe_next

bp = Blueprint("main", __name__)

QUEUE_STATES = (S.SUBMITTED, S.RECHECK)


@bp.route("/")
def home():
    counts = dict(
        db.session.execute(
            select(Organisation.kind, func.count(Organisation.id))
            .where(Organisation.verified_at.is_not(None), Organisation.deactivated_at.is_(None))
            .group_by(Organisation.kind)
        ).all()
    )
    featured = storefront.featured_products()
    return render_template(
        "main/home.html",
        counts=counts,
        featured=featured,
        featured_halal=halal_product_ids([p.id for p in featured]),
        overview=storefront.browse_overview(),
    )


@bp.route("/dashboard")
@login_required
def dashboard():
    user = current_user
    panels: dict[str, object] = {}
    if user.has_role(Role.ADMIN):
        panels["admin"] = {
            "queue": db.session.scalars(
                select(BusinessProfile)
                .where(BusinessProfile.status.in_(QUEUE_STATES))
                .order_by(BusinessProfile.submitted_at)
                .limit(8)
            ).all(),
            "queue_total": db.session.scalar(
                select(func.count(BusinessProfile.id)).where(
                    BusinessProfile.status.in_(QUEUE_STATES)
                )
            ),
            "suppliers_awaiting": db.session.scalars(
                select(Organisation)
                .where(
                    Organisation.kind == OrgKind.SUPPLIER,
                    Organisation.verified_at.is_(None),
                    Organisation.deactivated_at.is_(None),
                )
                .order_by(Organisation.created_at)
                .limit(8)
            ).all(),
            "expiring": len(registry.expiring_certificates()),
            "agencies": db.session.scalar(
                select(func.count(Organisation.id)).where(Organisation.kind == OrgKind.AGENCY)
            ),
            "users": db.session.scalar(select(func.count(User.id))),
            "queued_mail": db.session.scalar(
                select(func.count(OutboxEmail.id)).where(OutboxEmail.sent_at.is_(None))
            ),
            "recent": db.session.scalars(
                select(AuditEvent).order_by(AuditEvent.id.desc()).limit(8)
            ).all(),
        }
    agency_roles = (Role.PP, Role.PPK, Role.TREASURER)
    agencies = user.organisations_with_role(*agency_roles)
    if agencies:
        panels["agencies"] = [
            {
                "agency": agency,
                "my_roles": [m.role for m in user.memberships if m.organisation_id == agency.id],
                "staff": db.session.scalars(
                    select(Membership).where(Membership.organisation_id == agency.id)
                ).all(),
            }
            for agency in agencies
        ]
    businesses = user.organisations_with_role(Role.SELLER)
    if businesses:
        panels["businesses"] = [
            {
                "organisation": organisation,
                "profile": organisation.business,
                "expiring": [
                    v for v in registry.certificates(organisation.id) if v.state != "valid"
                ],
            }
            for organisation in businesses
        ]
    suppliers = user.organisations_with_role(Role.SUPPLIER)
    if suppliers:
        panels["suppliers"] = suppliers
    if user.has_role(Role.CURATOR):
        panels["curator"] = True
    return render_template("main/dashboard.html", panels=panels)


@bp.route("/language/<code>")
def set_language(code: str):
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
        if current_user.is_authenticated and current_user.locale != code:
            current_user.locale = code
            db.session.commit()
    return redirect(safe_next(request.args.get("next"), default="main.home"))


@bp.route("/healthz")
def healthz():
    checks = {"database": "ok"}
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        checks["database"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    return jsonify(status="ok" if healthy else "error", **checks), 200 if healthy else 503
