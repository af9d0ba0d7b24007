"""Settle one applicable requirement: which review policy, which held authorization, what's due."""

from __future__ import annotations

from dataclasses import replace

from .authorization import Authorization, AuthorizationStatus
from .condition import Observation, holds
from .context import Context
from .decision import PRECEDENCE, Outcome, Reason, Requirement
from .facts import LineFacts
from .observation import with_observed
from .rule import ExceptionRule, RequirementRule, ReviewPolicy, ReviewPolicyRule
from .satisfy import (
    Refusal,
    check_conditions,
    covers,
    holder_refusal,
    missing_evidence,
    party_refusal,
)
from .screening_policy import denial_policy, list_jurisdiction
from .shipment import EvidenceKind, Shipment, ShipmentLine
from .units import UnitMismatchError, count_in, line_unit


def requirement_of(
    ctx: Context, rule: RequirementRule, index: int, review: ReviewPolicy | None = None
) -> Requirement:
    return Requirement(
        rule_id=rule.meta.id,
        jurisdiction=rule.meta.jurisdiction,
        authority=rule.authority,
        kind=rule.authorization_kind,
        review_policy=(review or rule.review_policy).value,
        line=index,
        provenance=rule.meta.provenance.value,
        binding=ctx.binding(rule.meta),
        message=rule.meta.message,
    )


def unknown_requirement(
    ctx: Context, rule: RequirementRule, index: int, missing: tuple[str, ...]
) -> None:
    """A requirement that may apply but cannot be judged stays in the explanation, unknown."""
    ctx.requirements.append(
        replace(requirement_of(ctx, rule, index), status="unknown", missing=missing)
    )


def settle_requirement(
    ctx: Context, rule: RequirementRule, facts: LineFacts, index: int, seen: list[Observation]
) -> None:
    review, policy_rule = _review_policy(ctx, rule, facts, index)
    if review is None:
        return
    said = with_observed(rule.meta.message, seen)
    base = ctx.reason(rule.meta, Outcome.HOLD, said, seen, index, kind="requirement")
    requirement = requirement_of(ctx, rule, index, review)
    line = ctx.shipment.lines[index]
    candidates = [
        a
        for a in ctx.held
        if a.jurisdiction == rule.meta.jurisdiction
        and a.kind.value == rule.authorization_kind
        and covers(a, ctx.shipment, line, facts.control_code)
    ]
    refusals = {a.id: why for a in candidates if (why := holder_refusal(a, ctx.shipment))}
    usable = [
        a
        for a in candidates
        if a.status.usable and a.in_window(ctx.rules.as_of) and a.id not in refusals
    ]
    if usable:
        auth = max(usable, key=lambda a: ctx.usage.remaining(a) or 0)
        reasons = _use(ctx, auth, rule, policy_rule, index, base)
        ctx.reasons.extend(reasons)
        worst = max((r.outcome for r in reasons), key=PRECEDENCE.__getitem__)
        status = "satisfied" if worst is Outcome.CLEARED else "conditions_unmet"
        ctx.requirements.append(replace(requirement, satisfied_by=auth.id, status=status))
        return
    pending = [a for a in candidates if a.status.pending and a.id not in refusals]
    if pending:
        auth = pending[0]
        ctx.reasons.append(
            replace(
                base,
                message=ctx.text(
                    "authorization_pending",
                    requirement=said,
                    auth=auth.id,
                    status=auth.status.value,
                    authority=auth.authority,
                ),
                clears_by=ctx.text(
                    "authorization_pending_clears_by", auth=auth.id, authority=auth.authority
                ),
            )
        )
        ctx.requirements.append(replace(requirement, satisfied_by=auth.id, status="pending"))
        return
    lists = ctx.rules.lists
    listed = [h for h in ctx.denying_hits if list_jurisdiction(h, lists) == rule.meta.jurisdiction]
    # A listed party gets no licence exception (the Entity List entries: 15 CFR 744.11, 744.16).
    for exception in () if listed else _eligible_exceptions(ctx, rule, facts):
        _apply_exception(ctx, exception, facts, base, requirement)
        return
    refused = "; ".join(
        ctx.text(r.key, **r.values) if (r := refusals.get(a.id)) else f"{a.id} is {a.status.value}"
        for a in candidates
    )
    policy = ctx.text(f"policy.{review.value}")
    if listed:
        # A party's listing sets a stricter policy than the requirement's own: the most
        # restrictive applies, so no licence is to be advised under the milder one.
        policy = "; ".join(
            dict.fromkeys(ctx.text("listed_policy", **denial_policy(h)) for h in listed)
        )
    message = ctx.text(
        "none_held_refused" if refused else "none_held",
        requirement=said,
        refused=refused,
        policy=policy,
    )
    if listed or review is ReviewPolicy.PRESUMPTION_OF_DENIAL:
        ctx.reasons.append(replace(base, message=message, outcome=Outcome.DENIED))
    else:
        clears_by = ctx.text(
            "obtain_authorization",
            authority=rule.authority,
            kind=ctx.text(f"authorization_kind.{rule.authorization_kind}"),
            policy=policy,
        )
        ctx.reasons.append(replace(base, message=message, clears_by=clears_by))
    ctx.requirements.append(requirement)


