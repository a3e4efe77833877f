"""Who may touch a product: its own business's sellers, and the Dinas admin for everything."""

from flask_babel import lazy_gettext as _l

from app.accounts.models import Organisation, OrgKind, Role, User
from app.catalog.models import Product
from app.errors import PermissionDenied


def can_manage_organisation(user: User, organisation: Organisation) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if user.has_role(Role.ADMIN):
        return True
    return organisation.kind == OrgKind.MICRO_BUSINESS and any(
        m.organisation_id == organisation.id and m.role == Role.SELLER and m.organisation.is_active
        for m in user.memberships
    )


def can_manage(user: User, product: Product) -> bool:
    """Edit, duplicate, archive, submit, change photos: the owner's sellers, or an admin."""
    return can_manage_organisation(user, product.organisation)


def can_see_unpublished(user: User, product: Product) -> bool:
    """Drafts and their photos: the owner, and the Dinas (admins and curators)."""
    if user is None or not user.is_authenticated:
        return False
    return can_manage(user, product) or user.has_role(Role.ADMIN, Role.CURATOR)


def can_decide(user: User) -> bool:
    """Publish or reject a listing. The curation issue adds curators here."""
    return user is not None and user.is_authenticated and user.has_role(Role.ADMIN)


def check_manage(user: User, product: Product) -> None:
    if not can_manage(user, product):
        raise PermissionDenied(_l("You may not change this product."))


def check_manage_organisation(user: User, organisation: Organisation) -> None:
    if organisation.kind != OrgKind.MICRO_BUSINESS:
        raise PermissionDenied(_l("Only a micro-business lists products."))
    if not can_manage_organisation(user, organisation):
        raise PermissionDenied(_l("You may not list products for this business."))


def check_decide(user: User) -> None:
    if not can_decide(user):
        raise PermissionDenied(_l("Only a Dinas administrator may do this."))
