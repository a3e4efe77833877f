"""Configuration read from the environment (and a local .env through python-dotenv).

Every variable read here is documented in README.md, section "Configuration".
"""

import os
from pathlib import Path

from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent
load_dotenv(BASE_DIR / ".env")

DEFAULT_SQLITE_URL = f"sqlite:///{BASE_DIR / 'instance' / 'toko.db'}"


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def normalise_database_url(url: str) -> str:
    """Accept the common `postgres://` and `postgresql://` spellings and use psycopg 3."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-secret-key")
    SQLALCHEMY_DATABASE_URI = normalise_database_url(
        os.environ.get("DATABASE_URL", DEFAULT_SQLITE_URL)
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    # Language and time: Indonesian interface, stored UTC shown in Western Indonesia Time.
    LANGUAGES = ("id", "en")
    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "translations")

    # Sessions and cookies.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * _int("REMEMBER_DAYS", 14)
    WTF_CSRF_TIME_LIMIT = 60 * 60 * 8

    MAX_CONTENT_LENGTH = _int("MAX_UPLOAD_MB", 10) * 1024 * 1024
    DOCUMENT_MAX_BYTES = _int("DOCUMENT_MAX_MB", 5) * 1024 * 1024
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER", str(BASE_DIR / "instance" / "uploads"))

    # Certificates (Pasal 9, 12): a halal certificate without an expiry date is valid for this many
    # years from issue (0: without end, as national law now provides); expiring ones are flagged
    # this many days ahead.
    HALAL_VALIDITY_YEARS = _int("HALAL_VALIDITY_YEARS", 0)
    CERTIFICATE_WARNING_DAYS = _int("CERTIFICATE_WARNING_DAYS", 60)

    # Login protection: per account (failed attempts lock the account for a while)
    # and per client address (Flask-Limiter).
    LOGIN_MAX_FAILURES = _int("LOGIN_MAX_FAILURES", 5)
    LOGIN_LOCKOUT_MINUTES = _int("LOGIN_LOCKOUT_MINUTES", 15)
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "30 per 15 minutes")
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "300 per minute")

    PASSWORD_RESET_MAX_AGE = _int("PASSWORD_RESET_MAX_AGE", 60 * 60)
    INVITATION_MAX_AGE = _int("INVITATION_MAX_AGE", 7 * 24 * 60 * 60)
    PASSWORD_MIN_LENGTH = 10

    # Email: SMTP when MAIL_SERVER is set; otherwise messages stay in the in-app outbox.
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = _int("MAIL_PORT", 587)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", True)
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "toko-daring@bekasikab.go.id")

    # Where links in emails point (no request exists in the CLI).
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000")

    # Search: "whoosh" (embedded index in SEARCH_INDEX_DIR) or "postgres" (the database's own
    # full-text search; several web hosts can share it).
    SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "whoosh")
    SEARCH_INDEX_DIR = os.environ.get(
        "SEARCH_INDEX_DIR", str(BASE_DIR / "instance" / "search-index")
    )

    # Product photos: re-encoded, stripped of metadata, resized; larger images are refused.
    PHOTO_MAX_MB = _int("PHOTO_MAX_MB", 8)
    PHOTO_MAX_PIXELS = _int("PHOTO_MAX_PIXELS", 40_000_000)
    PHOTO_SIZE = _int("PHOTO_SIZE", 1200)
    PHOTO_THUMB_SIZE = _int("PHOTO_THUMB_SIZE", 400)
    PHOTOS_PER_PRODUCT = _int("PHOTOS_PER_PRODUCT", 8)

    # Number of reverse proxies in front of the app whose X-Forwarded-* headers are trusted
    # (client address for rate limits, https scheme for links).
    TRUSTED_PROXIES = _int("TRUSTED_PROXIES", 0)

    DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "demo-password")
    PER_PAGE = 25


class DevelopmentConfig(Config):
    DEBUG = _bool("FLASK_DEBUG", False)


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing-secret-key"
    SQLALCHEMY_DATABASE_URI = normalise_database_url(
        os.environ.get("TEST_DATABASE_URL", "sqlite:///" + str(BASE_DIR / "instance" / "test.db"))
    )
    MAIL_SERVER = ""
    RATELIMIT_STORAGE_URI = "memory://"
    PUBLIC_BASE_URL = "http://localhost"
    UPLOAD_FOLDER = str(BASE_DIR / "instance" / "test-uploads")  # tests use a temporary folder


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    PREFERRED_URL_SCHEME = "https"

    @classmethod
    def check(cls) -> None:
        """Refuse to run production on development defaults."""
        if not os.environ.get("SECRET_KEY"):
            raise RuntimeError("SECRET_KEY must be set in production.")
        if not os.environ.get("DATABASE_URL"):
            raise RuntimeError("DATABASE_URL must be set in production (PostgreSQL).")


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def get_config(name: str | None = None) -> type[Config]:
    name = name or os.environ.get("APP_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"Unknown APP_ENV {name!r}; use one of {', '.join(CONFIGS)}") from None
