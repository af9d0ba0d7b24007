"""Events that can change a held shipment: after each, re-decide every held shipment it touches,
oldest submission first (first come, first served on a scarce balance), record each decision and
say which cleared. Also the notices an authorization change sends to every party concerned
(each also staged for that party's webhook subscribers)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from clearance.domain.names import name_key

from .ledger_batch import Batch
from .ledger_decide import LedgerContext
from .ledger_model import Notice, ShipmentState, StoredAuthorization, StoredShipment
from .ledger_ports import UnitOfWork
from .ledger_record import decide_and_record
from .ledger_webhooks import announce_notice

Touches = Callable[[StoredShipment], bool]


def everything(_: StoredShipment) -> bool:
    return True


def only(shipment_id: str) -> Touches:
    return lambda s: s.id == shipment_id


def named_in(auth: StoredAuthorization) -> Touches:
    """Held shipments whose consignee or end user the authorization names (all, if none)."""
    parties = {name_key(p) for p in auth.document.get("parties", [])}
    if not parties:
        return everything

    def touches(s: StoredShipment) -> bool:
        doc = s.document or {}
        names = {name_key(doc.get(role, {}).get("name", "")) for role in ("consignee", "end_user")}
        return bool(names & parties)

    return touches


OPEN = (ShipmentState.HELD, ShipmentState.CLEARED, ShipmentState.SUBMITTED)


def redecide_held(
    uow: UnitOfWork,
    ctx: LedgerContext,
    touches: Touches,
    on: date,
    trigger: str,
    read: Sequence[StoredShipment] | None = None,
) -> list[dict[str, Any]]:
    """Re-decide the held shipments `touches` selects, oldest first, as of the later of their
    date and the event's; returns one line per shipment re-decided. One batch: the
    authorizations, screening and notices are read once, the evidence in one query, each
    decision taken on the balance the ones before it left, the writes made together.
    `read`: the open shipments as this transaction read them (oldest first), if it has."""
    if read is None:
        read = uow.shipments.in_states([ShipmentState.HELD])
    held = [
        s for s in read if s.state is ShipmentState.HELD and s.document is not None and touches(s)
    ]
    if not held:
        return []
    batch = Batch(uow, ctx.screener, expected=len(held))
    batch.preload_evidence([s.id for s in held])
    out: list[dict[str, Any]] = []
    for stored in held:
        result = decide_and_record(batch, ctx, stored, max(stored.ship_date, on), trigger)
        out.append(
            {
                "shipment_id": stored.id,
                "decision_id": result["decision_id"],
                "outcome": result["outcome"],
                "state": result["state"],
                "drawdowns": result["drawdowns"],
            }
        )
    batch.flush()
    return out


def cleared(results: Iterable[dict[str, Any]]) -> list[str]:
    return [r["shipment_id"] for r in results if r["state"] == ShipmentState.CLEARED.value]


def concerned_parties(
    uow: UnitOfWork,
    auth: StoredAuthorization,
    touches: Touches,
    read: Sequence[StoredShipment] | None = None,
) -> list[str]:
    """Holder, named parties, and the exporter of every shipment the change affects.
    `read`: the open shipments as this transaction read them, if it has."""
    parties = [auth.document["holder"], *auth.document.get("parties", [])]
    drew = {line.shipment_id for line in uow.drawdowns.for_authorization(auth.id)}
    for stored in uow.shipments.in_states(list(OPEN)) if read is None else read:
        if stored.id in drew or (stored.state is ShipmentState.HELD and touches(stored)):
            parties.append(stored.exporter)
    return list(dict.fromkeys(parties))


def send_notices(
    uow: UnitOfWork,
    ctx: LedgerContext,
    auth: StoredAuthorization,
    action: str,
    on: date,
    note: str | None,
    read: Sequence[StoredShipment] | None = None,
) -> list[int]:
    """`read`: the open shipments as this transaction read them, if it has."""
    touches = named_in(auth)
    message = f"{auth.id} ({auth.document['authority']}, {auth.document['kind']}): {action} on "
    message += f"{on.isoformat()}; status {auth.status}" + (f"; {note}" if note else "")
    ids = []
    for party in concerned_parties(uow, auth, touches, read):
        notice = Notice(
            authorization_id=auth.id,
            party=party,
            action=action,
            message=message,
            on=on,
            created_at=ctx.now(),
        )
        ids.append(uow.notices.add(notice))
        announce_notice(uow, notice, ids[-1])
    return ids
