"""Database objects of search that the models do not describe (see migration 0004)."""

# GIN trigram index on products.name (PostgreSQL, pg_trgm), for typo-tolerant search.
TRIGRAM_INDEX = "ix_products_name_trgm"


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic filter: leave the trigram index alone when comparing models and database."""
    return not (type_ == "index" and name == TRIGRAM_INDEX and reflected)
