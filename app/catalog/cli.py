"""`flask catalog seed-categories` and `flask catalog import FILE --business ID`."""

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale
from flask_babel import gettext as _

from app.accounts.models import Organisation, OrgKind
from app.catalog import csv_import
from app.catalog.taxonomy import ensure_categories
from app.errors import DomainError
from app.extensions import db

catalog_cli = AppGroup("catalog", help="The product catalogue: categories, CSV import.")


def _locale():
    # No request in the CLI: texts in the interface's default language (Indonesian).
    return force_locale(current_app.config["BABEL_DEFAULT_LOCALE"])


@catalog_cli.command("seed-categories")
def seed_categories():
    """Create or update the category tree (safe to run again)."""
    created = ensure_categories()
    db.session.commit()
    click.echo(f"{created} categories created.")


@catalog_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--business",
    "business_id",
    type=int,
    required=True,
    help="Id of the micro-business (organisation) that owns the products.",
)
@click.option("--dry-run", is_flag=True, help="Check every row and report, but save nothing.")
def import_(file: Path, business_id: int, dry_run: bool):
    """Import products from a CSV (our columns or a Tokopedia/Shopee export) as drafts.

    Bad rows are reported by line number; the good ones are imported all the same.
    Exits with status 1 when a row was refused.
    """
    with _locale():
        organisation = db.session.get(Organisation, business_id)
        if organisation is None or organisation.kind != OrgKind.MICRO_BUSINESS:
            raise click.ClickException(_("No micro-business with id %(id)s.", id=business_id))
        try:
            csv_file = csv_import.read_csv(file.read_bytes())
        except DomainError as error:
            raise click.ClickException(str(error.message)) from None
        if csv_file.ignored_columns:
            click.echo(
                _("Columns ignored: %(columns)s", columns=", ".join(csv_file.ignored_columns)),
                err=True,
            )
        with click.progressbar(
            csv_file.rows, label=_("Importing %(file)s", file=file.name), file=sys.stderr
        ) as rows:
            try:
                report = csv_import.import_rows(
                    None, organisation, csv_file, rows, source=file.name
                )
            except Exception:
                db.session.rollback()
                raise
        if dry_run:
            db.session.rollback()
        else:
            db.session.commit()
        for error in report.errors:
            label = _("Line %(line)s:", line=error.line)
            click.echo(f"{label} {error.reasons[0]}")
            for reason in error.reasons[1:]:
                click.echo(f"{' ' * len(label)} {reason}")
        summary = _(
            "%(created)s products created as drafts, %(refused)s rows refused.",
            created=report.created,
            refused=len(report.errors),
        )
        click.echo(
            _("Nothing saved (dry run): %(summary)s", summary=summary) if dry_run else summary
        )
    if report.errors:
        click.get_current_context().exit(1)
