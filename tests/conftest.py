"""Test fixtures: one migrated database per run, emptied after every test.

SQLite by default (a fresh file per run); PostgreSQL when TEST_DATABASE_URL is set. The same
suite runs on both.
"""

import contextvars
import os
import re
import threading

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db, limiter
from config import TestingConfig, normalise_database_url

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return normalise_database_url(url)
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


def _drop_everything() -> None:
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    else:
        db.drop_all()
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


class IsolatedClient(FlaskClient):
    """Each request runs in a fresh context, as in production.

    Flask reuses an app context that is already pushed (the tests push one), which would share
    `g` and the database session between the test and its requests, and between two clients.
    """

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    app = create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=_database_url(tmp_path_factory),
        UPLOAD_FOLDER=str(tmp_path_factory.mktemp("uploads")),
        SEARCH_INDEX_DIR=str(tmp_path_factory.mktemp("search-index")),
    )
    app.test_client_class = IsolatedClient
    with app.app_context():
        _drop_everything()
        upgrade()  # the real migrations, not create_all(): they are what production runs
        db.session.remove()
    yield app
    with app.app_context():
        db.engine.dispose()


def _empty_tables() -> None:
    tables = [t.name for t in db.metadata.sorted_tables]
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in reversed(tables):
                conn.execute(text(f"DELETE FROM {name}"))


@pytest.fixture(autouse=True)
def app_ctx(app):
    """Every test runs in an app context, on empty tables, with fresh rate-limit counters."""
    with app.app_context():
        limiter.reset()
        yield app
        db.session.remove()
        _empty_tables()


@pytest.fixture
def client(app):
    return app.test_client()


CSRF_RE = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, url: str) -> str:
    response = client.get(url)
    match = CSRF_RE.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {url} ({response.status_code})"
    return match.group(1)


def submit(client, url: str, data: dict | None = None, *, form_url: str | None = None, **kwargs):
    """POST a form the way a browser does: fetch the page first and send its CSRF token."""
    token = csrf_token(client, form_url or url)
    return client.post(url, data={**(data or {}), "csrf_token": token}, **kwargs)


def login(client, email: str, password: str = "a-good-password", **kwargs):
    return submit(client, "/login", {"email": email, "password": password}, **kwargs)


@pytest.fixture
def login_as(client):
    """Log the test client in as a fresh user holding `role` (see tests/factories.py)."""
    from tests.factories import user_with_role

    def _login(role, **kwargs):
        user = user_with_role(role, **kwargs)
        response = login(client, user.email)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return user

    return _login


# --- a live server and a real browser -------------------------------------------------------


@pytest.fixture(scope="session")
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser` (Debian's chromium).")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server
