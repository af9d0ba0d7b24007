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
