"""Small helpers shared by the views of every feature."""

from urllib.parse import urlsplit

from flask import flash, request, url_for
from flask_login import current_user

from app.errors import DomainError


def show_domain_error(form, error: DomainError) -> None:
    """Put a service's refusal next to the field it names, or in a flash message."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(str(error.message), "danger")


def page_arg() -> int:
    """The ?page= argument; anything that is not a positive number means the first page."""
    page = request.args.get("page", 1, type=int) or 1
    return max(page, 1)


def form_status(form) -> int:
    """422 when a submitted form is shown again with errors, 200 otherwise."""
    return 422 if form.errors else 200


def safe_next(target: str | None, default: str = "main.dashboard") -> str:
    """Only same-site relative paths are followed after login."""
    if target:
        parts = urlsplit(target)
        if (
            not parts.scheme
            and not parts.netloc
            and target.startswith("/")
            and not target.startswith("//")
        ):
            return target
    return url_for(default)


def acting_user():
    """The logged-in user as a model instance (services take models, not proxies)."""
    return current_user._get_current_object()


def path_for(endpoint: str, **values) -> str:
    """The path of an endpoint, also outside a request (services, CLI): for stored links."""
    from flask import current_app

    return current_app.url_map.bind("localhost").build(endpoint, values)
