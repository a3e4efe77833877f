"""The status of a product listing: one transition table, one function that refuses the rest.

A listing goes live only through review: the seller submits, the Dinas publishes or rejects
(the curation issue will hand the decision to curators and score the product). A material edit
of a published product sends it back to review (REQUEUE, see services.update_product).
"""

import enum

from flask_babel import lazy_gettext as _l

from app.catalog.models import ProductStatus as S
from app.errors import DomainError


class Action(enum.StrEnum):
    SUBMIT = "submit"
    PUBLISH = "publish"
    REJECT = "reject"
    ARCHIVE = "archive"
    RESTORE = "restore"
    REQUEUE = "requeue"


TRANSITIONS: dict[tuple[Action, S], S] = {
    (Action.SUBMIT, S.DRAFT): S.AWAITING_REVIEW,
    (Action.SUBMIT, S.REJECTED): S.AWAITING_REVIEW,  # resubmitted after a correction
    (Action.PUBLISH, S.AWAITING_REVIEW): S.PUBLISHED,
    (Action.REJECT, S.AWAITING_REVIEW): S.REJECTED,
    (Action.ARCHIVE, S.PUBLISHED): S.ARCHIVED,
    (Action.ARCHIVE, S.DRAFT): S.ARCHIVED,
    # Without this a seller could never clear a refused listing from its list.
    (Action.ARCHIVE, S.REJECTED): S.ARCHIVED,
    (Action.RESTORE, S.ARCHIVED): S.DRAFT,
    (Action.REQUEUE, S.PUBLISHED): S.AWAITING_REVIEW,
}

# Decisions of the Dinas; the seller (or a Dinas admin on its behalf) takes the other actions.
DINAS_ACTIONS = {Action.PUBLISH, Action.REJECT}
NEEDS_REASON = {Action.REJECT}

# Content can be changed in these states; an archived listing is restored first.
EDITABLE = {S.DRAFT, S.AWAITING_REVIEW, S.PUBLISHED, S.REJECTED}

STATUS_LABELS = {
    S.DRAFT: _l("Draft"),
    S.AWAITING_REVIEW: _l("Awaiting review"),
    S.PUBLISHED: _l("Published"),
    S.REJECTED: _l("Rejected"),
    S.ARCHIVED: _l("Archived"),
}


def allowed(action: Action, current: S) -> bool:
    return (action, current) in TRANSITIONS


def next_status(action: Action, current: S) -> S:
    """The state after `action`, or a DomainError saying why the move is not allowed."""
    try:
        return TRANSITIONS[(action, current)]
    except KeyError:
        raise DomainError(
            _l(
                "This cannot be done while the product is in the state \u201c%(state)s\u201d.",
                state=STATUS_LABELS[current],
            ),
            code="invalid_transition",
        ) from None
