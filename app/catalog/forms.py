"""Forms of the seller's catalogue and the Dinas's review."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.accounts.forms import REQUIRED
from app.businesses.forms import RupiahField
from app.catalog import rules
from app.forms import BaseForm

UNITS = ("pcs", "buah", "paket", "kg", "gram", "liter", "lusin", "kodi", "porsi", "box",
         "rim", "lembar", "meter", "set", "pasang", "jam", "hari", "orang", "kegiatan")  # fmt: skip


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ProductForm(BaseForm):
    name = StringField(
        _l("Product name"),
        [DataRequired(REQUIRED), Length(max=200)],
        description=_l("What buyers search for: the kind of product, variant and size."),
    )
    category_id = SelectField(_l("Category"), coerce=int, validators=[InputRequired(REQUIRED)])
    description = TextAreaField(_l("Description"), [Optional(), Length(max=rules.MAX_DESCRIPTION)])
    price = RupiahField(
        _l("Price per unit (Rp)"),
        [InputRequired(REQUIRED), NumberRange(min=1, max=rules.MAX_PRICE)],
    )
    unit = StringField(
        _l("Unit"),
        [DataRequired(REQUIRED), Length(max=30)],
        default="pcs",
        render_kw={"list": "units", "autocomplete": "off"},
        description=_l("e.g. pcs, paket, kg, porsi, rim, meter, kegiatan."),
    )
    stock = IntegerField(
        _l("Stock"),
        [InputRequired(REQUIRED), NumberRange(min=0, max=rules.MAX_QUANTITY)],
        default=0,
        render_kw={"inputmode": "numeric", "min": 0},
    )
    min_order = IntegerField(
        _l("Minimum order"),
        [InputRequired(REQUIRED), NumberRange(min=1, max=rules.MAX_QUANTITY)],
        default=1,
        render_kw={"inputmode": "numeric", "min": 1},
    )
    lead_time_days = IntegerField(
        _l("Lead time (days)"),
        [InputRequired(REQUIRED), NumberRange(min=0, max=rules.MAX_LEAD_TIME_DAYS)],
        default=1,
        render_kw={"inputmode": "numeric", "min": 0},
        description=_l("Days needed to prepare an order before it is sent."),
    )
    weight_grams = IntegerField(
        _l("Weight (grams, optional)"),
        [Optional(), NumberRange(min=0, max=rules.MAX_WEIGHT_GRAMS)],
        render_kw={"inputmode": "numeric", "min": 0},
    )
    is_pdn = BooleanField(_l("Domestic product (PDN, made in Indonesia)"), default=True)
    links = TextAreaField(
        _l("The same product on other marketplaces (optional)"),
        [Optional(), Length(max=rules.MAX_LINKS * 510)],
        description=_l("One address per line, e.g. your Tokopedia or Shopee listing."),
        render_kw={"rows": 3, "inputmode": "url"},
    )
    certificate_ids = MultiCheckboxField(
        _l("Certificates that apply to this product"), coerce=int, validators=[Optional()]
    )
    version = HiddenField()

    def data_for_service(self) -> dict:
        data = {name: getattr(self, name).data for name in rules.FIELDS}
        data["description"] = self.description.data or ""
        data["links"] = [line for line in (self.links.data or "").splitlines() if line.strip()]
        data["certificate_ids"] = list(self.certificate_ids.data or [])
        return data

    def submitted_version(self) -> int | None:
        try:
            return int(self.version.data)
        except (TypeError, ValueError):
            return None


class StockForm(BaseForm):
    stock = IntegerField(
        _l("Stock"),
        [InputRequired(REQUIRED), NumberRange(min=0, max=rules.MAX_QUANTITY)],
        render_kw={"inputmode": "numeric", "min": 0},
    )


class PhotoForm(BaseForm):
    photo = FileField(_l("Photo"), [DataRequired(_l("Choose a photo to upload."))])


class ImportForm(BaseForm):
    file = FileField(_l("CSV file"), [DataRequired(_l("Choose a file to upload."))])


class RejectForm(BaseForm):
    reason = TextAreaField(
        _l("Reason for rejection"),
        [
            DataRequired(_l("Give the reason, so that the seller knows what to correct.")),
            Length(max=2000),
        ],
        render_kw={"rows": 2},
    )
