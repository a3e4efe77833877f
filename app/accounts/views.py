"""Login, logout, registration, passwords and invitations."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.accounts import services, tokens
from app.accounts.forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    LoginForm,
    SellerRegistrationForm,
    SetPasswordForm,
    SupplierRegistrationForm,
)
from app.accounts.models import OrgKind
from app.errors import DomainError
from app.extensions import db, limiter
from app.web import acting_user, form_status, safe_next, show_domain_error

bp = Blueprint("auth", __name__)


def _login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except services.LoginRefused as error:
            db.session.commit()  # keep the failed-attempt counter
            form.password.errors = [*form.password.errors, error.message]
        else:
            login_user(user, remember=form.remember.data)
            db.session.commit()
            flash(_("Welcome, %(name)s.", name=user.name), "success")
            return redirect(safe_next(request.args.get("next")))
    return render_template("accounts/login.html", form=form), form_status(form)


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("main.home"))


@bp.route("/register")
def register():
    return render_template("accounts/register_choice.html")


def _register(form_cls, kind: OrgKind, template: str):
    if current_user.is_authenticated:
        flash(_("You are already logged in."), "info")
        return redirect(url_for("main.dashboard"))
    form = form_cls()
    if form.validate_on_submit():
        try:
            user = services.register_organisation_owner(
                kind=kind,
                name=form.name.data,
                email=form.email.data,
                password=form.password.data,
                organisation_name=form.organisation_name.data,
                kecamatan_code=form.kecamatan_code.data,
                phone=form.phone.data,
            )
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            login_user(user)
            flash(
                _(
                    "Your account is ready. "
                    "Your organisation is awaiting verification by the Dinas."
                ),
                "success",
            )
            return redirect(url_for("main.dashboard"))
    return render_template(template, form=form), form_status(form)


@bp.route("/register/seller", methods=["GET", "POST"])
def register_seller():
    return _register(
        SellerRegistrationForm, OrgKind.MICRO_BUSINESS, "accounts/register_seller.html"
    )


@bp.route("/register/supplier", methods=["GET", "POST"])
def register_supplier():
    return _register(SupplierRegistrationForm, OrgKind.SUPPLIER, "accounts/register_supplier.html")


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        flash(
            _(
                "If an account exists for that address, "
                "we have sent it a link to set a new password."
            ),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("accounts/forgot_password.html", form=form)


def _set_password(token: str, purpose: str, template: str, done_message: str):
    if tokens.user_for_token(token, purpose) is None:
        return render_template("accounts/bad_link.html"), 400
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            user = services.set_password_from_token(token, purpose, form.password.data)
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            logout_user()
            login_user(user)
            flash(done_message, "success")
            return redirect(url_for("main.dashboard"))
    return render_template(template, form=form), form_status(form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token):
    return _set_password(
        token,
        tokens.PASSWORD_RESET,
        "accounts/reset_password.html",
        _("Your password has been changed."),
    )


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token):
    return _set_password(
        token,
        tokens.INVITATION,
        "accounts/accept_invitation.html",
        _("Welcome! Your password is set and you are logged in."),
    )


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(acting_user(), form.current_password.data, form.password.data)
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            login_user(acting_user())  # token rotated; keep this session
            flash(
                _("Your password has been changed. Other devices have been logged out."), "success"
            )
            return redirect(url_for("main.dashboard"))
    return render_template("accounts/change_password.html", form=form), form_status(form)
