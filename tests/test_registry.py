"""The business profile end to end: steps, documents, submission, Dinas decisions."""

import io
import os
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.accounts.models import Organisation, OrgKind, Role
from app.audit.models import AuditEvent
from app.businesses import services
from app.businesses.models import BusinessProfile, Certificate, Document
from app.businesses.models import VerificationStatus as S
from app.extensions import db
from app.notifications.models import Notification, OutboxEmail
from app.uploads import upload_dir
from tests.conftest import login, submit
from tests.factories import OrganisationFactory, user_with_role
from tests.registry_helpers import NIK, PDF, business, png_bytes


def _fresh_seller(client):
    organisation = OrganisationFactory(
        kind=OrgKind.MICRO_BUSINESS, name="Usaha Baru", kecamatan_code="32.16.07"
    )
    seller = user_with_role(Role.SELLER, organisation=organisation)
    login(client, seller.email)
    return organisation, seller


def _upload(client, kind, data, filename, url="/my-business/documents"):
    return submit(
        client,
        url,
        {"kind": kind, "file": (io.BytesIO(data), filename)},
        form_url="/my-business",
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def _profile(organisation_id) -> BusinessProfile:
    db.session.expire_all()
    return db.session.scalar(
        select(BusinessProfile).where(BusinessProfile.organisation_id == organisation_id)
    )


def test_seller_completes_profile_submits_and_admin_verifies(client, app):
    organisation, seller = _fresh_seller(client)
    steps = {
        "owner": {
            "owner_name": "Siti Aminah",
            "owner_nik": NIK,
            "owner_phone": "0812 3456 7890",
            "owner_email": "",
        },
        "business": {
            "name": "Keripik Tempe Bu Siti",
            "legal_form": "perorangan",
            "main_activity": "Membuat keripik",
            "main_product": "Keripik tempe",
            "kbli": "10794, 10221",
            "started_on": "2021-03",
            "kecamatan_code": "32.16.06",
            "village": "Setiadarma",
            "street": "Jl. Melati No. 5",
            "latitude": "",
            "longitude": "",
        },
        "operations": {
            "workers_paid_female": "2",
            "workers_paid_male": "1",
            "workers_unpaid_female": "1",
            "workers_unpaid_male": "0",
            "bank_name": "Bank BJB",
            "bank_account_number": "0011223344",
            "bank_account_name": "Siti Aminah",
            "npwp": "",
        },
        "scale": {"capital": "Rp 50.000.000", "annual_sales": "300.000.000", "assets": ""},
        "licence": {"nib": "1234567890123", "nib_issued_on": "2021-04-01", "risk_level": "rendah"},
    }
    for step, data in steps.items():
        response = submit(client, f"/my-business/{step}", data)
        assert response.status_code == 302, (step, response.get_data(as_text=True)[:3000])
    profile = _profile(organisation.id)
    assert profile.capital == 50_000_000
    assert profile.kbli_codes == ["10221", "10794"]
    assert profile.organisation.kecamatan_code == "32.16.06"

    # Submitting without the NIB document is refused with the reason.
    page = submit(
        client, "/my-business/submit", form_url="/my-business", follow_redirects=True
    ).get_data(as_text=True)
    assert "Unggah dokumen NIB" in page
    _upload(client, "nib", PDF, "nib.pdf")
    page = submit(
        client, "/my-business/submit", form_url="/my-business", follow_redirects=True
    ).get_data(as_text=True)
    assert _profile(organisation.id).status == S.SUBMITTED
    assert "Menunggu verifikasi" in page

    admin_client = app.test_client()
    admin = user_with_role(Role.ADMIN)
    login(admin_client, admin.email)
    queue = admin_client.get("/admin/registry/queue").get_data(as_text=True)
    assert "Keripik Tempe Bu Siti" in queue
    response = submit(
        admin_client,
        f"/admin/registry/businesses/{profile.id}/decide",
        {"action": "verify", "reason": ""},
    )
    assert response.status_code == 302
    profile = _profile(organisation.id)
    assert profile.status == S.VERIFIED
    assert profile.organisation.verified_at is not None
    assert profile.organisation.verified_by_id == admin.id
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "business.verified"))

    notice = db.session.scalar(select(Notification).where(Notification.user_id == seller.id))
    assert notice.kind == "business.verified"
    assert db.session.scalar(select(OutboxEmail).where(OutboxEmail.recipient == seller.email))
    overview = client.get("/my-business").get_data(as_text=True)
    assert "Terverifikasi" in overview
    assert "1" in client.get("/notifications/").get_data(as_text=True)


