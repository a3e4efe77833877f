"""Login, lockout, rate limits, CSRF, logout, passwords, invitations."""

import re

import pytest
from sqlalchemy import select

from app.accounts.models import Role, User
from app.audit.models import AuditEvent
from app.extensions import db
from app.notifications.models import OutboxEmail
from tests.conftest import login, submit
from tests.factories import PASSWORD, UserFactory, user_with_role


def test_login_lands_on_dashboard_and_logout_ends_session(client):
    user = user_with_role(Role.PP)
    response = login(client, user.email.upper())  # email is case-insensitive
    assert response.status_code == 302
    assert response.headers["Location"] == "/dashboard"
    page = client.get("/dashboard")
    assert page.status_code == 200
    assert "Pejabat Pengadaan (PP)" in page.get_data(as_text=True)

    response = submit(client, "/logout", form_url="/dashboard")
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 302


def test_login_follows_only_local_next(client):
    user = UserFactory()
    response = submit(
        client,
        "/login?next=/account/password",
        {"email": user.email, "password": PASSWORD},
        form_url="/login",
    )
    assert response.headers["Location"] == "/account/password"
    submit(client, "/logout", form_url="/dashboard")
    response = submit(
        client,
        "/login?next=https://evil.example/x",
        {"email": user.email, "password": PASSWORD},
        form_url="/login",
    )
    assert response.headers["Location"] == "/dashboard"


def test_wrong_password_is_refused_in_indonesian(client):
    user = UserFactory()
    response = login(client, user.email, "not-the-password")
    assert response.status_code == 422
    assert "Email atau kata sandi salah." in response.get_data(as_text=True)


def test_ten_wrong_passwords_lock_the_account_with_a_clear_message(client, app):
    user = UserFactory()
    statuses = []
    for _ in range(10):
        response = login(client, user.email, "wrong-password-123")
        statuses.append(response.status_code)
    assert set(statuses) == {422}  # never a 500, never a crash
    body = response.get_data(as_text=True)
    assert "Terlalu banyak percobaan masuk yang gagal" in body
    # While locked, even the right password is refused.
    response = login(client, user.email, PASSWORD)
    assert response.status_code == 422
    assert "Terlalu banyak percobaan" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, user.id).locked_until is not None
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.locked"))


def test_login_attempts_per_address_are_rate_limited(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_RATE_LIMIT", "3 per minute")
    for _ in range(3):
        assert login(client, "nobody@example.test", "whatever-123").status_code == 422
    response = login(client, "nobody@example.test", "whatever-123")
    assert response.status_code == 429
    assert "Terlalu banyak permintaan" in response.get_data(as_text=True)


def test_form_without_csrf_token_is_refused(client):
    user = UserFactory()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "Formulir" in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 302  # not logged in


def test_remember_me_sets_a_persistent_cookie(client):
    user = UserFactory()
    submit(client, "/login", {"email": user.email, "password": PASSWORD, "remember": "y"})
    assert client.get_cookie("remember_token") is not None


def test_deactivated_user_cannot_log_in_and_loses_open_session(client, app):
    admin = user_with_role(Role.ADMIN)
    user = UserFactory()
    login(client, user.email)
    assert client.get("/account/password").status_code == 200

    from app.accounts.services import deactivate_user

    deactivate_user(db.session.merge(admin), db.session.merge(user), "left the agency")
    db.session.commit()
    assert client.get("/account/password").status_code == 302  # session ended

    response = login(client, user.email)
    assert response.status_code == 422
    assert "dinonaktifkan" in response.get_data(as_text=True)


def test_password_change_keeps_this_session_and_ends_others(app):
    user = UserFactory()
    this, other = app.test_client(), app.test_client()
    login(this, user.email)
    login(other, user.email)
    response = submit(
        this,
        "/account/password",
        {
            "current_password": PASSWORD,
            "password": "new-password-456",
            "confirm": "new-password-456",
        },
    )
    assert response.status_code == 302
    assert this.get("/account/password").status_code == 200
    assert other.get("/account/password").status_code == 302
    assert login(app.test_client(), user.email, "new-password-456").status_code == 302


def test_password_change_validates_input(client):
    user = UserFactory()
    login(client, user.email)
    response = submit(
        client,
        "/account/password",
        {"current_password": "wrong", "password": "short", "confirm": "other"},
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Kata sandi minimal 10 karakter" in body
    assert "tidak cocok" in body


def _link_in_last_email(recipient: str) -> str:
    message = db.session.scalars(
        select(OutboxEmail)
        .where(OutboxEmail.recipient == recipient)
        .order_by(OutboxEmail.id.desc())
    ).first()
    assert message is not None, f"no email to {recipient}"
    match = re.search(r"https?://\S+", message.body)
    assert match
    return match.group(0).removeprefix("http://localhost")


def test_password_reset_by_emailed_single_use_link(client):
    user = UserFactory()
    response = submit(client, "/password/forgot", {"email": user.email})
    assert response.status_code == 302
    link = _link_in_last_email(user.email)
    assert link.startswith("/password/reset/")

    response = submit(client, link, {"password": "brand-new-pass-1", "confirm": "brand-new-pass-1"})
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 200  # logged in by the reset
    # The link is single-use.
    assert client.get(link).status_code == 400
    fresh = client.application.test_client()
    assert login(fresh, user.email, "brand-new-pass-1").status_code == 302


def test_password_reset_says_the_same_for_unknown_addresses(client):
    response = submit(
        client, "/password/forgot", {"email": "nobody@example.test"}, follow_redirects=True
    )
    assert "Jika ada akun" in response.get_data(as_text=True)
    assert db.session.scalar(select(OutboxEmail)) is None


def test_expired_or_forged_reset_link_is_refused(client, app, monkeypatch):
    user = UserFactory()
    submit(client, "/password/forgot", {"email": user.email})
    link = _link_in_last_email(user.email)
    assert client.get(link + "x").status_code == 400
    monkeypatch.setitem(app.config, "PASSWORD_RESET_MAX_AGE", -1)
    response = client.get(link)
    assert response.status_code == 400
    assert "kedaluwarsa" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/register/seller", "/register/supplier"])
def test_logged_in_person_is_not_offered_registration(client, path):
    user = UserFactory()
    login(client, user.email)
    assert client.get(path).status_code == 302
