"""Dinas administration: agencies and their staff, Dinas staff, user accounts."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from app.accounts import services
from app.accounts.forms import (
    AgencyForm,
    ConfirmForm,
    DeactivateForm,
    InviteForm,
)
from app.accounts.labels import role_choices, role_label
from app.accounts.models import Membership, Organisation, OrgKind, Role, User
from app.accounts.permissions import gate_blueprint
from app.errors import DomainError
from app.extensions import db
from app.web import acting_user, form_status, page_arg, show_domain_error

bp = Blueprint("admin", __name__, url_prefix="/admin")
gate_blueprint(bp, Role.ADMIN)

AGENCY_ROLES = (Role.PP, Role.PPK, Role.TREASURER)
DINAS_ROLES = (Role.ADMIN, Role.CURATOR)


def _organisation_or_404(org_id: int, kind: OrgKind) -> Organisation:
    organisation = db.session.get(Organisation, org_id)
    if organisation is None or organisation.kind != kind:
        abort(404)
    return organisation


def _invite(form: InviteForm, organisation: Organisation) -> bool:
    try:
        membership = services.invite_member(
            acting_user(),
            organisation,
            email=form.email.data,
            name=form.name.data,
            role=Role(form.role.data),
        )
    except DomainError as error:
        db.session.rollback()
        show_domain_error(form, error)
        return False
    db.session.commit()
    flash(
        _(
            "%(email)s now has the role %(role)s.",
            email=membership.user.email,
            role=role_label(form.role.data),
        ),
        "success",
    )
    return True


@bp.route("/agencies")
def agencies():
    q = (request.args.get("q") or "").strip()
    query = select(Organisation).where(Organisation.kind == OrgKind.AGENCY)
    if q:
        query = query.where(
            or_(Organisation.name.ilike(f"%{q}%"), Organisation.short_name.ilike(f"%{q}%"))
        )
    page = db.paginate(
        query.order_by(Organisation.name),
        page=page_arg(),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )
    staff_counts = dict(
        db.session.execute(
            select(Membership.organisation_id, func.count(Membership.id))
            .where(Membership.organisation_id.in_([o.id for o in page.items]))
            .group_by(Membership.organisation_id)
        ).all()
    )
    return render_template("admin/agencies.html", page=page, q=q, staff_counts=staff_counts)


@bp.route("/agencies/new", methods=["GET", "POST"])
def agency_new():
    form = AgencyForm()
    if form.validate_on_submit():
        try:
            agency = services.save_agency(
                acting_user(),
                name=form.name.data,
                short_name=form.short_name.data,
                address=form.address.data,
                kecamatan_code=form.kecamatan_code.data,
            )
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Agency %(name)s created. Now invite its staff.", name=agency.name), "success")
            return redirect(url_for("admin.agency", agency_id=agency.id))
    return render_template("admin/agency_form.html", form=form, agency=None), form_status(form)


@bp.route("/agencies/<int:agency_id>", methods=["GET", "POST"])
def agency(agency_id: int):
    organisation = _organisation_or_404(agency_id, OrgKind.AGENCY)
    form = InviteForm()
    form.role.choices = role_choices(*AGENCY_ROLES)
    if form.validate_on_submit() and _invite(form, organisation):
        return redirect(url_for("admin.agency", agency_id=agency_id))
    return render_template(
        "admin/agency.html", agency=organisation, form=form, confirm_form=ConfirmForm()
    ), form_status(form)


@bp.route("/agencies/<int:agency_id>/edit", methods=["GET", "POST"])
def agency_edit(agency_id: int):
    organisation = _organisation_or_404(agency_id, OrgKind.AGENCY)
    form = AgencyForm(obj=organisation)
    if form.validate_on_submit():
        try:
            services.save_agency(
                acting_user(),
                agency=organisation,
                name=form.name.data,
                short_name=form.short_name.data,
                address=form.address.data,
                kecamatan_code=form.kecamatan_code.data,
            )
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Changes saved."), "success")
            return redirect(url_for("admin.agency", agency_id=agency_id))
    return render_template("admin/agency_form.html", form=form, agency=organisation), form_status(
        form
    )


@bp.route("/memberships/<int:membership_id>/remove", methods=["POST"])
def membership_remove(membership_id: int):
    membership = db.session.get(Membership, membership_id)
    if membership is None:
        abort(404)
    form = ConfirmForm()
    back = (
        url_for("admin.agency", agency_id=membership.organisation_id)
        if membership.organisation.kind == OrgKind.AGENCY
        else url_for("admin.dinas_staff")
    )
    if not form.validate_on_submit():
        abort(400)
    try:
        services.remove_membership(acting_user(), membership)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "danger")
    else:
        db.session.commit()
        flash(_("The role was removed."), "success")
    return redirect(back)


@bp.route("/dinas", methods=["GET", "POST"])
def dinas_staff():
    organisation = services.dinas()
    if organisation is None:
        abort(404)
    form = InviteForm()
    form.role.choices = role_choices(*DINAS_ROLES)
    if form.validate_on_submit() and _invite(form, organisation):
        return redirect(url_for("admin.dinas_staff"))
    return render_template(
        "admin/dinas_staff.html", dinas=organisation, form=form, confirm_form=ConfirmForm()
    ), form_status(form)


@bp.route("/users")
def users():
    q = (request.args.get("q") or "").strip()
    status = request.args.get("status", "")
    role = request.args.get("role", "")
    query = select(User)
    if q:
        query = query.where(or_(User.email.ilike(f"%{q}%"), User.name.ilike(f"%{q}%")))
    if status == "active":
        query = query.where(User.deactivated_at.is_(None))
    elif status == "inactive":
        query = query.where(User.deactivated_at.is_not(None))
    if role in {r.value for r in Role}:
        query = query.where(User.memberships.any(Membership.role == Role(role)))
    page = db.paginate(
        query.order_by(User.name),
        page=page_arg(),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )
    return render_template(
        "admin/users.html", page=page, q=q, status=status, role=role, roles=role_choices(*Role)
    )


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/users/<int:user_id>")
def user(user_id: int):
    return render_template(
        "admin/user.html",
        user=_user_or_404(user_id),
        deactivate_form=DeactivateForm(),
        confirm_form=ConfirmForm(),
    )


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
def user_deactivate(user_id: int):
    target = _user_or_404(user_id)
    form = DeactivateForm()
    if form.validate_on_submit():
        try:
            services.deactivate_user(acting_user(), target, form.reason.data)
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "danger")
        else:
            db.session.commit()
            flash(
                _("The account of %(name)s is deactivated. Its data is kept.", name=target.name),
                "success",
            )
            return redirect(url_for("admin.user", user_id=user_id))
    return render_template(
        "admin/user.html", user=target, deactivate_form=form, confirm_form=ConfirmForm()
    ), 422


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
def user_reactivate(user_id: int):
    target = _user_or_404(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        services.reactivate_user(acting_user(), target)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "danger")
    else:
        db.session.commit()
        flash(_("The account of %(name)s is active again.", name=target.name), "success")
    return redirect(url_for("admin.user", user_id=user_id))
