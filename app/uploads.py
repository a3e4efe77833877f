"""Uploaded files: recognised by their content (never their name), stored outside static/."""

import hashlib
import io
import uuid
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image, UnidentifiedImageError

from app.errors import DomainError

# Magic numbers of what we accept, and the extension we store it under.
SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)


def sniff(data: bytes) -> tuple[str, str] | None:
    """(content type, extension) judged from the bytes, or None."""
    for magic, content_type, extension in SIGNATURES:
        if data.startswith(magic):
            return content_type, extension
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", "webp"
    return None


def _check_image(data: bytes) -> None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as error:
        raise DomainError(
            _l("The image is damaged or not a real image."), field="file", code="bad_file"
        ) from error


def _check_pdf(data: bytes) -> None:
    if b"%%EOF" not in data[-2048:]:
        raise DomainError(
            _l("The PDF file is incomplete or damaged."), field="file", code="bad_file"
        )


def read_checked(file_storage) -> tuple[bytes, str, str]:
    """Read an upload and check it: a PDF or an image, within the size limit.

    Returns (data, content type, extension); raises DomainError before anything is stored.
    """
    if file_storage is None or not getattr(file_storage, "filename", ""):
        raise DomainError(_l("Choose a file to upload."), field="file", code="no_file")
    limit = current_app.config["DOCUMENT_MAX_BYTES"]
    data = file_storage.read(limit + 1)
    if len(data) > limit:
        raise DomainError(
            _l("The file is larger than %(mb)s MB.", mb=limit // (1024 * 1024)),
            field="file",
            code="too_large",
        )
    if not data:
        raise DomainError(_l("The file is empty."), field="file", code="empty")
    kind = sniff(data)
    if kind is None:
        raise DomainError(
            _l("Only PDF files and images (JPG, PNG, WebP) are accepted."),
            field="file",
            code="bad_type",
        )
    if kind[0] == "application/pdf":
        _check_pdf(data)
    else:
        _check_image(data)
    return data, kind[0], kind[1]


def upload_dir() -> Path:
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store(data: bytes, extension: str) -> tuple[str, str]:
    """Write the bytes under a random name. Returns (stored name, sha256)."""
    name = f"{uuid.uuid4().hex}.{extension}"
    (upload_dir() / name).write_bytes(data)
    return name, hashlib.sha256(data).hexdigest()


def path_of(stored_name: str) -> Path:
    return upload_dir() / stored_name


def remove(stored_name: str) -> None:
    path_of(stored_name).unlink(missing_ok=True)
