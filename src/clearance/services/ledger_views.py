"""Read models of the ledger for the dashboard: the overview, the shipments, one shipment.

Every list is cut to what the principal may see (`ledger_scope`); a detail returns its stored
document so that the page can refuse it, through the gate, when it is out of scope.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from clearance.domain.decision import MAIN_REASON_ORDER, PRECEDENCE, Outcome
from clearance.domain.errors import NotFoundError

from . import ledger_scope as scope
from .access import Principal
from .ledger_facts import notice_dict
from .ledger_gauge import share_gauges
from .ledger_model import DecisionEntry, ShipmentState, StoredShipment
from .ledger_ports import UnitOfWork, UnitOfWorkFactory

NOTICES_SHOWN = 20  # the overview lists the latest notices


def _hold_reasons(record: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The hold reasons of a decision record, the weightiest kind first."""
    reasons = [r for r in (record or {}).get("reasons", []) if r.get("outcome") == "hold"]
    return sorted(reasons, key=lambda r: MAIN_REASON_ORDER.get(r.get("kind") or "", 99))


def _main_reason(record: dict[str, Any] | None) -> str | None:
    """The rule of the decision's main reason, as `Decision.main_reason` ranks them; None for
    a cleared decision."""
    reasons = [r for r in (record or {}).get("reasons", []) if r.get("outcome") != "cleared"]
    reasons.sort(
        key=lambda r: (
            -PRECEDENCE[Outcome(r["outcome"])],
            MAIN_REASON_ORDER.get(r.get("kind") or "", 99),
        )
    )
    return str(reasons[0]["rule_id"]) if reasons else None


def _last(uow: UnitOfWork, stored: StoredShipment) -> DecisionEntry | None:
    return uow.decisions.get(stored.last_decision_id) if stored.last_decision_id else None


def _party(stored: StoredShipment, role: str) -> str:
    party = (stored.document or {}).get(role) or {}
    return str(party.get("name", ""))


def shipment_row(uow: UnitOfWork, stored: StoredShipment) -> dict[str, Any]:
    entry = _last(uow, stored)
    return {
        "id": stored.id,
        "state": stored.state.value,
        "date": stored.ship_date.isoformat(),
        "exporter": stored.exporter,
        "consignee": _party(stored, "consignee"),
        "to_country": stored.to_country,
        "outcome": entry.outcome if entry else None,
        "main_reason": _main_reason(entry.record if entry else None),
        "reason_ids": list(entry.reason_ids) if entry else [],
    }


def shipment_rows(
    factory: UnitOfWorkFactory,
    who: Principal,
    state: ShipmentState | None = None,
    reason: str | None = None,
) -> list[dict[str, Any]]:
    """The shipments the principal may see, oldest submission first; of one state, and whose
    latest decision gave one reason, when asked."""
    states = [state] if state else list(ShipmentState)
    with factory() as uow:
        rows = [
            shipment_row(uow, s) for s in scope.shipments_for(who, uow.shipments.in_states(states))
        ]
    return [r for r in rows if reason is None or reason in r["reason_ids"]]


def overview(factory: UnitOfWorkFactory, who: Principal, on: date | None = None) -> dict[str, Any]:
    """Holds by reason, shipments by state, each authorization's balance, the latest notices,
    and (for those who may read volumes) the China-share gauge on `on` (default: the latest
    ship date)."""
    with factory() as uow:
        shipments = scope.shipments_for(who, uow.shipments.in_states(list(ShipmentState)))
        holds: Counter[str] = Counter()
        for stored in shipments:
            if stored.state is ShipmentState.HELD:
                entry = _last(uow, stored)
                holds.update({r["rule_id"] for r in _hold_reasons(entry.record if entry else None)})
        every = uow.authorizations.all()
        auths = scope.authorizations_for(who, every)
        by_id = {a.id: a for a in every}
        notices = [n for n in uow.notices.listed() if scope.sees_notice(who, n, by_id)]
        day = on or max((s.ship_date for s in shipments), default=None) or date.today()
        gauges = share_gauges(uow, day) if scope.sees_volumes(who) else None
    return {
        "holds": sorted(holds.items(), key=lambda kv: (-kv[1], kv[0])),
        "held": sum(1 for s in shipments if s.state is ShipmentState.HELD),
        "states": dict(sorted(Counter(s.state.value for s in shipments).items())),
        "balances": [
            {
                "id": a.id,
                "status": a.status,
                "quantity": a.quantity,
                "used": a.quantity_used,
                "balance": a.balance,
            }
            for a in auths
            if a.quantity is not None
        ],
        "on": day.isoformat(),
        "gauges": gauges,
        "notices": [notice_dict(n) for n in reversed(notices[-NOTICES_SHOWN:])],
        "notices_total": len(notices),
    }


def shipment_detail(factory: UnitOfWorkFactory, shipment_id: str) -> dict[str, Any]:
    """One shipment: its latest decision (reasons, citations, provenance, what would clear
    it), evidence, flag resolutions, drawdowns and every decision taken on it."""
    with factory() as uow:
        stored = uow.shipments.get(shipment_id)
        if stored is None:
            raise NotFoundError(f"no shipment {shipment_id!r} in the ledger")
        entries = uow.decisions.for_shipment(shipment_id)
        evidence = uow.evidence.for_shipment(shipment_id)
        resolutions = uow.evidence.resolutions(shipment_id)
        drawdowns = uow.drawdowns.for_shipment(shipment_id)
    record = dict((entries[-1].record or {}) if entries else {})
    if record:
        record["main_reason"] = _main_reason(record)
        record["clears"] = list(dict.fromkeys(record.get("clears_by", [])))
    return {
        "shipment": {
            "id": stored.id,
            "state": stored.state.value,
            "date": stored.ship_date.isoformat(),
            "exporter": stored.exporter,
            "consignee": _party(stored, "consignee"),
            "end_user": _party(stored, "end_user"),
            "to_country": stored.to_country,
            "submitted_at": stored.submitted_at.isoformat(),
            "state_since": stored.state_since.isoformat(),
            "exported_on": stored.exported_on.isoformat() if stored.exported_on else None,
        },
        "document": stored.document,
        "decision": record or None,
        "history": [
            {
                "id": e.id,
                "outcome": e.outcome,
                "as_of": e.as_of.isoformat(),
                "trigger": e.trigger,
                "reason_ids": list(e.reason_ids),
                "input_hash": e.input_hash,
                "ruleset_hash": e.ruleset_hash,
                "decided_at": e.decided_at.isoformat(),
            }
            for e in reversed(entries)
        ],
        "evidence": [
            {
                "kind": str(e.get("kind", "")),
                "reference": str(e.get("reference", "")),
                "flag": e.get("flag"),
                "authorization": e.get("authorization"),
                "note": e.get("note"),
                "dated": str(e["dated"]) if e.get("dated") else None,
                "added_at": None,  # with the shipment
            }
            for e in (stored.document or {}).get("evidence", [])
        ]
        + [
            {
                "kind": e.kind,
                "reference": e.reference,
                "flag": e.flag,
                "authorization": e.authorization_id,
                "note": e.note,
                "dated": e.dated.isoformat() if e.dated else None,
                "added_at": e.added_at.isoformat(),
            }
            for e in evidence
        ],
        "resolutions": [
            {"flag": r.flag, "reason": r.reason, "actor": r.actor, "dated": r.dated.isoformat()}
            for r in resolutions
        ],
        "drawdowns": [
            {"authorization": d.authorization_id, "kind": d.kind, "units": d.units}
            for d in drawdowns
        ],
    }
