"""Import every feature's models so that SQLAlchemy and Alembic see the whole schema."""

from app.accounts.models import Membership, Organisation, User
from app.audit.models import AuditEvent
from app.businesses.models import BusinessKbli, BusinessProfile, Certificate, Document
from app.catalog.models import (
    Category,
    PriceChange,
    Product,
    ProductLink,
    ProductPhoto,
    SearchChange,
)
from app.notifications.models import Notification, OutboxEmail
from app.pages.models import InfoPage

__all__ = [
    "AuditEvent",
    "BusinessKbli",
    "BusinessProfile",
    "Category",
    "Certificate",
    "Document",
    "InfoPage",
    "Membership",
    "Notification",
    "Organisation",
    "OutboxEmail",
    "PriceChange",
    "Product",
    "ProductLink",
    "ProductPhoto",
    "SearchChange",
    "User",
]
