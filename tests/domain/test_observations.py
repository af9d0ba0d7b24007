"""Every leaf condition the engine evaluates records what it observed, above all when it holds."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from clearance.domain import condition as c
from clearance.domain.facts import CountryGroups, LineFacts, code_prefixes
from clearance.domain.item import HbmSpec, ItemForm, ItemSpec, Precision
from clearance.domain.metrics import METRIC_UNITS, compute_metrics
from clearance.domain.shipment import EndUse

GROUPS = CountryGroups(
    groups={"D:5": frozenset({"CN"}), "A:5": frozenset({"DE"})},
    aliases={"HK": "CN"},
    unverified={("AE", "D:5"): "assumed"},
)
COUNTRIES = st.sampled_from(["CN", "HK", "DE", "AE", "US", "MO"])
CODES = ["3A090", "3A090.a", "3A090.b", "4A090.a", "3A991", "EAR99"]
FLAGS = ["f1", "f2"]


@st.composite
def line_facts(draw: st.DrawFn) -> LineFacts:
    stack = draw(st.booleans())
    spec = ItemSpec(
        "X",
        "V",
        draw(st.sampled_from(list(ItemForm))) if not stack else ItemForm.IC,
        draw(st.booleans()),
        {} if stack else {Precision.FP8: draw(st.floats(1, 5000))},
        draw(st.none() | st.floats(10, 1000)),
        draw(st.none() | st.floats(10, 9000)),
        draw(st.none() | st.floats(10, 2000)),
        HbmSpec(draw(st.floats(100, 3000)), draw(st.floats(10, 200))) if stack else None,
    )
    code = draw(st.none() | st.sampled_from(CODES))
    hq = draw(st.none() | COUNTRIES)
    return LineFacts(
        item=spec,
        metrics=compute_metrics(spec),
        control_code=code,
        classified=draw(st.booleans()),
        from_country=draw(COUNTRIES),
        to_country=draw(COUNTRIES),
        headquarters_country=hq,
        ultimate_parent_country=draw(st.none() | COUNTRIES),
        end_use=draw(st.sampled_from([u.value for u in EndUse])),
        red_flags=frozenset(draw(st.lists(st.sampled_from(FLAGS), max_size=2))),
        country_groups=GROUPS,
        code_prefixes=code_prefixes(code),
    )


places = st.builds(
    lambda cs, gs: (frozenset(cs), frozenset(gs)),
    st.lists(COUNTRIES, max_size=2),
    st.lists(st.sampled_from(["D:5", "A:5"]), max_size=2),
)
leaves = st.one_of(
    st.builds(
        lambda m, op, v: c.Metric(m, op, v, METRIC_UNITS[m]),
        st.sampled_from(sorted(METRIC_UNITS)),
        st.sampled_from(["lt", "le", "gt", "ge"]),
        st.floats(0, 10000),
    ),
    st.builds(c.Datacenter, st.booleans()),
    st.builds(c.MemoryStack, st.booleans()),
    st.builds(lambda f: c.FormIn(frozenset(f)), st.lists(st.sampled_from(["ic", "board"]))),
    st.builds(lambda x: c.ControlCodeIn(frozenset(x)), st.lists(st.sampled_from(CODES))),
    places.map(lambda p: c.DestinationIn(*p)),
    places.map(lambda p: c.ExportedFrom(*p)),
    places.map(lambda p: c.HeadquartersIn(*p)),
    st.builds(lambda u: c.EndUseIn(frozenset(u)), st.lists(st.sampled_from(["military", "iaas"]))),
    st.builds(c.RedFlagRaised, st.sampled_from(FLAGS)),
    st.just(c.Always()),
)
trees = st.recursive(
    leaves,
    lambda kids: st.one_of(
        st.lists(kids, min_size=1, max_size=3).map(lambda xs: c.All(tuple(xs))),
        st.lists(kids, min_size=1, max_size=3).map(lambda xs: c.Any(tuple(xs))),
        kids.map(c.Not),
    ),
    max_leaves=8,
)
COMPOSITE = (c.All, c.Any, c.Not)


@given(leaves, line_facts())
def test_a_leaf_records_one_observation_with_its_verdict(leaf: Any, facts: LineFacts) -> None:
    seen: list[c.Observation] = []
    verdict = c.evaluate(leaf, facts, seen)
    assert len(seen) == 1, (leaf, seen)
    assert seen[0].result == verdict


@given(trees, line_facts())
def test_every_true_leaf_of_a_condition_records_its_observation(
    tree: Any, facts: LineFacts
) -> None:
    true_leaves: list[object] = []
    originals = dict(c._EVALUATORS)

    def counting(kind: type) -> Any:
        def run(cond: Any, f: LineFacts, seen: c.Seen) -> c.Tri:
            verdict = originals[kind](cond, f, seen)
            if verdict is True and seen is not None and kind not in COMPOSITE:
                true_leaves.append(cond)
            return verdict

        return run

    c._EVALUATORS.update({kind: counting(kind) for kind in originals})
    try:
        seen: list[c.Observation] = []
        verdict = c.holds(tree, facts, seen)
    finally:
        c._EVALUATORS.update(originals)
    if verdict is False:
        assert seen == []  # the fast path: a false condition explains nothing
    else:
        assert sum(1 for o in seen if o.result is True) == len(true_leaves)


def test_an_unverified_group_membership_says_what_it_rests_on() -> None:
    seen: list[c.Observation] = []
    facts_ae = LineFacts(
        item=ItemSpec("X", "V", ItemForm.IC, True, {Precision.FP8: 1.0}),
        metrics=compute_metrics(ItemSpec("X", "V", ItemForm.IC, True, {Precision.FP8: 1.0})),
        control_code=None,
        classified=True,
        from_country="US",
        to_country="AE",
        headquarters_country=None,
        ultimate_parent_country=None,
        end_use="datacenter",
        red_flags=frozenset(),
        country_groups=GROUPS,
    )
    assert c.evaluate(c.DestinationIn(groups=frozenset({"D:5"})), facts_ae, seen) is False
    assert "unverified: AE in D:5: assumed" in seen[0].test
