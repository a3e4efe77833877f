"""Which micro-business a page works on: the seller's own, or any one for a Dinas admin (?org=).

Shared by the business profile and the product pages, so that an admin working on a business's
behalf moves between them with the same `?org=`.
"""

from flask import abort, request
from flask_login import current_user

from app.accounts.models import Organisation, OrgKind, Role
from app.extensions import db


def business_in_context() -> Organisation:
    org_id = request.args.get("org", type=int)
    if org_id and current_user.has_role(Role.ADMIN):
        organisation = db.session.get(Organisation, org_id)
        if organisation is None or organisation.kind != OrgKind.MICRO_BUSINESS:
            abort(404)
        return organisation
    own = current_user.organisations_with_role(Role.SELLER)
    if org_id:
        own = [o for o in own if o.id == org_id]
    if not own:
        abort(403 if not current_user.has_role(Role.ADMIN) else 404)
    return own[0]


def org_args(organisation: Organisation) -> dict:
    """URL arguments that keep an admin on the same business (none for its own seller)."""
    own = current_user.organisations_with_role(Role.SELLER)
    return {} if own and own[0].id == organisation.id else {"org": organisation.id}
