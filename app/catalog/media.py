"""Product photos served by name: public for public products, else to the owner and the Dinas.

Names are random and a file never changes under its name, so public photos may be cached for a
year by browsers and proxies.
"""

import re

from flask import Blueprint, abort, send_file
from flask_login import current_user
from sqlalchemy import or_, select

from app.catalog import photos, queries
from app.catalog.models import ProductPhoto
from app.catalog.permissions import can_see_unpublished
from app.extensions import db
from app.uploads import path_of

bp = Blueprint("media", __name__)

NAME = re.compile(r"[0-9a-f]{32}\.jpg")
PUBLIC_CACHE = "public, max-age=31536000, immutable"
PRIVATE_CACHE = "private, max-age=3600"


@bp.route("/media/products/<name>")
def product_photo(name: str):
    if not NAME.fullmatch(name):
        abort(404)
    photo = db.session.scalar(
        select(ProductPhoto).where(
            or_(ProductPhoto.stored_name == name, ProductPhoto.thumb_name == name)
        )
    )
    if photo is None:
        abort(404)
    public = queries.is_public(photo.product)
    # Someone else's unpublished photo does not exist for the visitor.
    if not public and not can_see_unpublished(current_user, photo.product):
        abort(404)
    path = path_of(name)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=photos.CONTENT_TYPE, conditional=True, etag=True)
    response.headers["Cache-Control"] = PUBLIC_CACHE if public else PRIVATE_CACHE
    if not public:
        response.vary.add("Cookie")
    return response