def test_business_with_2_5_billion_sales_is_told_why_it_is_not_micro(client):
    _organisation, _ = _fresh_seller(client)
    response = submit(
        client,
        "/my-business/scale",
        {"capital": "100.000.000", "annual_sales": "2.500.000.000"},
        follow_redirects=True,
    )
    body = client.get("/my-business/scale").get_data(as_text=True)
    assert "Bukan usaha mikro" in body
    assert "Rp 2.500.000.000" in body
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["dua juta", "1.000,50", "-5"])
def test_rupiah_input_is_validated(client, value):
    _fresh_seller(client)
    response = submit(client, "/my-business/scale", {"capital": value, "annual_sales": "1"})
    assert response.status_code == 422


def test_renamed_exe_is_refused_and_nothing_is_stored(client):
    _organisation, _ = _fresh_seller(client)
    before = len(os.listdir(upload_dir()))
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
    page = _upload(client, "nib", exe, "nib.pdf").get_data(as_text=True)
    assert "Hanya berkas PDF dan gambar" in page
    assert db.session.scalar(select(func.count(Document.id))) == 0
    assert len(os.listdir(upload_dir())) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "rusak"),  # looks like PNG, is not
        (b"%PDF-1.4 no end", "rusak"),
        (b"", "kosong"),
    ],
)
def test_damaged_or_empty_files_are_refused(client, data, message):
    _fresh_seller(client)
    page = _upload(client, "lainnya", data, "file.png").get_data(as_text=True)
    assert message in page
    assert db.session.scalar(select(func.count(Document.id))) == 0


def test_oversized_document_is_refused(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "DOCUMENT_MAX_BYTES", 1024)
    _fresh_seller(client)
    page = _upload(client, "nib", PDF + b" " * 2000, "nib.pdf").get_data(as_text=True)
    assert "lebih besar dari" in page


def test_a_seller_cannot_read_another_sellers_document(client, app):
    _, owner = business()
    document = db.session.scalar(select(Document))
    _fresh_seller(client)
    assert client.get(f"/documents/{document.id}").status_code == 403

    own = app.test_client()
    login(own, owner.email)
    response = own.get(f"/documents/{document.id}")
    assert response.status_code == 200
    assert response.data == PDF
    assert response.headers["Cache-Control"] == "private, no-store"
    response.close()


def test_image_upload_is_kept_and_served(client):
    _organisation, _ = _fresh_seller(client)
    _upload(client, "lainnya", png_bytes(), "foto.png")
    document = db.session.scalar(select(Document))
    assert document.content_type == "image/png"
    response = client.get(f"/documents/{document.id}")
    assert response.mimetype == "image/png"
    response.close()


def test_nik_is_never_shown_unmasked_to_the_seller(client, app):
    profile, seller = business()
    login(client, seller.email)
    for url in ["/my-business", "/my-business/owner", "/dashboard"]:
        body = client.get(url).get_data(as_text=True)
        assert NIK not in body, url
        assert "081234567890" not in body, url
    assert "************7890" in client.get("/my-business/owner").get_data(as_text=True)
    # Saving the owner step without retyping keeps the stored NIK.
    submit(
        client,
        "/my-business/owner",
        {"owner_name": "Siti A.", "owner_nik": "", "owner_phone": "", "owner_email": ""},
    )
    assert _profile(profile.organisation_id).owner_nik == NIK
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "business.updated"))
    assert NIK not in str(event.data)

    admin_client = app.test_client()
    login(admin_client, user_with_role(Role.ADMIN).email)
    assert NIK in admin_client.get(f"/admin/registry/businesses/{profile.id}").get_data(
        as_text=True
    )


def test_verified_business_changing_its_scale_is_rechecked_but_keeps_selling(client, app):
    profile, seller = business(S.VERIFIED)
    admin = user_with_role(Role.ADMIN)
    login(client, seller.email)
    submit(client, "/my-business/scale", {"capital": "50.000.000", "annual_sales": "400.000.000"})
    profile = _profile(profile.organisation_id)
    assert profile.status == S.RECHECK
    assert profile.recheck_fields == ["annual_sales"]
    assert profile.organisation.verified_at is not None  # still in the shop
    assert (
        db.session.scalar(select(Notification).where(Notification.user_id == admin.id)).kind
        == "business.recheck"
    )

    admin_client = app.test_client()
    login(admin_client, admin.email)
    assert "Keripik Bu Siti" in admin_client.get("/admin/registry/queue").get_data(as_text=True)
    submit(admin_client, f"/admin/registry/businesses/{profile.id}/decide", {"action": "verify"})
    profile = _profile(profile.organisation_id)
    assert profile.status == S.VERIFIED
    assert profile.recheck_fields == []


