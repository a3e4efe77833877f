"""Account forms. Labels and messages are translated lazily (rendered in the person's language)."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp, ValidationError

from app.forms import BaseForm, EmailAddress, choices
from app.regions import kecamatan_choices

REQUIRED = _l("This field is required.")


def _email_field(label=None, *, check: bool = True):
    validators = [DataRequired(REQUIRED), Length(max=254)]
    if check:
        validators.append(EmailAddress(_l("Enter a valid email address.")))
    return EmailField(
        label or _l("Email"),
        validators=validators,
        render_kw={"autocomplete": "email", "inputmode": "email"},
    )


def _password_strength(form, field):
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(field.data or "") < minimum:
        raise ValidationError(_l("The password needs at least %(n)s characters.", n=minimum))
    if len(field.data) > 128:
        raise ValidationError(_l("The password may have at most 128 characters."))
    if field.data.isdigit() or field.data.lower() == field.data.lower()[0] * len(field.data):
        raise ValidationError(_l("This password is too easy to guess."))


def _new_password_fields():
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(REQUIRED), _password_strength],
        render_kw={"autocomplete": "new-password"},
        description=_l("At least 10 characters."),
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(REQUIRED), EqualTo("password", _l("The passwords do not match."))],
        render_kw={"autocomplete": "new-password"},
    )
    return password, confirm


def _kecamatan_field(required: bool = True):
    return SelectField(
        _l("Kecamatan"),
        choices=choices([("", _l("— choose —")), *kecamatan_choices()]),
        validators=[DataRequired(REQUIRED)] if required else [Optional()],
    )


PHONE = Regexp(r"^\+?[0-9 ()-]{8,20}$", message=_l("Enter a phone number, e.g. 0812 3456 7890."))


class LoginForm(BaseForm):
    email = _email_field(check=False)  # any text: an unknown address is just a wrong login
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(REQUIRED)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Remember me on this device"))


class SellerRegistrationForm(BaseForm):
    name = StringField(
        _l("Your full name"),
        validators=[DataRequired(REQUIRED), Length(max=120)],
        render_kw={"autocomplete": "name"},
    )
    organisation_name = StringField(
        _l("Business name"),
        validators=[DataRequired(REQUIRED), Length(max=200)],
        render_kw={"autocomplete": "organization"},
    )
    kecamatan_code = _kecamatan_field()
    phone = StringField(
        _l("Mobile phone"),
        validators=[DataRequired(REQUIRED), PHONE],
        render_kw={"autocomplete": "tel", "inputmode": "tel"},
    )
    email = _email_field()
    password, confirm = _new_password_fields()
    agree = BooleanField(
        _l("I declare that the data I enter is true and may be verified by the Dinas."),
        validators=[DataRequired(_l("You must agree to continue."))],
    )


class SupplierRegistrationForm(SellerRegistrationForm):
    organisation_name = StringField(
        _l("Company name"),
        validators=[DataRequired(REQUIRED), Length(max=200)],
        render_kw={"autocomplete": "organization"},
    )


class ForgotPasswordForm(BaseForm):
    email = _email_field()


class SetPasswordForm(BaseForm):
    password, confirm = _new_password_fields()


class ChangePasswordForm(BaseForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(REQUIRED)],
        render_kw={"autocomplete": "current-password"},
    )
    password, confirm = _new_password_fields()


class AgencyForm(BaseForm):
    name = StringField(_l("Agency name"), validators=[DataRequired(REQUIRED), Length(max=200)])
    short_name = StringField(_l("Abbreviation"), validators=[Optional(), Length(max=40)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])
    kecamatan_code = _kecamatan_field(required=False)


class InviteForm(BaseForm):
    name = StringField(_l("Full name"), validators=[DataRequired(REQUIRED), Length(max=120)])
    email = _email_field()
    role = SelectField(_l("Role"), validators=[DataRequired(REQUIRED)])


class DeactivateForm(BaseForm):
    reason = TextAreaField(
        _l("Reason"),
        validators=[DataRequired(REQUIRED), Length(max=500)],
        description=_l("Kept in the audit log."),
    )


class ConfirmForm(BaseForm):
    """An empty form: a POST with a valid CSRF token, behind a confirmation step."""
