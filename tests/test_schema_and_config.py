"""Migrations agree with the models; configuration refuses unsafe production settings."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import Migrate

from app import create_app
from app.extensions import db
from app.formatting import mask, mask_email, rupiah
from app.search.schema import include_object
from config import BASE_DIR, ProductionConfig, normalise_database_url


def test_migrations_have_one_head(app):
    config = app.extensions["migrate"].migrate.get_config(str(BASE_DIR / "migrations"))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def test_models_and_migrations_agree(app):
    """The test database was built by the migrations; the models must describe it exactly."""
    assert isinstance(app.extensions["migrate"].migrate, Migrate)
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_production_refuses_to_start_without_secret_and_database(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgresql://x@127.0.0.1/x")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(ProductionConfig)
    monkeypatch.setenv("SECRET_KEY", "s3cret")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(RuntimeError, match="DATABASE_URL"):
        create_app(ProductionConfig)


def test_production_cookies_are_secure():
    assert ProductionConfig.SESSION_COOKIE_SECURE is True
    assert ProductionConfig.SESSION_COOKIE_HTTPONLY is True
    assert ProductionConfig.SESSION_COOKIE_SAMESITE == "Lax"


def test_unknown_environment_name_is_refused():
    with pytest.raises(RuntimeError, match="Unknown APP_ENV"):
        create_app("staging-typo")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_database_url_spellings(given, expected):
    assert normalise_database_url(given) == expected


@pytest.mark.parametrize(
    ("amount", "shown"),
    [(1250000, "Rp 1.250.000"), (0, "Rp 0"), (999, "Rp 999"), (-5000, "-Rp 5.000"), (None, "–")],
)
def test_rupiah(amount, shown):
    assert rupiah(amount) == shown


def test_masking():
    assert mask("3216061234567890") == "************7890"
    assert mask("123") == "***"
    assert mask(None) == ""
    assert mask_email("budi@example.test") == "b***@example.test"
