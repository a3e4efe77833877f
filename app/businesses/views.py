"""The seller's business profile (in steps), its documents and certificates, and the Dinas's
verification queue, review and assisted registration."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import or_, select

from app.accounts.forms import ConfirmForm
from app.accounts.models import Organisation, Role
from app.accounts.permissions import role_required
from app.businesses import forms, labels, services
from app.businesses.context import business_in_context, org_args
from app.businesses.models import (
    BusinessProfile,
    Certificate,
    CertificateKind,
    Document,
    DocumentKind,
    VerificationStatus,
)
from app.businesses.workflow import STATUS_LABELS, Action
from app.errors import DomainError
from app.extensions import db
from app.regions import kecamatan_choices
from app.uploads import path_of
from app.web import acting_user, form_status, page_arg, show_domain_error

bp = Blueprint("registry", __name__)

STEPS = {
    "owner": (_l("Owner"), forms.OwnerForm),
    "business": (_l("Business and address"), forms.BusinessForm),
    "operations": (_l("Workforce, bank and tax"), forms.OperationsForm),
    "scale": (_l("Capital and sales"), forms.ScaleForm),
    "licence": (_l("Licensing and documents"), forms.LicenceForm),
}


# Globals rather than context variables: imported macros see globals only.
@bp.app_template_global()
def verification_label(status) -> str:
    return str(STATUS_LABELS.get(status, status))


@bp.app_template_global()
def certificate_label(kind) -> str:
    return str(labels.CERTIFICATE_LABELS.get(kind, kind))


@bp.app_template_global()
def document_label(kind) -> str:
    return str(labels.DOCUMENT_LABELS.get(kind, kind))


# --- the seller's profile -------------------------------------------------------------------


@bp.route("/my-business")
@role_required(Role.SELLER, Role.ADMIN)
def profile():
    organisation = business_in_context()
    business = services.profile_for(organisation, create=True)
    db.session.commit()
    return render_template(
        "registry/overview.html",
        organisation=organisation,
        business=business,
        steps=STEPS,
        judgement=services.judge(business),
        checklist=services.checklist(business),
        missing=services.missing_for_submission(business),
        certificates=services.certificates(organisation.id),
        documents=services.documents(organisation.id),
        document_form=forms.DocumentForm(),
        args=org_args(organisation),
    )


def _form_data(step: str, organisation: Organisation, business: BusinessProfile) -> dict:
    data = {
        field: getattr(business, field)
        for field in services.SECTIONS[step]
        if hasattr(business, field)
    }
    data["name"] = organisation.name
    data["kecamatan_code"] = organisation.kecamatan_code
    data["kbli"] = ", ".join(business.kbli_codes)
    return data


@bp.route("/my-business/<step>", methods=["GET", "POST"])
@role_required(Role.SELLER, Role.ADMIN)
def edit_step(step: str):
    if step not in STEPS:
        abort(404)
    organisation = business_in_context()
    business = services.profile_for(organisation, create=True)
    title, form_cls = STEPS[step]
    initial = _form_data(step, organisation, business)
    hide_secrets = step == "owner" and not current_user.has_role(Role.ADMIN)
    if hide_secrets:
        initial.pop("owner_nik", None)
        initial.pop("owner_phone", None)
    form = form_cls(data=initial)
    if hide_secrets:
        form.keep_stored_secrets(business.owner_nik, business.owner_phone)
    if form.validate_on_submit():
        data = form.data_for_service() if hasattr(form, "data_for_service") else dict(form.data)
        if hide_secrets:
            data = {k: v for k, v in data.items() if k not in ("owner_nik", "owner_phone") or v}
        try:
            changed = services.update_profile(acting_user(), business, step, data)
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Saved.") if changed else _("Nothing changed."), "success")
            if business.status == VerificationStatus.RECHECK and changed:
                flash(
                    _(
                        "Your changes will be re-checked by the Dinas. Your business stays "
                        "verified in the meantime."
                    ),
                    "info",
                )
            order = list(STEPS)
            following = order[order.index(step) + 1] if step != order[-1] else None
            if following and request.form.get("next") == "1":
                return redirect(
                    url_for("registry.edit_step", step=following, **org_args(organisation))
                )
            return redirect(url_for("registry.profile", **org_args(organisation)))
    judgement = services.judge(business) if step == "scale" else None
    return render_template(
        "registry/step.html",
        form=form,
        step=step,
        steps=STEPS,
        title=title,
        organisation=organisation,
        business=business,
        judgement=judgement,
        is_last=step == list(STEPS)[-1],
        args=org_args(organisation),
    ), form_status(form)


@bp.route("/my-business/submit", methods=["POST"])
@role_required(Role.SELLER, Role.ADMIN)
def submit():
    organisation = business_in_context()
    business = services.profile_for(organisation, create=True)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        services.submit(acting_user(), business)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "danger")
    else:
        db.session.commit()
        flash(
            _("Submitted. The Dinas will check your data; you will be notified of the decision."),
            "success",
        )
    return redirect(url_for("registry.profile", **org_args(organisation)))


# --- documents ------------------------------------------------------------------------------


@bp.route("/my-business/documents", methods=["POST"])
@role_required(Role.SELLER, Role.ADMIN)
def upload_document():
    organisation = business_in_context()
    form = forms.DocumentForm()
    if form.validate_on_submit():
        try:
            services.upload_document(
                acting_user(), organisation, DocumentKind(form.kind.data), form.file.data
            )
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "danger")
        else:
            db.session.commit()
            flash(_("The document was uploaded."), "success")
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(str(message), "danger")
    return redirect(url_for("registry.profile", **org_args(organisation)) + "#documents")


def _document_or_404(document_id: int) -> Document:
    document = db.session.get(Document, document_id)
    if document is None:
        abort(404)
    return document


@bp.route("/documents/<int:document_id>")
@login_required
def document(document_id: int):
    document = _document_or_404(document_id)
    if not services.can_read_document(current_user, document):
        abort(403)
    path = path_of(document.stored_name)
    if not path.exists():
        abort(404)
    response = send_file(
        path,
        mimetype=document.content_type,
        download_name=document.original_name,
        as_attachment=document.content_type == "application/pdf",
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/documents/<int:document_id>/delete", methods=["POST"])
@role_required(Role.SELLER, Role.ADMIN)
def delete_document(document_id: int):
    document = _document_or_404(document_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    organisation = document.organisation
    try:
        services.delete_document(acting_user(), document)
    except DomainError as error:
        db.session.rollback()
        abort(error.status_code)
    db.session.commit()
    flash(_("The document was deleted."), "success")
    return redirect(url_for("registry.profile", **org_args(organisation)) + "#documents")


# --- certificates ---------------------------------------------------------------------------


@bp.route("/my-business/certificates", methods=["GET", "POST"])
@role_required(Role.SELLER, Role.ADMIN)
def certificates():
    organisation = business_in_context()
    form = forms.CertificateForm()
    if form.validate_on_submit():
        try:
            services.add_certificate(
                acting_user(),
                organisation,
                kind=CertificateKind(form.kind.data),
                number=form.number.data,
                issuer=form.issuer.data,
                issued_on=form.issued_on.data,
                expires_on=form.expires_on.data,
                standard_verified=form.standard_verified.data,
                file_storage=form.file.data,
            )
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The certificate was added."), "success")
            return redirect(url_for("registry.certificates", **org_args(organisation)))
    return render_template(
        "registry/certificates.html",
        form=form,
        organisation=organisation,
        certificates=services.certificates(organisation.id),
        args=org_args(organisation),
        halal_years=current_app.config["HALAL_VALIDITY_YEARS"],
    ), form_status(form)


@bp.route("/certificates/<int:certificate_id>/delete", methods=["POST"])
@role_required(Role.SELLER, Role.ADMIN)
def delete_certificate(certificate_id: int):
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    organisation = certificate.organisation
    try:
        services.delete_certificate(acting_user(), certificate)
    except DomainError as error:
        db.session.rollback()
        abort(error.status_code)
    db.session.commit()
    flash(_("The certificate was deleted."), "success")
    return redirect(url_for("registry.certificates", **org_args(organisation)))


# --- the Dinas: queue, review, decisions, development, assisted registration -----------------


@bp.route("/admin/registry/queue")
@role_required(Role.ADMIN)
def queue():
    return _listing(
        "registry/queue.html",
        [VerificationStatus.SUBMITTED, VerificationStatus.RECHECK],
        oldest_first=True,
    )


@bp.route("/admin/registry/businesses")
@role_required(Role.ADMIN)
def businesses():
    status = request.args.get("status", "")
    statuses = [VerificationStatus(status)] if status in set(VerificationStatus) else None
    return _listing("registry/businesses.html", statuses, oldest_first=False)


def _listing(template: str, statuses, *, oldest_first: bool):
    query = select(BusinessProfile).join(Organisation)
    if statuses:
        query = query.where(BusinessProfile.status.in_(statuses))
    kecamatan_code = request.args.get("kecamatan", "")
    if kecamatan_code:
        query = query.where(Organisation.kecamatan_code == kecamatan_code)
    q = (request.args.get("q") or "").strip()
    if q:
        query = query.where(
            or_(
                Organisation.name.ilike(f"%{q}%"),
                BusinessProfile.owner_name.ilike(f"%{q}%"),
                BusinessProfile.nib == q,
            )
        )
    order = BusinessProfile.submitted_at if oldest_first else Organisation.name
    page = db.paginate(
        query.order_by(order, BusinessProfile.id),
        page=page_arg(),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )
    return render_template(
        template,
        page=page,
        q=q,
        kecamatan_code=kecamatan_code,
        kecamatan_list=kecamatan_choices(),
        statuses=STATUS_LABELS,
        status=request.args.get("status", ""),
    )


def _profile_or_404(profile_id: int) -> BusinessProfile:
    business = db.session.get(BusinessProfile, profile_id)
    if business is None:
        abort(404)
    return business


def _review(business: BusinessProfile, decision_form=None, development_form=None):
    notes = business.development_notes or {}
    development_form = development_form or forms.DevelopmentForm(
        data={
            "approach": business.development_approach,
            "group": business.development_group,
            "level": business.development_level,
            **notes,
        }
    )
    return render_template(
        "registry/review.html",
        business=business,
        organisation=business.organisation,
        judgement=services.judge(business),
        checklist=services.checklist(business),
        missing=services.missing_for_submission(business),
        certificates=services.certificates(business.organisation_id),
        documents=services.documents(business.organisation_id),
        decision_form=decision_form or forms.DecisionForm(),
        development_form=development_form,
        aspects=forms.ASPECTS,
    )


@bp.route("/admin/registry/businesses/<int:profile_id>")
@role_required(Role.ADMIN)
def review(profile_id: int):
    return _review(_profile_or_404(profile_id))


@bp.route("/admin/registry/businesses/<int:profile_id>/decide", methods=["POST"])
@role_required(Role.ADMIN)
def decide(profile_id: int):
    business = _profile_or_404(profile_id)
    form = forms.DecisionForm()
    if form.validate_on_submit():
        try:
            services.decide(acting_user(), business, Action(form.action.data), form.reason.data)
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Decision recorded and the business notified."), "success")
            return redirect(url_for("registry.queue"))
    return _review(business, decision_form=form), 422


@bp.route("/admin/registry/businesses/<int:profile_id>/development", methods=["POST"])
@role_required(Role.ADMIN)
def development(profile_id: int):
    business = _profile_or_404(profile_id)
    form = forms.DevelopmentForm()
    if form.validate_on_submit():
        services.set_development(
            acting_user(),
            business,
            approach=form.approach.data or None,
            group=form.group.data,
            level=form.level.data or None,
            notes={key: getattr(form, key).data for key in forms.ASPECTS},
        )
        db.session.commit()
        flash(_("Development classification saved."), "success")
        return redirect(url_for("registry.review", profile_id=profile_id) + "#development")
    return _review(business, development_form=form), 422


@bp.route("/admin/registry/assisted", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def assisted():
    form = forms.AssistedRegistrationForm()
    if form.validate_on_submit():
        try:
            user, business, link = services.assisted_register(
                acting_user(),
                owner_name=form.owner_name.data,
                email=form.email.data,
                phone=form.phone.data,
                business_name=form.business_name.data,
                kecamatan_code=form.kecamatan_code.data,
            )
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            return render_template(
                "registry/activation.html", user=user, business=business, link=link
            )
    return render_template("registry/assisted.html", form=form), form_status(form)
