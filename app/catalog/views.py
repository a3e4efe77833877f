"""The seller's catalogue (list, edit, photos, import) and the Dinas's review queue."""

import csv
import io

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from app.accounts.forms import ConfirmForm
from app.accounts.models import Organisation, Role
from app.accounts.permissions import role_required
from app.businesses import services as registry
from app.businesses.context import business_in_context, org_args
from app.businesses.labels import CERTIFICATE_LABELS
from app.catalog import csv_import, queries, rules, services
from app.catalog.forms import UNITS, ImportForm, PhotoForm, ProductForm, RejectForm, StockForm
from app.catalog.models import Product, ProductPhoto, ProductStatus
from app.catalog.permissions import can_manage
from app.catalog.workflow import STATUS_LABELS, Action, allowed
from app.errors import DomainError
from app.extensions import db
from app.web import acting_user, form_status, page_arg, safe_next, show_domain_error

bp = Blueprint("catalog", __name__)

SELLER_ROLES = (Role.SELLER, Role.ADMIN)


# Globals rather than context variables: imported macros see globals only.
@bp.app_template_global()
def product_status_label(status) -> str:
    return str(STATUS_LABELS.get(status, status))


@bp.app_template_global()
def product_photo_url(photo: ProductPhoto, thumb: bool = False) -> str:
    return queries.photo_url(photo, thumb=thumb)


@bp.app_template_global()
def category_path(category) -> str:
    return queries.category_label(category, str(get_locale()))


@bp.app_template_global()
def product_can(action: str, product: Product) -> bool:
    """Whether the product's state allows `action` (the buttons shown)."""
    return allowed(Action(action), product.status)


# --- whose catalogue --------------------------------------------------------------------------


def _product_or_404(product_id: int) -> Product:
    """A product the person may manage; someone else's does not exist for them."""
    product = db.session.get(Product, product_id)
    if product is None or not can_manage(current_user, product):
        abort(404)
    return product


def _back(product: Product) -> str:
    """Where the list's forms came from (with its filters), else the owner's list."""
    target = request.form.get("next")
    if target:
        return safe_next(target, "catalog.index")
    return url_for("catalog.index", **org_args(product.organisation))


def _confirmed() -> None:
    if not ConfirmForm().validate_on_submit():
        abort(400)


def _flash_form_errors(form) -> None:
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "danger")


# --- the list ---------------------------------------------------------------------------------


@bp.route("/my-products")
@role_required(*SELLER_ROLES)
def index():
    organisation = business_in_context()
    status_arg = request.args.get("status", "")
    status = ProductStatus(status_arg) if status_arg in set(ProductStatus) else None
    q = (request.args.get("q") or "").strip()
    page = db.paginate(
        queries.products_of(organisation.id, status, q),
        page=page_arg(),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )
    counts = dict(
        db.session.execute(
            select(Product.status, func.count(Product.id))
            .where(Product.organisation_id == organisation.id)
            .group_by(Product.status)
        ).all()
    )
    return render_template(
        "catalog/index.html",
        organisation=organisation,
        page=page,
        status=status_arg if status else "",
        q=q,
        counts=counts,
        statuses=STATUS_LABELS,
        args=org_args(organisation),
        halal_ids=queries.halal_product_ids(p.id for p in page.items),
    )


@bp.route("/my-products/<int:product_id>/stock", methods=["POST"])
@role_required(*SELLER_ROLES)
def stock(product_id: int):
    product = _product_or_404(product_id)
    form = StockForm()
    if form.validate_on_submit():
        try:
            services.set_stock(acting_user(), product, form.stock.data)
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "danger")
        else:
            db.session.commit()
            flash(
                _("Stock of %(name)s: %(stock)s.", name=product.name, stock=product.stock),
                "success",
            )
    else:
        _flash_form_errors(form)
    return redirect(_back(product))


# --- creating and editing ---------------------------------------------------------------------


def _product_form(organisation: Organisation, product: Product | None = None) -> ProductForm:
    if product is not None and request.method == "GET":
        form = ProductForm(
            data={
                **{name: getattr(product, name) for name in rules.FIELDS},
                "links": "\n".join(link.url for link in product.links),
                "certificate_ids": [c.id for c in product.certificates],
                "version": str(product.version),
            }
        )
    else:
        form = ProductForm()
    form.category_id.choices = [
        (0, _("— choose —")),
        *queries.category_choices(str(get_locale())),
    ]
    form.certificate_ids.choices = [
        (
            view.certificate.id,
            f"{CERTIFICATE_LABELS.get(view.certificate.kind, view.certificate.kind)} "
            f"{view.certificate.number}"
            + (f" ({_('expired')})" if view.state == "expired" else ""),
        )
        for view in registry.certificates(organisation.id)
    ]
    return form


