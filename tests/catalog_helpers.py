"""Building blocks for catalogue tests: categories, businesses with sellers, products, real
image bytes (with EXIF GPS, or a decompression bomb) and marketplace-style CSV files."""

import csv
import io
import struct
import zlib

import factory
from PIL import Image
from sqlalchemy import select

from app.accounts.models import OrgKind, Role
from app.catalog import photos
from app.catalog.models import Category, PriceChange, Product, ProductPhoto, ProductStatus
from app.catalog.taxonomy import ensure_categories
from app.db import utcnow
from app.extensions import db
from tests.factories import BaseFactory, OrganisationFactory, user_with_role


def categories() -> dict[str, Category]:
    """The seeded tree, by slug."""
    ensure_categories()
    db.session.commit()
    return {c.slug: c for c in db.session.scalars(select(Category))}


def category(slug: str = "keripik") -> Category:
    return db.session.scalar(select(Category).where(Category.slug == slug)) or categories()[slug]


def seller_business(verified: bool = True, name: str = "Keripik Mang Ujang"):
    """A micro-business and its seller: (organisation, seller)."""
    organisation = OrganisationFactory(
        kind=OrgKind.MICRO_BUSINESS, name=name, verified_at=utcnow() if verified else None
    )
    return organisation, user_with_role(Role.SELLER, organisation=organisation)


class ProductFactory(BaseFactory):
    class Meta:
        model = Product

    organisation = factory.SubFactory(
        OrganisationFactory, kind=OrgKind.MICRO_BUSINESS, verified_at=factory.LazyFunction(utcnow)
    )
    category = factory.LazyFunction(category)
    name = factory.Sequence(lambda n: f"Keripik Singkong {n}")
    description = "Keripik singkong renyah."
    price = 15_000
    unit = "pcs"
    stock = 50
    min_order = 1
    lead_time_days = 2
    status = ProductStatus.DRAFT

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        db.session.add(PriceChange(product_id=obj.id, old_price=None, new_price=obj.price))
        if obj.status == ProductStatus.PUBLISHED and obj.published_at is None:
            obj.published_at = utcnow()
        db.session.commit()


def jpeg_bytes(size=(64, 48), colour="orange", exif=None) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def jpeg_with_gps(size=(2400, 1600), orientation: int = 6) -> bytes:
    """A camera-like JPEG: GPS position, camera make and a rotation in its EXIF."""
    exif = Image.Exif()
    exif[0x010F] = "KameraHP"  # Make
    exif[0x0112] = orientation  # Orientation: 6 = rotate 90° clockwise to show
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"
    gps[2] = (6.0, 14.0, 30.0)  # latitude of Cikarang
    gps[3] = "E"
    gps[4] = (107.0, 9.0, 10.0)
    return jpeg_bytes(size, exif=exif.tobytes())


def png_bomb(width: int = 20_000, height: int = 20_000) -> bytes:
    """A real PNG of width x height black pixels (mode "1") that compresses to ~50 KB."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\0" * (1 + (width + 7) // 8)  # filter byte + packed bits
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


class Upload:
    """A stand-in for werkzeug's FileStorage for service tests."""

    def __init__(self, data: bytes, filename: str = "foto.jpg"):
        self.filename = filename
        self._stream = io.BytesIO(data)

    def read(self, size: int = -1) -> bytes:
        return self._stream.read(size)


def add_photo(product: Product, data: bytes | None = None) -> ProductPhoto:
    """Store a real processed photo on the product (as the last one) and commit."""
    processed = photos.process(data or jpeg_bytes())
    stored_name, thumb_name = photos.store_processed(processed)
    photo = ProductPhoto(
        position=len(product.photos),
        stored_name=stored_name,
        thumb_name=thumb_name,
        width=processed.width,
        height=processed.height,
    )
    product.photos.append(photo)
    db.session.commit()
    return photo


TOKOPEDIA_HEADERS = [
    "Nama Produk*",
    "Deskripsi Produk",
    "Kategori*",
    "Berat* (Gram)",
    "Minimum Pemesanan*",
    "Waktu Proses Preorder",
    "Kondisi*",
    "SKU Name",
    "Jumlah Stok*",
    "Harga (Rp)*",
    "URL Produk",
]


def marketplace_csv(
    rows: int, bad: dict[int, dict] | None = None, delimiter: str = ",", preamble: int = 0
) -> tuple[bytes, dict[int, int]]:
    """A Tokopedia-style CSV with `rows` products; `bad` maps a row index to overriding cells.

    Returns (bytes, {row index: its line number in the file}).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for n in range(preamble):
        writer.writerow([f"Petunjuk pengisian {n + 1}: isi kolom bertanda *"])
    writer.writerow(TOKOPEDIA_HEADERS)
    lines = {}
    line = preamble + 2
    for index in range(rows):
        cells = {
            "Nama Produk*": f"Keripik Singkong Rasa {index}",
            "Deskripsi Produk": "Renyah,\ngurih dan pedas." if index % 50 == 0 else "Renyah.",
            "Kategori*": ["keripik", "Makanan Ringan", "Jasa > Katering", "Batik"][index % 4],
            "Berat* (Gram)": "250",
            "Minimum Pemesanan*": "10",
            "Waktu Proses Preorder": "3",
            "Kondisi*": "Baru",
            "SKU Name": f"KRP-{index:04d}",
            "Jumlah Stok*": "1.000" if index % 3 == 0 else "75",
            "Harga (Rp)*": ["Rp 25.000", "25000", "Rp15.500,00", "1,250,000"][index % 4],
            "URL Produk": f"https://www.tokopedia.com/mangujang/keripik-{index}"
            if index % 5 == 0
            else "",
        }
        cells.update((bad or {}).get(index, {}))
        writer.writerow([cells[h] for h in TOKOPEDIA_HEADERS])
        lines[index] = line
        line += 1 + cells["Deskripsi Produk"].count("\n")
    return buffer.getvalue().encode("utf-8-sig"), lines
