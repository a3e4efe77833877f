"""The database is the truth: queued changes survive a crash, and writers never collide.

Real processes: one is killed right after it commits a product change, before anything reaches
the index; several write the Whoosh index at the same moment.
"""

import os
import signal
import subprocess
import sys
import time

import pytest
from flask import Response
from sqlalchemy import func, select

from app import search
from app.accounts.models import Role
from app.businesses import services as registry
from app.businesses.models import BusinessProfile
from app.businesses.models import VerificationStatus as S
from app.businesses.workflow import Action
from app.catalog.models import SearchChange
from app.extensions import db
from app.search import get_backend
from app.search.base import SearchQuery
from app.search.queue import queue_change
from app.search.whoosh_backend import WhooshBackend
from config import BASE_DIR
from tests.factories import user_with_role
from tests.search_helpers import category, names, product, seller

CRASHING_EDITOR = """
import sys, time
from app import create_app
from config import TestingConfig

database, index_dir, uploads, product_id = sys.argv[1:5]
app = create_app(
    TestingConfig,
    SQLALCHEMY_DATABASE_URI=database,
    SEARCH_INDEX_DIR=index_dir,
    UPLOAD_FOLDER=uploads,
)
with app.app_context():
    from app.catalog.models import Product
    from app.extensions import db
    from app.search.queue import queue_change

    item = db.session.get(Product, int(product_id))
    item.name = "Keripik Tempe Sagu"
    queue_change(item.id)
    db.session.commit()
    print("committed", flush=True)
    time.sleep(60)  # killed here: the change never reaches the index from this process
"""

CONCURRENT_WRITER = """
import sys, time
from app.search.base import ProductDocument
from app.search.whoosh_backend import WhooshBackend

index_dir, worker, start_at = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
backend = WhooshBackend(index_dir, lock_timeout=60)
while time.time() < start_at:
    time.sleep(0.001)
for batch in range(5):
    backend.index([
        ProductDocument(
            id=worker * 1000 + batch * 10 + i, name=f"Keripik {worker} {batch} {i}",
            description="", category_id=1, category_ids=(1,), category_names="Makanan",
            seller_id=worker, seller_name="Penjual", kecamatan="32.16.06", price=10_000,
            halal=False, featured=False, pdn=True, published_ts=1_700_000_000,
        )
        for i in range(10)
    ])
backend.close()
"""