def _render_edit(form, organisation: Organisation, product: Product | None, status: int):
    return render_template(
        "catalog/edit.html",
        form=form,
        product=product,
        organisation=organisation,
        prices=queries.price_history(product) if product else [],
        halal=queries.is_halal(product) if product else False,
        photo_limit=current_app.config["PHOTOS_PER_PRODUCT"],
        photo_max_mb=current_app.config["PHOTO_MAX_MB"],
        units=UNITS,
        args=org_args(organisation),
    ), status


def _domain_status(error: DomainError) -> int:
    return 422 if error.status_code == 400 else error.status_code


@bp.route("/my-products/new", methods=["GET", "POST"])
@role_required(*SELLER_ROLES)
def new():
    organisation = business_in_context()
    form = _product_form(organisation)
    status = 200
    if form.validate_on_submit():
        try:
            product = services.create_product(acting_user(), organisation, form.data_for_service())
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
            status = _domain_status(error)
        else:
            db.session.commit()
            flash(_("Saved as a draft. Now add photos of the product."), "success")
            return redirect(url_for("catalog.edit", product_id=product.id) + "#photos")
    return _render_edit(form, organisation, None, status if status != 200 else form_status(form))


@bp.route("/my-products/<int:product_id>/edit", methods=["GET", "POST"])
@role_required(*SELLER_ROLES)
def edit(product_id: int):
    product = _product_or_404(product_id)
    organisation = product.organisation
    form = _product_form(organisation, product)
    status = 200
    if form.validate_on_submit():
        was_published = product.status == ProductStatus.PUBLISHED
        try:
            changed = services.update_product(
                acting_user(),
                product,
                form.data_for_service(),
                version=form.submitted_version() or -1,
            )
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
            status = _domain_status(error)
            if error.code == "stale":
                # The person's input stays; saving again now overwrites knowingly.
                form.version.data = str(product.version)
        else:
            db.session.commit()
            flash(_("Saved.") if changed else _("Nothing changed."), "success")
            if was_published and product.status == ProductStatus.AWAITING_REVIEW:
                flash(
                    _(
                        "The name or category changed, so the product goes back to review. "
                        "It is hidden from the shop until the Dinas approves it."
                    ),
                    "info",
                )
            return redirect(url_for("catalog.edit", product_id=product.id))
    return _render_edit(form, organisation, product, status if status != 200 else form_status(form))


# --- actions on a product ---------------------------------------------------------------------


def _act(product_id: int, service, message: str, *, back_to_edit: bool = False):
    product = _product_or_404(product_id)
    _confirmed()
    try:
        service(acting_user(), product)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "danger")
    else:
        db.session.commit()
        flash(message, "success")
    if back_to_edit:
        return redirect(url_for("catalog.edit", product_id=product.id))
    return redirect(_back(product))


@bp.route("/my-products/<int:product_id>/duplicate", methods=["POST"])
@role_required(*SELLER_ROLES)
def duplicate(product_id: int):
    product = _product_or_404(product_id)
    _confirmed()
    copy = services.duplicate_product(acting_user(), product)
    db.session.commit()
    flash(_("A draft copy was made. Change what differs and save."), "success")
    return redirect(url_for("catalog.edit", product_id=copy.id))


@bp.route("/my-products/<int:product_id>/archive", methods=["POST"])
@role_required(*SELLER_ROLES)
def archive(product_id: int):
    return _act(product_id, services.archive_product, _("The product was archived."))


@bp.route("/my-products/<int:product_id>/restore", methods=["POST"])
@role_required(*SELLER_ROLES)
def restore(product_id: int):
    return _act(
        product_id, services.restore_product, _("The product is a draft again."), back_to_edit=True
    )


@bp.route("/my-products/<int:product_id>/submit", methods=["POST"])
@role_required(*SELLER_ROLES)
def submit(product_id: int):
    return _act(
        product_id,
        services.submit_for_review,
        _("Submitted for review. You will see the decision in your list."),
    )


# --- photos -----------------------------------------------------------------------------------


@bp.route("/my-products/<int:product_id>/photos", methods=["POST"])
@role_required(*SELLER_ROLES)
def add_photos(product_id: int):
    product = _product_or_404(product_id)
    form = PhotoForm()
    if form.validate_on_submit():
        try:
            added = services.add_photos(acting_user(), product, request.files.getlist("photo"))
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "danger")
        else:
            db.session.commit()
            flash(ngettext("%(num)s photo added.", "%(num)s photos added.", len(added)), "success")
    else:
        _flash_form_errors(form)
    return redirect(url_for("catalog.edit", product_id=product.id) + "#photos")


