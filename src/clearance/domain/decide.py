"""decide(): one shipment, the rules in force, the authorizations held -> a Decision.

Every jurisdiction whose pack the shipment touches is evaluated, with its own country groups,
classification and rules, and the outcomes are combined through the one precedence table. The
engine fails closed: a shipment clears only when every touched jurisdiction has a positive
ground for every line it touches (a classified item needing no authorization, or every
authorization it needs satisfied).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from .active import ActiveRules, JurisdictionRules
from .authorization import Authorization
from .classification import Classification
from .condition import Observation, evaluate, holds
from .context import Context, DecisionPolicy, LetterScope
from .decision import (
    Decision,
    JurisdictionResult,
    Outcome,
    Problem,
    Reason,
    Requirement,
    combine,
)
from .facts import CountryGroups, LineFacts, code_prefixes
from .hit import ScreeningHit
from .item import ItemSpec
from .names import name_key
from .observation import with_observed
from .requirement import settle_requirement, unknown_requirement
from .screening_policy import denies, listed_names, screening_reasons
from .shipment import EvidenceKind, Shipment

__all__ = ["DecisionPolicy", "LetterScope", "decide"]

DEFAULT_POLICY = DecisionPolicy()


def decide(
    shipment: Shipment,
    authorizations: Sequence[Authorization],
    hits: Sequence[ScreeningHit],
    rules: ActiveRules,
    policy: DecisionPolicy = DEFAULT_POLICY,
) -> Decision:
    """Decide under `rules` (already selected for the as-of date); pure and replayable."""
    shipment = shipment.as_known_on(rules.as_of)  # evidence dated later did not exist yet
    ctx = Context(
        shipment=shipment,
        rules=rules,
        policy=policy,
        held=[a for a in (auth.as_of(rules.as_of) for auth in authorizations) if a is not None],
        denying_hits=[h for h in hits if denies(h, rules.lists)],
    )
    classified: dict[tuple[str, int], Classification] = {}
    touched: dict[str, list[int]] = {}
    listed = listed_names(hits)
    common = _shipment_facts(shipment, policy, listed)
    # A pack's reach that names no country group reads the same on any line facts: judge it on
    # facts that another pack needs anyway, so most lines build their facts once.
    busiest = max(
        rules.jurisdictions.values(),
        key=lambda j: len(j.requirements) + len(j.prohibitions),
        default=None,
    )
    probe = busiest.groups if busiest is not None else None
    for index, line in enumerate(shipment.lines):
        facts_for = _LineFactsCache(rules, line.item, index, classified, common)
        for code, jurisdiction in rules.jurisdictions.items():
            scheme = jurisdiction.pack.classifier
            reach = jurisdiction.groups if jurisdiction.pack.touches_groups else probe
            if _touches(ctx, jurisdiction, facts_for(scheme, reach or jurisdiction.groups), index):
                touched.setdefault(code, []).append(index)
                _evaluate(ctx, jurisdiction, facts_for(scheme, jurisdiction.groups), index)
    ctx.current = None
    for (scheme, index), classification in classified.items():
        if classification.complete:
            continue
        if any(rules.jurisdictions[j].pack.classifier == scheme for j in _touching(touched, index)):
            _classification_reasons(ctx, classification, index)
    _red_flags(ctx)
    ctx.reasons.extend(screening_reasons(hits, rules.lists, rules.text))
    return _decision(ctx, classified, touched, hits)


class _LineFactsCache:
    """The facts of one line, built once per (classification scheme, country groups)."""

    def __init__(
        self,
        rules: ActiveRules,
        item: ItemSpec,
        index: int,
        classified: dict[tuple[str, int], Classification],
        common: dict[str, Any],
    ) -> None:
        self.rules, self.item, self.index = rules, item, index
        self.classified, self.common = classified, common
        self.built: dict[tuple[str, int], LineFacts] = {}

    def __call__(self, scheme: str, groups: CountryGroups) -> LineFacts:
        key = (scheme, id(groups))
        facts = self.built.get(key)
        if facts is None:
            classification = self.classified.get((scheme, self.index))
            if classification is None:
                classification = self.rules.classify(self.item, scheme)
                self.classified[(scheme, self.index)] = classification
            facts = _line_facts(self.item, classification, groups, self.common)
            self.built[key] = facts
        return facts


def _touching(touched: dict[str, list[int]], index: int) -> list[str]:
    return [code for code, lines in touched.items() if index in lines]


def _touches(ctx: Context, jurisdiction: JurisdictionRules, facts: LineFacts, index: int) -> bool:
    """Whether the line is within the jurisdiction's reach; unknown counts as touched."""
    verdict = evaluate(jurisdiction.pack.touches, facts, None)
    if verdict is None:
        seen: list[Observation] = []
        evaluate(jurisdiction.pack.touches, facts, seen)
        missing = tuple(sorted({o.fact for o in seen if o.result is None}))
        ctx.problems.append(
            Problem(
                rule_id="engine.jurisdiction.touch_unknown",
                message=ctx.rules.text(
                    "touch_unknown",
                    jurisdiction=jurisdiction.pack.jurisdiction,
                    missing=", ".join(missing),
                ),
                missing=missing,
                line=index,
                jurisdiction=jurisdiction.pack.jurisdiction,
            )
        )
    return verdict is not False


