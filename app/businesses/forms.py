"""Forms of the business profile (one per step), documents, certificates and Dinas decisions."""

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    Field,
    FloatField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import TextInput

from app.accounts.forms import PHONE, REQUIRED
from app.businesses.labels import (
    APPROACH_LABELS,
    CERTIFICATE_LABELS,
    DOCUMENT_LABELS,
    LEGAL_FORM_LABELS,
    LEVEL_LABELS,
    RISK_LABELS,
)
from app.businesses.models import (
    DocumentKind,
)
from app.businesses.workflow import Action
from app.formatting import mask
from app.forms import BaseForm, EmailAddress, choices
from app.regions import kecamatan_choices

ASPECTS = {
    "design_production": _l("Design, production and processing"),
    "marketing": _l("Marketing (market potential)"),
    "human_resources": _l("Human resources"),
    "technology": _l("Technology"),
}


def _enum_choices(labels, blank=True):
    pairs = [(member.value, label) for member, label in labels.items()]
    return choices([("", _l("— choose —")), *pairs] if blank else pairs)


DIGITS = re.compile(r"\D")


class RupiahField(Field):
    """Whole rupiah, typed as a person writes it: '1.250.000', 'Rp 1.250.000' or '1250000'."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "numeric", "autocomplete": "off"})
        super().__init__(label, validators, **kwargs)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return f"{self.data:,}".replace(",", ".") if self.data is not None else ""

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or not valuelist[0].strip():
            return
        text = valuelist[0].strip().lower().removeprefix("rp").strip()
        if "," in text and text.rsplit(",", 1)[1].strip("0"):
            raise ValueError(_l("Enter whole rupiah, without cents."))
        text = text.split(",", 1)[0]
        if not re.fullmatch(r"[\d. ]+", text):
            raise ValueError(_l("Enter an amount in rupiah, e.g. 25.000.000."))
        self.data = int(DIGITS.sub("", text))
        if self.data > 10**15:
            raise ValueError(_l("This amount is too large."))


class MonthField(StringField):
    """A month as YYYY-MM (an <input type=month>), kept as the first day of that month."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"type": "month", "placeholder": "2020-01"})
        super().__init__(label, validators, **kwargs)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return self.data.strftime("%Y-%m") if isinstance(self.data, date) else ""

    def process_formdata(self, valuelist):
        self.data = None
        if valuelist and valuelist[0].strip():
            match = re.fullmatch(r"(\d{4})-(\d{1,2})", valuelist[0].strip())
            if not match or not 1 <= int(match.group(2)) <= 12:
                raise ValueError(_l("Enter the month as year and month, e.g. 2020-01."))
            self.data = date(int(match.group(1)), int(match.group(2)), 1)


def _not_in_future(form, field):
    if field.data and field.data > date.today():
        raise ValidationError(_l("This date is in the future."))


def _parse_kbli(text: str) -> list[str]:
    return [code for code in re.split(r"[\s,;]+", text or "") if code]


def _kbli_codes(form, field):
    codes = _parse_kbli(field.data)
    if not codes:
        raise ValidationError(_l("Enter at least one KBLI code."))
    bad = [code for code in codes if not re.fullmatch(r"\d{5}", code)]
    if bad:
        raise ValidationError(_l("A KBLI 2020 code has 5 digits: %(codes)s", codes=", ".join(bad)))


class OwnerForm(BaseForm):
    owner_name = StringField(_l("Owner's full name"), [DataRequired(REQUIRED), Length(max=120)])
    owner_nik = StringField(
        _l("NIK (national identity number)"),
        [DataRequired(REQUIRED), Regexp(r"^\d{16}$", message=_l("A NIK has exactly 16 digits."))],
        render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": 16},
        description=_l("Kept confidential: shown masked everywhere except to the Dinas."),
    )
    owner_phone = StringField(
        _l("Owner's mobile phone"),
        [DataRequired(REQUIRED), PHONE],
        render_kw={"inputmode": "tel", "autocomplete": "tel"},
    )
    owner_email = EmailField(
        _l("Owner's email (optional)"),
        [Optional(), EmailAddress(_l("Enter a valid email address."))],
    )

    def keep_stored_secrets(self, nik: str | None, phone: str | None) -> None:
        """Personal data is never sent back to the browser: a stored NIK or phone shows masked,
        and an empty field keeps it."""
        for field, stored in ((self.owner_nik, nik), (self.owner_phone, phone)):
            if not stored:
                continue
            field.validators = [Optional(), *field.validators[1:]]
            field.flags.required = False
            field.render_kw = {**(field.render_kw or {}), "placeholder": mask(stored)}
            field.description = _l(
                "Stored as %(masked)s. Leave empty to keep it.", masked=mask(stored)
            )


