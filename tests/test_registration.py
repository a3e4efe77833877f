"""Self-registration of sellers and suppliers."""

import pytest
from sqlalchemy import select

from app.accounts.models import Membership, Organisation, OrgKind, Role, User
from app.audit.models import AuditEvent
from app.extensions import db
from tests.conftest import submit
from tests.factories import UserFactory

GOOD = {
    "name": "Siti Aminah",
    "organisation_name": "Keripik Tempe Bu Siti",
    "kecamatan_code": "32.16.07",
    "phone": "0812 3456 7890",
    "email": "Siti@Example.test",
    "password": "keripik-enak-2026",
    "confirm": "keripik-enak-2026",
    "agree": "y",
}


@pytest.mark.parametrize(
    ("path", "kind", "role"),
    [
        ("/register/seller", OrgKind.MICRO_BUSINESS, Role.SELLER),
        ("/register/supplier", OrgKind.SUPPLIER, Role.SUPPLIER),
    ],
)
def test_registration_creates_account_and_organisation_awaiting_verification(
    client, path, kind, role
):
    response = submit(client, path, GOOD)
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "siti@example.test"))
    membership = db.session.scalar(select(Membership).where(Membership.user_id == user.id))
    assert membership.role == role
    assert membership.organisation.kind == kind
    assert membership.organisation.kecamatan_code == "32.16.07"
    assert not membership.organisation.is_verified
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"user.registered", "organisation.registered"} <= actions

    page = client.get("/dashboard").get_data(as_text=True)
    assert "Menunggu verifikasi" in page


def test_registration_with_a_taken_email_keeps_the_input(client):
    UserFactory(email="siti@example.test")
    response = submit(client, "/register/seller", GOOD)
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Akun dengan email ini sudah ada" in body
    assert 'value="Keripik Tempe Bu Siti"' in body  # nothing the person typed is lost
    assert db.session.scalar(select(Organisation)) is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("kecamatan_code", "32.16.99", "Pilihan tidak valid"),
        ("phone", "call me", "Masukkan nomor telepon"),
        ("email", "not-an-email", "alamat email yang valid"),
        ("password", "1234567890", "terlalu mudah ditebak"),
        ("confirm", "something-else", "tidak cocok"),
        ("agree", "", "Anda harus menyetujui"),
        ("organisation_name", "", "wajib diisi"),
    ],
)
def test_registration_rejects_bad_input_with_a_clear_message(client, field, value, message):
    data = {**GOOD, field: value}
    if field == "password":
        data["confirm"] = value
    response = submit(client, "/register/seller", data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(User)) is None