def _evaluate(ctx: Context, jurisdiction: JurisdictionRules, facts: LineFacts, index: int) -> None:
    ctx.current = jurisdiction
    for flag_rule in ctx.rules.red_flags.values():
        if (
            flag_rule.raised_when is not None
            and flag_rule.meta.jurisdiction == jurisdiction.pack.jurisdiction
            and flag_rule.flag not in ctx.raised_flags
        ):
            raised: list[Observation] = []
            if holds(flag_rule.raised_when, facts, raised):
                ctx.raised_flags[flag_rule.flag] = raised
    for prohibition in jurisdiction.prohibitions:
        seen: list[Observation] = []
        verdict = holds(prohibition.when, facts, seen)
        if verdict is None:
            ctx.unknown(prohibition.meta, seen, index)
        elif verdict:
            ctx.reasons.append(
                ctx.reason(
                    prohibition.meta,
                    Outcome.DENIED,
                    with_observed(prohibition.meta.message, seen),
                    seen,
                    index,
                    kind="prohibition",
                )
            )
    for requirement in jurisdiction.requirements:
        seen = []
        verdict = holds(requirement.when, facts, seen)
        if verdict is None:
            missing = ctx.unknown(requirement.meta, seen, index)
            unknown_requirement(ctx, requirement, index, missing)
        elif verdict:
            settle_requirement(ctx, requirement, facts, index, seen)


def _line_facts(
    item: ItemSpec, classification: Classification, groups: CountryGroups, common: dict[str, Any]
) -> LineFacts:
    return LineFacts(
        item=item,
        metrics=classification.metrics,
        control_code=classification.control_code,
        classified=classification.classified,
        country_groups=groups,
        code_prefixes=code_prefixes(classification.control_code),
        **common,
    )


def _shipment_facts(
    shipment: Shipment, policy: DecisionPolicy, listed: Mapping[str, frozenset[str]]
) -> dict[str, Any]:
    """The facts every line of the shipment shares, gathered once."""
    end_user = shipment.end_user
    consignee = shipment.consignee
    places = tuple(
        dict.fromkeys(
            c
            for c in (
                end_user.headquarters_country,
                end_user.ultimate_parent_country,
                consignee.headquarters_country,
                consignee.ultimate_parent_country,
            )
            if c
        )
    )
    return {
        "from_country": shipment.from_country,
        "to_country": shipment.to_country,
        "headquarters_country": end_user.headquarters_country,
        "ultimate_parent_country": end_user.ultimate_parent_country,
        "end_use": shipment.end_use.value,
        "red_flags": frozenset(shipment.red_flags),
        "headquarters_places": places,
        "to_region": shipment.to_region,
        "exporter_name": shipment.exporter.name,
        "exporter_key": name_key(shipment.exporter.name),
        "letters_bind_all": policy.informed_letters is LetterScope.ALL_VENDORS,
        "ownership": shipment.ownership,
        "listed": listed,
        "owned_parties": tuple(dict.fromkeys((consignee.name, end_user.name))),
    }


