"""A real browser: register as a seller, log in, switch the language, log out."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def _open_menu(page: Page, name: str) -> None:
    """Open the phone menu and wait for it to finish sliding open: a dropdown toggled while
    the menu is still collapsing does not open."""
    page.get_by_role("button", name=name).click()
    expect(page.locator("#nav")).to_have_class(re.compile(r"\bshow\b"))


def test_seller_registers_logs_in_switches_language_and_logs_out(page: Page, base_url):
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(base_url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    page.get_by_role("link", name="Daftarkan usaha mikro Anda").click()

    page.get_by_label("Nama lengkap Anda").fill("Ujang Suherman")
    page.get_by_label("Nama usaha").fill("Keripik Pedas Mang Ujang")
    page.get_by_label("Kecamatan").select_option(label="Tambun Selatan")
    page.get_by_label("Nomor ponsel").fill("0812 3456 7890")
    page.get_by_label("Email").fill("ujang@example.test")
    page.get_by_label("Kata sandi", exact=True).fill("keripik-pedas-2026")
    page.get_by_label("Ulangi kata sandi").fill("keripik-pedas-2026")
    page.get_by_label(re.compile("Saya menyatakan")).check()
    page.get_by_role("button", name="Buat akun").click()

    expect(page).to_have_url(re.compile("/dashboard$"))
    expect(page.get_by_text("Menunggu verifikasi").first).to_be_visible()

    # Log out, then in again with the new account.
    _open_menu(page, "Buka menu")
    page.get_by_role("button", name="Ujang Suherman").click()
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_text("Anda telah keluar.")).to_be_visible()

    page.goto(base_url + "/login")
    page.get_by_label("Email").fill("ujang@example.test")
    page.get_by_label("Kata sandi").fill("keripik-pedas-2026")
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(re.compile("/dashboard$"))

    # Switch to English and back is remembered across pages.
    _open_menu(page, "Buka menu")
    page.locator("#language-menu").click()
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_text("Your micro-business")).to_be_visible()
    page.goto(base_url + "/")
    expect(page.get_by_text("Go to your dashboard")).to_be_visible()

    _open_menu(page, "Open menu")
    page.get_by_role("button", name="Ujang Suherman").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You have logged out.")).to_be_visible()
    page.goto(base_url + "/dashboard")
    expect(page).to_have_url(re.compile("/login"))
