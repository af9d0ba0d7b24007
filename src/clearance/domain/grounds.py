"""Fail closed: what a jurisdiction clears on, and why an item without a control code holds.

A touched jurisdiction has a positive ground for a line when the item has a control code
(computed, or declared in the item master) and every binding requirement of that jurisdiction
on the line is satisfied (or none applies), with nothing unknown and no binding reason of its
own blocking. `decide()` clears a shipment only when every touched jurisdiction has one for
every line it touches.
"""

from __future__ import annotations

from collections.abc import Sequence

from .classification import Classification
from .condition import Observation
from .context import Context
from .decision import JurisdictionResult, Outcome, Problem, Reason, Requirement, combine


def classification_reasons(ctx: Context, classification: Classification, index: int) -> None:
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


def grounds(
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
    informing: dict[int, list[Requirement]] = {}  # reported rules shown as warnings only
    for req in ctx.requirements:
        if req.jurisdiction == code:
            (needed if req.binding else informing).setdefault(req.line, []).append(req)
    per_line: list[str | None] = []
    for index in lines:
        classification = classified[(scheme, index)]
        due = needed.get(index, ())
        if (
            index in blocked
            or None in blocked
            or not classification.complete
            or any(r.state != "satisfied" for r in due)
        ):
            per_line.append(None)
        elif due:
            satisfied = ", ".join(f"{r.rule_id} by {r.satisfied_by}" for r in due)
            per_line.append(ctx.rules.text("ground_satisfied", satisfied=satisfied))
        elif index in informing:
            warned = ", ".join(r.rule_id for r in informing[index])
            per_line.append(ctx.rules.text("ground_reported_only", requirements=warned))
        else:
            declared = " (declared)" if classification.declared else ""
            per_line.append(
                ctx.rules.text(
                    "ground_nothing_required", code=classification.control_code, declared=declared
                )
            )
    if None in per_line:
        outcomes.append(Outcome.HOLD)
    return JurisdictionResult(
        jurisdiction=code,
        title=jurisdiction.pack.title,
        outcome=combine(outcomes),
        lines=tuple(lines),
        grounds=tuple(per_line),
    )


def nothing_required(ctx: Context, classifications: Sequence[Classification]) -> Reason:
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


def no_ground(ctx: Context, result: JurisdictionResult) -> Reason:
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