class BusinessForm(BaseForm):
    name = StringField(_l("Business name"), [DataRequired(REQUIRED), Length(max=200)])
    legal_form = SelectField(
        _l("Legal form"), [DataRequired(REQUIRED)], choices=_enum_choices(LEGAL_FORM_LABELS)
    )
    main_activity = StringField(
        _l("Main activity"),
        [DataRequired(REQUIRED), Length(max=200)],
        description=_l("E.g. making cassava chips."),
    )
    main_product = StringField(_l("Main product"), [DataRequired(REQUIRED), Length(max=200)])
    kbli = StringField(
        _l("KBLI 2020 code(s)"),
        [DataRequired(REQUIRED), _kbli_codes],
        description=_l("5 digits each, separated by commas, e.g. 10794, 10221."),
        render_kw={"inputmode": "numeric"},
    )
    started_on = MonthField(
        _l("Started (month and year)"), [DataRequired(REQUIRED), _not_in_future]
    )
    kecamatan_code = SelectField(
        _l("Kecamatan"),
        [DataRequired(REQUIRED)],
        choices=choices([("", _l("— choose —")), *kecamatan_choices()]),
    )
    village = StringField(_l("Desa/kelurahan"), [DataRequired(REQUIRED), Length(max=100)])
    street = StringField(_l("Street, number, RT/RW"), [DataRequired(REQUIRED), Length(max=300)])
    latitude = FloatField(
        _l("Latitude (optional)"),
        [Optional(), NumberRange(-11, 6)],
        render_kw={"inputmode": "decimal"},
    )
    longitude = FloatField(
        _l("Longitude (optional)"),
        [Optional(), NumberRange(95, 141)],
        render_kw={"inputmode": "decimal"},
    )

    def data_for_service(self) -> dict:
        data = dict(self.data)
        data["kbli"] = _parse_kbli(self.kbli.data)
        return data


def _count(label):
    return IntegerField(
        label,
        [InputRequired(REQUIRED), NumberRange(0, 100_000)],
        default=0,
        render_kw={"inputmode": "numeric", "min": 0},
    )


class OperationsForm(BaseForm):
    workers_paid_female = _count(_l("Paid workers, female"))
    workers_paid_male = _count(_l("Paid workers, male"))
    workers_unpaid_female = _count(_l("Unpaid workers (e.g. family), female"))
    workers_unpaid_male = _count(_l("Unpaid workers (e.g. family), male"))
    bank_name = StringField(_l("Bank"), [Optional(), Length(max=80)])
    bank_account_number = StringField(
        _l("Account number"),
        [Optional(), Regexp(r"^\d{5,30}$", message=_l("Digits only."))],
        render_kw={"inputmode": "numeric"},
    )
    bank_account_name = StringField(_l("Account holder"), [Optional(), Length(max=120)])
    is_pkp = BooleanField(_l("The business is VAT-registered (PKP)"))
    npwp = StringField(
        _l("NPWP"),
        [Optional(), Regexp(r"^\d{15,16}$", message=_l("An NPWP has 15 or 16 digits."))],
        render_kw={"inputmode": "numeric"},
        description=_l("Required when the business is PKP."),
    )

    def validate_npwp(self, field):
        if self.is_pkp.data and not field.data:
            raise ValidationError(_l("A PKP business must give its NPWP."))


class ScaleForm(BaseForm):
    capital = RupiahField(
        _l("Business capital, without land and buildings (Rp)"), [InputRequired(REQUIRED)]
    )
    annual_sales = RupiahField(_l("Annual sales (Rp)"), [InputRequired(REQUIRED)])
    assets = RupiahField(_l("Total assets (Rp, optional)"), [Optional()])


