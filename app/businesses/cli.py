"""`flask registry export` (the yearly delivery of Pasal 15) and `flask registry import`."""

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale
from flask_babel import gettext as _

from app import search
from app.businesses import exchange, exchange_check, exchange_import
from app.errors import DomainError
from app.extensions import db

registry_cli = AppGroup("registry", help="The micro-business database: yearly delivery, import.")


def _locale():
    # No request in the CLI: texts in the interface's default language (Indonesian).
    return force_locale(current_app.config["BABEL_DEFAULT_LOCALE"])


@registry_cli.command("export")
@click.option(
    "--year",
    type=click.IntRange(2000, 2100),
    default=lambda: exchange.today().year,
    show_default="this year",
    help="Every business registered on or before 31 December of this year.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(exchange.FORMATS)),
    default="csv",
    show_default=True,
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write; csv and json go to standard output without it.",
)
def export(year: int, fmt: str, output: Path | None):
    """Write the yearly delivery of the micro-business database in the data standard."""
    if fmt == "xlsx" and output is None:
        raise click.UsageError("xlsx is a binary format: give --output FILE.")
    with _locale():
        rows = exchange.export_rows(year)
        content = exchange.render(rows, fmt, year)
    if output is None:
        click.echo(content.decode("utf-8"), nl=False)
    else:
        output.write_bytes(content)
        with _locale():
            message = _(
                "%(count)s businesses (%(year)s) written to %(file)s.",
                count=len(rows),
                year=year,
                file=str(output),
            )
        click.echo(message, err=True)


@registry_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every row and report, but save nothing.")
def import_(file: Path, dry_run: bool):
    """Import a CSV in the export's format: check each row, report the bad ones by line number,
    create or update the good ones (matched by NIB, else by NIK and business name).

    Exits with status 1 when a row was refused (the good rows are saved all the same).
    """
    with _locale():
        try:
            with file.open(encoding="utf-8-sig", newline="") as stream:
                csv_file = exchange_check.read_csv(stream)
        except DomainError as error:
            raise click.ClickException(str(error.message)) from None
        for warning in csv_file.warnings:
            click.echo(_("Warning: %(warning)s", warning=warning), err=True)

        with click.progressbar(
            csv_file.rows, label=_("Importing %(file)s", file=file.name), file=sys.stderr
        ) as rows:
            try:
                report = exchange_import.import_rows(csv_file, rows, source=file.name)
            except Exception:
                db.session.rollback()
                raise
        if dry_run:
            db.session.rollback()
        else:
            db.session.commit()
            search.sync()  # verified or deactivated businesses change what the catalogue shows

        for line, reasons in report.refused:
            label = _("Line %(line)s:", line=line)
            click.echo(f"{label} {reasons[0]}")
            for reason in reasons[1:]:
                click.echo(f"{' ' * len(label)} {reason}")
        summary = _(
            "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
            "%(refused)s refused.",
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            refused=len(report.refused),
        )
        click.echo(
            _("Nothing saved (dry run): %(summary)s", summary=summary) if dry_run else summary
        )
    if report.refused:
        click.get_current_context().exit(1)


@registry_cli.command("notify-expiring")
def notify_expiring():
    """Tell businesses whose certificates end soon (once per certificate; cron-friendly)."""
    from app.businesses.services import notify_expiring_certificates

    with _locale():
        told = notify_expiring_certificates()
        db.session.commit()
    click.echo(f"{told} certificate holders notified.")
