"""The audit log for administrators, filterable and paged."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, render_template, request
from sqlalchemy import select

from app.accounts.models import Role, User
from app.accounts.permissions import gate_blueprint
from app.audit.models import AuditEvent
from app.extensions import db
from app.web import page_arg

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")
gate_blueprint(bp, Role.ADMIN)


def _local_day_start(value: str | None) -> datetime | None:
    """A YYYY-MM-DD from the filter form, read as a day in Jakarta, in UTC."""
    try:
        day = datetime.strptime(value or "", "%Y-%m-%d").date()
    except ValueError:
        return None
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)


@bp.route("/")
def index():
    args = request.args
    query = select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    action = (args.get("action") or "").strip()
    object_type = (args.get("object_type") or "").strip()
    actor = (args.get("actor") or "").strip()
    object_id = args.get("object_id", type=int)
    if action:
        query = query.where(AuditEvent.action.startswith(action))
    if object_type:
        query = query.where(AuditEvent.object_type == object_type)
    if object_id:
        query = query.where(AuditEvent.object_id == object_id)
    if actor:
        query = query.join(User, AuditEvent.actor_id == User.id).where(
            User.email.ilike(f"%{actor}%")
        )
    start = _local_day_start(args.get("from"))
    end = _local_day_start(args.get("to"))
    if start:
        query = query.where(AuditEvent.created_at >= start)
    if end:
        query = query.where(AuditEvent.created_at < end + timedelta(days=1))
    page = db.paginate(query, page=page_arg(), per_page=50, error_out=False)
    object_types = db.session.scalars(
        select(AuditEvent.object_type).distinct().order_by(AuditEvent.object_type)
    ).all()
    return render_template("audit/index.html", page=page, object_types=object_types)
