"""Application factory of the toko daring."""

import logging
import os

from flask import Flask, has_request_context, request, session
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

from config import BASE_DIR, Config, ProductionConfig, get_config


def create_app(config: type[Config] | str | None = None, **overrides) -> Flask:
    config_cls = config if isinstance(config, type) else get_config(config)
    if issubclass(config_cls, ProductionConfig):
        config_cls.check()

    app = Flask(
        __name__,
        template_folder="../templates",
        static_folder="../static",
        instance_relative_config=True,
    )
    app.config.from_object(config_cls)
    app.config.update(overrides)

    if app.config["TRUSTED_PROXIES"]:
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    register_template_helpers(app)
    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO)
    return app


def select_locale() -> str:
    from flask import current_app

    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI and background work speak the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def register_extensions(app: Flask) -> None:
    from app import models  # noqa: F401  (every model registered before migrations look)
    from app.accounts.services import load_user_from_session_id
    from app.extensions import babel, csrf, db, limiter, login_manager, migrate
    from app.notifications import services as notifications
    from app.search import init_app as init_search

    os.makedirs(app.instance_path, exist_ok=True)
    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(BASE_DIR / "migrations"), render_as_batch=True, compare_type=True
    )
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "warning"
    login_manager.user_loader(load_user_from_session_id)
    notifications.init_app(app)
    init_search(app)


def register_blueprints(app: Flask) -> None:
    from app.accounts.admin_views import bp as admin_bp
    from app.accounts.views import bp as auth_bp
    from app.api.views import bp as api_bp
    from app.audit.views import bp as audit_bp
    from app.businesses.directory import bp as directory_bp
    from app.businesses.exchange_views import bp as exchange_bp
    from app.businesses.exchange_views import public_bp as data_standard_bp
    from app.businesses.views import bp as registry_bp
    from app.catalog.media import bp as media_bp
    from app.catalog.views import bp as catalog_bp
    from app.main.views import bp as main_bp
    from app.notifications.inbox import bp as inbox_bp
    from app.notifications.views import bp as outbox_bp
    from app.pages.views import bp as pages_bp
    from app.storefront.views import bp as storefront_bp

    for bp in (
        main_bp,
        auth_bp,
        admin_bp,
        audit_bp,
        outbox_bp,
        inbox_bp,
        registry_bp,
        directory_bp,
        exchange_bp,
        data_standard_bp,
        pages_bp,
        api_bp,
        catalog_bp,
        media_bp,
        storefront_bp,
    ):
        app.register_blueprint(bp)


def register_errorhandlers(app: Flask) -> None:
    from app.main.errors import register

    register(app)


def register_commands(app: Flask) -> None:
    from app.accounts.cli import accounts_cli
    from app.businesses.cli import registry_cli
    from app.catalog.cli import catalog_cli
    from app.demo.cli import demo_cli
    from app.notifications.cli import mail_cli
    from app.search.cli import search_cli

    for group in (accounts_cli, demo_cli, mail_cli, registry_cli, catalog_cli, search_cli):
        app.cli.add_command(group)


def register_template_helpers(app: Flask) -> None:
    from flask_babel import get_locale

    from app import formatting
    from app.accounts.labels import org_kind_label, role_label
    from app.regions import kecamatan_name

    formatting.register(app)

    @app.context_processor
    def inject_globals():
        return {
            "current_locale": str(get_locale()),
            "languages": app.config["LANGUAGES"],
            "kecamatan_name": kecamatan_name,
            "role_label": role_label,
            "org_kind_label": org_kind_label,
        }

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
        )
        if request.endpoint == "static":
            response.headers.setdefault("Cache-Control", "public, max-age=3600")
        return response
