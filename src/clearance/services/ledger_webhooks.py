"""What the ledger announces to webhook subscribers: each notice to the party it is addressed
to, and each changed decision (the first one of a shipment, or one whose outcome differs from
the shipment's last) to the shipment's exporter, consignee and end user, the parties whose
users may see it. Events are staged on the unit of work: their outbox rows are written in the
transaction of the notice or decision itself, so neither exists without the other."""

from __future__ import annotations

from datetime import datetime

from clearance.domain.decision import Decision
from clearance.domain.shipment import Shipment

from .ledger_model import Notice, ShipmentState, StoredShipment
from .ledger_ports import UnitOfWork
from .webhooks import OutboxEvent

NOTICE_EVENT = "notice"
DECISION_EVENT = "decision.changed"

# A decided shipment's state says its last outcome (ledger_model.state_for, inverted).
_LAST_OUTCOME = {
    ShipmentState.CLEARED: "cleared",
    ShipmentState.HELD: "hold",
    ShipmentState.DENIED: "denied",
}


def previous_outcome(uow: UnitOfWork, stored: StoredShipment) -> str | None:
    """The outcome of the shipment's last decision before this one; None if it had none."""
    if stored.last_decision_id is None:
        return None
    known = _LAST_OUTCOME.get(stored.state)
    if known is not None:
        return known
    entry = uow.decisions.get(stored.last_decision_id)
    return None if entry is None else entry.outcome


def announce_notice(uow: UnitOfWork, notice: Notice, notice_id: int) -> None:
    uow.outbox.stage(
        OutboxEvent(
            type=NOTICE_EVENT,
            parties=(notice.party,),
            data={
                "notice_id": notice_id,
                "authorization_id": notice.authorization_id,
                "action": notice.action,
                "on": notice.on.isoformat(),
                "message": notice.message,
            },
            created_at=notice.created_at,
        )
    )


def announce_decision(
    uow: UnitOfWork,
    stored: StoredShipment,
    shipment: Shipment,
    decision: Decision,
    decision_id: int,
    trigger: str,
    at: datetime,
) -> None:
    """Stage the decision's event when its outcome is new for this shipment."""
    previous = previous_outcome(uow, stored)
    outcome = decision.outcome.value
    if previous == outcome:
        return
    uow.outbox.stage(
        OutboxEvent(
            type=DECISION_EVENT,
            parties=(shipment.exporter.name, shipment.consignee.name, shipment.end_user.name),
            data={
                "shipment_id": stored.id,
                "decision_id": decision_id,
                "outcome": outcome,
                "previous_outcome": previous,
                "reason_ids": list(decision.reason_ids),
                "as_of": decision.as_of.isoformat(),
                "trigger": trigger,
            },
            created_at=at,
        )
    )
