"""The regulation's rules at their boundaries, and every verification transition."""

from datetime import date

import pytest

from app.businesses import rules
from app.businesses.models import CertificateKind, RiskLevel
from app.businesses.models import VerificationStatus as S
from app.businesses.workflow import TRANSITIONS, Action, next_status
from app.errors import DomainError

TODAY = date(2026, 11, 28)
YOUNG = date(2025, 6, 1)  # 17 months: both criteria apply
OLD = date(2024, 11, 1)  # 24 months: annual sales decide (Pasal 4(4))


@pytest.mark.parametrize(
    ("capital", "sales", "started", "qualifies"),
    [
        (1_000_000_000, 2_000_000_000, YOUNG, True),  # exactly at both limits
        (1_000_000_001, 500_000_000, YOUNG, False),  # one rupiah more capital
        (500_000_000, 2_000_000_001, YOUNG, False),  # one rupiah more sales
        (5_000_000_000, 2_000_000_000, OLD, True),  # old business: capital does not count
        (5_000_000_000, 2_000_000_001, OLD, False),
        (0, 0, YOUNG, True),
        (1_000_000_001, 1, None, False),  # unknown start: both criteria
    ],
)
def test_micro_criteria_at_their_boundaries(capital, sales, started, qualifies):
    assert rules.judge_micro(capital, sales, started, TODAY).qualifies is qualifies


def test_two_year_mark_is_counted_in_months():
    assert (
        rules.judge_micro(2_000_000_000, 1, date(2024, 12, 1), TODAY).basis == "capital_and_sales"
    )
    assert rules.judge_micro(2_000_000_000, 1, date(2024, 11, 1), TODAY).basis == "sales"


def test_not_micro_reason_is_plain():
    judgement = rules.judge_micro(100_000_000, 2_500_000_000, YOUNG, TODAY)
    assert judgement.qualifies is False
    assert "Rp 2.500.000.000" in judgement.reasons[0]
    assert "Rp 2.000.000.000" in judgement.reasons[0]


def test_missing_figures_cannot_be_judged():
    assert rules.judge_micro(None, None, YOUNG, TODAY).qualifies is None
    assert rules.judge_micro(None, 10, OLD, TODAY).qualifies is True  # capital not needed


class Cert:
    def __init__(self, kind, standard_verified=False):
        self.kind = kind
        self.standard_verified = standard_verified


@pytest.mark.parametrize(
    ("risk", "certs", "nib", "letter", "done"),
    [
        (RiskLevel.LOW, [], True, False, {"nib": True}),
        (RiskLevel.LOW, [], False, True, {"nib": True}),  # village-head letter instead of NIB
        (RiskLevel.LOW, [], False, False, {"nib": False}),
        (
            RiskLevel.MEDIUM_LOW,
            [Cert(CertificateKind.STANDARD)],
            True,
            False,
            {"nib": True, "standard_self": True},
        ),
        (
            RiskLevel.MEDIUM_HIGH,
            [Cert(CertificateKind.STANDARD)],
            True,
            False,
            {"nib": True, "standard_verified": False},
        ),
        (
            RiskLevel.MEDIUM_HIGH,
            [Cert(CertificateKind.STANDARD, True)],
            True,
            False,
            {"nib": True, "standard_verified": True},
        ),
        (
            RiskLevel.HIGH,
            [Cert(CertificateKind.HALAL)],
            True,
            False,
            {"nib": True, "licence": False},
        ),
        (
            RiskLevel.HIGH,
            [Cert(CertificateKind.LICENCE)],
            True,
            False,
            {"nib": True, "licence": True},
        ),
    ],
)
def test_risk_checklist(risk, certs, nib, letter, done):
    items = rules.licensing_checklist(
        risk, has_nib=nib, has_village_letter=letter, valid_certificates=certs
    )
    assert {item.key: item.done for item in items} == done


def test_no_risk_level_no_checklist():
    assert (
        rules.licensing_checklist(
            None, has_nib=True, has_village_letter=False, valid_certificates=[]
        )
        == []
    )


@pytest.mark.parametrize(
    ("expiry", "state"),
    [
        (None, "valid"),
        (date(2026, 11, 27), "expired"),
        (date(2026, 11, 28), "expiring"),  # the expiry day itself still counts
        (date(2027, 1, 27), "expiring"),  # the last day of a 60-day window
        (date(2027, 1, 28), "valid"),
    ],
)
def test_certificate_expiry_window(expiry, state):
    assert rules.certificate_state(expiry, TODAY, 60) == state


def test_halal_validity_is_configurable():
    issued = date(2020, 2, 29)
    assert rules.certificate_expiry(CertificateKind.HALAL, issued, None, 0) is None
    assert rules.certificate_expiry(CertificateKind.HALAL, issued, None, 5) == date(2025, 2, 28)
    assert rules.certificate_expiry(CertificateKind.SNI, issued, None, 5) is None
    explicit = date(2030, 1, 1)
    assert rules.certificate_expiry(CertificateKind.HALAL, issued, explicit, 5) == explicit


ALL = [(action, state) for action in Action for state in S]


@pytest.mark.parametrize(("action", "state"), ALL, ids=[f"{a}-{s}" for a, s in ALL])
def test_every_transition_allowed_or_refused(action, state):
    if (action, state) in TRANSITIONS:
        assert next_status(action, state) == TRANSITIONS[(action, state)]
    else:
        with pytest.raises(DomainError) as refused:
            next_status(action, state)
        assert refused.value.code == "invalid_transition"


def test_transition_table_shape():
    assert next_status(Action.SUBMIT, S.DRAFT) == S.SUBMITTED
    assert next_status(Action.VERIFY, S.RECHECK) == S.VERIFIED
    assert next_status(Action.FLAG_RECHECK, S.VERIFIED) == S.RECHECK
    assert len(TRANSITIONS) == 11
