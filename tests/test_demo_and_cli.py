"""`flask demo seed`, `flask accounts create-admin` and the demo logins."""

import pytest
from sqlalchemy import func, select

from app.accounts.models import Organisation, OrgKind, User
from app.extensions import db
from tests.conftest import login

DEMO_LOGINS = {
    "admin@demo.test": "Administrasi Dinas",
    "kurator@demo.test": "Kurasi",
    "pp@demo.test": "Dinas Pendidikan Kabupaten Bekasi",
    "ppk@demo.test": "Dinas Pendidikan Kabupaten Bekasi",
    "bendahara@demo.test": "Dinas Pendidikan Kabupaten Bekasi",
    "penjual@demo.test": "Keripik Singkong Mang Ujang",
    "penyedia@demo.test": "PT Karya Bangun Bekasi",
}


def _counts():
    return {
        "users": db.session.scalar(select(func.count(User.id))),
        "organisations": db.session.scalar(select(func.count(Organisation.id))),
    }


def test_demo_seed_is_idempotent_and_every_demo_login_reaches_its_dashboard(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "seed"])
    assert first.exit_code == 0, first.output
    assert "admin@demo.test" in first.output
    counts = _counts()
    second = runner.invoke(args=["demo", "seed"])
    assert second.exit_code == 0, second.output
    assert "accounts: 0 created" in second.output
    assert _counts() == counts

    agencies = db.session.scalars(
        select(Organisation).where(Organisation.kind == OrgKind.AGENCY)
    ).all()
    assert len(agencies) == 5
    kecamatan = {
        o.kecamatan_code
        for o in db.session.scalars(
            select(Organisation).where(Organisation.kind == OrgKind.MICRO_BUSINESS)
        )
    }
    assert len(kecamatan) >= 5

    for email, landmark in DEMO_LOGINS.items():
        client = app.test_client()
        response = login(client, email, app.config["DEMO_PASSWORD"])
        assert response.status_code == 302, email
        assert response.headers["Location"] == "/dashboard"
        page = client.get("/dashboard").get_data(as_text=True)
        assert landmark in page, email


def test_create_admin_command(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "accounts",
            "create-admin",
            "kepala@bekasikab.go.id",
            "--name",
            "Kepala Dinas",
            "--password",
            "sangat-rahasia-1",
        ]
    )
    assert result.exit_code == 0, result.output
    client = app.test_client()
    assert login(client, "kepala@bekasikab.go.id", "sangat-rahasia-1").status_code == 302
    assert client.get("/admin/users").status_code == 200


@pytest.mark.parametrize(
    ("email", "password"), [("not-an-email", "sangat-rahasia-1"), ("a@b.test", "short")]
)
def test_create_admin_refuses_bad_input(app, email, password):
    result = app.test_cli_runner().invoke(
        args=["accounts", "create-admin", email, "--password", password]
    )
    assert result.exit_code != 0
    assert "Error" in result.output
    assert db.session.scalar(select(func.count(User.id))) == 0
