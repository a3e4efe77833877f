"""The base form: WTForms' own messages go through our translation catalogue.

WTForms ships no Indonesian messages, so the ones our fields can produce are marked here
for extraction and translated in translations/id like every other string.
"""

import flask_babel
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as _ln
from flask_wtf import FlaskForm
from wtforms import SelectChoice
from wtforms.validators import ValidationError

WTFORMS_MESSAGES = (
    _l("Not a valid choice."),
    _l("Not a valid integer value."),
    _l("Not a valid decimal value."),
    _l("Not a valid float value."),
    _l("Not a valid date value."),
    _l("Not a valid datetime value."),
    _l("Invalid email address."),
    _l("This field is required."),
    _l("Field must be equal to %(other_name)s."),
    _ln(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
        1,
    ),
    _ln(
        "Field must be at most %(max)d character long.",
        "Field must be at most %(max)d characters long.",
        1,
    ),
    _l("Field must be between %(min)d and %(max)d characters long."),
    _l("Number must be at least %(min)s."),
    _l("Number must be at most %(max)s."),
    _l("Number must be between %(min)s and %(max)s."),
    _l("Invalid input."),
)


def choices(pairs) -> list[SelectChoice]:
    """SelectField choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class EmailAddress:
    """A syntactically valid address (no DNS look-up), normalised to lower case.

    `.test` addresses are accepted: the demo accounts use them and they can never be delivered.
    """

    def __init__(self, message=None):
        self.message = message

    def __call__(self, form, field):
        try:
            result = validate_email(
                field.data or "", check_deliverability=False, test_environment=True
            )
        except EmailNotValidError as error:
            raise ValidationError(self.message or _l("Invalid email address.")) from error
        field.data = result.normalized.lower()


class _BabelTranslations:
    # WTForms formats the message itself, so the raw catalogue lookups are used here.
    def gettext(self, string):
        return flask_babel.get_translations().gettext(string)

    def ngettext(self, singular, plural, n):
        return flask_babel.get_translations().ngettext(singular, plural, n)


class BaseForm(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _BabelTranslations()
