"""A person's in-app notifications."""

from flask import Blueprint, flash, has_request_context, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select, update

from app.accounts.forms import ConfirmForm
from app.db import utcnow
from app.extensions import db
from app.notifications.messages import render
from app.notifications.models import Notification
from app.web import page_arg, safe_next

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.before_request
@login_required
def _logged_in():
    return None


def unread_count(user_id: int) -> int:
    return db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.user_id == user_id, Notification.read_at.is_(None)
        )
    )


@bp.app_context_processor
def _unread():
    if has_request_context() and current_user.is_authenticated:
        return {"unread_notifications": unread_count(current_user.id)}
    return {"unread_notifications": 0}


@bp.route("/")
def index():
    query = (
        select(Notification)
        .where(Notification.user_id == current_user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    page = db.paginate(query, page=page_arg(), per_page=30, error_out=False)
    return render_template("notifications/index.html", page=page, render=render, form=ConfirmForm())


@bp.route("/<int:notification_id>")
def follow(notification_id: int):
    """Mark one as read and follow its link."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != current_user.id:
        return redirect(url_for("notifications.index"))
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.commit()
    return redirect(safe_next(notification.link, default="notifications.index"))


@bp.route("/read-all", methods=["POST"])
def read_all():
    if ConfirmForm().validate_on_submit():
        db.session.execute(
            update(Notification)
            .where(Notification.user_id == current_user.id, Notification.read_at.is_(None))
            .values(read_at=utcnow())
        )
        db.session.commit()
        flash(_("All notifications are marked as read."), "success")
    return redirect(url_for("notifications.index"))
