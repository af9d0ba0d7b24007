"""The rules that bind on one date, picked out of a RuleSet once per decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .classification import Classification, classify
from .facts import CountryGroups
from .item import ItemSpec, spec_key
from .rule import (
    ClassificationRule,
    ExceptionRule,
    ProhibitionRule,
    RedFlagRule,
    RequirementRule,
    ReviewPolicyRule,
    RuleSet,
)


@dataclass(frozen=True, slots=True)
class ActiveRules:
    as_of: date
    content_hash: str
    classification: ClassificationRule | None
    requirements: tuple[RequirementRule, ...]
    review_policies: dict[str, tuple[ReviewPolicyRule, ...]]  # by requirement lineage
    exceptions: dict[str, ExceptionRule]  # by rule lineage
    prohibitions: tuple[ProhibitionRule, ...]
    red_flags: dict[str, RedFlagRule]  # by flag id
    country_groups: CountryGroups

    def classify(self, spec: ItemSpec) -> Classification:
        """classify() is pure, so results are memoised on the classification rule itself."""
        rule = self.classification
        if rule is None:
            return classify(spec, None)
        key = spec_key(spec)
        result = rule.memo.get(key)
        if result is None:
            if len(rule.memo) > 10_000:
                rule.memo.clear()
            result = classify(spec, rule)
            rule.memo[key] = result
        return result


def active_rules(rules: RuleSet, day: date, jurisdiction: str = "US") -> ActiveRules:
    """Select what binds on `day`. Country groups and classification are the `jurisdiction`'s."""
    classification = next(
        (
            r
            for r in rules.classifications
            if r.meta.jurisdiction == jurisdiction and r.meta.binds_on(day)
        ),
        None,
    )
    policies: dict[str, list[ReviewPolicyRule]] = {}
    for policy in rules.review_policies:
        if policy.meta.binds_on(day):
            policies.setdefault(policy.applies_to, []).append(policy)
    groups = next(
        (
            g.groups
            for g in rules.country_groups
            if g.meta.jurisdiction == jurisdiction and g.meta.binds_on(day)
        ),
        CountryGroups(),
    )
    return ActiveRules(
        as_of=day,
        content_hash=rules.content_hash,
        classification=classification,
        requirements=tuple(r for r in rules.requirements if r.meta.binds_on(day)),
        review_policies={
            k: tuple(sorted(v, key=lambda p: -p.priority)) for k, v in policies.items()
        },
        exceptions={e.meta.lineage: e for e in rules.exceptions if e.meta.binds_on(day)},
        prohibitions=tuple(p for p in rules.prohibitions if p.meta.binds_on(day)),
        red_flags={f.flag: f for f in rules.red_flags if f.meta.binds_on(day)},
        country_groups=groups,
    )
