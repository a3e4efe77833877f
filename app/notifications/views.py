"""The email outbox, readable by administrators (a demo works without a mail server)."""

from flask import Blueprint, abort, render_template, request
from sqlalchemy import select

from app.accounts.models import Role
from app.accounts.permissions import gate_blueprint
from app.extensions import db
from app.notifications.models import OutboxEmail
from app.notifications.services import smtp_configured
from app.web import page_arg

bp = Blueprint("outbox", __name__, url_prefix="/admin/outbox")
gate_blueprint(bp, Role.ADMIN)


@bp.route("/")
def index():
    q = (request.args.get("q") or "").strip()
    query = select(OutboxEmail).order_by(OutboxEmail.id.desc())
    if q:
        query = query.where(OutboxEmail.recipient.ilike(f"%{q}%"))
    page = db.paginate(query, page=page_arg(), per_page=50, error_out=False)
    return render_template("notifications/outbox.html", page=page, q=q, smtp=smtp_configured())


@bp.route("/<int:message_id>")
def message(message_id: int):
    email = db.session.get(OutboxEmail, message_id)
    if email is None:
        abort(404)
    return render_template("notifications/message.html", email=email)
