"""Three-valued evaluation of the condition union (Kleene logic), with observations."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clearance.domain import condition as c
from clearance.domain.classification import item_facts
from clearance.domain.facts import CountryGroups, LineFacts
from clearance.domain.item import ItemForm, ItemSpec, Precision
from clearance.domain.metrics import compute_metrics

GROUPS = CountryGroups(
    groups={"D:5": frozenset({"CN"}), "A:5": frozenset({"DE"})}, aliases={"HK": "CN"}
)


def facts(
    *,
    to: str = "CN",
    frm: str = "US",
    hq: str | None = "CN",
    code: str | None = "3A090.a",
    end_use: str = "datacenter",
    dram: float | None = 4800.0,
) -> LineFacts:
    spec = ItemSpec("X", "V", ItemForm.IC, True, {Precision.FP8: 1979.0}, 814.0, dram)
    return LineFacts(
        item=spec,
        metrics=compute_metrics(spec),
        control_code=code,
        classified=True,
        from_country=frm,
        to_country=to,
        headquarters_country=hq,
        ultimate_parent_country=None,
        end_use=end_use,
        red_flags=frozenset({"f"}),
        country_groups=GROUPS,
        code_prefixes=frozenset({"3A090", "3A090.a"}) if code else frozenset(),
    )


TRUE, FALSE = c.Always(), c.Not(c.Always())
UNKNOWN = c.Metric("pd", "ge", 1.0, "TPP/mm2")  # PD needs a die area: unknown below


def unknown_facts() -> LineFacts:
    spec = ItemSpec("X", "V", ItemForm.IC, True, {Precision.FP8: 1.0})
    return item_facts(spec, compute_metrics(spec))


leaves = st.sampled_from([TRUE, FALSE, UNKNOWN])
trees = st.recursive(
    leaves,
    lambda kids: st.one_of(
        st.lists(kids, min_size=1, max_size=4).map(lambda xs: c.All(tuple(xs))),
        st.lists(kids, min_size=1, max_size=4).map(lambda xs: c.Any(tuple(xs))),
        kids.map(c.Not),
    ),
    max_leaves=12,
)


def kleene(cond: c.Condition) -> bool | None:
    """Reference semantics, written independently of the engine."""
    if cond == TRUE:
        return True
    if cond == FALSE:
        return False
    if cond == UNKNOWN:
        return None
    if isinstance(cond, c.Not):
        inner = kleene(cond.item)
        return None if inner is None else not inner
    values = [kleene(i) for i in cond.items]  # type: ignore[union-attr]
    if isinstance(cond, c.All):
        return False if False in values else (None if None in values else True)
    return True if True in values else (None if None in values else False)


@given(trees)
def test_evaluation_is_kleene_logic(cond: c.Condition) -> None:
    assert c.evaluate(cond, unknown_facts(), []) == kleene(cond)


@given(trees)
def test_fast_path_agrees_with_recording_path(cond: c.Condition) -> None:
    seen: list[c.Observation] = []
    assert c.holds(cond, unknown_facts(), seen) == c.evaluate(cond, unknown_facts(), None)


def test_hong_kong_counts_as_china_for_groups_not_for_countries() -> None:
    assert c.evaluate(c.DestinationIn(groups=frozenset({"D:5"})), facts(to="HK"), None)
    assert not c.evaluate(c.DestinationIn(countries=frozenset({"CN"})), facts(to="HK"), None)


def test_control_code_matches_itself_and_parents_only() -> None:
    f = facts(code="3A090.a")
    assert c.evaluate(c.ControlCodeIn(frozenset({"3A090"})), f, None)
    assert c.evaluate(c.ControlCodeIn(frozenset({"3A090.a"})), f, None)
    assert not c.evaluate(c.ControlCodeIn(frozenset({"3A090.b"})), f, None)
    assert not c.evaluate(c.ControlCodeIn(frozenset({"3A09"})), f, None)


def test_headquarters_unknown_when_not_given() -> None:
    cond = c.HeadquartersIn(groups=frozenset({"D:5"}))
    seen: list[c.Observation] = []
    assert c.evaluate(cond, facts(hq=None), seen) is None
    assert seen[0].observed == "not given"


def test_metric_strictness_and_observation() -> None:
    seen: list[c.Observation] = []
    assert (
        c.evaluate(c.Metric("dram_bandwidth_gbs", "lt", 6500, "GB/s"), facts(dram=6500.0), seen)
        is False
    )
    assert (
        c.evaluate(c.Metric("dram_bandwidth_gbs", "lt", 6500, "GB/s"), facts(dram=6499.99), None)
        is True
    )
    assert "6500 GB/s" in seen[0].observed
    assert seen[0].test == "< 6500 GB/s"


def test_metric_rejects_a_wrong_unit() -> None:
    with pytest.raises(ValueError, match="measured in TPP"):
        c.Metric("tpp", "ge", 4800, "GB/s")


def test_an_observation_never_rounds_onto_its_threshold() -> None:
    spec = ItemSpec("X", "V", ItemForm.IC, True, {Precision.FP16: 299.9999375})
    seen: list[c.Observation] = []
    assert (
        c.evaluate(
            c.Metric("tpp", "lt", 4800, "TPP"), item_facts(spec, compute_metrics(spec)), seen
        )
        is True
    )
    assert seen[0].observed.startswith("4799.99")


def test_a_message_says_what_was_observed() -> None:
    from clearance.domain.observation import Observation, with_observed

    seen = [
        Observation("ownership", "no owners stated", "owned >= 50%", False),
        Observation("red_flags", "x", "raised", True),
    ]
    assert with_observed("owned: {ownership}", seen) == "owned: no owners stated"
    assert with_observed("owned: {ownership}", []) == "owned: not observed"
    assert with_observed("no placeholder", seen) == "no placeholder"
