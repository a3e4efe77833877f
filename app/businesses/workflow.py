"""The verification state machine of a business profile: one table, one function."""

import enum

from flask_babel import lazy_gettext as _l

from app.businesses.models import VerificationStatus as S
from app.errors import DomainError


class Action(enum.StrEnum):
    SUBMIT = "submit"
    VERIFY = "verify"
    REQUEST_CORRECTION = "request_correction"
    REJECT = "reject"
    FLAG_RECHECK = "flag_recheck"


TRANSITIONS: dict[tuple[Action, S], S] = {
    (Action.SUBMIT, S.DRAFT): S.SUBMITTED,
    (Action.SUBMIT, S.NEEDS_CORRECTION): S.SUBMITTED,
    (Action.SUBMIT, S.REJECTED): S.SUBMITTED,
    (Action.VERIFY, S.SUBMITTED): S.VERIFIED,
    (Action.VERIFY, S.RECHECK): S.VERIFIED,
    (Action.REQUEST_CORRECTION, S.SUBMITTED): S.NEEDS_CORRECTION,
    (Action.REQUEST_CORRECTION, S.RECHECK): S.NEEDS_CORRECTION,
    (Action.REJECT, S.SUBMITTED): S.REJECTED,
    (Action.REJECT, S.RECHECK): S.REJECTED,
    (Action.FLAG_RECHECK, S.VERIFIED): S.RECHECK,
    (Action.FLAG_RECHECK, S.RECHECK): S.RECHECK,
}

# Actions the Dinas takes; the others belong to the business (or to the system, for re-checks).
DINAS_ACTIONS = {Action.VERIFY, Action.REQUEST_CORRECTION, Action.REJECT}
NEEDS_REASON = {Action.REQUEST_CORRECTION, Action.REJECT}

STATUS_LABELS = {
    S.DRAFT: _l("Draft"),
    S.SUBMITTED: _l("Awaiting verification"),
    S.NEEDS_CORRECTION: _l("Correction requested"),
    S.VERIFIED: _l("Verified"),
    S.RECHECK: _l("Verified, changes awaiting re-check"),
    S.REJECTED: _l("Rejected"),
}


def next_status(action: Action, current: S) -> S:
    """The state after `action`, or a DomainError saying why the move is not allowed."""
    try:
        return TRANSITIONS[(action, current)]
    except KeyError:
        raise DomainError(
            _l(
                "This cannot be done while the business is in the state \u201c%(state)s\u201d.",
                state=STATUS_LABELS[current],
            ),
            code="invalid_transition",
        ) from None
