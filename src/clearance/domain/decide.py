"""decide(): one shipment, the rules in force, the authorizations held -> a Decision."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from .active import ActiveRules
from .authorization import Authorization
from .classification import Classification
from .condition import Observation, holds
from .context import Context, DecisionPolicy, LetterScope
from .decision import Decision, Outcome, Problem, Reason, combine
from .facts import LineFacts, code_prefixes
from .hit import ScreeningHit
from .names import name_key
from .requirement import settle_requirement
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
        denying_hits=[h for h in hits if denies(h)],
    )
    classifications: list[Classification] = []
    listed = listed_names(hits)
    for index, line in enumerate(shipment.lines):
        classification = rules.classify(line.item)
        classifications.append(classification)
        if not classification.classified:
            ctx.problems.append(
                Problem(
                    rule_id=classification.rule_id or "engine.classification",
                    message=f"line {index + 1} ({line.item.name}): "
                    + "; ".join(classification.notes),
                    missing=classification.missing,
                    line=index,
                )
            )
        facts = _line_facts(shipment, index, classification, rules, policy, listed)
        for prohibition in rules.prohibitions:
            seen: list[Observation] = []
            verdict = holds(prohibition.when, facts, seen)
            if verdict is None:
                ctx.unknown(prohibition.meta, seen, index)
            elif verdict:
                ctx.reasons.append(
                    ctx.reason(
                        prohibition.meta,
                        Outcome.DENIED,
                        prohibition.meta.message,
                        seen,
                        index,
                        kind="prohibition",
                    )
                )
        for requirement in rules.requirements:
            seen = []
            verdict = holds(requirement.when, facts, seen)
            if verdict is None:
                ctx.unknown(requirement.meta, seen, index)
            elif verdict:
                settle_requirement(ctx, requirement, facts, index, seen)
    _red_flags(ctx)
    ctx.reasons.extend(screening_reasons(hits))
    return _decision(ctx, classifications, hits)


def _line_facts(
    shipment: Shipment,
    index: int,
    classification: Classification,
    rules: ActiveRules,
    policy: DecisionPolicy,
    listed: Mapping[str, frozenset[str]],
) -> LineFacts:
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
    return LineFacts(
        item=shipment.lines[index].item,
        metrics=classification.metrics,
        control_code=classification.control_code,
        classified=classification.classified,
        from_country=shipment.from_country,
        to_country=shipment.to_country,
        headquarters_country=end_user.headquarters_country,
        ultimate_parent_country=end_user.ultimate_parent_country,
        end_use=shipment.end_use.value,
        red_flags=frozenset(shipment.red_flags),
        country_groups=rules.country_groups,
        code_prefixes=code_prefixes(classification.control_code),
        headquarters_places=places,
        to_region=shipment.to_region,
        exporter_name=shipment.exporter.name,
        exporter_key=name_key(shipment.exporter.name),
        letters_bind_all=policy.informed_letters is LetterScope.ALL_VENDORS,
        ownership=shipment.ownership,
        listed=listed,
        owned_parties=tuple(dict.fromkeys((consignee.name, end_user.name))),
    )


def _red_flags(ctx: Context) -> None:
    shipment = ctx.shipment
    resolved = {e.flag: e for e in shipment.evidence_of(EvidenceKind.RED_FLAG_RESOLUTION)}
    for flag in shipment.red_flags:
        rule = ctx.rules.red_flags.get(flag)
        if rule is None:
            ctx.problems.append(
                Problem(
                    rule_id="engine.red_flag.unknown",
                    missing=(flag,),
                    message=f"red flag {flag!r} is not a flag in force on {ctx.rules.as_of}",
                )
            )
            continue
        observed = [Observation("red_flags", flag, "raised", True)]
        if flag in resolved:
            evidence = resolved[flag]
            observed.append(
                Observation("red_flag_resolution", evidence.reference, f"resolves {flag}", True)
            )
            ctx.reasons.append(
                ctx.reason(
                    rule.meta,
                    Outcome.CLEARED,
                    f"red flag {flag} resolved ({evidence.reference})",
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
                    rule.meta.message,
                    observed,
                    None,
                    clears_by=f"record {rule.resolution} for {flag}",
                    kind="red_flag",
                )
            )


def _nothing_required(ctx: Context, classifications: list[Classification]) -> Reason:
    shipment = ctx.shipment
    codes = ", ".join(f"{c.item}: {c.control_code or 'not 3A090/4A090'}" for c in classifications)
    groups = sorted(ctx.rules.country_groups.of(shipment.to_country))
    evidence = (
        Observation("control_codes", codes, "a licence requirement in force", False),
        Observation("destination", shipment.to_country, f"groups {groups}", False),
    )
    return Reason(
        rule_id="engine.no_authorization_required",
        outcome=Outcome.CLEARED,
        message=f"no authorization required on {ctx.rules.as_of} for {codes} "
        f"from {shipment.from_country} to {shipment.to_country}",
        citation="the rule packs in force",
        provenance="computed",
        jurisdiction="*",
        evidence=evidence,
        kind="summary",
    )


def _decision(
    ctx: Context, classifications: list[Classification], hits: Sequence[ScreeningHit]
) -> Decision:
    binding = [r for r in ctx.reasons if r.binding]
    warnings = [replace(r, binding=False) for r in ctx.reasons if not r.binding]
    outcomes = [r.outcome for r in binding]
    if ctx.problems:
        outcomes.append(Outcome.HOLD)
    outcome = combine(outcomes)
    if (
        not ctx.requirements
        and not any(r.outcome is not Outcome.CLEARED for r in binding)
        and not ctx.problems
    ):
        binding.append(_nothing_required(ctx, classifications))
    return Decision(
        shipment_id=ctx.shipment.id,
        outcome=outcome,
        as_of=ctx.rules.as_of,
        ruleset_hash=ctx.rules.content_hash,
        reasons=tuple(binding),
        problems=tuple(ctx.problems),
        requirements=tuple(ctx.requirements),
        classifications=tuple(classifications),
        screening_hits=tuple(hits),
        warnings=tuple(warnings),
        reported_policy="bind" if ctx.policy.reported_binds else "inform",
        informed_letters=ctx.policy.informed_letters.value,
    )
