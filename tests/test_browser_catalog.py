"""On a phone: a seller imports a marketplace CSV and sees the row-by-row report in place."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.catalog_helpers import categories, marketplace_csv, seller_business
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_seller_imports_a_csv_with_progress_and_a_report(page: Page, base_url, tmp_path):
    categories()
    _organisation, seller = seller_business()
    data, lines = marketplace_csv(40, {7: {"Harga (Rp)*": "mahal"}})
    path = tmp_path / "produk-tokopedia.csv"
    path.write_bytes(data)
    problems = []
    # htmx (loaded on every page by base.html) tries to add its indicator styles inline, which
    # the CSP blocks on every page; that is not this page's doing.
    page.on(
        "console",
        lambda m: (
            problems.append(m.text) if m.type == "error" and "inline style" not in m.text else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + "/login")
    page.locator("#email").fill(seller.email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile("/dashboard$"))

    page.goto(base_url + "/my-products/import")
    page.locator("#file").set_input_files(str(path))
    page.locator("form[data-upload-progress] button[type=submit]").click()

    # The report replaces the page's content without a navigation (the progress script ran).
    expect(page.locator("#import-outcome")).to_have_attribute("value", "39")
    expect(page).to_have_url(re.compile("/my-products/import$"))
    expect(page.locator("table").first).to_contain_text(str(lines[7]))
    expect(page.locator("table").first).to_contain_text("mahal")
    assert not problems, problems