def _classification_reasons(ctx: Context, classification: Classification, index: int) -> None:
    """An item with no control code holds: computed from its spec, or declared by the user."""
    item = ctx.shipment.lines[index].item.name
    if not classification.classified:
        ctx.problems.append(
            Problem(
                rule_id=classification.rule_id or "engine.classification",
                message=ctx.rules.text(
                    "classification_incomplete",
                    line=index + 1,
                    item=item,
                    notes="; ".join(classification.notes),
                ),
                missing=classification.missing,
                line=index,
                jurisdiction=classification.jurisdiction,
            )
        )
    elif classification.control_code is None:
        ctx.reasons.append(
            Reason(
                rule_id="engine.classification.needed",
                outcome=Outcome.HOLD,
                message=ctx.rules.text(
                    "classification_needed",
                    line=index + 1,
                    item=item,
                    jurisdiction=classification.jurisdiction,
                    notes="; ".join(classification.notes),
                ),
                citation=classification.citation or ctx.rules.text("engine_citation"),
                provenance="computed",
                jurisdiction=classification.jurisdiction,
                evidence=classification.observations,
                clears_by=ctx.rules.text(
                    "classification_needed_clears_by", jurisdiction=classification.jurisdiction
                ),
                line=index,
                kind="classification",
            )
        )


def _red_flags(ctx: Context) -> None:
    shipment = ctx.shipment
    resolved = {e.flag: e for e in shipment.evidence_of(EvidenceKind.RED_FLAG_RESOLUTION)}
    for flag in dict.fromkeys((*shipment.red_flags, *ctx.raised_flags)):
        rule = ctx.rules.red_flags.get(flag)
        if rule is None:
            ctx.problems.append(
                Problem(
                    rule_id="engine.red_flag.unknown",
                    missing=(flag,),
                    message=ctx.rules.text("red_flag_unknown", flag=flag, as_of=ctx.rules.as_of),
                )
            )
            continue
        ctx.current = ctx.rules.jurisdictions.get(rule.meta.jurisdiction)
        observed = ctx.raised_flags.get(flag) or [Observation("red_flags", flag, "raised", True)]
        if flag in resolved:
            evidence = resolved[flag]
            observed.append(
                Observation("red_flag_resolution", evidence.reference, f"resolves {flag}", True)
            )
            ctx.reasons.append(
                ctx.reason(
                    rule.meta,
                    Outcome.CLEARED,
                    ctx.text("red_flag_resolved", flag=flag, reference=evidence.reference),
                    observed,
                    None,
                    kind="red_flag",
                )
            )
        else:
            ctx.reasons.append(
                ctx.reason(
                    rule.meta,
                    Outcome.HOLD,
                    with_observed(rule.meta.message, observed),
                    observed,
                    None,
                    clears_by=ctx.text("red_flag_clears_by", resolution=rule.resolution, flag=flag),
                    kind="red_flag",
                )
            )
    ctx.current = None


def _grounds(
    ctx: Context,
    code: str,
    lines: list[int],
    classified: dict[tuple[str, int], Classification],
) -> JurisdictionResult:
    """Per touched line, the positive ground the jurisdiction clears on, or None."""
    jurisdiction = ctx.rules.jurisdictions[code]
    scheme = jurisdiction.pack.classifier
    outcomes: list[Outcome] = []
    blocked: set[int | None] = set()
    for r in ctx.reasons:
        if r.binding and r.jurisdiction == code:
            outcomes.append(r.outcome)
            if r.outcome is not Outcome.CLEARED:
                blocked.add(r.line)
    blocked.update(p.line for p in ctx.problems if p.jurisdiction in (code, scheme))
    needed: dict[int, list[Requirement]] = {}
    for req in ctx.requirements:
        if req.jurisdiction == code and req.binding:
            needed.setdefault(req.line, []).append(req)
    grounds: list[str | None] = []
    for index in lines:
        classification = classified[(scheme, index)]
        due = needed.get(index, ())
        if (
            index in blocked
            or None in blocked
            or not classification.complete
            or any(r.state != "satisfied" for r in due)
        ):
            grounds.append(None)
        elif due:
            satisfied = ", ".join(f"{r.rule_id} by {r.satisfied_by}" for r in due)
            grounds.append(ctx.rules.text("ground_satisfied", satisfied=satisfied))
        else:
            declared = " (declared)" if classification.declared else ""
            grounds.append(
                ctx.rules.text(
                    "ground_nothing_required", code=classification.control_code, declared=declared
                )
            )
    if None in grounds:
        outcomes.append(Outcome.HOLD)
    return JurisdictionResult(
        jurisdiction=code,
        title=jurisdiction.pack.title,
        outcome=combine(outcomes),
        lines=tuple(lines),
        grounds=tuple(grounds),
    )


