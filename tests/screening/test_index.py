"""The candidate index finds exactly what a brute-force scan of every list name finds."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clearance.domain.listing import ListEntry
from clearance.screening import Screener, ScreeningQuery
from clearance.screening.sample_list import SAMPLE_ENTRIES

WORDS = sorted({w for e in SAMPLE_ENTRIES for n in e.names for w in n.replace(",", " ").split()})


def same_hits(screener: Screener, query: str, threshold: float | None = None) -> None:
    fast = [(h.key, h.score) for h in screener.screen(query, threshold=threshold, limit=None)]
    slow = screener.screen_exhaustive(ScreeningQuery(query), threshold=threshold)
    assert fast == [(h.key, h.score) for h in slow], query


@st.composite
def mangled(draw: st.DrawFn) -> str:
    """A few list words, some with one edit, in any order, perhaps with initials."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
    out = []
    for word in words:
        if len(word) > 3 and draw(st.booleans()):
            i = draw(st.integers(0, len(word) - 1))
            word = word[:i] + draw(st.sampled_from("aeioxz")) + word[i + 1 :]
        out.append(word)
    if draw(st.booleans()):
        out.insert(0, draw(st.sampled_from("ABJ")) + ".")
    return " ".join(out)


@given(mangled(), st.sampled_from([0.5, 0.6, 0.75, 0.9]))
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_index_equals_brute_force_on_the_sample(
    sample_screener: Screener, query: str, threshold: float
) -> None:
    same_hits(sample_screener, query, threshold)


@pytest.mark.parametrize(
    "query",
    ["北京算能科技有限公司", "A B C", "Huawei", "Technology Co Ltd", "J. Smith", "ООО Ромашка"],
)
def test_index_equals_brute_force_on_edge_queries(sample_screener: Screener, query: str) -> None:
    same_hits(sample_screener, query, 0.5)


@pytest.mark.shared_data
def test_index_equals_brute_force_on_the_csl(
    csl_screener: Screener, csl_entries: tuple[ListEntry, ...]
) -> None:
    rng = random.Random(7)
    names = [name for entry in rng.sample(list(csl_entries), 40) for name in entry.names[:1]]
    queries = list(names)
    for name in names:  # one edit each, as a typo would make
        i = rng.randrange(len(name))
        queries.append(name[:i] + name[i + 1 :])
    queries += ["Beijing Suanneng Technology", "Ali Hassan", "China Technology Group", "K & K"]
    for query in queries:
        same_hits(csl_screener, query)