def test_a_trivial_edit_of_a_verified_business_needs_no_recheck(client):
    profile, seller = business(S.VERIFIED)
    login(client, seller.email)
    submit(
        client,
        "/my-business/operations",
        {
            "workers_paid_female": "3",
            "workers_paid_male": "0",
            "workers_unpaid_female": "0",
            "workers_unpaid_male": "0",
        },
    )
    assert _profile(profile.organisation_id).status == S.VERIFIED


def test_correction_and_rejection_need_a_reason_and_reach_the_seller(client, app):
    profile, seller = business(S.SUBMITTED)
    login(client, user_with_role(Role.ADMIN).email)
    url = f"/admin/registry/businesses/{profile.id}/decide"
    response = submit(
        client, url, {"action": "request_correction", "reason": ""}, form_url=url[:-7]
    )
    assert response.status_code == 422
    assert "Berikan alasannya" in response.get_data(as_text=True)
    assert _profile(profile.organisation_id).status == S.SUBMITTED

    submit(
        client, url, {"action": "request_correction", "reason": "Foto NIB buram"}, form_url=url[:-7]
    )
    assert _profile(profile.organisation_id).status == S.NEEDS_CORRECTION
    seller_client = app.test_client()
    login(seller_client, seller.email)
    assert "Foto NIB buram" in seller_client.get("/my-business").get_data(as_text=True)
    submit(seller_client, "/my-business/submit", form_url="/my-business")
    assert _profile(profile.organisation_id).status == S.SUBMITTED

    submit(
        client, url, {"action": "reject", "reason": "Bukan di Kabupaten Bekasi"}, form_url=url[:-7]
    )
    profile = _profile(profile.organisation_id)
    assert profile.status == S.REJECTED
    assert profile.organisation.verified_at is None


def test_a_skipped_state_is_refused_and_changes_nothing(client):
    profile, _ = business(S.DRAFT)
    login(client, user_with_role(Role.ADMIN).email)
    url = f"/admin/registry/businesses/{profile.id}/decide"
    response = submit(client, url, {"action": "verify"}, form_url=url[:-7])
    assert response.status_code == 422
    assert "tidak dapat dilakukan" in response.get_data(as_text=True)
    profile = _profile(profile.organisation_id)
    assert profile.status == S.DRAFT
    assert profile.organisation.verified_at is None


def test_a_seller_cannot_decide(client):
    profile, seller = business(S.SUBMITTED)
    login(client, seller.email)
    response = client.post(
        f"/admin/registry/businesses/{profile.id}/decide", data={"action": "verify"}
    )
    assert response.status_code in (400, 403)
    assert _profile(profile.organisation_id).status == S.SUBMITTED


def test_certificates_with_expiry_flags_and_checklist(client):
    profile, seller = business(S.DRAFT, risk_level="menengah_rendah")
    login(client, seller.email)
    in_ten_days = services.today() + timedelta(days=10)
    response = submit(
        client,
        "/my-business/certificates",
        {
            "kind": "halal",
            "number": "ID32110000123",
            "issuer": "BPJPH",
            "issued_on": "2024-01-10",
            "expires_on": in_ten_days.isoformat(),
        },
    )
    assert response.status_code == 302
    assert "segera berakhir" in client.get("/my-business").get_data(as_text=True)
    # An expired standard certificate does not satisfy the medium-low requirement.
    submit(
        client,
        "/my-business/certificates",
        {
            "kind": "sertifikat_standar",
            "number": "SS-1",
            "issued_on": "2020-01-01",
            "expires_on": "2021-01-01",
        },
    )
    assert "kedaluwarsa" in client.get("/my-business").get_data(as_text=True)
    checklist = services.checklist(_profile(profile.organisation_id))
    assert {item.key: item.done for item in checklist} == {"nib": True, "standard_self": False}


