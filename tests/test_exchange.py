"""The data standard, the yearly export (csv, json, xlsx) and the CSV import (Pasal 14-17)."""

import csv
import io
import json
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.accounts.models import Membership, Organisation, OrgKind, Role, User
from app.audit.models import AuditEvent
from app.businesses import datastandard as ds
from app.businesses import exchange, exchange_check
from app.businesses.models import (
    BusinessProfile,
    CertificateKind,
    DevelopmentApproach,
    DevelopmentLevel,
    LegalForm,
    RiskLevel,
    VerificationStatus,
)
from app.db import utcnow
from app.extensions import db
from tests.conftest import _empty_tables
from tests.factories import (
    BusinessProfileFactory,
    CertificateFactory,
    OrganisationFactory,
    verified_business,
)

YEAR = exchange.today().year


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _export(app, *args) -> str:
    result = app.test_cli_runner().invoke(args=["registry", "export", "--year", str(YEAR), *args])
    assert result.exit_code == 0, result.output
    return result.output


def _import(app, path):
    return app.test_cli_runner().invoke(args=["registry", "import", str(path)])


def _summary(output: str) -> list[int]:
    """created, updated, unchanged, refused: the numbers of the summary line, in any language."""
    return [int(n) for n in re.findall(r"\d+", output.strip().splitlines()[-1])]


def _refused_lines(output: str) -> list[tuple[int, str]]:
    """(line number, first column named) of each refused row: "Line 4: nik: ..."."""
    return [(int(n), column) for n, column in re.findall(r"^\w+ (\d+): (\w+)", output, re.M)]


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _varied_registry():
    """Businesses in every shape the export must carry: certificates with separators in their
    number, a deactivated one, one without NIK or NIB, coordinates, development data."""
    soon = exchange.today() + timedelta(days=20)
    keripik = verified_business(
        name="Keripik Tempe Bu Siti",
        kbli=["47111", "10794"],
        is_pkp=True,
        npwp="3216064107850001",
        latitude=-6.2615,
        longitude=107.0452,
        assets=40_000_000,
        workers_paid_female=2,
        workers_unpaid_male=1,
        development_approach=DevelopmentApproach.SENTRA,
        development_group="Sentra Keripik Tambun",
        development_level=DevelopmentLevel.BERKEMBANG,
        registered_by_dinas=True,
    )
    keripik.organisation.created_at = datetime(2024, 11, 5, 3, 0, tzinfo=UTC)
    CertificateFactory(organisation=keripik.organisation, number="ID3211|2024;A\\B")
    CertificateFactory(
        organisation=keripik.organisation,
        kind=CertificateKind.SPP_IRT,
        number="P-IRT 2063216010123-29",
        issuer="Dinas Kesehatan Kabupaten Bekasi",
        issued_on=date(2021, 1, 4),
        expires_on=soon,
    )
    CertificateFactory(
        organisation=keripik.organisation,
        kind=CertificateKind.STANDARD,
        number="SS-001",
        issuer="OSS",
        standard_verified=True,
    )
    batik = verified_business(
        name="Batik Tulis Sari",
        kecamatan_code="32.16.07",
        status=VerificationStatus.RECHECK,
        legal_form=LegalForm.CV,
        risk_level=RiskLevel.MEDIUM_LOW,
        kbli=["13912"],
    )
    CertificateFactory(
        organisation=batik.organisation, issued_on=date(2019, 1, 1), expires_on=date(2023, 1, 1)
    )
    closed = verified_business(name="Warung Tutup", kbli=[])
    closed.organisation.deactivated_at = utcnow()
    BusinessProfileFactory(
        organisation=OrganisationFactory(
            kind=OrgKind.MICRO_BUSINESS, name="Dodol Setu", kecamatan_code=None
        ),
        owner_nik=None,
        nib=None,
        nib_issued_on=None,
        owner_email=None,
        owner_phone=None,
        capital=None,
        annual_sales=None,
        started_on=None,
        legal_form=None,
        risk_level=None,
    )
    BusinessProfileFactory(
        organisation=OrganisationFactory(kind=OrgKind.MICRO_BUSINESS, name="Konveksi Yuli"),
        status=VerificationStatus.REJECTED,
        annual_sales=2_500_000_000,
        kbli=["14111"],
    )
    db.session.commit()


def test_every_column_of_the_standard_is_exported_and_read_back():
    handled = set(exchange.BINDINGS) | exchange.SPECIAL
    for column in ds.COLUMNS:
        assert column.derived or column.name in handled, column.name
        assert column.concept and column.definition, column.name
    assert len(set(ds.NAMES)) == len(ds.NAMES)
    assert {f"status_{k.value}" for k in CertificateKind} <= set(ds.NAMES)


