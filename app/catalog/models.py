"""Categories, products, their photos, marketplace links, price history, and the durable queue of
changes waiting to reach the search index."""

import enum
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import TimestampMixin, UTCDateTime, str_enum, utcnow
from app.extensions import db


class ProductStatus(enum.StrEnum):
    DRAFT = "draft"
    AWAITING_REVIEW = "awaiting_review"
    PUBLISHED = "published"
    REJECTED = "rejected"
    ARCHIVED = "archived"


class Marketplace(enum.StrEnum):
    TOKOPEDIA = "tokopedia"
    SHOPEE = "shopee"
    BUKALAPAK = "bukalapak"
    TIKTOK = "tiktok_shop"
    BLIBLI = "blibli"
    LAZADA = "lazada"
    WEBSITE = "website"
    OTHER = "lainnya"


class Category(db.Model):
    """A node of the category tree (two or three levels)."""

    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="RESTRICT"), index=True
    )
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))  # Indonesian
    name_en: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)

    parent: Mapped["Category | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Category"]] = relationship(
        back_populates="parent", order_by="Category.position"
    )

    def label(self, locale: str) -> str:
        return self.name_en if locale == "en" else self.name

    def path(self) -> list["Category"]:
        node, path = self, []
        while node is not None:
            path.append(node)
            node = node.parent
        return list(reversed(path))


product_certificates = Table(
    "product_certificates",
    db.metadata,
    Column("product_id", ForeignKey("products.id", ondelete="CASCADE"), primary_key=True),
    Column("certificate_id", ForeignKey("certificates.id", ondelete="CASCADE"), primary_key=True),
)


class Product(TimestampMixin, db.Model):
    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint("stock >= 0", name="stock_not_negative"),
        CheckConstraint("min_order >= 1", name="min_order_positive"),
        # GIN on PostgreSQL; on SQLite an ordinary (unused) index on an always-empty column.
        Index("ix_products_search_vector", "search_vector", postgresql_using="gin"),
        Index("ix_products_status_category", "status", "category_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    price: Mapped[int] = mapped_column(BigInteger)  # whole rupiah per unit
    unit: Mapped[str] = mapped_column(String(30))
    stock: Mapped[int] = mapped_column(Integer, default=0)
    min_order: Mapped[int] = mapped_column(Integer, default=1)
    lead_time_days: Mapped[int] = mapped_column(Integer, default=1)
    weight_grams: Mapped[int | None] = mapped_column(Integer)
    is_pdn: Mapped[bool] = mapped_column(Boolean, default=True)  # domestic product
    status: Mapped[ProductStatus] = mapped_column(
        str_enum(ProductStatus, "product_status"), default=ProductStatus.DRAFT, index=True
    )
    status_reason: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    # Set by curation (produk unggulan daerah); featured while in the future.
    featured_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Optimistic locking: an edit based on an older version is refused (409).
    version: Mapped[int] = mapped_column(Integer, default=1)
    # PostgreSQL full-text document (the search backend fills it); unused on SQLite.
    search_vector: Mapped[str | None] = mapped_column(
        Text().with_variant(TSVECTOR(), "postgresql"), deferred=True
    )

    organisation = relationship("Organisation")
    category: Mapped[Category] = relationship()
    photos: Mapped[list["ProductPhoto"]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="ProductPhoto.position"
    )
    links: Mapped[list["ProductLink"]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="ProductLink.id"
    )
    certificates = relationship("Certificate", secondary=product_certificates)

    __mapper_args__ = {"version_id_col": version}

    def is_featured(self, now: datetime | None = None) -> bool:
        return self.featured_until is not None and self.featured_until > (now or utcnow())


class ProductPhoto(TimestampMixin, db.Model):
    __tablename__ = "product_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    thumb_name: Mapped[str] = mapped_column(String(64), unique=True)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)

    product: Mapped[Product] = relationship(back_populates="photos")


class ProductLink(db.Model):
    """The same product on another marketplace (the aggregator face, Pasal 19(4)(e))."""

    __tablename__ = "product_links"
    __table_args__ = (UniqueConstraint("product_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), index=True
    )
    marketplace: Mapped[Marketplace] = mapped_column(str_enum(Marketplace, "marketplace"))
    url: Mapped[str] = mapped_column(String(500))

    product: Mapped[Product] = relationship(back_populates="links")


class PriceChange(db.Model):
    """Every price a product has had: the basis for spotting mark-ups."""

    __tablename__ = "price_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), index=True
    )
    old_price: Mapped[int | None] = mapped_column(BigInteger)
    new_price: Mapped[int] = mapped_column(BigInteger)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class SearchChange(db.Model):
    """A product whose search document must be (re)written or removed.

    Written in the same transaction as the product, applied after commit; a crash in between
    leaves the row here for `flask search sync`.
    """

    __tablename__ = "search_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(Integer, index=True)  # no FK: deletions queue too
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
