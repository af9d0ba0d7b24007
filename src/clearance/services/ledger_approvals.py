"""Read models of authorizations for the dashboard: the list, and one authorization with its
balance over time, drawdowns and notices, each cut to what the principal may see."""

from __future__ import annotations

from typing import Any

from clearance.domain.errors import NotFoundError

from . import ledger_scope as scope
from .access import Principal
from .ledger_balances import balance_series, line_dates
from .ledger_model import StoredAuthorization
from .ledger_ports import UnitOfWorkFactory


def _row(auth: StoredAuthorization) -> dict[str, Any]:
    doc = auth.document
    return {
        "id": auth.id,
        "jurisdiction": doc.get("jurisdiction"),
        "authority": doc.get("authority"),
        "kind": doc.get("kind"),
        "holder": doc.get("holder"),
        "parties": list(doc.get("parties", [])),
        "status": auth.status,
        "quantity": auth.quantity,
        "used": auth.quantity_used,
        "balance": auth.balance,
        "valid_from": doc.get("valid_from"),
        "valid_to": doc.get("valid_to"),
    }


def authorization_rows(factory: UnitOfWorkFactory, who: Principal) -> list[dict[str, Any]]:
    with factory() as uow:
        return [_row(a) for a in scope.authorizations_for(who, uow.authorizations.all())]


def authorization_detail(
    factory: UnitOfWorkFactory, who: Principal, authorization_id: str
) -> dict[str, Any]:
    """The authorization (its document, for the page's scope check), its changes, the balance
    series for the chart, the drawdowns on shipments the principal may see (with a count of
    the others) and the notices about it that the principal may see."""
    with factory() as uow:
        auth = uow.authorizations.get(authorization_id)
        if auth is None:
            raise NotFoundError(f"no authorization {authorization_id!r} in the ledger")
        lines = uow.drawdowns.for_authorization(authorization_id)
        series = balance_series(uow, auth, lines)
        dates = line_dates(uow, lines)
        visible = {
            s.id
            for s in (uow.shipments.get(i) for i in {line.shipment_id for line in lines})
            if s is not None and scope.sees_shipment(who, s)
        }
        changes = uow.authorizations.changes(authorization_id)
        notices = [
            n
            for n in uow.notices.listed()
            if n.authorization_id == authorization_id
            and scope.sees_notice(who, n, {authorization_id: auth})
        ]
    doc = auth.document
    return _row(auth) | {
        "document": doc,
        "conditions": doc.get("conditions", []),
        "items": doc.get("items", []),
        "provenance": doc.get("provenance"),
        "series": series,
        "changes": [
            {"action": c.action, "on": c.on.isoformat(), "status": c.status, "note": c.note}
            for c in changes
        ],
        "drawdowns": [
            {
                "shipment": line.shipment_id,
                "kind": line.kind,
                "units": line.units,
                "on": on.isoformat(),
                "decision": line.decision_id,
            }
            for on, line in zip(dates, lines, strict=True)
            if line.shipment_id in visible
        ],
        "hidden_drawdowns": sum(1 for line in lines if line.shipment_id not in visible),
        "notices": [
            {
                "id": n.id,
                "party": n.party,
                "action": n.action,
                "message": n.message,
                "on": n.on.isoformat(),
                "acked_on": n.acked_on.isoformat() if n.acked_on else None,
            }
            for n in notices
        ],
    }
