"""Does a held authorization satisfy a requirement, and what does it still need?"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .authorization import (
    Authorization,
    AuthorizationCondition,
    AuthorizationKind,
    ConditionKind,
)
from .decision import Outcome, Reason
from .names import name_key
from .shipment import EndUse, EvidenceKind, Shipment, ShipmentLine
from .units import UnitMismatchError, count_in

# What each authorization condition asks of every shipment made under it.
CONDITION_EVIDENCE: dict[ConditionKind, EvidenceKind] = {
    ConditionKind.THIRD_PARTY_TEST_EACH_SHIPMENT: EvidenceKind.THIRD_PARTY_TEST,
    ConditionKind.KYC_REQUIRED: EvidenceKind.KYC_ATTESTATION,
    ConditionKind.AGGREGATE_SHARE_CAP: EvidenceKind.US_SUPPLY_CERTIFICATION,
    ConditionKind.DOMESTIC_PURCHASE_RATIO: EvidenceKind.CONDITIONS_COMPLIANCE,
}


@dataclass(slots=True)
class Usage:
    """Quantities drawn on each authorization by earlier lines of the same shipment."""

    drawn: dict[str, int] = field(default_factory=dict)

    def remaining(self, auth: Authorization) -> int | None:
        balance = auth.balance
        return None if balance is None else balance - self.drawn.get(auth.id, 0)

    def draw(self, auth: Authorization, quantity: int) -> None:
        self.drawn[auth.id] = self.drawn.get(auth.id, 0) + quantity


# Kinds whose holder is the exporter: an export licence or a notice is not transferable to
# another exporter, and names the ultimate consignee and the end user it was issued for.
EXPORTER_HELD = frozenset({AuthorizationKind.EXPORT_LICENCE, AuthorizationKind.NOTIFICATION})


def covers(
    auth: Authorization, shipment: Shipment, line: ShipmentLine, control_code: str | None
) -> bool:
    """The authorization names this shipment's parties, and this item or its control code.

    An exporter-held authorization names both the consignee and the end user; an approval names
    the consignee or the end user (the importer it was granted to).
    """
    if auth.parties and not names_parties(auth, shipment):
        return False
    items = {i.casefold() for i in auth.items}
    if not items:
        return True
    code = (control_code or "").casefold()
    return (
        line.item.name.casefold() in items
        or code in items
        or any(code.startswith(i + ".") for i in items)
    )


def names_parties(auth: Authorization, shipment: Shipment) -> bool:
    parties = {name_key(p) for p in auth.parties}
    wanted = {name_key(shipment.consignee.name), name_key(shipment.end_user.name)}
    if auth.kind in EXPORTER_HELD:
        return wanted <= parties
    return bool(wanted & parties)


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why an authorization on file cannot serve a shipment: a message key and its values."""

    key: str
    values: dict[str, object]


def holder_refusal(auth: Authorization, shipment: Shipment) -> Refusal | None:
    """Why the exporter of `shipment` cannot use `auth`, or None when it can."""
    if auth.kind in EXPORTER_HELD and name_key(auth.holder) != name_key(shipment.exporter.name):
        return Refusal(
            "refused_holder",
            {"auth": auth.id, "holder": auth.holder, "exporter": shipment.exporter.name},
        )
    return None


def party_refusal(auth: Authorization, shipment: Shipment) -> Refusal | None:
    """Why a notice on file does not cover this shipment's parties, or None when it does."""
    if not auth.parties:
        return Refusal("refused_no_parties", {"auth": auth.id})
    if not names_parties(auth, shipment):
        return Refusal(
            "refused_parties",
            {
                "auth": auth.id,
                "parties": ", ".join(auth.parties),
                "consignee": shipment.consignee.name,
                "end_user": shipment.end_user.name,
            },
        )
    return None


Text = Callable[..., str]  # a message by key, in the words of the jurisdiction's pack