def _nothing_required(ctx: Context, classifications: Sequence[Classification]) -> Reason:
    shipment = ctx.shipment
    outside = ctx.rules.text("no_code")
    codes = ", ".join(f"{c.item}: {c.control_code or outside}" for c in classifications)
    groups = {
        code: sorted(j.groups.of(shipment.to_country))
        for code, j in ctx.rules.jurisdictions.items()
    }
    evidence = (
        Observation("control_codes", codes, ctx.rules.text("test_requirement_in_force"), False),
        Observation("destination", shipment.to_country, f"groups {groups}", False),
    )
    return Reason(
        rule_id="engine.no_authorization_required",
        outcome=Outcome.CLEARED,
        message=ctx.rules.text(
            "no_authorization_required",
            as_of=ctx.rules.as_of,
            codes=codes,
            from_country=shipment.from_country,
            to_country=shipment.to_country,
        ),
        citation=ctx.rules.text("engine_citation"),
        provenance="computed",
        jurisdiction="*",
        evidence=evidence,
        kind="summary",
    )


def _no_ground(ctx: Context, result: JurisdictionResult) -> Reason:
    lines = ", ".join(
        str(i + 1) for i, g in zip(result.lines, result.grounds, strict=True) if not g
    )
    return Reason(
        rule_id="engine.no_ground",
        outcome=Outcome.HOLD,
        message=ctx.rules.text("no_ground", jurisdiction=result.jurisdiction, lines=lines),
        citation=ctx.rules.text("engine_citation"),
        provenance="computed",
        jurisdiction=result.jurisdiction,
        clears_by=ctx.rules.text("no_ground_clears_by", jurisdiction=result.jurisdiction),
        kind="summary",
    )


def _decision(
    ctx: Context,
    classified: dict[tuple[str, int], Classification],
    touched: dict[str, list[int]],
    hits: Sequence[ScreeningHit],
) -> Decision:
    results = tuple(_grounds(ctx, code, lines, classified) for code, lines in touched.items())
    binding = [r for r in ctx.reasons if r.binding]
    warnings = [replace(r, binding=False) for r in ctx.reasons if not r.binding]
    outcomes = [r.outcome for r in binding]
    if ctx.problems:
        outcomes.append(Outcome.HOLD)
    if combine(outcomes) is Outcome.CLEARED:
        # Fail closed: a jurisdiction without a positive ground holds, even when nothing else did.
        binding.extend(_no_ground(ctx, r) for r in results if not r.grounded)
    if not touched:
        binding.append(_no_ground(ctx, JurisdictionResult("*", "", Outcome.HOLD, (), ())))
    outcomes = [r.outcome for r in binding] + ([Outcome.HOLD] if ctx.problems else [])
    outcome = combine(outcomes)
    ordered = tuple(c for c in classified.values())
    if (
        not ctx.requirements
        and not any(r.outcome is not Outcome.CLEARED for r in binding)
        and not ctx.problems
    ):
        lines_seen: set[int] = set()
        first = []
        for (_, index), c in classified.items():
            if index not in lines_seen:
                lines_seen.add(index)
                first.append(c)
        binding.append(_nothing_required(ctx, first))
    return Decision(
        shipment_id=ctx.shipment.id,
        outcome=outcome,
        as_of=ctx.rules.as_of,
        ruleset_hash=ctx.rules.content_hash,
        reasons=tuple(binding),
        problems=tuple(ctx.problems),
        requirements=tuple(ctx.requirements),
        classifications=ordered,
        screening_hits=tuple(hits),
        warnings=tuple(warnings),
        reported_policy="bind" if ctx.policy.reported_binds else "inform",
        informed_letters=ctx.policy.informed_letters.value,
        jurisdictions=results,
    )
