"""search: trigram index on product names (PostgreSQL only)

Typo-tolerant search falls back to pg_trgm word similarity on products.name when the full-text
query finds nothing. SQLite has no such extension; its deployments search with Whoosh.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 22:30:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# Not in the models (SQLAlchemy cannot describe an operator class portably); env.py and the
# schema test skip it by this name (app.search.schema.TRIGRAM_INDEX).
INDEX = "ix_products_name_trgm"


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON products USING gin (name gin_trgm_ops)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
    # The extension stays: other objects may use it, and it is harmless.