class LicenceForm(BaseForm):
    nib = StringField(
        _l("NIB (business identification number)"),
        [Optional(), Regexp(r"^\d{13}$", message=_l("A NIB has exactly 13 digits."))],
        render_kw={"inputmode": "numeric", "maxlength": 13},
        description=_l(
            "Leave empty if the business has no NIB yet; then upload a village-head "
            "business letter."
        ),
    )
    nib_issued_on = DateField(_l("NIB issue date"), [Optional(), _not_in_future])
    risk_level = SelectField(
        _l("Risk level of the activity"),
        [DataRequired(REQUIRED)],
        choices=_enum_choices(RISK_LABELS),
    )

    def validate_nib_issued_on(self, field):
        if self.nib.data and not field.data:
            raise ValidationError(_l("Give the date the NIB was issued."))


class DocumentForm(BaseForm):
    kind = SelectField(
        _l("Document"),
        [DataRequired(REQUIRED)],
        choices=choices(
            [
                (k.value, DOCUMENT_LABELS[k])
                for k in (DocumentKind.NIB, DocumentKind.VILLAGE_LETTER, DocumentKind.OTHER)
            ]
        ),
    )
    file = FileField(_l("File (PDF, JPG or PNG)"), render_kw={"accept": ".pdf,image/*"})


class CertificateForm(BaseForm):
    kind = SelectField(
        _l("Certificate"), [DataRequired(REQUIRED)], choices=_enum_choices(CERTIFICATE_LABELS)
    )
    number = StringField(_l("Number"), [DataRequired(REQUIRED), Length(max=80)])
    issuer = StringField(_l("Issued by"), [Optional(), Length(max=120)])
    issued_on = DateField(_l("Issue date"), [DataRequired(REQUIRED)])
    expires_on = DateField(_l("Valid until (leave empty if without end)"), [Optional()])
    standard_verified = BooleanField(_l("Verified by the authority (standard certificates)"))
    file = FileField(_l("Scan of the certificate (optional)"), render_kw={"accept": ".pdf,image/*"})


class DecisionForm(BaseForm):
    action = RadioField(
        _l("Decision"),
        [DataRequired(REQUIRED)],
        choices=choices(
            [
                (Action.VERIFY.value, _l("Verify: the business becomes a Dinas binaan")),
                (Action.REQUEST_CORRECTION.value, _l("Ask for a correction")),
                (Action.REJECT.value, _l("Reject")),
            ]
        ),
    )
    reason = TextAreaField(
        _l("Reason (required to ask for a correction or to reject)"), [Optional(), Length(max=2000)]
    )


class DevelopmentForm(BaseForm):
    approach = SelectField(
        _l("Development approach"), [Optional()], choices=_enum_choices(APPROACH_LABELS)
    )
    group = StringField(
        _l("Name of the sentra, klaster or kelompok"), [Optional(), Length(max=120)]
    )
    level = SelectField(_l("Development level"), [Optional()], choices=_enum_choices(LEVEL_LABELS))
    design_production = TextAreaField(ASPECTS["design_production"], [Optional(), Length(max=1000)])
    marketing = TextAreaField(ASPECTS["marketing"], [Optional(), Length(max=1000)])
    human_resources = TextAreaField(ASPECTS["human_resources"], [Optional(), Length(max=1000)])
    technology = TextAreaField(ASPECTS["technology"], [Optional(), Length(max=1000)])


class AssistedRegistrationForm(BaseForm):
    owner_name = StringField(_l("Owner's full name"), [DataRequired(REQUIRED), Length(max=120)])
    email = EmailField(
        _l("Owner's email"),
        [DataRequired(REQUIRED), EmailAddress(_l("Enter a valid email address."))],
        description=_l("The activation link is sent here; you can also print it."),
    )
    phone = StringField(_l("Owner's mobile phone"), [DataRequired(REQUIRED), PHONE])
    business_name = StringField(_l("Business name"), [DataRequired(REQUIRED), Length(max=200)])
    kecamatan_code = SelectField(
        _l("Kecamatan"),
        [DataRequired(REQUIRED)],
        choices=choices([("", _l("— choose —")), *kecamatan_choices()]),
    )
