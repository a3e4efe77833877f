"""Product photos: checked by content, re-encoded without metadata, resized, stored.

What a seller uploads is never served as sent: it is decoded (refusing non-images and
decompression bombs before decoding), turned upright (EXIF orientation), re-encoded as JPEG
without EXIF, GPS or other metadata, shrunk to PHOTO_SIZE and given a PHOTO_THUMB_SIZE thumbnail.

Files follow the transaction: a photo removed in a transaction that commits is deleted after
the commit (so a failed commit loses nothing), and a photo stored in a transaction that rolls
back is deleted with it (so a refused request leaves no orphan file).
"""

import io
import warnings
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.errors import DomainError
from app.extensions import db
from app.uploads import path_of, remove, sniff, store

FORMATS = {"JPEG", "PNG", "WEBP"}
EXTENSION = "jpg"
CONTENT_TYPE = "image/jpeg"
QUALITY = 85

_NEW_FILES = "catalog_new_files"
_DOOMED_FILES = "catalog_doomed_files"


@dataclass(frozen=True)
class ProcessedPhoto:
    image: bytes
    thumb: bytes
    width: int
    height: int


def _refuse(message, code: str) -> DomainError:
    return DomainError(message, field="photo", code=code)


def read_upload(file_storage) -> bytes:
    """The uploaded bytes, within PHOTO_MAX_MB; nothing is decoded yet."""
    if file_storage is None or not getattr(file_storage, "filename", ""):
        raise _refuse(_l("Choose a photo to upload."), "no_file")
    limit_mb = current_app.config["PHOTO_MAX_MB"]
    limit = limit_mb * 1024 * 1024
    data = file_storage.read(limit + 1)
    if len(data) > limit:
        raise _refuse(_l("The photo is larger than %(mb)s MB.", mb=limit_mb), "too_large")
    if not data:
        raise _refuse(_l("The file is empty."), "empty")
    return data


def _open(data: bytes, max_pixels: int) -> Image.Image:
    """Decode the image, refusing one whose pixel count betrays a decompression bomb."""
    bomb = _refuse(
        _l(
            "The image is too large in pixels (at most %(mp)s megapixels). "
            "Resize it and upload it again.",
            mp=max_pixels // 1_000_000,
        ),
        "too_many_pixels",
    )
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        # Pillow warns between the limit and twice the limit and raises above it;
        # both mean the same to us, in production as in tests.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:
                raise UnidentifiedImageError(image.format)
            if image.width * image.height > max_pixels:
                raise bomb
            # JPEG can decode at a reduced scale: far less memory for a large camera photo.
            size = current_app.config["PHOTO_SIZE"]
            image.draft("RGB", (size, size))
            image.load()
            return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise bomb from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise _refuse(_l("The image is damaged or not a real image."), "bad_file") from error
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on a white background (JPEG has no transparency)."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if has_alpha:
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _encode(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    # No exif= or icc_profile= given: Pillow writes none of the original's metadata.
    image.save(buffer, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


def process(data: bytes) -> ProcessedPhoto:
    """Check and transform an uploaded photo; raises DomainError before anything is stored."""
    kind = sniff(data)
    if kind is None or not kind[0].startswith("image/"):
        raise _refuse(_l("Only photos in JPG, PNG or WebP format are accepted."), "bad_type")
    config = current_app.config
    with _open(data, config["PHOTO_MAX_PIXELS"]) as original:
        try:
            image = _flatten(ImageOps.exif_transpose(original))
        except (OSError, ValueError, SyntaxError) as error:
            raise _refuse(_l("The image is damaged or not a real image."), "bad_file") from error
    size = config["PHOTO_SIZE"]
    image.thumbnail((size, size), Image.Resampling.LANCZOS)
    thumb = image.copy()
    thumb_size = config["PHOTO_THUMB_SIZE"]
    thumb.thumbnail((thumb_size, thumb_size), Image.Resampling.LANCZOS)
    return ProcessedPhoto(_encode(image), _encode(thumb), image.width, image.height)


def store_processed(photo: ProcessedPhoto) -> tuple[str, str]:
    """Write the photo and its thumbnail under random names: (stored name, thumb name).

    The files are removed again if the current transaction rolls back.
    """
    stored_name, _digest = store(photo.image, EXTENSION)
    thumb_name, _digest = store(photo.thumb, EXTENSION)
    db.session.info.setdefault(_NEW_FILES, []).extend([stored_name, thumb_name])
    return stored_name, thumb_name


def copy_files(stored_name: str, thumb_name: str) -> tuple[str, str] | None:
    """New files with the same content (a duplicated product gets its own photos);
    None when the originals are gone."""
    try:
        image, thumb = path_of(stored_name).read_bytes(), path_of(thumb_name).read_bytes()
    except FileNotFoundError:
        return None
    return store_processed(ProcessedPhoto(image, thumb, 0, 0))


def remove_after_commit(*names: str) -> None:
    """Delete these files once the current transaction has committed."""
    db.session.info.setdefault(_DOOMED_FILES, []).extend(names)


@event.listens_for(Session, "after_commit")
def _after_commit(session):
    session.info.pop(_NEW_FILES, None)
    for name in session.info.pop(_DOOMED_FILES, []):
        remove(name)


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session, previous_transaction):
    if session.in_transaction():  # an inner savepoint; the outer transaction goes on
        return
    session.info.pop(_DOOMED_FILES, None)
    for name in session.info.pop(_NEW_FILES, []):
        remove(name)
