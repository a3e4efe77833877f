"""Public information pages and their editing by Dinas administrators."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from sqlalchemy import select
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.accounts.forms import REQUIRED
from app.accounts.models import Role
from app.accounts.permissions import role_required
from app.audit.services import record
from app.extensions import db
from app.forms import BaseForm
from app.pages.defaults import DEFAULTS
from app.pages.models import InfoPage
from app.web import acting_user, form_status

bp = Blueprint("pages", __name__, url_prefix="/info")


class PageForm(BaseForm):
    title = StringField(_l("Title"), [DataRequired(REQUIRED), Length(max=200)])
    body = TextAreaField(
        _l("Text"),
        [DataRequired(REQUIRED), Length(max=20000)],
        description=_l(
            'A blank line starts a new paragraph; "- " starts a list item; "## " starts a heading.'
        ),
    )


def page_content(slug: str, locale: str) -> tuple[str, str, InfoPage | None]:
    stored = db.session.scalar(
        select(InfoPage).where(InfoPage.slug == slug, InfoPage.locale == locale)
    )
    if stored is not None:
        return stored.title, stored.body, stored
    title, body = DEFAULTS[slug][locale]
    return title, body, None


def to_html(text: str) -> Markup:
    """Paragraphs, lists and headings from plain text; everything else is escaped."""
    blocks = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        items = [line[2:] for line in lines if line.startswith("- ")]
        heading = [line[3:] for line in lines if line.startswith("## ")]
        rest = [line for line in lines if not line.startswith(("- ", "## "))]
        for h in heading:
            blocks.append(Markup("<h2 class='h5 mt-4'>{}</h2>").format(h))
        if rest:
            blocks.append(Markup("<p>{}</p>").format(" ".join(rest)))
        if items:
            blocks.append(
                Markup("<ul>")
                + Markup("").join(Markup("<li>{}</li>").format(item) for item in items)
                + Markup("</ul>")
            )
    return Markup("\n").join(blocks) if blocks else escape("")


@bp.route("/<slug>")
def show(slug: str):
    if slug not in DEFAULTS:
        abort(404)
    title, body, stored = page_content(slug, str(get_locale()))
    return render_template(
        "pages/show.html", slug=slug, title=title, html=to_html(body), stored=stored
    )


@bp.route("/<slug>/edit/<locale>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit(slug: str, locale: str):
    if slug not in DEFAULTS or locale not in current_app.config["LANGUAGES"]:
        abort(404)
    title, body, stored = page_content(slug, locale)
    form = PageForm(data={"title": title, "body": body})
    if form.validate_on_submit():
        if stored is None:
            stored = InfoPage(slug=slug, locale=locale)
            db.session.add(stored)
        before = {"title": title, "body": body}
        stored.title = form.title.data.strip()
        stored.body = form.body.data.strip()
        stored.updated_by_id = acting_user().id
        db.session.flush()
        record(
            acting_user(),
            "info_page.updated",
            stored,
            slug=slug,
            locale=locale,
            before=before,
            after={"title": stored.title, "body": stored.body},
        )
        db.session.commit()
        flash(_("The page is updated."), "success")
        return redirect(url_for("pages.show", slug=slug))
    return render_template(
        "pages/edit.html",
        form=form,
        slug=slug,
        locale=locale,
        preview=to_html(form.body.data or ""),
    ), form_status(form)
