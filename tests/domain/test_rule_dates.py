"""Effective dating: inclusive start, exclusive end, compliance dates and enforcement status."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from clearance.domain.rule import Enforcement, EnforcementStatus, ProvenanceLevel, RuleMeta


def meta(start: date, end: date | None = None, **kw: object) -> RuleMeta:
    return RuleMeta(
        id="r",
        lineage="r",
        title="t",
        jurisdiction="US",
        effective_from=start,
        effective_to=end,
        provenance=ProvenanceLevel.OFFICIAL,
        citation="c",
        message="m",
        **kw,
    )  # type: ignore[arg-type]


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))


@given(days, st.integers(min_value=1, max_value=5000), days)
def test_window_is_inclusive_exclusive(start: date, length: int, day: date) -> None:
    end = start + timedelta(days=length)
    assert meta(start, end).in_window(day) == (start <= day < end)


def test_edges() -> None:
    rule = meta(date(2026, 1, 15), date(2026, 2, 1))
    assert not rule.in_window(date(2026, 1, 14))
    assert rule.in_window(date(2026, 1, 15))
    assert rule.in_window(date(2026, 1, 31))
    assert not rule.in_window(date(2026, 2, 1))


def test_compliance_date_defers_binding() -> None:
    rule = meta(date(2025, 1, 13), compliance_date=date(2025, 5, 15))
    assert rule.in_window(date(2025, 3, 1))
    assert not rule.binds_on(date(2025, 3, 1))
    assert rule.binds_on(date(2025, 5, 15))


def test_not_enforced_since_a_date() -> None:
    rule = meta(
        date(2025, 1, 13),
        enforcement=Enforcement(EnforcementStatus.NOT_ENFORCED, since=date(2025, 5, 13)),
    )
    assert rule.binds_on(date(2025, 5, 12))
    assert not rule.binds_on(date(2025, 5, 13))
    assert not rule.binds_on(date(2026, 1, 1))


def test_suspension_ends() -> None:
    rule = meta(
        date(2025, 9, 29),
        enforcement=Enforcement(
            EnforcementStatus.SUSPENDED, since=date(2025, 11, 10), until=date(2026, 11, 10)
        ),
    )
    assert rule.binds_on(date(2025, 11, 9))
    assert not rule.binds_on(date(2025, 11, 10))
    assert not rule.binds_on(date(2026, 11, 9))
    assert rule.binds_on(date(2026, 11, 10))
