"""Signed, expiring, single-use links for password reset and invitations.

The token carries a fingerprint of the current password hash: once the password is set,
every older link stops working.
"""

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.accounts.models import User
from app.extensions import db

PASSWORD_RESET = "password-reset"
INVITATION = "invitation"


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"toko-daring:{purpose}")


def _fingerprint(user: User) -> str:
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()[:16]


def make_token(user: User, purpose: str) -> str:
    return _serializer(purpose).dumps({"u": user.id, "f": _fingerprint(user), "p": purpose})


def max_age(purpose: str) -> int:
    key = "INVITATION_MAX_AGE" if purpose == INVITATION else "PASSWORD_RESET_MAX_AGE"
    return current_app.config[key]


def user_for_token(token: str, purpose: str) -> User | None:
    """The user a valid token belongs to, or None when it is forged, expired or used."""
    try:
        data = _serializer(purpose).loads(token, max_age=max_age(purpose))
    except (SignatureExpired, BadSignature):
        return None
    if not isinstance(data, dict) or data.get("p") != purpose:
        return None
    user = db.session.get(User, data.get("u")) if isinstance(data.get("u"), int) else None
    if user is None or not user.is_active or data.get("f") != _fingerprint(user):
        return None
    return user