def test_csv_round_trip_into_an_empty_database_gives_the_same_file(app, tmp_path):
    _varied_registry()
    first = _export(app, "--format", "csv")
    rows = _rows(first)
    assert list(rows[0]) == list(ds.NAMES)
    assert [r["nama_usaha"] for r in rows] == [
        "Batik Tulis Sari",
        "Dodol Setu",
        "Keripik Tempe Bu Siti",
        "Konveksi Yuli",
        "Warung Tutup",
    ]
    keripik = rows[2]
    assert keripik["kbli"] == "10794;47111"
    assert keripik["kode_kecamatan"] == "32.16.06"
    assert keripik["nama_kecamatan"] == "Tambun Selatan"
    assert keripik["kode_provinsi"] == "32" and keripik["kode_kabupaten"] == "32.16"
    assert keripik["tanggal_registrasi"] == "2024-11-05"
    assert keripik["status_halal"] == "berlaku"
    assert keripik["status_spp_irt"] == "segera_berakhir"
    assert keripik["status_sni"] == "tidak_ada"
    assert keripik["lintang"] == "-6.261500"
    assert "halal|ID3211\\|2024\\;A\\\\B|BPJPH|2024-03-01||0" in keripik["sertifikat"]
    assert rows[0]["status_halal"] == "kedaluwarsa"
    assert rows[0]["status_verifikasi"] == "recheck"
    assert rows[3]["skala_usaha"] == "kecil"
    assert rows[4]["status_usaha"] == "tidak_aktif"

    path = tmp_path / "delivery.csv"
    path.write_text(first, encoding="utf-8")
    db.session.remove()
    _empty_tables()
    assert _count(BusinessProfile) == 0

    result = _import(app, path)
    assert result.exit_code == 0, result.output
    assert _summary(result.output) == [5, 0, 0, 0]
    db.session.remove()
    assert _export(app, "--format", "csv") == first


def test_the_delivery_holds_businesses_registered_by_31_december_wib(app):
    for name, registered in (
        ("Terdaftar 31 Desember", datetime(2025, 12, 31, 16, 30, tzinfo=UTC)),  # 23:30 WIB
        ("Terdaftar 1 Januari", datetime(2025, 12, 31, 17, 30, tzinfo=UTC)),  # 00:30 WIB
    ):
        profile = BusinessProfileFactory(
            organisation=OrganisationFactory(kind=OrgKind.MICRO_BUSINESS, name=name)
        )
        profile.organisation.created_at = registered
    db.session.commit()
    assert [r["nama_usaha"] for r in exchange.export_rows(2025)] == ["Terdaftar 31 Desember"]
    assert len(exchange.export_rows(2026)) == 2
    assert exchange.count_for_year(2025) == 1
    assert {r["tahun_data"] for r in exchange.export_rows(2026)} == {2026}


def test_json_and_xlsx_have_the_columns_of_the_dictionary(app, tmp_path):
    _varied_registry()
    document = json.loads(_export(app, "--format", "json"))
    assert document["kolom"] == list(ds.NAMES)
    assert document["jumlah"] == len(document["data"]) == 5
    keripik = next(r for r in document["data"] if r["nama_usaha"] == "Keripik Tempe Bu Siti")
    assert list(keripik) == list(ds.NAMES)
    assert keripik["modal_usaha"] == 25_000_000
    assert keripik["lintang"] == -6.2615
    assert keripik["nik"].startswith("3216")

    path = tmp_path / "delivery.xlsx"
    _export(app, "--format", "xlsx", "--output", str(path))
    workbook = load_workbook(path)
    rows = list(workbook["data"].iter_rows(values_only=True))
    assert list(rows[0]) == list(ds.NAMES)
    assert len(rows) == 6
    assert isinstance(rows[1][ds.NAMES.index("omzet_tahunan")], int)
    assert isinstance(rows[1][ds.NAMES.index("nik")], str)
    dictionary = list(workbook["kamus_data"].iter_rows(values_only=True))
    assert [r[0] for r in dictionary[1:]] == list(ds.NAMES)

    refused = app.test_cli_runner().invoke(args=["registry", "export", "--format", "xlsx"])
    assert refused.exit_code != 0
    assert "--output" in refused.output


def test_a_formula_in_a_business_name_stays_text_in_the_workbook(app):
    verified_business(name='=HYPERLINK("http://evil.example")')
    workbook = load_workbook(io.BytesIO(exchange.to_xlsx(exchange.export_rows(YEAR))))
    cell = workbook["data"].cell(row=2, column=ds.NAMES.index("nama_usaha") + 1)
    assert cell.data_type == "s"


