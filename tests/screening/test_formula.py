"""The name-score formula and the bounds the candidate index takes from it."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from clearance.screening.formula import list_slack, min_query_coverage, name_score, score_bound

MASS = st.floats(min_value=0.0, max_value=1.0)
# Mostly near-complete matches, where the thresholds bite.
SHARE = st.one_of(st.just(1.0), st.floats(min_value=0.5, max_value=1.0), MASS)
TOTAL = st.floats(min_value=0.5, max_value=40.0)
THRESHOLD = st.floats(min_value=0.5, max_value=0.95)


@st.composite
def side(draw: st.DrawFn) -> tuple[float, float, float]:
    """(matched, paired, total) with matched <= paired <= total."""
    total = draw(TOTAL)
    paired = draw(SHARE) * total
    return draw(SHARE) * paired, paired, total


@st.composite
def pair(draw: st.DrawFn) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    """Two sides of comparable size (a name and a close variant of it)."""
    q = draw(side())
    scale = draw(st.floats(min_value=0.5, max_value=2.0))
    total = q[2] * scale
    paired = draw(SHARE) * total
    return q, (draw(SHARE) * paired, paired, total)


@given(side(), side())
@settings(max_examples=2000)
def test_the_bound_is_never_below_the_score(q: tuple[float, ...], c: tuple[float, ...]) -> None:
    (mq, pq, wq), (mc, pc, wc) = q, c
    assert name_score(mq, pq, wq, mc, pc, wc) <= score_bound(mq, wq, mc, wc) + 1e-12


@given(pair(), THRESHOLD)
@settings(max_examples=2000)
def test_a_score_above_t_needs_query_coverage(
    sides: tuple[tuple[float, ...], tuple[float, ...]], t: float
) -> None:
    (mq, pq, wq), (mc, pc, wc) = sides
    assume(name_score(mq, pq, wq, mc, pc, wc) >= t)
    assert mq / wq >= min_query_coverage(t) - 1e-9


@given(pair(), THRESHOLD, MASS, MASS)
@settings(max_examples=3000)
def test_a_score_above_t_caps_the_unmatched_list_weight(
    sides: tuple[tuple[float, ...], tuple[float, ...]], t: float, r: float, u: float
) -> None:
    (mq, pq, wq), (mc, pc, wc) = sides
    assume(name_score(mq, pq, wq, mc, pc, wc) >= t)
    remaining = mq + r * (wq - mq)  # any remaining >= M_q
    missed = u * (wq - mq)  # any missed <= W_q - M_q
    assert wc - mc <= list_slack(remaining, missed, t) + 1e-9


@given(side(), side())
def test_the_score_is_in_range(q: tuple[float, ...], c: tuple[float, ...]) -> None:
    score = name_score(*q, *c)
    assert 0.0 <= score <= 1.0