def check_conditions(
    auth: Authorization, shipment: Shipment, line_no: int, base: Reason, text: Text
) -> list[Reason]:
    """Reasons raised by the authorization's own conditions for this shipment."""
    out: list[Reason] = []
    for cond in auth.conditions:
        reason = _check_condition(auth, cond, shipment, line_no, base, text)
        if reason is not None:
            out.append(reason)
    return out


def _check_condition(
    auth: Authorization,
    cond: AuthorizationCondition,
    shipment: Shipment,
    line_no: int,
    base: Reason,
    text: Text,
) -> Reason | None:
    if cond.kind is ConditionKind.PENDING:
        setter = text("condition_set_by", by=cond.set_by) if cond.set_by else ""
        return _reason(
            base,
            "engine.authorization.conditions_pending",
            Outcome.HOLD,
            text(
                "condition_pending",
                auth=auth.id,
                setter=setter,
                description=cond.description or text("condition_not_published"),
            ),
            clears_by=text("condition_pending_clears_by", auth=auth.id, setter=setter),
        )
    if cond.kind is ConditionKind.NO_MILITARY_END_USE:
        if shipment.end_use is EndUse.MILITARY:
            return _reason(
                base,
                "engine.condition.military_end_use",
                Outcome.DENIED,
                text("condition_military_end_use", auth=auth.id),
            )
        if shipment.end_use is EndUse.UNKNOWN:
            return _reason(
                base,
                "engine.condition.end_use_unknown",
                Outcome.HOLD,
                text("condition_end_use_unknown", auth=auth.id),
                clears_by=text("condition_end_use_unknown_clears_by"),
            )
        return None
    if cond.kind is ConditionKind.QUANTITY_CAP and cond.value is not None:
        unit = cond.unit or auth.quantity_unit
        if unit is None:
            raise UnitMismatchError(
                f"{auth.id}: the quantity cap of {cond.value:g} states no unit",
                field="conditions.unit",
            )
        total = sum(
            count_in(line, unit, against=f"the quantity cap of {auth.id}")
            for line in shipment.lines
        )
        if total > cond.value:
            return _reason(
                base,
                "engine.condition.quantity_cap",
                Outcome.HOLD,
                text(
                    "condition_quantity_cap",
                    auth=auth.id,
                    cap=f"{cond.value:g}",
                    unit=unit.value,
                    total=total,
                ),
                clears_by=text(
                    "condition_quantity_cap_clears_by", cap=f"{cond.value:g}", unit=unit.value
                ),
            )
        return None
    needed = CONDITION_EVIDENCE.get(cond.kind)
    if needed is not None and not _has_evidence(shipment, needed, auth.id):
        return _reason(
            base,
            f"engine.evidence_missing.{needed.value}",
            Outcome.HOLD,
            text(
                "condition_evidence_missing",
                auth=auth.id,
                evidence=needed.value,
                condition=cond.kind.value,
            ),
            clears_by=text("evidence_missing_clears_by", evidence=needed.value),
        )
    return None


def missing_evidence(
    kinds: tuple[str, ...],
    shipment: Shipment,
    auth_id: str | None,
    base: Reason,
    why: str,
    text: Text,
) -> list[Reason]:
    out: list[Reason] = []
    for kind in kinds:
        evidence_kind = EvidenceKind(kind)
        if not _has_evidence(shipment, evidence_kind, auth_id):
            out.append(
                _reason(
                    base,
                    f"engine.evidence_missing.{kind}",
                    Outcome.HOLD,
                    text("evidence_missing_each_shipment", why=why, evidence=kind),
                    clears_by=text("evidence_missing_clears_by", evidence=kind),
                )
            )
    return out


def _has_evidence(shipment: Shipment, kind: EvidenceKind, auth_id: str | None) -> bool:
    return any(e.authorization in (None, auth_id) for e in shipment.evidence_of(kind))


def _reason(
    base: Reason, rule_id: str, outcome: Outcome, message: str, clears_by: str | None = None
) -> Reason:
    """A reason of the engine's own, on the rule, line and evidence of `base`."""
    return replace(
        base,
        rule_id=rule_id,
        outcome=outcome,
        message=message,
        clears_by=clears_by,
        kind="condition",
    )
