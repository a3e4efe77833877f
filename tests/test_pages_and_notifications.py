"""Licensing information pages (Pasal 13) and in-app notifications."""

from sqlalchemy import select

from app.accounts.models import Role
from app.extensions import db
from app.notifications.models import Notification
from app.notifications.services import notify
from tests.conftest import login, submit
from tests.factories import UserFactory, user_with_role


def test_licensing_page_is_public_and_explains_requirements_and_cost(client):
    body = client.get("/info/perizinan").get_data(as_text=True)
    assert "Risiko rendah: cukup Nomor Induk Berusaha (NIB)" in body
    assert "tidak dipungut biaya" in body
    client.get("/language/en")
    assert "free of charge" in client.get("/info/perizinan").get_data(as_text=True)
    assert client.get("/info/nope").status_code == 404


def test_admin_edits_the_page_and_html_is_escaped(client):
    login(client, user_with_role(Role.ADMIN).email)
    response = submit(
        client,
        "/info/perizinan/edit/id",
        {"title": "Perizinan", "body": "Gratis.\n\n- Satu\n- <script>x</script>"},
    )
    assert response.status_code == 302
    body = client.get("/info/perizinan").get_data(as_text=True)
    assert "<li>Satu</li>" in body
    assert "&lt;script&gt;x&lt;/script&gt;" in body
    assert "<script>x</script>" not in body
    client.get("/language/en")
    assert "free of charge" in client.get("/info/perizinan").get_data(as_text=True)


def test_page_edit_requires_text(client):
    login(client, user_with_role(Role.ADMIN).email)
    response = submit(client, "/info/perizinan/edit/en", {"title": "", "body": ""})
    assert response.status_code == 422


def test_notifications_list_follow_and_mark_read(client):
    user = UserFactory()
    notify(
        [user],
        "business.verified",
        {"business": "Keripik Bu Siti"},
        link="/my-business",
        email=False,
    )
    notify([user], "business.submitted", {"business": "Dodol Setu"}, email=False)
    db.session.commit()
    login(client, user.email)
    page = client.get("/notifications/").get_data(as_text=True)
    assert "Keripik Bu Siti" in page
    assert "2 belum dibaca" in client.get("/dashboard").get_data(as_text=True)

    first = next(
        n
        for n in db.session.scalars(select(Notification))
        if n.params["business"] == "Keripik Bu Siti"
    )
    response = client.get(f"/notifications/{first.id}")
    assert response.headers["Location"] == "/my-business"
    submit(client, "/notifications/read-all", form_url="/notifications/")
    db.session.expire_all()
    assert all(n.read_at for n in db.session.scalars(select(Notification)))


def test_someone_elses_notification_is_not_opened(client):
    owner, other = UserFactory(), UserFactory()
    notify([owner], "business.verified", {"business": "X"}, link="/my-business", email=False)
    db.session.commit()
    notification = db.session.scalar(select(Notification))
    login(client, other.email)
    assert client.get(f"/notifications/{notification.id}").headers["Location"] == "/notifications/"
    db.session.expire_all()
    assert db.session.get(Notification, notification.id).read_at is None