def _review_policy(
    ctx: Context, rule: RequirementRule, facts: LineFacts, index: int
) -> tuple[ReviewPolicy | None, ReviewPolicyRule | None]:
    """The highest-priority review-policy rule that holds; else the requirement's default."""
    for candidate in ctx.rules.review_policies.get(rule.meta.lineage, ()):
        seen: list[Observation] = []
        verdict = holds(candidate.when, facts, seen)
        if verdict is None:
            unknown_requirement(ctx, rule, index, ctx.unknown(candidate.meta, seen, index))
            return None, None
        if verdict:
            # The policy is itself a reason: it explains what the requirement leads to. On its own
            # it blocks nothing (a licence granted under any policy clears), so it is CLEARED.
            ctx.reasons.append(
                ctx.reason(
                    candidate.meta,
                    Outcome.CLEARED,
                    candidate.meta.message,
                    seen,
                    index,
                    kind="review_policy",
                )
            )
            return candidate.policy, candidate
    return rule.review_policy, None


def _use(
    ctx: Context,
    auth: Authorization,
    rule: RequirementRule,
    policy_rule: ReviewPolicyRule | None,
    index: int,
    base: Reason,
) -> list[Reason]:
    shipment = ctx.shipment
    line = shipment.lines[index]
    reasons: list[Reason] = []
    if (
        auth.status is AuthorizationStatus.GRANTED_CONDITIONS_PENDING
        and not auth.pending_conditions
    ):
        reasons.append(
            replace(
                base,
                rule_id="engine.authorization.conditions_pending",
                kind="authorization",
                message=ctx.text("conditions_pending", auth=auth.id),
                clears_by=ctx.text("conditions_pending_clears_by", auth=auth.id),
            )
        )
    remaining = ctx.usage.remaining(auth)
    if remaining is not None:
        unit = auth.quantity_unit
        if unit is None:
            raise UnitMismatchError(
                f"{auth.id}: its quantity of {auth.quantity} states no unit", field="quantity_unit"
            )
        wanted = count_in(line, unit, against=auth.id)
        if wanted > remaining:
            reasons.append(
                replace(
                    base,
                    rule_id="engine.authorization.balance_exceeded",
                    kind="authorization",
                    message=ctx.text(
                        "balance_exceeded",
                        auth=auth.id,
                        remaining=remaining,
                        unit=unit.value,
                        line=index + 1,
                        wanted=wanted,
                        quantity=line.quantity,
                        line_unit=line_unit(line).value,
                    ),
                    clears_by=ctx.text(
                        "balance_exceeded_clears_by",
                        auth=auth.id,
                        remaining=remaining,
                        unit=unit.value,
                    ),
                )
            )
        else:
            ctx.usage.draw(auth, wanted)
    reasons.extend(check_conditions(auth, shipment, index, base, ctx.text))
    if policy_rule is not None:
        already = {r.rule_id for r in reasons}
        reasons.extend(
            r
            for r in missing_evidence(
                policy_rule.required_evidence,
                shipment,
                auth.id,
                base,
                policy_rule.meta.id,
                ctx.text,
            )
            if r.rule_id not in already
        )
    pack = ctx.current.pack if ctx.current is not None else None
    for evidence_rule in pack.evidence_rules if pack is not None else ():
        if evidence_rule.authorization_kind != auth.kind.value or any(
            e.authorization in (None, auth.id)
            for e in shipment.evidence_of(EvidenceKind(evidence_rule.evidence))
        ):
            continue
        values = {"auth": auth.id, "authority": auth.authority, "evidence": evidence_rule.evidence}
        reasons.append(
            replace(
                base,
                rule_id=evidence_rule.rule_id,
                kind="condition",
                message=evidence_rule.message.format_map(values),
                clears_by=evidence_rule.clears_by.format_map(values),
            )
        )
    if all(r.outcome is Outcome.CLEARED for r in reasons):
        reasons.append(
            replace(
                base,
                rule_id="engine.authorization.satisfied",
                kind="authorization",
                outcome=Outcome.CLEARED,
                message=ctx.text(
                    "authorization_satisfied",
                    requirement=rule.meta.id,
                    auth=auth.id,
                    authority=auth.authority,
                    status=auth.status.value,
                ),
            )
        )
    return reasons


