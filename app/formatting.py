"""Template filters: rupiah, masked personal data, local dates."""

from flask_babel import format_date, format_datetime


def rupiah(amount: int | None) -> str:
    """Whole rupiah with dots for thousands: 1250000 -> 'Rp 1.250.000'."""
    if amount is None:
        return "–"
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(int(amount)):,}".replace(",", ".")


def mask(value: str | None, keep: int = 4) -> str:
    """Show only the last `keep` characters: '3216061234567890' -> '************7890'."""
    if not value:
        return ""
    if len(value) <= keep:
        return "*" * len(value)
    return "*" * (len(value) - keep) + value[-keep:]


def mask_email(value: str | None) -> str:
    if not value or "@" not in value:
        return mask(value)
    local, domain = value.split("@", 1)
    return f"{local[:1]}{'*' * max(len(local) - 1, 1)}@{domain}"


def register(app) -> None:
    app.add_template_filter(rupiah, "rupiah")
    app.add_template_filter(mask, "mask")
    app.add_template_filter(mask_email, "mask_email")
    app.add_template_filter(lambda v: format_datetime(v, "d MMM yyyy HH:mm") if v else "", "dt")
    app.add_template_filter(lambda v: format_date(v, "d MMM yyyy") if v else "", "date")
