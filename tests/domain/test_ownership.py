"""The affiliates test: direct, indirect and aggregate ownership by listed parties; bad input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clearance.domain.errors import InputError
from clearance.domain.names import name_key
from clearance.domain.ownership import Owner, build_ownership

LISTED = {name_key("Listed Co."): frozenset({"EL"}), name_key("Other Listed"): frozenset({"MEU"})}
LISTS = frozenset({"EL", "MEU"})


def test_exactly_fifty_percent_counts_and_just_under_does_not() -> None:
    owned = build_ownership([("Sub", (Owner("Listed Co.", 50.0),), "f")])
    found = owned.affiliation("Sub", LISTED, LISTS, 50.0)
    assert found is not None
    assert found.share == 50.0
    under = build_ownership([("Sub", (Owner("Listed Co.", 49.99),), "f")])
    assert under.affiliation("Sub", LISTED, LISTS, 50.0) is None


def test_an_owner_treated_as_listed_counts_with_its_whole_share() -> None:
    owned = build_ownership(
        [
            ("Sub", (Owner("Mid", 50.0), Owner("Founder", 50.0)), "a"),
            ("Mid", (Owner("Top", 50.0), Owner("Fund", 50.0)), "b"),
            ("Top", (Owner("Listed Co.", 30.0), Owner("Other Listed", 20.0)), "c"),
        ]
    )
    found = owned.affiliation("Sub", LISTED, LISTS, 50.0)
    assert found is not None
    assert found.chain == (
        "Sub <- 50% Mid (<- 50% Top (<- 30% Listed Co. [EL] + 20% Other Listed [MEU]))"
    )
    assert owned.affiliation("Sub", LISTED, frozenset({"EL"}), 50.0) is None


def test_no_owners_stated_is_not_an_affiliation() -> None:
    assert build_ownership([]).affiliation("Sub", LISTED, LISTS, 50.0) is None


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([("A", (Owner("B", 70.0), Owner("C", 40.0)), "f")], "110% in total"),
        ([("A", (Owner("B", -1.0),), "f")], "not in (0, 100]"),
        ([("A", (Owner("B", 0.0),), "f")], "not in (0, 100]"),
        ([("A", (Owner("A", 10.0),), "f")], "owns itself"),
        ([("A", (Owner("B", 10.0), Owner("b", 5.0)), "f")], "is listed twice"),
        ([("A", (Owner("B", 10.0),), "f"), ("A", (Owner("C", 10.0),), "g")], "stated twice"),
        (
            [
                ("A", (Owner("B", 10.0),), "f"),
                ("B", (Owner("C", 10.0),), "g"),
                ("C", (Owner("A", 10.0),), "h"),
            ],
            "ownership cycle: A -> B -> C -> A",
        ),
    ],
)
def test_bad_ownership_is_refused_with_one_line(
    entries: list[tuple[str, tuple[Owner, ...], str]], message: str
) -> None:
    with pytest.raises(InputError) as refused:
        build_ownership(entries, source="s.yaml")
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)


@given(shares=st.lists(st.floats(min_value=0.01, max_value=25.0), min_size=1, max_size=4))
def test_direct_listed_shares_aggregate(shares: list[float]) -> None:
    owners = tuple(Owner(f"Listed {i}", s) for i, s in enumerate(shares))
    listed = {name_key(o.name): frozenset({"EL"}) for o in owners}
    found = build_ownership([("Sub", owners, "f")]).affiliation("Sub", listed, LISTS, 50.0)
    assert (found is not None) == (sum(shares) + 1e-9 >= 50.0)


@st.composite
def ownership_dags(draw: st.DrawFn) -> tuple[list[tuple[str, tuple[Owner, ...], str]], set[str]]:
    """Random acyclic ownership among N0..N6 (a node is owned only by higher-numbered nodes)."""
    size = 7
    entries: list[tuple[str, tuple[Owner, ...], str]] = []
    for node in range(size - 1):
        candidates = list(range(node + 1, size))
        owners = draw(st.lists(st.sampled_from(candidates), unique=True, max_size=3))
        left = 100.0
        stated = []
        for owner in owners:
            share = draw(st.integers(min_value=1, max_value=int(left))) if left >= 1 else 0
            if share:
                stated.append(Owner(f"N{owner}", float(share)))
                left -= share
        if stated:
            entries.append((f"N{node}", tuple(stated), f"n{node}"))
    listed = set(draw(st.lists(st.sampled_from([f"N{i}" for i in range(size)]), unique=True)))
    return entries, listed


@given(ownership_dags())
def test_affiliation_matches_a_fixed_point_of_the_fifty_percent_rule(
    dag: tuple[list[tuple[str, tuple[Owner, ...], str]], set[str]],
) -> None:
    entries, listed_names = dag
    owners = {entity: stated for entity, stated, _ in entries}
    treated = set(listed_names)
    changed = True
    while changed:  # an independent formulation: grow the treated set until it is stable
        changed = False
        for entity, stated in owners.items():
            if entity not in treated and sum(o.share for o in stated if o.name in treated) >= 50:
                treated.add(entity)
                changed = True
    graph = build_ownership(entries)
    listed = {name_key(n): frozenset({"EL"}) for n in listed_names}
    for entity, stated in owners.items():
        expected = sum(o.share for o in stated if o.name in treated) >= 50
        found = graph.affiliation(entity, listed, LISTS, 50.0)
        assert (found is not None) == expected, (entity, entries, listed_names)