def test_certificate_dates_are_checked(client):
    _business_profile, seller = business()
    login(client, seller.email)
    response = submit(
        client,
        "/my-business/certificates",
        {"kind": "sni", "number": "1", "issued_on": "2024-05-01", "expires_on": "2024-01-01"},
    )
    assert response.status_code == 422
    assert "sebelum tanggal terbit" in response.get_data(as_text=True)


def test_assisted_registration_hands_over_an_activation_link(client, app):
    login(client, user_with_role(Role.ADMIN).email)
    response = submit(
        client,
        "/admin/registry/assisted",
        {
            "owner_name": "Pak Darto",
            "email": "darto@example.test",
            "phone": "0813 1111 2222",
            "business_name": "Gula Aren Pak Darto",
            "kecamatan_code": "32.16.22",
        },
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    link = body.split("/invitation/")[1].split("<")[0].strip()
    organisation = db.session.scalar(
        select(Organisation).where(Organisation.name == "Gula Aren Pak Darto")
    )
    assert organisation.business.registered_by_dinas
    assert db.session.scalar(
        select(OutboxEmail).where(OutboxEmail.recipient == "darto@example.test")
    )

    person = app.test_client()
    response = submit(
        person, f"/invitation/{link}", {"password": "gula-aren-2026", "confirm": "gula-aren-2026"}
    )
    assert response.status_code == 302
    assert "Gula Aren Pak Darto" in person.get("/my-business").get_data(as_text=True)


def test_admin_edits_a_profile_on_behalf_and_classifies_development(client):
    profile, _ = business(S.VERIFIED)
    login(client, user_with_role(Role.ADMIN).email)
    response = submit(
        client,
        f"/my-business/operations?org={profile.organisation_id}",
        {
            "workers_paid_female": "4",
            "workers_paid_male": "0",
            "workers_unpaid_female": "0",
            "workers_unpaid_male": "0",
        },
    )
    assert response.status_code == 302
    assert _profile(profile.organisation_id).workers_paid_female == 4

    url = f"/admin/registry/businesses/{profile.id}/development"
    submit(
        client,
        url,
        {
            "approach": "sentra",
            "group": "Sentra Keripik Tambun",
            "level": "berkembang",
            "marketing": "Sudah menjual di dua pasar daring",
        },
        form_url=url[:-12],
    )
    profile = _profile(profile.organisation_id)
    assert profile.development_approach == "sentra"
    assert profile.development_notes == {"marketing": "Sudah menjual di dua pasar daring"}
    assert db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "business.development_classified")
    )


def test_expiring_certificates_are_notified_once(app, monkeypatch):
    profile, seller = business(S.VERIFIED)
    day = services.today()
    for kind, number, expires in [
        ("halal", "H-1", day + timedelta(days=30)),
        ("sni", "S-1", day + timedelta(days=90)),
        ("pkrt", "P-1", day - timedelta(days=1)),
    ]:
        db.session.add(
            Certificate(
                organisation_id=profile.organisation_id,
                kind=kind,
                number=number,
                issued_on=date(2020, 1, 1),
                expires_on=expires,
            )
        )
    # With a configured halal validity, an undated halal certificate near its end counts too.
    monkeypatch.setitem(app.config, "HALAL_VALIDITY_YEARS", 5)
    db.session.add(
        Certificate(
            organisation_id=profile.organisation_id,
            kind="halal",
            number="H-2",
            issued_on=day.replace(year=day.year - 5) + timedelta(days=20),
        )
    )
    db.session.commit()
    assert sorted(v.certificate.number for v in services.expiring_certificates()) == [
        "H-1",
        "H-2",
    ]
    assert services.notify_expiring_certificates() == 2
    db.session.commit()
    assert services.notify_expiring_certificates() == 0
    notices = db.session.scalars(
        select(Notification).where(Notification.user_id == seller.id)
    ).all()
    assert [n.kind for n in notices] == ["certificate.expiring", "certificate.expiring"]


def test_notify_expiring_command(app):
    profile, seller = business(S.VERIFIED)
    db.session.add(
        Certificate(
            organisation_id=profile.organisation_id,
            kind="sni",
            number="S-9",
            issued_on=date(2022, 1, 1),
            expires_on=services.today() + timedelta(days=5),
        )
    )
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["registry", "notify-expiring"])
    assert result.exit_code == 0, result.output
    assert "1 certificate holders notified" in result.output
    email = db.session.scalar(select(OutboxEmail).where(OutboxEmail.recipient == seller.email))
    assert "http://localhost/my-business/certificates" in email.body
