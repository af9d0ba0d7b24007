"""The check use case: the cached rule selection equals a fresh one on every date."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.domain.active import ActiveRules, active_rules
from clearance.services.clearing import _active
from clearance.services.ruleset import bundled_ruleset


def _ids(rules: ActiveRules) -> tuple[object, ...]:
    return (
        rules.as_of,
        tuple(sorted((j, c.meta.id if c else None) for j, c in rules.classifications.items())),
        tuple(r.meta.id for r in rules.requirements),
        tuple(sorted((k, tuple(p.meta.id for p in v)) for k, v in rules.review_policies.items())),
        tuple(sorted(rules.exceptions)),
        tuple(p.meta.id for p in rules.prohibitions),
        tuple(sorted(rules.red_flags)),
    )


@settings(max_examples=300)
@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)))
def test_cached_selection_equals_fresh_selection(day: date) -> None:
    ruleset = bundled_ruleset()
    assert _ids(_active(ruleset, day)) == _ids(active_rules(ruleset, day))


def test_every_boundary_and_the_day_before() -> None:
    ruleset = bundled_ruleset()
    for boundary in ruleset.boundaries():
        for day in (boundary, date.fromordinal(boundary.toordinal() - 1)):
            assert _ids(_active(ruleset, day)) == _ids(active_rules(ruleset, day)), day
