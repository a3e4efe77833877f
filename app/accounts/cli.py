"""`flask accounts create-admin EMAIL`: the way into a fresh installation."""

import click
from flask import current_app
from flask.cli import AppGroup

from app.accounts import services
from app.extensions import db

accounts_cli = AppGroup("accounts", help="User accounts.")


@accounts_cli.command("create-admin")
@click.argument("email")
@click.option("--name", default="Administrator Dinas", show_default=True)
@click.password_option(help="Asked for when not given.")
def create_admin(email: str, name: str, password: str):
    """Create (or promote) a Dinas administrator."""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        raise click.BadParameter(
            f"the password needs at least {minimum} characters", param_hint="password"
        )
    if "@" not in email:
        raise click.BadParameter("not an email address", param_hint="EMAIL")
    user = services.create_admin(email, name, password)
    db.session.commit()
    click.echo(f"Administrator {user.email} is ready.")
