"""The health check and the error pages."""

import pytest
from flask import abort

from app import create_app
from config import TestingConfig


def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path):
    broken = create_app(
        TestingConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/no/such/dir/db.sqlite"
    )
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "error"}


@pytest.fixture
def failing_app(app):
    """A second app instance with routes that fail on purpose."""
    other = create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
        MAX_CONTENT_LENGTH=1024,
    )

    @other.route("/boom")
    def boom():
        raise RuntimeError("on purpose")

    @other.route("/forbidden")
    def forbidden():
        abort(403)

    @other.route("/upload", methods=["POST"])
    def upload():
        from flask import request

        return str(len(request.files))

    return other


@pytest.mark.parametrize(
    ("method", "path", "status", "text"),
    [
        ("GET", "/boom", 500, "Terjadi kesalahan"),
        ("GET", "/forbidden", 403, "Akses ditolak"),
        ("GET", "/no-such-page", 404, "Halaman tidak ditemukan"),
        ("POST", "/upload", 413, "Berkas terlalu besar"),
        ("DELETE", "/", 405, "Tidak diizinkan"),
    ],
)
def test_error_pages_are_friendly_and_indonesian(failing_app, method, path, status, text):
    data = (
        {"file": (__import__("io").BytesIO(b"x" * 5000), "big.pdf")} if path == "/upload" else None
    )
    response = failing_app.test_client().open(path, method=method, data=data)
    assert response.status_code == status
    body = response.get_data(as_text=True)
    assert text in body
    assert "Traceback" not in body


def test_api_clients_get_json_errors(client):
    response = client.get("/no-such-page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404


def test_security_headers_are_set(client):
    response = client.get("/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_behind_a_trusted_proxy_the_client_address_comes_from_x_forwarded_for(app):
    proxied = create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
        TRUSTED_PROXIES=1,
    )

    @proxied.route("/whoami")
    def whoami():
        from flask import request

        return f"{request.remote_addr} {request.scheme}"

    response = proxied.test_client().get(
        "/whoami", headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}
    )
    assert response.get_data(as_text=True) == "203.0.113.7 https"
