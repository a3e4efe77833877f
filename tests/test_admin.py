"""Dinas administration: agencies, staff invitations, deactivation, audit log, outbox."""

import re

from sqlalchemy import select

from app.accounts.models import Membership, Organisation, OrgKind, Role, User
from app.audit.models import AuditEvent
from app.extensions import db
from app.notifications.models import OutboxEmail
from tests.conftest import login, submit
from tests.factories import OrganisationFactory, UserFactory, user_with_role


def _agency(name="Dinas Kesehatan Kabupaten Bekasi"):
    return OrganisationFactory(kind=OrgKind.AGENCY, name=name, kecamatan_code="32.16.20")


def test_admin_creates_an_agency_and_edits_it(client, login_as):
    login_as(Role.ADMIN)
    response = submit(
        client,
        "/admin/agencies/new",
        {
            "name": "Dinas Pendidikan Kabupaten Bekasi",
            "short_name": "Disdik",
            "address": "Jl. Raya Cikarang",
            "kecamatan_code": "32.16.20",
        },
    )
    assert response.status_code == 302
    agency = db.session.scalar(select(Organisation).where(Organisation.kind == OrgKind.AGENCY))
    assert agency.short_name == "Disdik"

    response = submit(
        client,
        f"/admin/agencies/{agency.id}/edit",
        {"name": "Dinas Pendidikan", "short_name": "Disdik", "address": "", "kecamatan_code": ""},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Organisation, agency.id).name == "Dinas Pendidikan"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "agency.updated"))
    assert event.data["before"]["name"] == "Dinas Pendidikan Kabupaten Bekasi"
    assert event.data["after"]["name"] == "Dinas Pendidikan"


def test_duplicate_agency_name_is_refused(client, login_as):
    login_as(Role.ADMIN)
    _agency()
    response = submit(
        client,
        "/admin/agencies/new",
        {"name": "Dinas Kesehatan Kabupaten Bekasi", "kecamatan_code": ""},
    )
    assert response.status_code == 422
    assert "sudah ada" in response.get_data(as_text=True)


def test_invited_staff_member_sets_a_password_and_lands_with_the_role(client, app, login_as):
    login_as(Role.ADMIN)
    agency = _agency()
    response = submit(
        client,
        f"/admin/agencies/{agency.id}",
        {"name": "Budi Santoso", "email": "budi@dinkes.test", "role": "ppk"},
    )
    assert response.status_code == 302
    invited = db.session.scalar(select(User).where(User.email == "budi@dinkes.test"))
    assert invited.password_hash is None
    email = db.session.scalar(
        select(OutboxEmail).where(OutboxEmail.recipient == "budi@dinkes.test")
    )
    assert "Pejabat Pembuat Komitmen" in email.body
    link = re.search(r"http://localhost(/invitation/\S+)", email.body).group(1)

    newcomer = app.test_client()
    response = submit(newcomer, link, {"password": "budi-pass-2026", "confirm": "budi-pass-2026"})
    assert response.status_code == 302, response.get_data(as_text=True)
    page = newcomer.get("/dashboard").get_data(as_text=True)
    assert "Dinas Kesehatan Kabupaten Bekasi" in page
    assert newcomer.get(link).status_code == 400  # used once


def test_existing_person_gets_the_new_role_without_a_new_account(client, login_as):
    login_as(Role.ADMIN)
    agency = _agency()
    person = UserFactory(email="ani@example.test")
    submit(
        client,
        f"/admin/agencies/{agency.id}",
        {"name": "Ani", "email": "ANI@example.test", "role": "pp"},
    )
    assert (
        db.session.scalar(select(Membership).where(Membership.user_id == person.id)).role == Role.PP
    )
    assert (
        db.session.scalar(select(OutboxEmail)).subject == "Anda memiliki peran baru di toko daring"
    )
    # The same role twice is refused with a message.
    response = submit(
        client,
        f"/admin/agencies/{agency.id}",
        {"name": "Ani", "email": "ani@example.test", "role": "pp"},
    )
    assert response.status_code == 422
    assert "sudah memiliki peran tersebut" in response.get_data(as_text=True)


