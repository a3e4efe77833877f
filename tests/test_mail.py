"""Mail reaches a real SMTP server when one is configured, and is never lost when it is down."""

import socket
import threading

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from app.extensions import db
from app.notifications.models import OutboxEmail
from tests.conftest import submit
from tests.factories import UserFactory


class Collector:
    def __init__(self):
        self.messages = []
        self.received = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        self.received.set()
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, collector
    controller.stop()


def test_reset_mail_is_delivered_through_smtp(app, client, monkeypatch, smtp_server):
    controller, collector = smtp_server
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", controller.port)
    monkeypatch.setitem(app.config, "MAIL_USE_TLS", False)
    user = UserFactory(email="warga@example.test")

    submit(client, "/password/forgot", {"email": user.email})

    assert collector.received.wait(5)
    envelope = collector.messages[0]
    assert envelope.rcpt_tos == ["warga@example.test"]
    assert b"/password/reset/" in envelope.content
    message = db.session.scalar(select(OutboxEmail))
    assert message.sent_at is not None
    assert message.status == "sent"


def test_mail_stays_queued_when_smtp_is_down_and_the_command_retries(
    app, client, monkeypatch, smtp_server
):
    controller, collector = smtp_server
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", _free_port())  # nobody listens there
    monkeypatch.setitem(app.config, "MAIL_USE_TLS", False)
    user = UserFactory()

    response = submit(client, "/password/forgot", {"email": user.email})
    assert response.status_code == 302  # the person is not bothered by the outage
    message = db.session.scalar(select(OutboxEmail))
    assert message.sent_at is None
    assert message.status == "failed"

    monkeypatch.setitem(app.config, "MAIL_PORT", controller.port)
    result = app.test_cli_runner().invoke(args=["mail", "deliver"])
    assert "sent 1, failed 0" in result.output
    assert collector.received.wait(5)


def test_deliver_command_explains_when_smtp_is_not_configured(app):
    result = app.test_cli_runner().invoke(args=["mail", "deliver"])
    assert result.exit_code != 0
    assert "MAIL_SERVER is not set" in result.output
