"""On a phone: a seller completes the business profile and submits it; the admin verifies it."""

import re

import pytest
from playwright.sync_api import Page, expect

from app.accounts.models import OrgKind, Role
from tests.factories import PASSWORD, OrganisationFactory, user_with_role
from tests.registry_helpers import PDF

pytestmark = pytest.mark.browser


def _login(page: Page, base_url: str, email: str):
    page.goto(base_url + "/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(re.compile("/dashboard$"))


def test_seller_completes_profile_on_a_phone_and_admin_verifies(page: Page, base_url, tmp_path):
    organisation = OrganisationFactory(
        kind=OrgKind.MICRO_BUSINESS, name="Keripik Bu Siti", kecamatan_code="32.16.06"
    )
    seller = user_with_role(Role.SELLER, organisation=organisation)
    admin = user_with_role(Role.ADMIN)
    page.set_viewport_size({"width": 390, "height": 844})
    _login(page, base_url, seller.email)
    page.goto(base_url + "/my-business")

    page.get_by_role("link", name=re.compile("Pemilik")).click()
    page.get_by_label("Nama lengkap pemilik").fill("Siti Aminah")
    page.get_by_label(re.compile("^NIK")).fill("3216061234567890")
    page.get_by_label("Nomor ponsel pemilik").fill("0812 3456 7890")
    page.get_by_role("button", name="Simpan dan lanjutkan").click()

    page.get_by_label("Bentuk usaha").select_option("perorangan")
    page.get_by_label("Kegiatan usaha utama").fill("Membuat keripik tempe")
    page.get_by_label("Produk utama").fill("Keripik tempe pedas")
    page.get_by_label(re.compile("Kode KBLI")).fill("10794")
    page.get_by_label(re.compile("Mulai usaha")).fill("2021-03")
    page.get_by_label("Desa/kelurahan").fill("Setiadarma")
    page.get_by_label(re.compile("Jalan")).fill("Jl. Melati No. 5 RT 01/02")
    page.get_by_role("button", name="Simpan dan lanjutkan").click()
    page.get_by_role("button", name="Simpan dan lanjutkan").click()  # workforce: defaults

    # Rp 2,5 miliar annual sales: told plainly why this is not micro.
    page.get_by_label(re.compile("Modal usaha")).fill("100.000.000")
    page.get_by_label(re.compile("Hasil penjualan tahunan")).fill("2.500.000.000")
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.get_by_role("link", name=re.compile("Modal dan penjualan")).click()
    expect(page.get_by_text("Bukan usaha mikro:")).to_be_visible()
    expect(page.get_by_text(re.compile("Rp 2.500.000.000"))).to_be_visible()
    page.get_by_label(re.compile("Hasil penjualan tahunan")).fill("300.000.000")
    page.get_by_role("button", name="Simpan dan lanjutkan").click()

    page.get_by_label(re.compile("^NIB")).fill("1234567890123")
    page.get_by_label("Tanggal terbit NIB").fill("2021-04-01")
    page.get_by_label("Tingkat risiko kegiatan").select_option("rendah")
    page.get_by_role("button", name="Simpan", exact=True).click()

    nib = tmp_path / "nib.pdf"
    nib.write_bytes(PDF)
    page.get_by_label("Dokumen", exact=True).select_option("nib")
    page.get_by_label(re.compile("^Berkas")).set_input_files(str(nib))
    page.get_by_role("button", name="Unggah").click()
    expect(page.get_by_text("Dokumen berhasil diunggah.")).to_be_visible()
    page.get_by_role("button", name="Kirim ke Dinas").click()
    expect(page.get_by_text("Menunggu verifikasi").first).to_be_visible()

    admin_page = page.context.browser.new_page()
    _login(admin_page, base_url, admin.email)
    admin_page.goto(base_url + "/admin/registry/queue")
    admin_page.get_by_role("link", name="Keripik Bu Siti").click()
    admin_page.get_by_label(re.compile("^Verifikasi")).check()
    admin_page.get_by_role("button", name="Catat keputusan").click()
    expect(admin_page.get_by_text("Keputusan dicatat")).to_be_visible()
    admin_page.close()

    page.reload()
    expect(page.get_by_text("Terverifikasi").first).to_be_visible()
