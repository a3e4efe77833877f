"""Import every feature's models so that SQLAlchemy and Alembic see the whole schema."""

from app.accounts.models import Membership, Organisation, User
from app.audit.models import AuditEvent
from app.notifications.models import OutboxEmail

__all__ = ["AuditEvent", "Membership", "Organisation", "OutboxEmail", "User"]
