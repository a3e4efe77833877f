"""Product photos: re-encoded without metadata, turned upright, resized with a thumbnail;
bombs, non-images and too many photos refused with nothing stored; served by permission."""

import io

import pytest
from PIL import Image

from app.accounts.models import Role
from app.catalog import services
from app.catalog.models import ProductPhoto
from app.catalog.models import ProductStatus as S
from app.errors import DomainError
from app.extensions import db
from app.uploads import path_of, store, upload_dir
from tests.catalog_helpers import (
    ProductFactory,
    Upload,
    add_photo,
    categories,
    jpeg_bytes,
    jpeg_with_gps,
    png_bomb,
    seller_business,
)
from tests.conftest import login
from tests.factories import user_with_role
from tests.registry_helpers import PDF


@pytest.fixture
def owned(app):
    categories()
    organisation, seller = seller_business()
    return ProductFactory(organisation=organisation), seller


def _stored_files() -> set[str]:
    return {p.name for p in upload_dir().iterdir()}


def test_camera_photo_is_stripped_turned_upright_resized_and_thumbnailed(owned, app):
    product, seller = owned
    original = jpeg_with_gps((2400, 1600), orientation=6)
    with Image.open(io.BytesIO(original)) as check:  # the fixture really carries GPS
        assert check.getexif().get_ifd(0x8825)

    photo = services.add_photo(seller, product, Upload(original))
    db.session.commit()

    size, thumb_size = app.config["PHOTO_SIZE"], app.config["PHOTO_THUMB_SIZE"]
    with Image.open(path_of(photo.stored_name)) as stored:
        assert stored.format == "JPEG"
        # Orientation 6: the 2400x1600 landscape sensor image is a portrait photo.
        assert stored.size == (size * 1600 // 2400, size) == (photo.width, photo.height)
        assert not stored.getexif()
        assert "exif" not in stored.info and "icc_profile" not in stored.info
        assert b"KameraHP" not in path_of(photo.stored_name).read_bytes()
    with Image.open(path_of(photo.thumb_name)) as thumb:
        assert max(thumb.size) == thumb_size and not thumb.getexif()


def test_small_png_with_transparency_is_kept_small_on_white(owned):
    product, seller = owned
    buffer = io.BytesIO()
    Image.new("RGBA", (40, 30), (255, 0, 0, 0)).save(buffer, "PNG")
    photo = services.add_photo(seller, product, Upload(buffer.getvalue(), "logo.png"))
    with Image.open(path_of(photo.stored_name)) as stored:
        assert stored.size == (40, 30)  # never enlarged
        assert stored.convert("RGB").getpixel((5, 5)) >= (250, 250, 250)


def test_decompression_bomb_is_refused_and_nothing_is_stored(owned):
    product, seller = owned
    bomb = png_bomb(20_000, 20_000)
    assert len(bomb) < 200_000  # tiny on disk, 400 megapixels in memory
    before = _stored_files()
    with pytest.raises(DomainError) as refused:
        services.add_photo(seller, product, Upload(bomb, "bom.png"))
    assert refused.value.code == "too_many_pixels"
    assert "megapixel" in str(refused.value.message)
    db.session.rollback()
    assert _stored_files() == before
    assert db.session.query(ProductPhoto).count() == 0


def test_an_image_just_over_the_pixel_limit_is_refused_too(owned, app, monkeypatch):
    """Between the limit and twice the limit Pillow only warns; that is a refusal as well."""
    product, seller = owned
    monkeypatch.setitem(app.config, "PHOTO_MAX_PIXELS", 1_000_000)
    with pytest.raises(DomainError) as refused:
        services.add_photo(seller, product, Upload(png_bomb(1200, 1000), "besar.png"))
    assert refused.value.code == "too_many_pixels"
    assert Image.MAX_IMAGE_PIXELS != 1_000_000  # the global limit is put back


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (PDF, "foto.jpg", "bad_type"),
        (b"MZ\x90\x00 not an image", "foto.png", "bad_type"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "rusak.png", "bad_file"),
        (jpeg_bytes()[:200], "terpotong.jpg", "bad_file"),
        (b"", "kosong.jpg", "empty"),
    ],
)
def test_non_images_are_refused_with_a_clear_message(owned, data, filename, code):
    product, seller = owned
    before = _stored_files()
    with pytest.raises(DomainError) as refused:
        services.add_photo(seller, product, Upload(data, filename))
    assert refused.value.code == code and refused.value.field == "photo"
    assert _stored_files() == before


def test_oversized_upload_and_too_many_photos_are_refused(owned, app, monkeypatch):
    product, seller = owned
    monkeypatch.setitem(app.config, "PHOTO_MAX_MB", 0)
    with pytest.raises(DomainError) as refused:
        services.add_photo(seller, product, Upload(jpeg_bytes()))
    assert refused.value.code == "too_large"
    monkeypatch.setitem(app.config, "PHOTO_MAX_MB", 8)
    monkeypatch.setitem(app.config, "PHOTOS_PER_PRODUCT", 2)
    add_photo(product)
    add_photo(product)
    with pytest.raises(DomainError) as refused:
        services.add_photo(seller, product, Upload(jpeg_bytes()))
    assert refused.value.code == "too_many_photos"


def test_a_refused_transaction_leaves_no_photo_file(owned):
    product, seller = owned
    before = _stored_files()
    with pytest.raises(DomainError):
        services.add_photos(seller, product, [Upload(jpeg_bytes()), Upload(PDF, "b.jpg")])
    db.session.rollback()
    assert _stored_files() == before


# --- serving ----------------------------------------------------------------------------------


def test_photos_of_public_products_are_public_and_long_cached(owned, client):
    product, _seller = owned
    product.status = S.PUBLISHED
    photo = add_photo(product)
    for name in (photo.stored_name, photo.thumb_name):
        with client.get(f"/media/products/{name}") as response:
            assert response.status_code == 200
            assert response.mimetype == "image/jpeg"
            assert "immutable" in response.headers["Cache-Control"]
            assert "public" in response.headers["Cache-Control"]
    assert client.get("/media/products/" + "0" * 32 + ".jpg").status_code == 404
    assert client.get("/media/products/..%2Fsecret.jpg").status_code == 404


def test_photos_of_unpublished_products_only_for_the_owner_and_the_dinas(owned, app):
    product, seller = owned
    photo = add_photo(product)
    url = f"/media/products/{photo.stored_name}"
    assert app.test_client().get(url).status_code == 404
    _other, stranger = seller_business(name="Usaha Lain")
    for user, expected in (
        (stranger, 404),
        (user_with_role(Role.PP), 404),
        (seller, 200),
        (user_with_role(Role.ADMIN), 200),
        (user_with_role(Role.CURATOR), 200),
    ):
        client = app.test_client()
        login(client, user.email)
        with client.get(url) as response:
            assert response.status_code == expected, user.email
            if expected == 200:
                assert response.headers["Cache-Control"].startswith("private")


def test_photos_of_an_unverified_business_are_not_public(owned, app):
    product, _seller = owned
    product.status = S.PUBLISHED
    product.organisation.verified_at = None
    photo = add_photo(product)
    assert app.test_client().get(f"/media/products/{photo.stored_name}").status_code == 404


def test_a_document_name_is_not_served_as_a_photo(owned, client):
    product, _seller = owned
    product.status = S.PUBLISHED
    add_photo(product)
    name, _digest = store(jpeg_bytes(), "jpg")  # an upload that is no product photo
    assert client.get(f"/media/products/{name}").status_code == 404
