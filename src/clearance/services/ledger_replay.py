"""Replay a stored decision, and the impact of a candidate rule directory, writing nothing.

Replay rebuilds the decision from its recorded inputs (the shipment with the evidence known
then, every authorization as it stood with its balance, the screening hits, the share-cap
figures) under the ruleset with the recorded hash, and compares outcome and reason ids.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from clearance.domain.errors import InputError
from clearance.domain.rule import RuleSet

from .ledger_decide import decide_inputs, full_document
from .ledger_model import DecisionEntry, ShipmentState, StoredShipment
from .ledger_ports import UnitOfWorkFactory


def replay_entry(entry: DecisionEntry, rulesets: dict[str, RuleSet]) -> dict[str, Any]:
    base: dict[str, Any] = {
        "decision_id": entry.id,
        "shipment_id": entry.shipment_id,
        "stored": entry.outcome,
    }
    if entry.inputs is None:
        return base | {"status": "purged", "same": None}
    ruleset = rulesets.get(entry.ruleset_hash)
    if ruleset is None:
        return base | {
            "status": "ruleset_unavailable",
            "same": None,
            "detail": f"no ruleset with hash {entry.ruleset_hash[:12]} is loaded",
        }
    _, decision, _, _ = decide_inputs(entry.inputs, ruleset, None)
    same = decision.outcome.value == entry.outcome and decision.reason_ids == entry.reason_ids
    out = base | {
        "status": "same" if same else "differs",
        "same": same,
        "replayed": decision.outcome.value,
    }
    if not same:
        out["stored_reasons"] = list(entry.reason_ids)
        out["replayed_reasons"] = list(decision.reason_ids)
    return out


def replay(
    factory: UnitOfWorkFactory, rulesets: Iterable[RuleSet], decision_id: int | None
) -> list[dict[str, Any]]:
    """One decision, or all of them (decision_id None), oldest first."""
    by_hash = {r.content_hash: r for r in rulesets}
    with factory() as uow:
        ids = uow.decisions.ids() if decision_id is None else [decision_id]
        out = []
        for i in ids:
            entry = uow.decisions.get(i)
            if entry is None:
                raise InputError(f"no decision {i} in the ledger")
            out.append(replay_entry(entry, by_hash))
        return out


def rules_impact(
    factory: UnitOfWorkFactory,
    candidate: RuleSet,
    today: date,
    where: Callable[[StoredShipment], bool] | None = None,
) -> list[dict[str, Any]]:
    """Decide every held, cleared-not-exported and future-dated shipment (kept by `where`)
    under `candidate`, on its current inputs; list those whose outcome or reasons would
    change. Writes nothing."""
    out = []
    with factory() as uow:
        live = uow.shipments.in_states(
            [
                ShipmentState.HELD,
                ShipmentState.CLEARED,
                ShipmentState.DENIED,
                ShipmentState.SUBMITTED,
            ]
        )
        for stored in live:
            if stored.state is ShipmentState.DENIED and stored.ship_date <= today:
                continue
            if where is not None and not where(stored):
                continue
            entry = uow.decisions.get(stored.last_decision_id) if stored.last_decision_id else None
            if entry is None or entry.inputs is None:
                continue
            inputs = dict(entry.inputs, shipment=full_document(uow, stored))
            _, decision, _, _ = decide_inputs(inputs, candidate, None)
            if decision.outcome.value == entry.outcome and decision.reason_ids == entry.reason_ids:
                continue
            now, then = Counter(decision.reason_ids), Counter(entry.reason_ids)
            gained, lost = sorted((now - then).elements()), sorted((then - now).elements())
            main = decision.main_reason
            out.append(
                {
                    "shipment_id": stored.id,
                    "state": stored.state.value,
                    "now": entry.outcome,
                    "candidate": decision.outcome.value,
                    "reasons_added": gained,
                    "reasons_removed": lost,
                    "why": f"{main.rule_id}: {main.message}" if main else None,
                }
            )
    return out
