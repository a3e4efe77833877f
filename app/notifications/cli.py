"""`flask mail deliver`: send what waits in the outbox (e.g. from cron after an SMTP outage)."""

import click
from flask.cli import AppGroup

from app.notifications.services import deliver_pending, smtp_configured

mail_cli = AppGroup("mail", help="Email outbox.")


@mail_cli.command("deliver")
def deliver():
    """Send queued messages through the configured SMTP server."""
    if not smtp_configured():
        raise click.ClickException("MAIL_SERVER is not set; messages stay in the in-app outbox.")
    sent, failed = deliver_pending()
    click.echo(f"sent {sent}, failed {failed}")
