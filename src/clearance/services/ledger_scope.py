"""What a signed-in principal may see of the ledger: its shipments, their decisions, its holds.

The scope is that of `shipment_document_scope_refusal` (an applicant: shipments where its party
is the consignee or end user; a compliance officer bound to a party: that party's exports; an
authority officer: shipments from or to its jurisdiction; admin and auditor: all). The
refusal helpers raise NotFoundError for an unknown id, so that a caller checks the scope of
an existing record before it changes anything. The `sees_*` predicates and `*_for` filters
apply the same checks to records already read (the dashboard's lists).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from clearance.domain.errors import NotFoundError
from clearance.domain.rule import RuleSet

from .access import (
    POLICY,
    Action,
    Principal,
    authorization_scope_refusal,
    notice_scope_refusal,
    shipment_document_scope_refusal,
)
from .ledger_facts import held_shipments
from .ledger_model import Notice, ShipmentState, StoredAuthorization, StoredShipment
from .ledger_ports import UnitOfWorkFactory
from .ledger_replay import rules_impact
from .ledger_shipments import list_shipments


def _visible(principal: Principal) -> Callable[[StoredShipment], bool]:
    return lambda s: shipment_document_scope_refusal(principal, s.document) is None


def shipment_refusal(
    factory: UnitOfWorkFactory, principal: Principal, shipment_id: str
) -> str | None:
    """Why `principal` may not see or act on this shipment, or None when it may."""
    with factory() as uow:
        stored = uow.shipments.get(shipment_id)
    if stored is None:
        raise NotFoundError(f"no shipment {shipment_id!r} in the ledger")
    return shipment_document_scope_refusal(principal, stored.document)


def decision_refusal(
    factory: UnitOfWorkFactory, principal: Principal, decision_id: int
) -> str | None:
    """Why `principal` may not see this decision (the scope of its shipment), or None."""
    with factory() as uow:
        entry = uow.decisions.get(decision_id)
        stored = uow.shipments.get(entry.shipment_id) if entry is not None else None
    if entry is None:
        raise NotFoundError(f"no decision {decision_id} in the ledger")
    return shipment_document_scope_refusal(principal, stored.document if stored else None)


def visible_shipments(
    factory: UnitOfWorkFactory,
    principal: Principal,
    outcome: str | None = None,
    state: ShipmentState | None = None,
) -> list[dict[str, Any]]:
    """`list_shipments`, narrowed to what `principal` may see."""
    states = [state] if state is not None else None
    return list_shipments(factory, outcome, states=states, where=_visible(principal))


def visible_holds(factory: UnitOfWorkFactory, principal: Principal) -> list[dict[str, Any]]:
    """`held_shipments`, narrowed to what `principal` may see."""
    return held_shipments(factory, where=_visible(principal))


def visible_impact(
    factory: UnitOfWorkFactory, principal: Principal, candidate: RuleSet, today: date
) -> list[dict[str, Any]]:
    """`rules_impact`, over the open shipments `principal` may see."""
    return rules_impact(factory, candidate, today, where=_visible(principal))


def show_decision(factory: UnitOfWorkFactory, decision_id: int) -> dict[str, Any]:
    """A stored decision: what was decided, when, why, on which inputs and rules."""
    with factory() as uow:
        entry = uow.decisions.get(decision_id)
    if entry is None:
        raise NotFoundError(f"no decision {decision_id} in the ledger")
    return {
        "decision_id": entry.id,
        "shipment_id": entry.shipment_id,
        "outcome": entry.outcome,
        "as_of": entry.as_of.isoformat(),
        "trigger": entry.trigger,
        "decided_at": entry.decided_at.isoformat(),
        "input_hash": entry.input_hash,
        "ruleset_hash": entry.ruleset_hash,
        "reason_ids": list(entry.reason_ids),
        "screening": entry.screening,
        "record": entry.record,  # None once purged
    }


def sees_shipment(who: Principal, stored: StoredShipment) -> bool:
    return shipment_document_scope_refusal(who, stored.document) is None


def sees_authorization(who: Principal, auth: StoredAuthorization) -> bool:
    return authorization_scope_refusal(who, auth.document) is None


def sees_notice(
    who: Principal, notice: Notice, authorizations: Mapping[str, StoredAuthorization]
) -> bool:
    auth = authorizations.get(notice.authorization_id)
    return notice_scope_refusal(who, notice.party, auth.document if auth else None) is None


def sees_volumes(who: Principal) -> bool:
    """The volume ledger (and so the China-share gauge): staff and auditors, not applicants."""
    return who.role in POLICY[Action.VOLUMES_READ]


def shipments_for(who: Principal, rows: Iterable[StoredShipment]) -> list[StoredShipment]:
    return [s for s in rows if sees_shipment(who, s)]


def authorizations_for(
    who: Principal, rows: Iterable[StoredAuthorization]
) -> list[StoredAuthorization]:
    return [a for a in rows if sees_authorization(who, a)]
