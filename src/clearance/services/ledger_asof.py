"""The ledger as it stood on a day: each authorization's status and balance, each shipment's
state, and the China-share gauge, from the dated records.

Dates are business dates: a decision counts from the day it was decided as of (the latest such
decision, in recording order, gives the state), an export from its export date, an
authorization's status from its dated history, a drawdown from its decision's date. A
cancellation carries no business date: it counts from the day it was recorded. The gauge
counts a shipment's volume only once the shipment stood cleared (its reversal once cancelled),
and a recorded volume by its period.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from . import ledger_scope as scope
from .access import Principal
from .ledger_balances import balance_on
from .ledger_documents import authorization_from_document
from .ledger_gauge import share_gauges
from .ledger_model import ShipmentState, StoredShipment, VolumeLine, state_for
from .ledger_ports import UnitOfWork, UnitOfWorkFactory


def _state_on(uow: UnitOfWork, stored: StoredShipment, day: date) -> dict[str, Any] | None:
    """None when the shipment had no decision by `day`."""
    entries = [e for e in uow.decisions.for_shipment(stored.id) if e.as_of <= day]
    if not entries:
        return None
    last = entries[-1]
    state = state_for(last.outcome).value
    if stored.exported_on is not None and stored.exported_on <= day:
        state = ShipmentState.EXPORTED.value
    if stored.state is ShipmentState.CANCELLED and stored.state_since.date() <= day:
        state = ShipmentState.CANCELLED.value
    return {
        "id": stored.id,
        "state": state,
        "now": stored.state.value,
        "outcome": last.outcome,
        "decided_as_of": last.as_of.isoformat(),
        "reason_ids": list(last.reason_ids),
    }


def _counted(line: VolumeLine, states: dict[str, str]) -> bool:
    """Whether a volume line counts on the day the shipments stood in `states`."""
    kind, _, shipment_id = line.source.partition(":")
    if kind != "shipment":
        return True
    state = states.get(shipment_id)
    if state == ShipmentState.CANCELLED.value:
        return True  # the booking and its reversal
    return state in (ShipmentState.CLEARED.value, ShipmentState.EXPORTED.value) and line.units >= 0


def ledger_on(factory: UnitOfWorkFactory, who: Principal, day: date) -> dict[str, Any]:
    with factory() as uow:
        every = uow.shipments.in_states(list(ShipmentState))
        rows = {s.id: row for s in every if (row := _state_on(uow, s, day)) is not None}
        shipments = [rows[s.id] for s in scope.shipments_for(who, every) if s.id in rows]
        authorizations = []
        for auth in scope.authorizations_for(who, uow.authorizations.all()):
            valid_from = date.fromisoformat(str(auth.document["valid_from"]))
            stood = authorization_from_document(auth.document).as_of(day)
            if stood is None or day < valid_from:
                continue
            lines = uow.drawdowns.for_authorization(auth.id)
            authorizations.append(
                {
                    "id": auth.id,
                    "status": stood.status.value,
                    "now": auth.status,
                    "quantity": auth.quantity,
                    "balance": balance_on(uow, auth, lines, day),
                }
            )
        gauges = None
        if scope.sees_volumes(who):
            states = {i: row["state"] for i, row in rows.items()}
            counted = [v for v in uow.volumes.all() if _counted(v, states)]
            gauges = share_gauges(uow, day, counted)
    return {
        "on": day.isoformat(),
        "shipments": shipments,
        "authorizations": authorizations,
        "gauges": gauges,
    }
