"""CSV import: 500 marketplace rows with 3 bad ones, header mapping, values, CLI and web."""

import io
import time

import pytest
from sqlalchemy import func, select

from app.accounts.models import Role
from app.audit.models import AuditEvent
from app.catalog import csv_import
from app.catalog.models import Marketplace, PriceChange, Product, ProductStatus
from app.errors import DomainError, PermissionDenied
from app.extensions import db
from tests.catalog_helpers import categories, marketplace_csv, seller_business
from tests.conftest import login, submit
from tests.factories import user_with_role


@pytest.fixture
def shop(app):
    categories()
    return seller_business()


def _products(organisation_id: int) -> list[Product]:
    return db.session.scalars(
        select(Product).where(Product.organisation_id == organisation_id).order_by(Product.id)
    ).all()


BAD_ROWS = {
    17: {"Harga (Rp)*": "dua puluh ribu"},
    250: {"Kategori*": "Elektronik > Ponsel"},
    498: {"Nama Produk*": "", "Jumlah Stok*": "-4"},
}


def test_500_rows_with_3_bad_ones_import_497_and_report_the_lines(shop):
    organisation, seller = shop
    data, lines = marketplace_csv(500, BAD_ROWS)

    started = time.perf_counter()
    report = csv_import.import_file(seller, organisation, data, source="tokopedia.csv")
    db.session.commit()
    elapsed = time.perf_counter() - started

    assert (report.total, report.created) == (500, 497)
    assert [e.line for e in report.errors] == [lines[17], lines[250], lines[498]]
    # Multi-line descriptions shift the lines: the report names the real line in the file.
    assert lines[498] > 498 + 2
    price_error, category_error, name_error = (e.reasons for e in report.errors)
    assert price_error[0].startswith("Harga (Rp)*:") and "dua puluh ribu" in price_error[0]
    assert "Elektronik > Ponsel" in category_error[0]
    assert len(name_error) == 2  # every problem of the row, not only the first
    assert {r.split(":")[0] for r in name_error} == {"Nama Produk*", "Jumlah Stok*"}
    assert set(report.ignored_columns) == {"Kondisi*", "SKU Name"}
    assert elapsed < 5, f"500 rows took {elapsed:.1f}s"

    products = _products(organisation.id)
    assert len(products) == 497
    assert {p.status for p in products} == {ProductStatus.DRAFT}
    assert db.session.scalar(select(func.count(PriceChange.id))) == 497
    assert (
        db.session.scalar(
            select(func.count(AuditEvent.id)).where(AuditEvent.action == "product.imported")
        )
        == 497
    )


def test_marketplace_values_are_mapped_to_our_fields(shop):
    organisation, seller = shop
    data, _lines = marketplace_csv(4)
    csv_import.import_file(seller, organisation, data)
    db.session.commit()
    first, second, third, fourth = _products(organisation.id)
    assert [p.price for p in (first, second, third, fourth)] == [25_000, 25_000, 15_500, 1_250_000]
    assert [p.category.slug for p in (first, second, third, fourth)] == [
        "keripik",
        "makanan-ringan",
        "katering",
        "batik",
    ]
    assert first.stock == 1000 and second.stock == 75
    assert first.weight_grams == 250 and first.min_order == 10 and first.lead_time_days == 3
    assert first.description == "Renyah,\ngurih dan pedas."
    assert first.unit == "pcs" and first.is_pdn is True
    assert [(link.marketplace, link.url) for link in first.links] == [
        (Marketplace.TOKOPEDIA, "https://www.tokopedia.com/mangujang/keripik-0")
    ]


def test_our_own_columns_semicolons_and_windows_encoding(shop):
    organisation, seller = shop
    text = (
        "name;category;price;unit;stock;min_order;lead_time_days;weight_grams;is_pdn;"
        "description;links\r\n"
        "Kopi Robusta Bubuk;Coffee and Tea;Rp 45.000;bungkus;30;1;2;250 g;tidak;"
        "Kopi khas Serang Baru, caf\xe9 style;https://shopee.co.id/kopi.1.2\r\n"
    )
    report = csv_import.import_file(seller, organisation, text.encode("cp1252"))
    db.session.commit()
    assert report.created == 1, report.errors
    (product,) = _products(organisation.id)
    assert (product.name, product.category.slug, product.price, product.unit) == (
        "Kopi Robusta Bubuk",
        "kopi-teh",
        45_000,
        "bungkus",
    )
    assert product.weight_grams == 250 and product.is_pdn is False
    assert product.description.endswith("café style")
    assert product.links[0].marketplace == Marketplace.SHOPEE


def test_instruction_rows_above_the_header_are_skipped(shop):
    organisation, seller = shop
    data, lines = marketplace_csv(3, {1: {"Harga (Rp)*": "12,5"}}, preamble=3)
    report = csv_import.import_file(seller, organisation, data)
    assert report.created == 2
    # 3 instruction lines, the header on line 4, row 0 on lines 5-6 (a two-line description).
    assert [e.line for e in report.errors] == [lines[1]] == [7]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rp 25.000", 25_000),
        ("Rp. 25.000", 25_000),
        ("Rp25.000,00", 25_000),
        ("25000", 25_000),
        ("1.250.000", 1_250_000),
        ("1,250,000", 1_250_000),
        ("25000.00", 25_000),
        ("IDR 7.500", 7_500),
    ],
)
def test_rupiah_forms(text, expected):
    assert csv_import.parse_rupiah(text) == expected


