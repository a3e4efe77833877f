"""The public directory of verified micro-businesses: what it lists, what it never shows."""

import re
from datetime import date, timedelta

import pytest

from app.businesses.models import CertificateKind, VerificationStatus
from app.db import utcnow
from app.extensions import db
from tests.factories import (
    BusinessProfileFactory,
    CertificateFactory,
    OrganisationFactory,
    verified_business,
)

HALAL_BADGE = "bi-patch-check"
SECRETS = {
    "owner_nik": "3216069876543210",
    "owner_phone": "081298765432",
    "owner_email": "rahasia.pemilik@example.test",
    "owner_name": "Nama Pemilik Rahasia",
    "npwp": "0123456789012345",
    "bank_account_number": "7788990011",
    "bank_account_name": "Rekening Rahasia",
    "street": "Jl. Rahasia No. 9 RT 001/RW 002",
}


def _names(client, query: str = "") -> list[str]:
    page = client.get(f"/businesses{query}")
    assert page.status_code == 200
    return re.findall(
        r'<a class="fw-semibold" href="/businesses/\d+">([^<]+)</a>', page.get_data(as_text=True)
    )


def test_only_verified_active_businesses_are_listed(client):
    verified_business(name="Keripik Tempe Bu Siti")
    verified_business(name="Batik Tulis Sari", status=VerificationStatus.RECHECK)
    closed = verified_business(name="Warung Tutup")
    closed.organisation.deactivated_at = utcnow()
    for status in (
        VerificationStatus.DRAFT,
        VerificationStatus.SUBMITTED,
        VerificationStatus.NEEDS_CORRECTION,
        VerificationStatus.REJECTED,
    ):
        BusinessProfileFactory(status=status)
    # Verified status but no verification on the organisation: not listed either.
    BusinessProfileFactory(status=VerificationStatus.VERIFIED)
    db.session.commit()
    assert _names(client) == ["Batik Tulis Sari", "Keripik Tempe Bu Siti"]


def test_an_unlisted_business_is_404_on_the_page_and_in_the_api(client):
    draft = BusinessProfileFactory(status=VerificationStatus.SUBMITTED)
    assert client.get(f"/businesses/{draft.id}").status_code == 404
    assert client.get("/businesses/999999").status_code == 404
    answer = client.get(f"/api/v1/businesses/{draft.id}")
    assert answer.status_code == 404
    assert answer.json["error"]["code"] == "not_found"


def test_no_personal_data_on_the_pages_nor_in_the_api(client):
    business = verified_business(
        name="Keripik Tempe Bu Siti",
        is_pkp=True,
        bank_name="BJB",
        latitude=-6.2615,
        longitude=107.0452,
        **SECRETS,
    )
    CertificateFactory(organisation=business.organisation)
    bodies = [
        client.get(url).get_data(as_text=True)
        for url in (
            "/businesses",
            f"/businesses/{business.id}",
            "/api/v1/businesses",
            f"/api/v1/businesses/{business.id}",
            "/businesses?q=Keripik",
        )
    ]
    assert all("Keripik Tempe Bu Siti" in body for body in bodies)
    for body in bodies:
        for field, value in SECRETS.items():
            assert value not in body, field
        assert "-6.2615" not in body and "107.0452" not in body
        assert "9876543210" not in body  # not even a fragment of the NIK or phone
        assert "98765432" not in body


def test_filters_by_kecamatan_kbli_and_name(client):
    verified_business(
        name="Keripik Tempe Bu Siti",
        kecamatan_code="32.16.06",
        kbli=["10794"],
        main_product="Keripik tempe",
    )
    verified_business(
        name="Batik Tulis Sari",
        kecamatan_code="32.16.07",
        kbli=["13912"],
        main_product="Kain batik tulis",
    )
    verified_business(
        name="Roti Kukus Cibitung", kecamatan_code="32.16.07", kbli=["10710"], main_product="Roti"
    )
    assert _names(client, "?kecamatan=32.16.07") == ["Batik Tulis Sari", "Roti Kukus Cibitung"]
    assert _names(client, "?kbli=107") == ["Keripik Tempe Bu Siti", "Roti Kukus Cibitung"]
    assert _names(client, "?kbli=10794") == ["Keripik Tempe Bu Siti"]
    assert _names(client, "?q=batik") == ["Batik Tulis Sari"]
    assert _names(client, "?q=keripik+tempe") == ["Keripik Tempe Bu Siti"]
    assert _names(client, "?q=kain") == ["Batik Tulis Sari"]  # the main product counts too
    assert _names(client, "?kecamatan=32.16.07&kbli=139") == ["Batik Tulis Sari"]
    assert _names(client, "?q=%25") == []  # a wildcard is searched for literally


def test_an_empty_result_says_so_and_offers_the_whole_list(client):
    verified_business(name="Keripik Tempe Bu Siti")
    page = client.get("/businesses?kecamatan=32.16.17").get_data(as_text=True)
    assert 'href="/businesses"' in page
    assert "Keripik" not in page


