"""`flask demo seed --products N`: realistic, deterministic, searchable demo products."""

import re

from sqlalchemy import func, select

from app.accounts.models import Organisation
from app.catalog.models import Category, Product, ProductStatus, product_certificates
from app.demo import product_data
from app.demo.products import seed_products
from app.extensions import db
from app.regions import kecamatan
from app.search import get_backend
from app.search.base import SearchQuery


def _seed(app, *args):
    result = app.test_cli_runner().invoke(args=["demo", "seed", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_seed_creates_n_realistic_searchable_products_once(app, client):
    output = _seed(app, "--products", "60")
    assert "products: 60 created" in output
    products = db.session.scalars(select(Product).order_by(Product.id)).all()
    assert len(products) == 60

    names = {template.name for template in product_data.TEMPLATES}
    slugs = dict(db.session.execute(select(Category.id, Category.slug)).all())
    for item in products:
        assert any(item.name.startswith(name) for name in names), item.name
        assert item.status == ProductStatus.PUBLISHED and item.published_at
        assert isinstance(item.price, int) and item.price > 0
        assert item.min_order >= 1 and item.stock >= 1 and item.unit
        assert 3 <= len(re.findall(r"\.(?:\s|$)", item.description)) <= 4, item.description
        assert slugs[item.category_id] in {t.category for t in product_data.TEMPLATES}
        organisation = item.organisation
        assert organisation.verified_at is not None
        assert organisation.kecamatan_code in kecamatan()
        assert organisation.name in item.description
    assert len({p.organisation_id for p in products}) >= 10
    assert db.session.scalar(select(func.count()).select_from(product_certificates)) > 0

    # The index was rebuilt: every product is found (by a fresh backend, as a web process
    # would open it; the index directory outlives the tables that every test empties).
    app.extensions.pop("search_backend", None)
    assert get_backend().search(SearchQuery(per_page=1)).total == 60
    assert client.get("/api/v1/products").json["total"] == 60

    assert "products: 0 created" in _seed(app, "--products", "60")
    assert "products: 15 created" in _seed(app, "--products", "75")
    assert db.session.scalar(select(func.count(Product.id))) == 75


def test_the_same_numbers_give_the_same_products(app):
    _seed(app, "--products", "0")
    assert db.session.scalar(select(func.count(Product.id))) == 0
    seed_products(30)
    db.session.commit()
    first = db.session.execute(
        select(Product.name, Product.price, Organisation.name)
        .join(Organisation, Organisation.id == Product.organisation_id)
        .order_by(Product.id)
    ).all()
    db.session.execute(product_certificates.delete())
    db.session.execute(Product.__table__.delete())
    db.session.commit()
    seed_products(30)
    db.session.commit()
    again = db.session.execute(
        select(Product.name, Product.price, Organisation.name)
        .join(Organisation, Organisation.id == Product.organisation_id)
        .order_by(Product.id)
    ).all()
    assert first == again


def test_a_featured_share_and_a_spread_of_categories(app):
    _seed(app, "--products", "0")
    seed_products(400)
    db.session.commit()
    featured = db.session.scalar(
        select(func.count(Product.id)).where(Product.featured_until.is_not(None))
    )
    assert 4 <= featured <= 40
    categories_used = db.session.scalar(select(func.count(func.distinct(Product.category_id))))
    assert categories_used >= 30
    assert db.session.scalar(select(func.count(Product.id)).where(Product.is_pdn.is_(False))) > 0