@pytest.mark.parametrize("text", ["12,5", "Rp 1.5", "dua ribu", "25.00.0", "-5000", ""])
def test_not_whole_rupiah(text):
    with pytest.raises(ValueError):
        csv_import.parse_rupiah(text)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Nama Produk*", "name"),
        ("nama produk", "name"),
        ("Harga (Rp)*", "price"),
        ("Harga", "price"),
        ("Berat* (Gram)", "weight_grams"),
        ("Minimum Pemesanan*", "min_order"),
        ("Jumlah Stok*", "stock"),
        ("Stok", "stock"),
        ("Kategori", "category"),
        ("Deskripsi Produk", "description"),
        ("URL Produk", "links"),
        ("Satuan", "unit"),
        ("lead_time_days", "lead_time_days"),
        ("SKU", None),
        ("Kondisi*", None),
    ],
)
def test_header_mapping(header, field):
    assert csv_import.field_for_header(header) == field


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02PK binary", "not_csv"),
        (b"foo,bar\n1,2\n", "no_header"),
        (b"Nama Produk,Harga\nKeripik,10000\n", "missing_columns"),
    ],
)
def test_unusable_files_are_refused_as_a_whole(shop, content, code):
    organisation, seller = shop
    with pytest.raises(DomainError) as refused:
        csv_import.import_file(seller, organisation, content)
    assert refused.value.code == code and refused.value.field == "file"


def test_a_seller_imports_only_into_its_own_business(shop):
    organisation, _seller = shop
    _other, intruder = seller_business(name="Usaha Lain")
    data, _lines = marketplace_csv(2)
    with pytest.raises(PermissionDenied):
        csv_import.import_file(intruder, organisation, data)


# --- the command line and the web --------------------------------------------------------------


def test_cli_import_shows_progress_and_reports_lines(shop, app, tmp_path):
    organisation, _seller = shop
    data, lines = marketplace_csv(20, {5: {"Harga (Rp)*": "gratis"}})
    path = tmp_path / "produk.csv"
    path.write_bytes(data)
    result = app.test_cli_runner().invoke(
        args=["catalog", "import", str(path), "--business", str(organisation.id)]
    )
    assert result.exit_code == 1, result.output
    assert f"{lines[5]}:" in result.output and "gratis" in result.output
    assert "19" in result.output
    db.session.expire_all()
    assert len(_products(organisation.id)) == 19

    dry = app.test_cli_runner().invoke(
        args=["catalog", "import", str(path), "--business", str(organisation.id), "--dry-run"]
    )
    assert dry.exit_code == 1
    assert len(_products(organisation.id)) == 19
    missing = app.test_cli_runner().invoke(
        args=["catalog", "import", str(path), "--business", "999999"]
    )
    assert missing.exit_code != 0


def test_seed_categories_command(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["catalog", "seed-categories"])
    assert first.exit_code == 0 and not first.output.startswith("0 ")
    again = runner.invoke(args=["catalog", "seed-categories"])
    assert again.output.startswith("0 categories")


def test_web_import_shows_the_row_by_row_report(shop, client):
    organisation, seller = shop
    login(client, seller.email)
    data, lines = marketplace_csv(30, {3: {"Kategori*": "Tidak Ada"}, 9: {"Harga (Rp)*": "x"}})
    response = submit(
        client,
        "/my-products/import",
        {"file": (io.BytesIO(data), "tokopedia.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'value="28"' in page and 'max="30"' in page  # the outcome bar
    for index in (3, 9):
        assert f'<td class="text-nowrap">{lines[index]}</td>' in page
    assert "Tidak Ada" in page
    assert len(_products(organisation.id)) == 28

    refused = submit(
        client,
        "/my-products/import",
        {"file": (io.BytesIO(b"a,b\n1,2\n"), "x.csv")},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 422
    assert len(_products(organisation.id)) == 28


def test_the_example_file_imports_cleanly(shop, client):
    organisation, seller = shop
    login(client, seller.email)
    example = client.get("/my-products/import/template.csv")
    assert example.mimetype == "text/csv"
    report = csv_import.import_file(seller, organisation, example.data)
    assert report.created == 2 and not report.errors


def test_admin_imports_on_behalf_and_others_cannot(shop, app):
    organisation, _seller = shop
    client = app.test_client()
    login(client, user_with_role(Role.ADMIN).email)
    data, _lines = marketplace_csv(2)
    response = submit(
        client,
        f"/my-products/import?org={organisation.id}",
        {"file": (io.BytesIO(data), "a.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert len(_products(organisation.id)) == 2
    pp = app.test_client()
    login(pp, user_with_role(Role.PP).email)
    assert pp.get("/my-products/import").status_code == 403