def _photo_or_404(product: Product, photo_id: int) -> ProductPhoto:
    photo = db.session.get(ProductPhoto, photo_id)
    if photo is None or photo.product_id != product.id:
        abort(404)
    return photo


@bp.route("/my-products/<int:product_id>/photos/<int:photo_id>/delete", methods=["POST"])
@role_required(*SELLER_ROLES)
def delete_photo(product_id: int, photo_id: int):
    product = _product_or_404(product_id)
    photo = _photo_or_404(product, photo_id)
    _confirmed()
    try:
        services.remove_photo(acting_user(), photo)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "danger")
    else:
        db.session.commit()
        flash(_("The photo was deleted."), "success")
    return redirect(url_for("catalog.edit", product_id=product.id) + "#photos")


@bp.route("/my-products/<int:product_id>/photos/<int:photo_id>/move", methods=["POST"])
@role_required(*SELLER_ROLES)
def move_photo(product_id: int, photo_id: int):
    product = _product_or_404(product_id)
    photo = _photo_or_404(product, photo_id)
    _confirmed()
    offset = -1 if request.form.get("direction") == "up" else 1
    try:
        services.move_photo(acting_user(), photo, offset)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "danger")
    else:
        db.session.commit()
    return redirect(url_for("catalog.edit", product_id=product.id) + "#photos")


# --- CSV import -------------------------------------------------------------------------------


@bp.route("/my-products/import", methods=["GET", "POST"])
@role_required(*SELLER_ROLES)
def import_products():
    organisation = business_in_context()
    form = ImportForm()
    report = None
    status = 200
    if form.validate_on_submit():
        upload = form.file.data
        try:
            report = csv_import.import_file(
                acting_user(),
                organisation,
                upload.read(csv_import.MAX_BYTES + 1),
                source=(upload.filename or "")[-120:],
            )
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
            status = 422
        else:
            db.session.commit()
    elif form.errors:
        status = 422
    return render_template(
        "catalog/import.html",
        form=form,
        report=report,
        organisation=organisation,
        categories=queries.categories_in_order(),
        args=org_args(organisation),
    ), status


TEMPLATE_ROWS = [
    ["name", "category", "price", "unit", "stock", "min_order", "lead_time_days",
     "weight_grams", "is_pdn", "description", "links"],
    ["Keripik Singkong Pedas 250 g", "keripik", "Rp 15.000", "pcs", "100", "10", "2", "250",
     "ya", "Keripik singkong renyah, pedas sedang.", "https://www.tokopedia.com/toko/keripik"],
    ["Nasi Kotak Ayam Bakar", "nasi-kotak", "35000", "kotak", "0", "20", "1", "", "ya",
     "Nasi, ayam bakar, lalapan, sambal, buah, air mineral.", ""],
]  # fmt: skip


@bp.route("/my-products/import/template.csv")
@role_required(*SELLER_ROLES)
def import_template():
    buffer = io.StringIO()
    csv.writer(buffer).writerows(TEMPLATE_ROWS)
    return Response(
        "\ufeff" + buffer.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=produk-contoh.csv"},
    )


# --- the Dinas's review -----------------------------------------------------------------------


@bp.route("/admin/products/review")
@role_required(Role.ADMIN)
def review_queue():
    page = db.paginate(
        queries.review_queue(),
        page=page_arg(),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )
    return render_template(
        "catalog/review.html",
        page=page,
        halal_ids=queries.halal_product_ids(p.id for p in page.items),
    )


def _reviewed_product(product_id: int) -> Product:
    product = db.session.get(Product, product_id)
    if product is None:
        abort(404)
    return product


@bp.route("/admin/products/<int:product_id>/publish", methods=["POST"])
@role_required(Role.ADMIN)
def publish(product_id: int):
    product = _reviewed_product(product_id)
    _confirmed()
    try:
        services.publish_product(acting_user(), product)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "danger")
    else:
        db.session.commit()
        flash(_("%(name)s is published.", name=product.name), "success")
    return redirect(url_for("catalog.review_queue"))


@bp.route("/admin/products/<int:product_id>/reject", methods=["POST"])
@role_required(Role.ADMIN)
def reject(product_id: int):
    product = _reviewed_product(product_id)
    form = RejectForm()
    if form.validate_on_submit():
        try:
            services.reject_product(acting_user(), product, form.reason.data)
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "danger")
        else:
            db.session.commit()
            flash(_("%(name)s was rejected.", name=product.name), "success")
    else:
        _flash_form_errors(form)
    return redirect(url_for("catalog.review_queue"))