def _row(**values) -> dict[str, str]:
    base = {
        "nama_usaha": "Usaha",
        "nik": "3216060101900001",
        "nama_pemilik": "Pemilik",
        "no_hp": "081234567890",
        "kode_kecamatan": "32.16.06",
        "kbli": "10794",
        "modal_usaha": "25000000",
        "omzet_tahunan": "180000000",
        "tanggal_mulai_usaha": "2019-03",
        "status_verifikasi": "verified",
        "tanggal_verifikasi": "2025-02-10",
        "nib": "",
        "email": "",
        "sertifikat": "",
    }
    return {**base, **values}


def _write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_import_reports_bad_rows_by_line_number_and_imports_the_good_ones(app, tmp_path):
    rows = [_row(nama_usaha=f"Usaha {n}", nik=f"32160601019000{n:02d}") for n in range(1, 11)]
    rows[2]["nik"] = "12345"  # line 4
    rows[5]["kode_kecamatan"] = "32.16.99"  # line 7
    rows[8]["omzet_tahunan"] = "1.500.000,50"  # line 10
    rows[0].update(
        email="Owner.Satu@Example.test",
        nib="9120301234567",
        sertifikat="halal|ID321100001|BPJPH|2024-03-01||0",
    )
    path = tmp_path / "data.csv"
    _write(path, rows)

    result = _import(app, path)
    assert result.exit_code == 1, result.output
    assert _summary(result.output) == [7, 0, 0, 3]
    assert _refused_lines(result.output) == [
        (4, "nik"),
        (7, "kode_kecamatan"),
        (10, "omzet_tahunan"),
    ]
    assert "32.16.99" in result.output

    assert _count(BusinessProfile) == 7
    assert (
        db.session.scalar(
            select(func.count(AuditEvent.id)).where(AuditEvent.action == "business.imported")
        )
        == 7
    )
    first = db.session.scalar(select(BusinessProfile).where(BusinessProfile.nib == "9120301234567"))
    assert first.organisation.kind == OrgKind.MICRO_BUSINESS
    assert first.organisation.verified_at.astimezone(exchange.WIB).date() == date(2025, 2, 10)
    assert first.kbli_codes == ["10794"]
    owner = db.session.scalar(select(User).where(User.email == "owner.satu@example.test"))
    assert owner.password_hash is None
    membership = db.session.scalar(select(Membership).where(Membership.user_id == owner.id))
    assert (membership.organisation_id, membership.role) == (first.organisation_id, Role.SELLER)
    assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_reimport_updates_instead_of_duplicating(app, tmp_path):
    rows = [
        _row(
            nama_usaha="Keripik Tempe Bu Siti",
            nib="9120301234567",
            sertifikat="halal|ID321100001|BPJPH|2024-03-01||0",
        ),
        _row(nama_usaha="Anyaman Bambu", nik="3216020101900002"),
    ]
    path = tmp_path / "data.csv"
    _write(path, rows)
    assert _import(app, path).exit_code == 0

    again = _import(app, path)
    assert _summary(again.output) == [0, 0, 2, 0]

    rows[0].update(
        omzet_tahunan="240000000", sertifikat="halal|ID321100001|BPJPH|2024-03-01|2028-03-01|0"
    )
    rows[1].update(nama_usaha="ANYAMAN BAMBU", kbli="16293;16299")
    _write(path, rows)
    result = _import(app, path)
    assert _summary(result.output) == [0, 2, 0, 0], result.output
    db.session.expire_all()
    assert _count(BusinessProfile) == 2
    keripik = db.session.scalar(
        select(BusinessProfile).where(BusinessProfile.nib == "9120301234567")
    )
    assert keripik.annual_sales == 240_000_000
    (certificate,) = exchange._certificates_by_organisation([keripik.organisation_id])[
        keripik.organisation_id
    ]
    assert certificate.expires_on == date(2028, 3, 1)
    bambu = db.session.scalar(
        select(BusinessProfile).where(BusinessProfile.owner_nik == "3216020101900002")
    )
    assert bambu.kbli_codes == ["16293", "16299"]
    assert bambu.organisation.name == "ANYAMAN BAMBU"
    event = db.session.scalar(
        select(AuditEvent)
        .where(AuditEvent.action == "business.imported")
        .order_by(AuditEvent.id.desc())
    )
    assert event.actor_id is None
    assert event.data["changes"]["kbli"] == ["10794", "16293;16299"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"nib": "912030123456"}, "nib:"),
        ({"kbli": "1079"}, "1079"),
        ({"modal_usaha": "-5"}, "modal_usaha:"),
        ({"tanggal_mulai_usaha": "2019-13"}, "tanggal_mulai_usaha:"),
        ({"tanggal_verifikasi": "2025-02-30"}, "tanggal_verifikasi:"),
        ({"tanggal_verifikasi": ""}, "tanggal_verifikasi:"),
        ({"status_verifikasi": "approved"}, "status_verifikasi:"),
        ({"bentuk_usaha": "pt"}, "bentuk_usaha:"),
        ({"email": "not-an-email"}, "email:"),
        ({"nama_usaha": ""}, "nama_usaha:"),
        ({"nama_usaha": "x" * 201}, "nama_usaha:"),
        ({"lintang": "106.5"}, "lintang:"),
        ({"status_pkp": "ya", "npwp": ""}, "npwp:"),
        ({"kode_kabupaten": "32.75"}, "kode_kabupaten:"),
        ({"sertifikat": "halal|ID1|BPJPH|2024-03-01|2023-01-01|0"}, "sertifikat:"),
        ({"sertifikat": "sni|SNI-1|BSN|2024-03-01||1"}, "sertifikat:"),
        ({"sertifikat": "halal|ID1|BPJPH"}, "sertifikat:"),
    ],
)
def test_each_kind_of_bad_cell_is_refused_with_its_column(change, reason):
    values, errors = exchange_check.parse_row(_row(**change))
    assert errors, values
    assert any(reason in error for error in errors), errors