def _python(script: str, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def _queued() -> int:
    return db.session.scalar(select(func.count()).select_from(SearchChange))


@pytest.fixture
def whoosh(app):
    original = app.config["SEARCH_BACKEND"]
    app.config["SEARCH_BACKEND"] = "whoosh"
    app.extensions.pop("search_backend", None)
    backend = get_backend()
    backend.clear()
    yield backend
    app.config["SEARCH_BACKEND"] = original
    app.extensions.pop("search_backend", None)


@pytest.fixture(params=["whoosh", "postgres"])
def backend(request, app):
    if request.param == "postgres" and db.engine.dialect.name != "postgresql":
        pytest.skip("the PostgreSQL backend needs TEST_DATABASE_URL=postgresql://...")
    original = app.config["SEARCH_BACKEND"]
    app.config["SEARCH_BACKEND"] = request.param
    app.extensions.pop("search_backend", None)
    chosen = get_backend()
    chosen.clear()
    db.session.commit()
    yield chosen
    app.config["SEARCH_BACKEND"] = original
    app.extensions.pop("search_backend", None)


def test_a_crash_after_commit_loses_nothing(app, backend, tmp_path):
    item = product(seller(), category("Makanan"), "Keripik Singkong Balado")
    assert backend.search(SearchQuery(text="singkong")).ids == [item.id]
    db.session.commit()  # no open transaction may hold the database while the editor writes

    editor = _python(
        CRASHING_EDITOR,
        db.engine.url.render_as_string(hide_password=False),
        app.config["SEARCH_INDEX_DIR"],
        str(tmp_path),
        str(item.id),
        env={**os.environ, "SEARCH_BACKEND": app.config["SEARCH_BACKEND"]},
    )
    try:
        line = editor.stdout.readline()
        assert line.strip() == "committed", editor.stderr.read()
    finally:
        os.kill(editor.pid, signal.SIGKILL)
        editor.wait(timeout=10)
        editor.stdout.close()
        editor.stderr.close()
    assert editor.returncode == -signal.SIGKILL

    # The database has the change and its queue row; the index is behind.
    db.session.expire_all()
    assert _queued() == 1
    assert backend.search(SearchQuery(text="sagu")).total == 0
    db.session.rollback()

    result = app.test_cli_runner().invoke(args=["search", "sync"])
    assert result.exit_code == 0, result.output
    assert "Applied 1 queued change" in result.output
    assert _queued() == 0
    assert names(backend.search(SearchQuery(text="sagu"))) == ["Keripik Tempe Sagu"]
    assert backend.search(SearchQuery(text="singkong")).total == 0


def test_several_processes_write_the_whoosh_index_at_once(tmp_path):
    index_dir = str(tmp_path / "index")
    start_at = f"{time.time() + 3:.3f}"  # after every process has imported the app
    writers = [_python(CONCURRENT_WRITER, index_dir, str(w), start_at) for w in range(1, 5)]
    outcomes = [writer.communicate(timeout=120) for writer in writers]
    for writer, (_, stderr) in zip(writers, outcomes, strict=True):
        assert "LockError" not in stderr
        assert writer.returncode == 0, stderr
    backend = WhooshBackend(index_dir)
    try:
        assert backend.search(SearchQuery(per_page=1)).total == 4 * 5 * 10
    finally:
        backend.close()


def test_a_request_applies_what_it_queued(app, whoosh):
    item = product(seller(), category("Makanan"), "Keripik Singkong", apply=False)
    with app.test_request_context():
        queue_change(item.id)
        db.session.commit()
        app.process_response(Response())
    assert _queued() == 0
    assert whoosh.search(SearchQuery(text="singkong")).ids == [item.id]


def test_an_index_failure_keeps_the_change_queued(app, whoosh, monkeypatch):
    item = product(seller(), category("Makanan"), "Keripik Singkong", apply=False)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(whoosh, "update", broken)
    with app.test_request_context():
        db.session.info["search_pending"] = True  # as queue_change() leaves it
        response = app.process_response(Response("saved"))
    assert response.get_data(as_text=True) == "saved"  # the seller's request still succeeds
    assert _queued() == 1
    monkeypatch.undo()
    assert search.sync() == 1
    assert whoosh.search(SearchQuery(text="singkong")).ids == [item.id]


def test_reindex_command_rebuilds_from_the_database(app, backend):
    shop = seller()
    food = category("Makanan")
    kept = product(shop, food, "Keripik Singkong", apply=False)
    product(shop, food, "Keripik Pisang", apply=False)
    backend.index([])  # nothing indexed yet; two changes queued
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed 2 product(s)" in result.output
    assert _queued() == 0  # covered by the rebuild
    assert backend.search(SearchQuery(text="singkong")).ids == [kept.id]
    assert backend.search(SearchQuery()).total == 2


def test_a_whoosh_rebuild_is_swapped_in_at_once(app, whoosh):
    shop, food = seller(), category("Makanan")
    old = product(shop, food, "Keripik Singkong")
    reader = WhooshBackend(app.config["SEARCH_INDEX_DIR"])  # another process's searcher
    seen_during_rebuild = []

    def batches():
        new = product(shop, food, "Keripik Pisang", apply=False)
        yield search.documents.build_documents(db.session, [old.id, new.id])
        seen_during_rebuild.append(reader.search(SearchQuery()).ids)

    try:
        assert whoosh.rebuild(batches()) == 2
        assert seen_during_rebuild == [[old.id]]  # the old index, whole, until the commit
        assert reader.search(SearchQuery()).total == 2
    finally:
        reader.close()


def test_verifying_or_rejecting_a_business_reindexes_its_products(app):
    """A business decision changes what the catalogue shows without a manual reindex."""
    organisation = seller("Dodol Setu", verified=False)
    node = category("Makanan Rumah")
    item = product(organisation, node, "Dodol Betawi Ketan Hitam")
    profile = BusinessProfile(
        organisation=organisation, status=S.SUBMITTED, capital=10_000_000, annual_sales=50_000_000
    )
    db.session.add(profile)
    db.session.commit()
    backend = search.get_backend()
    assert backend.search(SearchQuery(text="dodol")).ids == []

    admin = user_with_role(Role.ADMIN)
    registry.decide(admin, profile, Action.VERIFY)
    db.session.commit()
    search.sync()
    assert search.get_backend().search(SearchQuery(text="dodol")).ids == [item.id]

    profile.status = S.RECHECK
    registry.decide(admin, profile, Action.REJECT, "Bukan usaha di Kabupaten Bekasi")
    db.session.commit()
    search.sync()
    assert search.get_backend().search(SearchQuery(text="dodol")).ids == []