def test_a_role_from_another_kind_of_organisation_is_refused(client, login_as):
    login_as(Role.ADMIN)
    agency = _agency()
    response = submit(
        client,
        f"/admin/agencies/{agency.id}",
        {"name": "X", "email": "x@example.test", "role": "admin"},
    )
    assert response.status_code == 422
    assert db.session.scalar(select(User).where(User.email == "x@example.test")) is None


def test_admin_removes_a_role(client, login_as):
    login_as(Role.ADMIN)
    agency = _agency()
    member = user_with_role(Role.TREASURER, organisation=agency)
    membership = member.memberships[0]
    response = submit(
        client,
        f"/admin/memberships/{membership.id}/remove",
        form_url=f"/admin/agencies/{agency.id}",
    )
    assert response.status_code == 302
    assert db.session.scalar(select(Membership).where(Membership.user_id == member.id)) is None
    assert db.session.get(User, member.id) is not None  # the person stays


def test_deactivation_needs_a_reason_keeps_data_and_can_be_undone(client, login_as):
    login_as(Role.ADMIN)
    seller = user_with_role(Role.SELLER)
    response = submit(
        client,
        f"/admin/users/{seller.id}/deactivate",
        {"reason": ""},
        form_url=f"/admin/users/{seller.id}",
    )
    assert response.status_code == 422
    response = submit(
        client,
        f"/admin/users/{seller.id}/deactivate",
        {"reason": "Usaha tutup"},
        form_url=f"/admin/users/{seller.id}",
    )
    assert response.status_code == 302
    db.session.expire_all()
    user = db.session.get(User, seller.id)
    assert not user.is_active
    assert len(user.memberships) == 1  # nothing lost
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.deactivated"))
    assert event.data == {"reason": "Usaha tutup"}

    submit(client, f"/admin/users/{seller.id}/reactivate", form_url=f"/admin/users/{seller.id}")
    db.session.expire_all()
    assert db.session.get(User, seller.id).is_active
    assert login(client.application.test_client(), seller.email).status_code == 302


def test_admin_cannot_deactivate_themself(client, login_as):
    admin = login_as(Role.ADMIN)
    response = submit(
        client,
        f"/admin/users/{admin.id}/deactivate",
        {"reason": "oops"},
        form_url="/admin/users",
        follow_redirects=True,
    )
    assert "tidak dapat menonaktifkan akun Anda sendiri" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, admin.id).is_active


def test_audit_log_lists_and_filters(client, login_as):
    admin = login_as(Role.ADMIN)
    seller = user_with_role(Role.SELLER)
    submit(
        client,
        f"/admin/users/{seller.id}/deactivate",
        {"reason": "Pindah domisili"},
        form_url=f"/admin/users/{seller.id}",
    )
    page = client.get("/admin/audit/?action=user.deactivated").get_data(as_text=True)
    assert "user.deactivated" in page
    assert "Pindah domisili" in page
    assert admin.email in page
    empty = client.get("/admin/audit/?action=order.").get_data(as_text=True)
    assert "Tidak ada peristiwa" in empty
    bad_dates = client.get("/admin/audit/?from=kemarin&to=2026-13-45&page=abc")
    assert bad_dates.status_code == 200


def test_user_list_filters_and_paginates(client, login_as, app, monkeypatch):
    login_as(Role.ADMIN)
    for i in range(4):
        UserFactory(name=f"Pengguna {i}")
    monkeypatch.setitem(app.config, "PER_PAGE", 2)
    first = client.get("/admin/users?q=Pengguna").get_data(as_text=True)
    assert "Total 4" in first
    second = client.get("/admin/users?q=Pengguna&page=2").get_data(as_text=True)
    assert "Pengguna" in second
    assert client.get("/admin/users?page=999").status_code == 200


def test_outbox_shows_queued_mail_to_admins(client, login_as):
    login_as(Role.ADMIN)
    user = UserFactory(email="lupa@example.test")
    submit(client.application.test_client(), "/password/forgot", {"email": user.email})
    listing = client.get("/admin/outbox/").get_data(as_text=True)
    assert "lupa@example.test" in listing
    message = db.session.scalar(select(OutboxEmail))
    detail = client.get(f"/admin/outbox/{message.id}").get_data(as_text=True)
    assert "/password/reset/" in detail
