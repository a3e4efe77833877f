"""Error pages in the person's language, and JSON errors for API clients."""

from flask import jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.errors import DomainError
from app.extensions import db

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Go back and try again.")),
    403: (_l("Access denied"), _l("Your account does not have access to this page.")),
    404: (_l("Page not found"), _l("The page you are looking for does not exist or has moved.")),
    405: (_l("Not allowed"), _l("This address does not accept that kind of request.")),
    413: (_l("File too large"), _l("The file you sent is larger than allowed.")),
    422: (_l("Cannot be processed"), _l("The data you sent could not be processed.")),
    429: (
        _l("Too many requests"),
        _l("You have tried too often. Wait a few minutes and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l(
            "An error on our side stopped this request. "
            "Nothing you entered was saved; please try again."
        ),
    ),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or (request.accept_mimetypes.best == "application/json")


def _render(status: int, detail=None):
    title, message = MESSAGES.get(status, MESSAGES[500] if status >= 500 else MESSAGES[400])
    if _wants_json():
        return jsonify(
            error={"status": status, "title": str(title), "message": str(detail or message)}
        ), status
    return render_template(
        "errors/error.html", status=status, title=title, message=detail or message
    ), status


def register(app) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return _render(
            400,
            _l("The form has expired or was sent from elsewhere. Reload the page and try again."),
        )

    @app.errorhandler(DomainError)
    def domain_error(error):
        db.session.rollback()
        return _render(error.status_code, error.message)

    @app.errorhandler(HTTPException)
    def http_error(error):
        if error.code is None or error.code < 400:
            return error  # routing redirects (e.g. a missing trailing slash)
        return _render(error.code)

    @app.errorhandler(Exception)
    def unexpected(error):
        db.session.rollback()
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return _render(500)
