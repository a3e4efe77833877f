"""The rules of the regulation as pure functions: micro criteria (Pasal 4), the licensing
requirements by risk (Pasal 6-7 with OSS-RBA), certificate validity (Pasal 9, 12)."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from app.businesses.models import CertificateKind, RiskLevel
from app.formatting import rupiah

MAX_CAPITAL = 1_000_000_000  # Pasal 4(2): excluding land and buildings
MAX_ANNUAL_SALES = 2_000_000_000  # Pasal 4(3)
SALES_ONLY_AFTER_MONTHS = 24  # Pasal 4(4)


def months_operating(started_on: date, today: date) -> int:
    return (today.year - started_on.year) * 12 + (today.month - started_on.month)


@dataclass(frozen=True)
class MicroJudgement:
    qualifies: bool | None  # None: not enough data to judge
    reasons: tuple[str, ...]
    basis: str  # "sales" (operating two years or more) or "capital_and_sales"


def judge_micro(
    capital: int | None, annual_sales: int | None, started_on: date | None, today: date
) -> MicroJudgement:
    """Is this a micro-business under Pasal 4? Reasons say plainly why not.

    A business operating for two years or more is judged on annual sales alone (Pasal 4(4));
    a younger one must meet both the capital and the sales criterion.
    """
    sales_only = started_on is not None and (
        months_operating(started_on, today) >= SALES_ONLY_AFTER_MONTHS
    )
    basis = "sales" if sales_only else "capital_and_sales"
    missing = annual_sales is None or (not sales_only and capital is None)
    if missing:
        return MicroJudgement(None, (str(_l("Enter capital and annual sales to check.")),), basis)
    reasons = []
    if annual_sales > MAX_ANNUAL_SALES:
        reasons.append(
            str(
                _l(
                    "Annual sales of %(sales)s are above the micro limit of %(limit)s "
                    "(Pasal 4(3)).",
                    sales=rupiah(annual_sales),
                    limit=rupiah(MAX_ANNUAL_SALES),
                )
            )
        )
    if not sales_only and capital > MAX_CAPITAL:
        reasons.append(
            str(
                _l(
                    "Business capital of %(capital)s (without land and buildings) is above the "
                    "micro limit of %(limit)s (Pasal 4(2)).",
                    capital=rupiah(capital),
                    limit=rupiah(MAX_CAPITAL),
                )
            )
        )
    return MicroJudgement(not reasons, tuple(reasons), basis)


# --- certificates -----------------------------------------------------------------------------


def certificate_expiry(
    kind: CertificateKind, issued_on: date, expires_on: date | None, halal_validity_years: int
) -> date | None:
    """The end of validity: the recorded date, else the configured halal validity, else none."""
    if expires_on is not None:
        return expires_on
    if kind == CertificateKind.HALAL and halal_validity_years > 0:
        try:
            return issued_on.replace(year=issued_on.year + halal_validity_years)
        except ValueError:  # 29 February
            return issued_on.replace(year=issued_on.year + halal_validity_years, day=28)
    return None


def certificate_state(expiry: date | None, today: date, warning_days: int) -> str:
    """'valid', 'expiring' (within the warning window) or 'expired'. The expiry day still counts."""
    if expiry is None:
        return "valid"
    if expiry < today:
        return "expired"
    if expiry <= today + timedelta(days=warning_days):
        return "expiring"
    return "valid"


# --- licensing checklist (Pasal 6-7, OSS-RBA) ---------------------------------------------------

REQUIREMENT_LABELS = {
    "nib": _l("NIB (or a village-head business letter)"),
    "standard_self": _l("Standard certificate (self-declared)"),
    "standard_verified": _l("Standard certificate verified by the authority"),
    "licence": _l("Licence (izin)"),
}

REQUIREMENTS_BY_RISK: dict[RiskLevel, tuple[str, ...]] = {
    RiskLevel.LOW: ("nib",),
    RiskLevel.MEDIUM_LOW: ("nib", "standard_self"),
    RiskLevel.MEDIUM_HIGH: ("nib", "standard_verified"),
    RiskLevel.HIGH: ("nib", "licence"),
}


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    done: bool


def licensing_checklist(
    risk: RiskLevel | None,
    *,
    has_nib: bool,
    has_village_letter: bool,
    valid_certificates: list,
) -> list[ChecklistItem]:
    """What the risk level requires, each item done or not. Only valid certificates count."""
    if risk is None:
        return []
    kinds = {c.kind for c in valid_certificates}
    verified_standard = any(
        c.kind == CertificateKind.STANDARD and c.standard_verified for c in valid_certificates
    )
    done = {
        "nib": has_nib or has_village_letter,
        "standard_self": CertificateKind.STANDARD in kinds,
        "standard_verified": verified_standard,
        "licence": CertificateKind.LICENCE in kinds,
    }
    return [
        ChecklistItem(key, str(REQUIREMENT_LABELS[key]), done[key])
        for key in REQUIREMENTS_BY_RISK[risk]
    ]
