"""The rules that bind on one date, picked out of a RuleSet once per decision."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from .classification import Classification, classify
from .facts import CountryGroups
from .item import ItemSpec, spec_key
from .pack import Pack
from .rule import (
    ClassificationRule,
    ExceptionRule,
    ProhibitionRule,
    RedFlagRule,
    RequirementRule,
    ReviewPolicyRule,
    RuleSet,
)
from .screening_policy import ListPolicy


@dataclass(frozen=True, slots=True)
class JurisdictionRules:
    """What one jurisdiction's pack binds on the day."""

    pack: Pack
    groups: CountryGroups
    requirements: tuple[RequirementRule, ...] = ()
    prohibitions: tuple[ProhibitionRule, ...] = ()


@dataclass(frozen=True, slots=True)
class ActiveRules:
    as_of: date
    content_hash: str
    jurisdictions: Mapping[str, JurisdictionRules]  # by jurisdiction, in a stable order
    classifications: Mapping[str, ClassificationRule | None]  # by classifying jurisdiction
    review_policies: dict[str, tuple[ReviewPolicyRule, ...]]  # by requirement lineage
    exceptions: dict[str, ExceptionRule]  # by rule lineage
    red_flags: dict[str, RedFlagRule]  # by flag id
    messages: Mapping[str, str] = field(default_factory=dict)  # the engine's own texts
    lists: ListPolicy = field(default_factory=ListPolicy)  # whose lists, which prohibit

    @property
    def requirements(self) -> tuple[RequirementRule, ...]:
        return tuple(r for j in self.jurisdictions.values() for r in j.requirements)

    @property
    def prohibitions(self) -> tuple[ProhibitionRule, ...]:
        return tuple(p for j in self.jurisdictions.values() for p in j.prohibitions)

    def text(self, key: str, /, **values: object) -> str:
        """The engine's own message `key` (a pack's words: `Pack.text`)."""
        return self.messages[key].format_map(values)

    def classify(self, spec: ItemSpec, jurisdiction: str) -> Classification:
        """classify() is pure, so results are memoised on the classification rule itself.

        A code the user declared (item master) fills in for an item the rule finds outside the
        codes it computes; it never overrides a computed code.
        """
        rule = self.classifications.get(jurisdiction)
        if rule is None:
            result = classify(spec, None, self.messages.get("no_classification_rule", ""))
        else:
            key = spec_key(spec)
            cached = rule.memo.get(key)
            if cached is None:
                if len(rule.memo) > 10_000:
                    rule.memo.clear()
                cached = classify(spec, rule)
                rule.memo[key] = cached
            result = cached
        if result.jurisdiction != jurisdiction:
            result = replace(result, jurisdiction=jurisdiction)
        if not spec.declared:
            return result
        declared = dict(spec.declared).get(jurisdiction)
        if declared is None or not result.classified:
            return result
        if result.control_code is None:
            return replace(
                result,
                control_code=declared,
                declared=True,
                notes=(*result.notes, self.text("classification_declared", code=declared)),
            )
        if result.control_code != declared:
            note = self.text(
                "classification_declared_ignored", code=declared, computed=result.control_code
            )
            return replace(result, notes=(*result.notes, note))
        return result


def active_rules(rules: RuleSet, day: date) -> ActiveRules:
    """Select what binds on `day`, jurisdiction by jurisdiction."""
    classifications: dict[str, ClassificationRule | None] = {}
    for jurisdiction, pack in rules.packs.items():
        if not pack.classification_of:
            classifications[jurisdiction] = next(
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
    jurisdictions = {
        code: JurisdictionRules(
            pack=pack,
            groups=pack.country_groups.on(day),
            requirements=tuple(
                r
                for r in rules.requirements
                if r.meta.jurisdiction == code and r.meta.binds_on(day)
            ),
            prohibitions=tuple(
                p
                for p in rules.prohibitions
                if p.meta.jurisdiction == code and p.meta.binds_on(day)
            ),
        )
        for code, pack in sorted(rules.packs.items())
    }
    return ActiveRules(
        as_of=day,
        content_hash=rules.content_hash,
        jurisdictions=jurisdictions,
        classifications=classifications,
        review_policies={
            k: tuple(sorted(v, key=lambda p: -p.priority)) for k, v in policies.items()
        },
        exceptions={e.meta.lineage: e for e in rules.exceptions if e.meta.binds_on(day)},
        red_flags={f.flag: f for f in rules.red_flags if f.meta.binds_on(day)},
        messages=rules.messages,
        lists=ListPolicy(
            owners={
                code: jurisdiction
                for jurisdiction, pack in rules.packs.items()
                for code in pack.screening_lists
            },
            prohibitive=frozenset(c for p in rules.packs.values() for c in p.prohibitive_lists),
        ),
    )
