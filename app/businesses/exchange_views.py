"""The yearly delivery as a download for the Dinas, and the public data standard page."""

import io

from flask import Blueprint, render_template, request, send_file
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from wtforms import RadioField, SelectField
from wtforms.validators import InputRequired

from app.accounts.models import Organisation, OrgKind, Role
from app.accounts.permissions import gate_blueprint
from app.audit.services import record
from app.businesses import datastandard, exchange
from app.extensions import db
from app.forms import BaseForm, choices
from app.web import acting_user, form_status

bp = Blueprint("exchange", __name__, url_prefix="/admin/registry")
gate_blueprint(bp, Role.ADMIN)

public_bp = Blueprint("data_standard", __name__)

FORMAT_LABELS = {
    "csv": _l("CSV (UTF-8), for the Ministry and for re-import"),
    "xlsx": _l("Excel workbook, with the data dictionary"),
    "json": _l("JSON"),
}


class ExportForm(BaseForm):
    class Meta:
        csrf = False  # a download is a read, sent with GET

    year = SelectField(_l("Data year"), [InputRequired()], coerce=int)
    format = RadioField(
        _l("Format"),
        [InputRequired()],
        choices=choices(FORMAT_LABELS.items()),
        default="csv",
    )


def _years() -> list[int]:
    first = db.session.scalar(
        select(func.min(Organisation.created_at)).where(Organisation.kind == OrgKind.MICRO_BUSINESS)
    )
    this_year = exchange.today().year
    start = exchange.local_date(first).year if first else this_year
    return list(range(this_year, min(start, this_year) - 1, -1))


@bp.route("/export")
def export():
    years = _years()
    form = ExportForm(formdata=request.args or None)
    form.year.choices = choices((year, str(year)) for year in years)
    if request.args and form.validate():
        year, fmt = form.year.data, form.format.data
        rows = exchange.export_rows(year)
        content = exchange.render(rows, fmt, year)
        # Personal data leaves the system here: who took which delivery is kept on record.
        actor = acting_user()
        record(actor, "registry.exported", actor, year=year, format=fmt, businesses=len(rows))
        db.session.commit()
        return send_file(
            io.BytesIO(content),
            mimetype=exchange.FORMATS[fmt][0],
            as_attachment=True,
            download_name=exchange.file_name(year, fmt),
        )
    counts = {year: exchange.count_for_year(year) for year in years[:5]}
    return render_template("exchange/export.html", form=form, counts=counts), form_status(form)


@public_bp.route("/data-standard")
def index():
    return render_template(
        "exchange/data_standard.html",
        groups=datastandard.groups(),
        group_labels=datastandard.GROUP_LABELS,
        standard=datastandard,
    )
