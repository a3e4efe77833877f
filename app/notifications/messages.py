"""The texts of notifications, by kind. Each feature registers its own kinds here."""

from flask_babel import lazy_gettext as _l

MESSAGES = {
    "business.submitted": _l("%(business)s has been submitted for verification."),
    "business.verified": _l("%(business)s has been verified by the Dinas."),
    "business.needs_correction": _l(
        "The Dinas asks you to correct the data of %(business)s: %(reason)s"
    ),
    "business.rejected": _l("The registration of %(business)s was rejected: %(reason)s"),
    "business.recheck": _l("%(business)s changed its %(fields)s; please re-check."),
    "product.published": _l("%(product)s is published in the catalogue."),
    "product.rejected": _l("%(product)s was not published: %(reason)s"),
    "certificate.expiring": _l(
        "The %(certificate)s certificate of %(business)s expires on %(date)s."
    ),
}


def render(kind: str, params: dict) -> str:
    template = MESSAGES.get(kind)
    if template is None:
        return kind
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)
