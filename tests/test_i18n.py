"""Indonesian by default, English on request, and no string left untranslated."""

import subprocess
import sys

from babel.messages.pofile import read_po

from config import BASE_DIR
from tests.conftest import login
from tests.factories import UserFactory


def test_home_page_speaks_indonesian_by_default(client):
    body = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="id">' in body
    assert "Daftarkan usaha mikro Anda" in body


def test_language_switch_to_english_and_back(client):
    response = client.get("/language/en?next=/login")
    assert response.headers["Location"] == "/login"
    body = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in body
    assert "Forgot your password?" in body
    client.get("/language/id")
    assert "Lupa kata sandi Anda?" in client.get("/login").get_data(as_text=True)


def test_unknown_language_and_foreign_next_are_ignored(client):
    response = client.get("/language/xx?next=//evil.example/")
    assert response.headers["Location"] == "/"
    assert '<html lang="id">' in client.get("/").get_data(as_text=True)


def test_logged_in_persons_choice_is_remembered_on_the_account(app, client):
    user = UserFactory()
    login(client, user.email)
    client.get("/language/en")
    other_device = app.test_client()
    login(other_device, user.email)
    assert '<html lang="en">' in other_device.get("/dashboard").get_data(as_text=True)


def test_error_pages_follow_the_language(client):
    assert "Halaman tidak ditemukan" in client.get("/tidak-ada").get_data(as_text=True)
    client.get("/language/en")
    assert "Page not found" in client.get("/missing").get_data(as_text=True)


def test_every_interface_string_has_an_indonesian_translation(tmp_path):
    """Extract the strings afresh: a new string without a translation fails here."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-k",
            "_ln:1,2",
            "-k",
            "lazy_ngettext:1,2",
            "--no-location",
            "-o",
            str(pot),
            ".",
        ],
        cwd=BASE_DIR,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as fh:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    with (BASE_DIR / "translations/id/LC_MESSAGES/messages.po").open("rb") as fh:
        catalog = read_po(fh)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    missing = sorted(wanted - translated)
    assert not missing, f"run `make extract` and translate: {missing}"
    assert len(wanted) > 200
