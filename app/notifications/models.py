"""The email outbox: every message is kept here, delivered by SMTP when configured."""

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import TimestampMixin, UTCDateTime
from app.extensions import db


class OutboxEmail(TimestampMixin, db.Model):
    __tablename__ = "outbox_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    # Empty while waiting; set when the SMTP server accepted the message.
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(String(500))
    attempts: Mapped[int] = mapped_column(default=0)

    @property
    def status(self) -> str:
        if self.sent_at:
            return "sent"
        return "failed" if self.last_error else "queued"
