"""Record a decision in the ledger: the one place that maps a Decision to what is stored.

In one transaction: the decision row (append-only), the drawdowns of every counted
authorization that satisfies it (only when cleared), the volume lines for share caps, the
shipment's new state, the chained audit event and, when the outcome changed, the webhook
deliveries to the shipment's parties.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any, TypeVar

from clearance.domain.decision import Decision, Outcome
from clearance.domain.shipment import Shipment

from .audit_chain import canonical
from .decision_meta import DecisionMeta, snapshot_ids
from .decision_view import decision_dict
from .ledger_batch import Batch, collector_paused
from .ledger_decide import LedgerContext, Prepared, prepare
from .ledger_model import (
    DecisionEntry,
    DrawdownLine,
    StoredShipment,
    VolumeLine,
    state_for,
)
from .ledger_ports import LedgerConflictError, UnitOfWork, UnitOfWorkFactory
from .ledger_webhooks import announce_decision

T = TypeVar("T")
MAX_ATTEMPTS = 200


def decision_record(
    decision: Decision, input_hash: str, snapshots: tuple[str, ...], decided_at: datetime
) -> dict[str, Any]:
    """The decision record the engine produces (the `check --json` object: schema version,
    input hash, ruleset hash, list snapshot ids), as stored and printed. The input hash is
    that of the ledger's inputs document (balances and share-cap figures included)."""
    meta = DecisionMeta(input_hash=input_hash, list_snapshot_ids=snapshots, decided_at=decided_at)
    return decision_dict(decision, meta)


def in_transaction(factory: UnitOfWorkFactory, work: Callable[[UnitOfWork], T]) -> T:
    """Run `work` in a fresh unit of work, again while a concurrent writer forces a retry
    (with the cyclic garbage collector paused: a batch's objects live to its commit)."""
    for attempt in range(MAX_ATTEMPTS):
        try:
            with collector_paused(), factory() as uow:
                return work(uow)
        except LedgerConflictError:
            time.sleep(random.uniform(0, 0.002 * min(attempt + 1, 20)))
    raise LedgerConflictError(f"gave up after {MAX_ATTEMPTS} conflicting attempts")


def prepare_checked(
    batch: Batch,
    ctx: LedgerContext,
    stored: StoredShipment,
    as_of: date,
    fresh: bool = False,
    parsed: Shipment | None = None,
) -> Prepared:
    """Decide. When a share cap was checked, take the product's cap lock and decide again on
    the volumes as they stand under it: China/Macau shipments of one product go in turn."""
    prepared = prepare(batch, ctx, stored, as_of, fresh, parsed)
    if not prepared.figures:
        return prepared
    for product in sorted({f.product for f in prepared.figures}):
        batch.uow.lock(f"cap:{product}")
    return prepare(batch, ctx, stored, as_of, fresh, parsed)


def decide_and_record(
    batch: Batch,
    ctx: LedgerContext,
    stored: StoredShipment,
    as_of: date,
    trigger: str,
    fresh: bool = False,
    parsed: Shipment | None = None,
) -> dict[str, Any]:
    """`fresh`: the shipment was recorded in this transaction (no evidence added since).
    The batch's writes are put off: the caller flushes it before commit."""
    prepared = prepare_checked(batch, ctx, stored, as_of, fresh, parsed)
    return record(batch, ctx, stored, prepared, trigger)


def record(
    batch: Batch, ctx: LedgerContext, stored: StoredShipment, prepared: Prepared, trigger: str
) -> dict[str, Any]:
    uow = batch.uow
    now = ctx.now()
    decision = prepared.decision
    snapshots = snapshot_ids(getattr(ctx.screener, "snapshot", None))
    body = decision_record(decision, prepared.input_hash, snapshots, now)
    screening = {
        "snapshots": list(snapshots),
        "hits": [f"{h.source_list}:{h.entry_id}" for h in decision.screening_hits],
    }
    decision_id = batch.decided(
        DecisionEntry(
            shipment_id=stored.id,
            outcome=decision.outcome.value,
            as_of=decision.as_of,
            input_hash=prepared.input_hash,
            ruleset_hash=decision.ruleset_hash,
            reason_ids=decision.reason_ids,
            screening=screening,
            record=body,
            inputs=prepared.inputs,
            trigger=trigger,
            decided_at=now,
            inputs_json=prepared.inputs_json,
        )
    )
    announce_decision(uow, stored, prepared.shipment, decision, decision_id, trigger, now)
    draws = [{"authorization": a, "units": u} for a, u in prepared.draws]
    # The running balance moves now; the draws themselves go last, at the flush: a
    # conditional UPDATE row-locks the authorization until commit (ADR 0011).
    batch.drew(
        prepared.draws,
        [DrawdownLine(a, stored.id, decision_id, "draw", u, now) for a, u in prepared.draws],
    )
    if decision.outcome is Outcome.CLEARED:
        batch.book(volume_lines(prepared, stored.id, 1, now))
    state = state_for(decision.outcome.value)
    batch.put(
        replace(
            stored,
            state=state,
            state_since=now if state is not stored.state else stored.state_since,
            last_decision_id=decision_id,
        )
    )
    figures = [f.as_dict() for f in prepared.figures]
    uow.audit.append(
        at=now.isoformat(),
        actor=ctx.actor,
        action="shipment.decided",
        subject=f"shipment:{stored.id}",
        payload=canonical(
            {
                "decision_id": decision_id,
                "trigger": trigger,
                "outcome": decision.outcome.value,
                "reason_ids": list(decision.reason_ids),
                "input_hash": prepared.input_hash,
                "ruleset_hash": decision.ruleset_hash,
                "as_of": decision.as_of.isoformat(),
                "drawdowns": draws,
                "share_cap": figures,
            }
        ),
    )
    return body | {
        "decision_id": decision_id,
        "state": state.value,
        "drawdowns": draws,
        "share_cap": figures,
    }


def book_volumes(uow: UnitOfWork, prepared: Prepared, source: str, sign: int, now: Any) -> None:
    uow.volumes.add_many(volume_lines(prepared, source, sign, now))


def volume_lines(prepared: Prepared, source: str, sign: int, now: Any) -> list[VolumeLine]:
    """Volume lines of a cleared shipment: US end users count as US, else the destination;
    each names the shipment's exporter (for caps in exporter scope)."""
    shipment, decision = prepared.shipment, prepared.decision
    market = "US" if shipment.end_user.country == "US" else shipment.to_country
    lines = []
    for index, line in enumerate(shipment.lines):
        tpp = decision.classifications[index].metrics.tpp if decision.classifications else None
        lines.append(
            VolumeLine(
                product=line.item.name,
                market=market,
                period_start=shipment.date,
                period_end=shipment.date,
                units=sign * line.quantity,
                tpp=sign * line.quantity * float(tpp or 0.0),
                source=f"shipment:{source}",
                at=now,
                exporter=shipment.exporter.name,
            )
        )
    return lines


def audit(uow: UnitOfWork, ctx: LedgerContext, action: str, subject: str, payload: Any) -> None:
    """One audit event by the context's actor, now, in this transaction."""
    uow.audit.append(
        at=ctx.now().isoformat(),
        actor=ctx.actor,
        action=action,
        subject=subject,
        payload=canonical(payload),
    )