def test_a_business_twice_in_one_file_is_refused_the_second_time(app, tmp_path):
    path = tmp_path / "data.csv"
    _write(path, [_row(nama_usaha="Sama"), _row(nama_usaha="sama")])
    result = _import(app, path)
    assert result.exit_code == 1
    assert [line for line, _ in _refused_lines(result.output)] == [3]
    assert re.search(r"^\w+ 3: .*\b2\b", result.output, re.M)
    assert _count(BusinessProfile) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", ""),
        ("nik,nama_pemilik\n3216060101900001,Siti\n", "nama_usaha"),
        ("nama_usaha,nama_usaha\nA,B\n", "nama_usaha"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(app, tmp_path, content, message):
    path = tmp_path / "data.csv"
    path.write_text(content, encoding="utf-8")
    result = _import(app, path)
    assert result.exit_code == 1
    assert "Error" in result.output and message in result.output
    assert _count(Organisation) == 0


def test_a_semicolon_csv_from_a_spreadsheet_and_unknown_columns_are_accepted(app, tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes("\ufeffnama_usaha;kode_kecamatan;catatan\nUsaha A;32.16.06;x\n".encode())
    result = _import(app, path)
    assert result.exit_code == 0, result.output
    assert "catatan" in result.output
    assert db.session.scalar(select(Organisation.kecamatan_code)) == "32.16.06"


def test_a_non_utf8_file_is_refused_with_a_clear_message(app, tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes("nama_usaha\nKopi Ñ\n".encode("latin-1"))
    result = _import(app, path)
    assert result.exit_code == 1
    assert "UTF-8" in result.output


@pytest.mark.parametrize(
    ("capital", "sales", "started", "expected"),
    [
        (25_000_000, 180_000_000, date(2025, 6, 1), "mikro"),
        (1_500_000_000, 180_000_000, date(2025, 6, 1), "kecil"),  # young: capital counts
        (1_500_000_000, 180_000_000, date(2019, 1, 1), "mikro"),  # two years on: sales only
        (None, 2_000_000_001, date(2019, 1, 1), "kecil"),
        (None, 20_000_000_000, date(2019, 1, 1), "menengah"),
        (None, 60_000_000_000, date(2019, 1, 1), "besar"),
        (None, 180_000_000, date(2025, 6, 1), None),  # young without capital: not judged
    ],
)
def test_scale_class(capital, sales, started, expected):
    assert exchange.scale_class(capital, sales, started, date(2026, 6, 30)) == expected


def test_admin_downloads_the_delivery_and_the_download_is_recorded(client, login_as):
    admin = login_as(Role.ADMIN)
    verified_business(name="Keripik Tempe Bu Siti")
    page = client.get("/admin/registry/export")
    assert page.status_code == 200
    assert f'value="{YEAR}"' in page.get_data(as_text=True)

    response = client.get(f"/admin/registry/export?year={YEAR}&format=csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert f"basis-data-usaha-mikro-{YEAR}.csv" in response.headers["Content-Disposition"]
    assert _rows(response.get_data(as_text=True))[0]["nama_usaha"] == "Keripik Tempe Bu Siti"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "registry.exported"))
    assert (event.actor_id, event.data["year"], event.data["businesses"]) == (admin.id, YEAR, 1)

    xlsx = client.get(f"/admin/registry/export?year={YEAR}&format=xlsx")
    assert load_workbook(io.BytesIO(xlsx.data))["data"].max_row == 2
    assert client.get("/admin/registry/export?year=1990&format=csv").status_code == 422
    assert client.get(f"/admin/registry/export?year={YEAR}&format=pdf").status_code == 422


def test_the_data_standard_page_is_public_and_lists_every_column(client, app):
    page = client.get("/data-standard").get_data(as_text=True)
    for name in ds.NAMES:
        assert f'<tr id="column-{name}">' in page
        assert f">{name}</code>" in page
    assert "Tambun Selatan" in page  # the official kecamatan code list
