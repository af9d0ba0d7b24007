"""Settle one applicable requirement: which review policy, which held authorization, what's due."""

from __future__ import annotations

from dataclasses import replace

from .authorization import Authorization, AuthorizationKind, AuthorizationStatus
from .condition import Observation, holds
from .context import Context
from .decision import PRECEDENCE, Outcome, Reason, Requirement
from .facts import LineFacts
from .rule import ExceptionRule, RequirementRule, ReviewPolicy, ReviewPolicyRule
from .satisfy import check_conditions, covers, holder_refusal, missing_evidence, party_refusal
from .screening_policy import denial_policy, list_jurisdiction
from .shipment import EvidenceKind, Shipment, ShipmentLine
from .units import UnitMismatchError, count_in, line_unit

POLICY_TEXT = {
    ReviewPolicy.PRESUMPTION_OF_DENIAL: "presumption of denial",
    ReviewPolicy.CASE_BY_CASE: "case-by-case review",
    ReviewPolicy.PRESUMPTION_OF_APPROVAL: "presumption of approval",
}


def settle_requirement(
    ctx: Context, rule: RequirementRule, facts: LineFacts, index: int, seen: list[Observation]
) -> None:
    review, policy_rule = _review_policy(ctx, rule, facts, index)
    if review is None:
        return
    base = ctx.reason(rule.meta, Outcome.HOLD, rule.meta.message, seen, index, kind="requirement")
    requirement = Requirement(
        rule_id=rule.meta.id,
        jurisdiction=rule.meta.jurisdiction,
        authority=rule.authority,
        kind=rule.authorization_kind,
        review_policy=review.value,
        line=index,
        provenance=rule.meta.provenance.value,
        binding=base.binding,
    )
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
                message=f"{rule.meta.message}; {auth.id} is {auth.status.value} with "
                f"{auth.authority}",
                clears_by=f"{auth.authority} grants {auth.id}",
            )
        )
        ctx.requirements.append(replace(requirement, satisfied_by=auth.id, status="pending"))
        return
    for exception in _eligible_exceptions(ctx, rule, facts):
        _apply_exception(ctx, exception, facts, base, requirement)
        return
    refused = [refusals.get(a.id) or f"{a.id} is {a.status.value}" for a in candidates]
    note = f" ({'; '.join(refused)})" if refused else ""
    message = f"{rule.meta.message}; none held{note}; policy: {POLICY_TEXT[review]}"
    listed = [h for h in ctx.denying_hits if list_jurisdiction(h) == rule.meta.jurisdiction]
    if listed:
        # A party's listing sets a stricter policy than the requirement's own: the most
        # restrictive applies, so no licence is to be advised under the milder one.
        policies = "; ".join(dict.fromkeys(denial_policy(h) for h in listed))
        message = f"{rule.meta.message}; none held{note}; policy: {policies}"
        ctx.reasons.append(replace(base, message=message, outcome=Outcome.DENIED))
    elif review is ReviewPolicy.PRESUMPTION_OF_DENIAL:
        ctx.reasons.append(replace(base, message=message, outcome=Outcome.DENIED))
    else:
        owner = f"{rule.authority} {rule.authorization_kind.replace('_', ' ')}"
        ctx.reasons.append(
            replace(base, message=message, clears_by=f"obtain a {owner} ({POLICY_TEXT[review]})")
        )
    ctx.requirements.append(requirement)


def _review_policy(
    ctx: Context, rule: RequirementRule, facts: LineFacts, index: int
) -> tuple[ReviewPolicy | None, ReviewPolicyRule | None]:
    """The highest-priority review-policy rule that holds; else the requirement's default."""
    for candidate in ctx.rules.review_policies.get(rule.meta.lineage, ()):
        seen: list[Observation] = []
        verdict = holds(candidate.when, facts, seen)
        if verdict is None:
            ctx.unknown(candidate.meta, seen, index)
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
                message=f"{auth.id} is granted with conditions still pending",
                clears_by=f"the conditions of {auth.id} are set and met",
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
                    message=f"{auth.id} has {remaining} {unit.value} left; line {index + 1} "
                    f"asks for {wanted} {unit.value} ({line.quantity} {line_unit(line).value})",
                    clears_by=f"reduce the quantity to {remaining} {unit.value} or amend {auth.id}",
                )
            )
        else:
            ctx.usage.draw(auth, wanted)
    reasons.extend(check_conditions(auth, shipment, index, base))
    if policy_rule is not None:
        already = {r.rule_id for r in reasons}
        reasons.extend(
            r
            for r in missing_evidence(
                policy_rule.required_evidence, shipment, auth.id, base, policy_rule.meta.id
            )
            if r.rule_id not in already
        )
    if auth.kind is AuthorizationKind.IMPORT_APPROVAL and not any(
        e.authorization in (None, auth.id)
        for e in shipment.evidence_of(EvidenceKind.IMPORT_APPROVAL_NOTICE)
    ):
        reasons.append(
            replace(
                base,
                rule_id="engine.evidence_missing.import_approval_notice",
                kind="condition",
                message=f"{auth.id} ({auth.authority}) has not been notified to the exporter: "
                "no import_approval_notice on file",
                clears_by=f"obtain the official notice of {auth.id}",
            )
        )
    if all(r.outcome is Outcome.CLEARED for r in reasons):
        reasons.append(
            replace(
                base,
                rule_id="engine.authorization.satisfied",
                kind="authorization",
                outcome=Outcome.CLEARED,
                message=f"{rule.meta.id} is satisfied by {auth.id} "
                f"({auth.authority}, {auth.status.value})",
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
        if a.exception_code == exception.code and a.status.usable and a.in_window(ctx.rules.as_of)
    ]
    # A notice covers the exporter that filed it, the one ultimate consignee and the one end
    # user it names, and the items it lists; any other shipment needs its own notice.
    refusals = {a.id: _notice_refusal(a, shipment, line, facts) for a in on_file}
    notice = next((a for a in on_file if refusals[a.id] is None), None)
    reasons_not = [why for why in refusals.values() if why]
    meta = exception.meta
    if needs_notice and notice is None:
        note = f" ({'; '.join(reasons_not)})" if reasons_not else ""
        ctx.reasons.append(
            replace(
                base,
                rule_id=meta.id,
                kind="licence_exception",
                citation=meta.citation,
                provenance=meta.provenance.value,
                message=f"licence exception {exception.code} is available but needs a prior "
                f"notification naming this ultimate consignee and end user{note}",
                clears_by=f"file a {exception.code} notification for {shipment.consignee.name} "
                f"(consignee) and {shipment.end_user.name} (end user) and record its "
                "confirmation",
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
            message=f"licence exception {exception.code} applies ({by})",
        )
    )
    ctx.requirements.append(replace(requirement, satisfied_by=by, status="satisfied"))


def _notice_refusal(
    auth: Authorization, shipment: Shipment, line: ShipmentLine, facts: LineFacts
) -> str | None:
    """Why a notice on file does not cover this shipment line, or None when it does."""
    why = holder_refusal(auth, shipment) or party_refusal(auth, shipment)
    if why is None and not covers(auth, shipment, line, facts.control_code):
        why = f"{auth.id} does not list {line.item.name} ({facts.control_code})"
    return why
