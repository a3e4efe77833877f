"""On a phone: a visitor searches "kripik pedas" from the home page, narrows the results to one
kecamatan and a price range, opens a product and shares its link."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.storefront_helpers import categories, product, reindex, seller

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def shop():
    categories()
    ujang = seller("Keripik Mang Ujang", "32.16.06", halal="valid")  # Tambun Selatan
    siti = seller("Kripik Bu Siti", "32.16.07")  # Cibitung
    items = {
        "cheap": product(ujang, "Kripik Pedas Daun Jeruk 100 g", 9_000, halal=True),
        "wanted": product(
            ujang,
            "Kripik Pedas Daun Jeruk 250 g",
            18_000,
            halal=True,
            description="Kripik singkong pedas dengan daun jeruk segar.",
        ),
        "elsewhere": product(siti, "Kripik Pedas Balado 250 g", 17_000),
        "other": product(siti, "Seragam PDH Dinas Lengan Panjang", 225_000, "seragam-dinas"),
    }
    reindex()
    return items


def _search_from_the_home_page(page: Page, base_url: str):
    page.set_viewport_size(PHONE)
    page.goto(base_url + "/language/en")  # the English message ids are the stable labels
    page.goto(base_url + "/")
    box = page.get_by_role("combobox", name="Search products")
    expect(box).to_be_visible()
    box.press_sequentially("kripik pedas", delay=40)
    suggestions = page.get_by_role("listbox", name="Suggestions")
    expect(suggestions.get_by_role("option").first).to_be_visible()
    expect(suggestions.get_by_role("option", name="Kripik Pedas Daun Jeruk 250 g")).to_be_visible()
    # The keyboard reaches the suggestions; Escape closes them and Enter searches what was typed.
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", re.compile("suggestion-1"))
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=kripik\+pedas$"))
    results = page.locator(".product-grid a.product-link")
    expect(results).to_have_count(3)


def test_visitor_searches_filters_opens_and_copies_the_link(page: Page, base_url, shop):
    # No share sheet on this browser: the button copies the link instead.
    page.add_init_script("delete Navigator.prototype.share;")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    _search_from_the_home_page(page, base_url)

    page.get_by_role("button", name=re.compile("Filters")).click()
    page.get_by_label("Kecamatan", exact=True).select_option(label="Tambun Selatan (2)")
    page.get_by_label("Lowest", exact=True).fill("10.000")
    page.get_by_label("Highest", exact=True).fill("20000")
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"kecamatan=32\.16\.06"))
    expect(page).to_have_url(re.compile(r"min_price=10\.000"))
    results = page.locator(".product-grid a.product-link")
    expect(results).to_have_count(1)
    expect(results).to_have_text("Kripik Pedas Daun Jeruk 250 g")
    expect(page.get_by_label("Lowest", exact=True)).to_have_value("10000")

    results.click()
    wanted = shop["wanted"]
    expect(page).to_have_url(f"{base_url}/products/{wanted.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kripik Pedas Daun Jeruk 250 g")
    expect(page.get_by_text("Rp 18.000", exact=True)).to_be_visible()
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical == f"{base_url}/products/{wanted.id}"
    assert page.locator("meta[property='og:url']").get_attribute("content") == canonical

    page.get_by_role("button", name="Share").click()
    expect(page.get_by_role("status").filter(has_text="Link copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == canonical


def test_where_the_phone_can_share_the_share_sheet_gets_the_canonical_link(
    page: Page, base_url, shop
):
    page.add_init_script(
        "navigator.share = (data) => { window.sharedData = data; return Promise.resolve(); };"
    )
    page.set_viewport_size(PHONE)
    page.goto(f"{base_url}/products/{shop['wanted'].id}")
    page.locator("[data-share]").click()
    page.wait_for_function("window.sharedData !== undefined")
    shared = page.evaluate("window.sharedData")
    assert shared == {
        "title": "Kripik Pedas Daun Jeruk 250 g",
        "url": f"{base_url}/products/{shop['wanted'].id}",
    }


def test_a_suggestion_is_chosen_with_the_keyboard(page: Page, base_url, shop):
    page.set_viewport_size(PHONE)
    page.goto(base_url + "/")
    box = page.locator("#q")
    box.press_sequentially("seragam", delay=40)
    option = page.get_by_role("option", name="Seragam PDH Dinas Lengan Panjang")
    expect(option).to_be_visible()
    box.press("ArrowDown")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=Seragam\+PDH\+Dinas\+Lengan\+Panjang$"))
    expect(page.locator(".product-grid a.product-link")).to_have_text(
        ["Seragam PDH Dinas Lengan Panjang"]
    )