@pytest.mark.parametrize(
    "query",
    [
        "?kecamatan=99.99.99",
        "?kbli=abc",
        "?q=" + "x" * 101,
        "?page=abc",
        "?page=99999999999999999999",
    ],
)
def test_bad_filters_are_left_out_with_a_message_never_a_500(client, query):
    verified_business(name="Keripik Tempe Bu Siti")
    response = client.get("/businesses" + query)
    assert response.status_code == 200
    if "page" not in query:
        body = response.get_data(as_text=True)
        assert 'class="alert alert-warning"' in body
        assert "Keripik Tempe Bu Siti" in body


def test_pagination_keeps_the_filters(client, app):
    per_page = app.config["PER_PAGE"]
    for n in range(per_page + 2):
        verified_business(name=f"Usaha Cibitung {n:02d}", kecamatan_code="32.16.07")
    verified_business(name="Usaha Tambun", kecamatan_code="32.16.06")
    page = client.get("/businesses?kecamatan=32.16.07").get_data(as_text=True)
    assert "/businesses?kecamatan=32.16.07&amp;page=2" in page
    assert _names(client, "?kecamatan=32.16.07&page=2") == [
        f"Usaha Cibitung {n:02d}" for n in (per_page, per_page + 1)
    ]


def test_the_business_page_shows_its_public_profile_and_certificates(client):
    business = verified_business(
        name="Keripik Tempe Bu Siti",
        kbli=["10794", "47111"],
        main_activity="Produksi keripik tempe",
        main_product="Keripik tempe 250 g",
        started_on=date(2018, 7, 1),
    )
    CertificateFactory(organisation=business.organisation, number="ID32110000555")
    CertificateFactory(
        organisation=business.organisation,
        kind=CertificateKind.SPP_IRT,
        number="P-IRT 2063216010123-26",
        issued_on=date(2021, 1, 4),
        expires_on=date.today() + timedelta(days=10),
    )
    body = client.get(f"/businesses/{business.id}").get_data(as_text=True)
    for text in (
        "Keripik Tempe Bu Siti",
        "Tambun Selatan",
        "Produksi keripik tempe",
        "Keripik tempe 250 g",
        "10794",
        "47111",
        "2018",
        "ID32110000555",
        "P-IRT 2063216010123-26",
        "text-bg-warning",
    ):
        assert text in body, text
    assert HALAL_BADGE in body


@pytest.mark.parametrize(
    ("kind", "expires_in_days", "badge"),
    [
        (CertificateKind.HALAL, None, True),
        (CertificateKind.HALAL, 30, True),
        (CertificateKind.HALAL, -1, False),
        (CertificateKind.SNI, None, False),
    ],
)
def test_the_halal_badge_needs_a_halal_certificate_that_has_not_expired(
    client, kind, expires_in_days, badge
):
    business = verified_business(name="Dodol Betawi Setu")
    expires = None if expires_in_days is None else date.today() + timedelta(expires_in_days)
    CertificateFactory(
        organisation=business.organisation,
        kind=kind,
        issued_on=date(2020, 1, 1),
        expires_on=expires,
    )
    for url in ("/businesses", f"/businesses/{business.id}"):
        assert (HALAL_BADGE in client.get(url).get_data(as_text=True)) is badge, url
    assert client.get(f"/api/v1/businesses/{business.id}").json["halal"] is badge


def test_a_business_of_another_kind_is_never_listed(client):
    supplier = OrganisationFactory(kind="supplier", verified_at=utcnow(), name="PT Besar")
    BusinessProfileFactory(organisation=supplier, status=VerificationStatus.VERIFIED)
    assert _names(client) == []


def test_the_demo_data_fills_the_directory_once_and_meets_the_data_standard(app, client):
    from sqlalchemy import func, select

    from app.businesses import exchange, exchange_check
    from app.businesses.directory import certificates_of
    from app.businesses.models import BusinessProfile, Certificate

    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "seed"])
    assert first.exit_code == 0, first.output

    def counts():
        return [
            db.session.scalar(select(func.count()).select_from(model))
            for model in (BusinessProfile, Certificate)
        ]

    before = counts()
    assert before[0] >= 40
    second = runner.invoke(args=["demo", "seed"])
    assert "businesses: 0 created" in second.output
    assert counts() == before

    profiles = db.session.scalars(select(BusinessProfile)).all()
    assert {p.status for p in profiles} == set(VerificationStatus)
    assert len({p.organisation.kecamatan_code for p in profiles}) >= 15
    states = {
        v.state
        for views in certificates_of([p.organisation_id for p in profiles]).values()
        for v in views
    }
    assert states == {"valid", "expiring", "expired"}
    assert all(re.fullmatch(r"3216\d{12}", p.owner_nik) for p in profiles)
    assert all(re.fullmatch(r"\d{13}", p.nib) for p in profiles if p.nib)

    assert "Keripik Singkong Mang Ujang" in _names(client, "?kecamatan=32.16.06")
    rows = exchange.export_rows(exchange.today().year)
    assert len(rows) == before[0]
    for row in rows:  # every demo business would be accepted by the import
        cells = {name: exchange._cell(value) for name, value in row.items()}
        assert exchange_check.parse_row(cells)[1] == [], row["nama_usaha"]
