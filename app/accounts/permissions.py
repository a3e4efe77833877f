"""Role gates for blueprints and views."""

from functools import wraps

from flask import abort
from flask_login import current_user

from app.accounts.models import Role
from app.extensions import login_manager


def _check(roles: tuple[Role, ...]):
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if roles and not current_user.has_role(*roles):
        abort(403)
    return None


def gate_blueprint(bp, *roles: Role) -> None:
    """Every route of `bp` needs a logged-in user holding one of `roles` (any user if none)."""

    @bp.before_request
    def _gate():
        return _check(roles)


def role_required(*roles: Role):
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            refused = _check(roles)
            if refused is not None:
                return refused
            return view(*args, **kwargs)

        return wrapped

    return decorator
