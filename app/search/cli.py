"""`flask search ...`: apply queued changes, rebuild the index, measure it."""

import click
from flask import current_app
from flask.cli import AppGroup

from app import search
from app.extensions import db
from app.search.documents import count_visible

search_cli = AppGroup("search", help="Search index: sync, reindex, benchmark.")


@search_cli.command("sync")
def sync_command() -> None:
    """Apply the changes waiting in search_changes (after a crash, or from a timer)."""
    applied = search.sync()
    click.echo(
        f"Applied {applied} queued change(s) to the {current_app.config['SEARCH_BACKEND']} index."
    )


@search_cli.command("reindex")
def reindex_command() -> None:
    """Rebuild the whole index from the database."""
    total = count_visible(db.session)
    db.session.rollback()  # counted; the rebuild reads in its own session
    with click.progressbar(length=total, label="Indexing products") as bar:
        count = search.reindex(progress=bar.update)
    click.echo(f"Indexed {count} product(s) ({current_app.config['SEARCH_BACKEND']}).")


@search_cli.command("bench")
@click.option("--products", "n_products", type=int, required=True, help="Products wanted.")
@click.option("--queries", "n_queries", type=int, default=200, show_default=True)
@click.option(
    "--backend",
    "backends",
    type=click.Choice(["whoosh", "postgres", "both"]),
    default="both",
    show_default=True,
)
def bench_command(n_products: int, n_queries: int, backends: str) -> None:
    """Generate products up to N if fewer exist, reindex, and time searches and suggestions."""
    from app.search import bench

    bench.run(n_products, n_queries, backends, echo=click.echo)
