"""record(): write an audit event in the caller's transaction (the caller commits)."""

from typing import Any

from app.audit.models import AuditEvent
from app.extensions import db


def record(actor, action: str, obj, **data: Any) -> AuditEvent:
    """Add an audit event for `obj` (a model instance) done by `actor` (a User or None).

    The object's id is read after a flush, so a freshly added object gets its real id.
    """
    if getattr(obj, "id", None) is None:
        db.session.flush()
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        object_type=type(obj).__tablename__,
        object_id=obj.id,
        data=_jsonable(data),
    )
    db.session.add(event)
    return event


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
