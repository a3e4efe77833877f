"""Email: queue in the outbox inside the caller's transaction, deliver after it commits.

Delivering after commit means a rolled-back action never sends mail, and an SMTP outage
never loses a message: it stays queued and `flask mail deliver` retries it.
"""

import smtplib
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import select

from app.db import utcnow
from app.extensions import db
from app.notifications.models import OutboxEmail

_PENDING_KEY = "outbox_pending"


def queue_email(recipient: str, subject: str, body: str) -> OutboxEmail:
    message = OutboxEmail(recipient=recipient, subject=subject, body=body)
    db.session.add(message)
    db.session.info[_PENDING_KEY] = True
    return message


def smtp_configured(app=None) -> bool:
    return bool((app or current_app).config.get("MAIL_SERVER"))


def deliver_pending(app=None, limit: int = 100) -> tuple[int, int]:
    """Send queued messages through SMTP. Returns (sent, failed)."""
    app = app or current_app._get_current_object()
    if not smtp_configured(app):
        return 0, 0
    messages = db.session.scalars(
        select(OutboxEmail)
        .where(OutboxEmail.sent_at.is_(None), OutboxEmail.attempts < 5)
        .order_by(OutboxEmail.id)
        .limit(limit)
    ).all()
    sent = failed = 0
    for message in messages:
        message.attempts += 1
        try:
            _send_smtp(app.config, message)
        except (OSError, smtplib.SMTPException) as exc:
            message.last_error = str(exc)[:500]
            failed += 1
        else:
            message.sent_at = utcnow()
            message.last_error = None
            sent += 1
    db.session.commit()
    return sent, failed


def _send_smtp(config, message: OutboxEmail) -> None:
    email = EmailMessage()
    email["From"] = config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email.set_content(message.body)
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(email)


def init_app(app) -> None:
    """Deliver mail queued during a request once the view has committed.

    Messages of a rolled-back transaction were never written, so nothing is sent for them.
    """

    @app.after_request
    def _deliver_after_request(response):
        if db.session.info.pop(_PENDING_KEY, False) and smtp_configured(app):
            deliver_pending(app)
        return response


def notify(users, kind: str, params: dict, link: str | None = None, *, email: bool = True) -> None:
    """Tell each user something, in the app and (by default) by email, in their language."""
    from flask import render_template
    from flask_babel import force_locale

    from app.notifications.messages import MESSAGES, render
    from app.notifications.models import Notification

    if kind not in MESSAGES:
        raise ValueError(f"unknown notification kind {kind!r}")
    for user in {u.id: u for u in users if u is not None and u.is_active}.values():
        db.session.add(Notification(user_id=user.id, kind=kind, params=params, link=link))
        if email:
            locale = user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
            with force_locale(locale):
                text = render(kind, params)
                body = render_template(
                    "email/notification.txt", user=user, text=text, link=_absolute(link)
                )
                queue_email(user.email, text[:200], body)


def _absolute(link: str | None) -> str | None:
    if not link:
        return None
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + link