def _eligible_exceptions(
    ctx: Context, rule: RequirementRule, facts: LineFacts
) -> list[ExceptionRule]:
    out: list[ExceptionRule] = []
    for lineage in rule.exceptions:
        exception = ctx.rules.exceptions.get(lineage)
        if exception is not None and holds(exception.when, facts) is True:
            out.append(exception)
    return out


def _apply_exception(
    ctx: Context, exception: ExceptionRule, facts: LineFacts, base: Reason, requirement: Requirement
) -> None:
    needs_notice = holds(exception.notification_required, facts) is not False
    shipment = ctx.shipment
    line = shipment.lines[requirement.line]
    on_file = [
        a
        for a in ctx.held
        if a.exception_code == exception.code
        and a.jurisdiction == exception.meta.jurisdiction
        and a.status.usable
        and a.in_window(ctx.rules.as_of)
    ]
    # A notice covers the exporter that filed it, the one ultimate consignee and the one end
    # user it names, and the items it lists; any other shipment needs its own notice.
    refusals = {a.id: _notice_refusal(a, shipment, line, facts) for a in on_file}
    notice = next((a for a in on_file if refusals[a.id] is None), None)
    reasons_not = [ctx.text(r.key, **r.values) for r in refusals.values() if r is not None]
    meta = exception.meta
    label = ctx.current.pack.exceptions[exception.code] if ctx.current is not None else None
    notify = (label.notify if label is not None else None) or ""
    if needs_notice and notice is None:
        note = f" ({'; '.join(reasons_not)})" if reasons_not else ""
        ctx.reasons.append(
            replace(
                base,
                rule_id=meta.id,
                kind="licence_exception",
                citation=meta.citation,
                provenance=meta.provenance.value,
                message=ctx.text(
                    "exception_needs_notification",
                    code=exception.code,
                    notify=notify,
                    note=note,
                ),
                clears_by=ctx.text(
                    "exception_needs_notification_clears_by",
                    code=exception.code,
                    consignee=shipment.consignee.name,
                    end_user=shipment.end_user.name,
                ),
            )
        )
        ctx.requirements.append(replace(requirement, status="notification_required"))
        return
    by = notice.id if notice is not None and needs_notice else exception.code
    ctx.reasons.append(
        replace(
            base,
            rule_id=meta.id,
            kind="licence_exception",
            citation=meta.citation,
            provenance=meta.provenance.value,
            outcome=Outcome.CLEARED,
            message=ctx.text("exception_applies", code=exception.code, by=by),
        )
    )
    ctx.requirements.append(replace(requirement, satisfied_by=by, status="satisfied"))


def _notice_refusal(
    auth: Authorization, shipment: Shipment, line: ShipmentLine, facts: LineFacts
) -> Refusal | None:
    """Why a notice on file does not cover this shipment line, or None when it does."""
    why = holder_refusal(auth, shipment) or party_refusal(auth, shipment)
    if why is None and not covers(auth, shipment, line, facts.control_code):
        why = Refusal(
            "refused_items", {"auth": auth.id, "item": line.item.name, "code": facts.control_code}
        )
    return why
