"""The one precedence table, and authorizations as they stood on a date."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from clearance.domain.authorization import (
    Authorization,
    AuthorizationKind,
    AuthorizationStatus,
    StatusChange,
)
from clearance.domain.decision import Outcome, combine


@given(st.lists(st.sampled_from(list(Outcome))))
def test_most_restrictive_outcome_wins(outcomes: list[Outcome]) -> None:
    result = combine(outcomes)
    if Outcome.DENIED in outcomes:
        assert result is Outcome.DENIED
    elif Outcome.HOLD in outcomes:
        assert result is Outcome.HOLD
    else:
        assert result is Outcome.CLEARED
    assert combine(reversed(outcomes)) is result


def _auth(**kw: object) -> Authorization:
    base: dict[str, object] = {
        "id": "A",
        "jurisdiction": "US",
        "authority": "BIS",
        "kind": AuthorizationKind.EXPORT_LICENCE,
        "holder": "H",
        "parties": (),
        "items": (),
        "valid_from": date(2026, 1, 1),
        "valid_to": date(2026, 12, 31),
        "status": AuthorizationStatus.GRANTED,
    }
    base.update(kw)
    return Authorization(**base)  # type: ignore[arg-type]


def test_history_gives_the_status_on_each_date() -> None:
    auth = _auth(
        history=(
            StatusChange(date(2026, 1, 16), AuthorizationStatus.APPLIED),
            StatusChange(date(2026, 2, 20), AuthorizationStatus.GRANTED),
        )
    )
    assert auth.as_of(date(2026, 1, 15)) is None
    applied = auth.as_of(date(2026, 2, 19))
    assert applied is not None
    assert applied.status is AuthorizationStatus.APPLIED
    granted = auth.as_of(date(2026, 2, 20))
    assert granted is not None
    assert granted.status is AuthorizationStatus.GRANTED


def test_a_granted_licence_expires_after_valid_to() -> None:
    auth = _auth()
    last = auth.as_of(date(2026, 12, 31))
    after = auth.as_of(date(2027, 1, 1))
    assert last is not None
    assert last.status is AuthorizationStatus.GRANTED
    assert after is not None
    assert after.status is AuthorizationStatus.EXPIRED


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_balance_is_granted_minus_drawn(granted: int, drawn: int) -> None:
    auth = _auth(quantity=granted, quantity_used=min(drawn, granted))
    assert auth.balance == granted - min(drawn, granted)
    assert auth.balance is not None
    assert auth.balance >= 0
