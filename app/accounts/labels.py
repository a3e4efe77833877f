"""Human names for roles and organisation kinds, in the person's language."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

from app.accounts.models import OrgKind, Role
from app.forms import choices

ROLE_LABELS = {
    Role.ADMIN: _l("Administrator"),
    Role.CURATOR: _l("Curator"),
    Role.PP: _l("Procurement officer (PP)"),
    Role.PPK: _l("Commitment officer (PPK)"),
    Role.TREASURER: _l("Treasurer"),
    Role.SELLER: _l("Seller (micro-business)"),
    Role.SUPPLIER: _l("Supplier (large/medium company)"),
}

ORG_KIND_LABELS = {
    OrgKind.DINAS: _l("Dinas"),
    OrgKind.AGENCY: _l("Agency"),
    OrgKind.MICRO_BUSINESS: _l("Micro-business"),
    OrgKind.SUPPLIER: _l("Supplier"),
}


def role_label(role) -> str:
    return str(ROLE_LABELS.get(role, role))


def org_kind_label(kind) -> str:
    return str(ORG_KIND_LABELS.get(kind, kind))


def role_choices(*roles: Role) -> list[SelectChoice]:
    return choices((r.value, ROLE_LABELS[r]) for r in roles)
