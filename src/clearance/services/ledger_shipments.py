"""Use cases on shipments in the ledger: submit, cancel, mark exported, list, show."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from clearance.domain.errors import InputError, NotFoundError
from clearance.domain.names import name_key
from clearance.domain.shipment import Shipment

from .audit_chain import canonical, sha256_text
from .ledger_batch import Batch
from .ledger_decide import LedgerContext, Prepared, decide_inputs
from .ledger_documents import content_hash, shipment_from_document
from .ledger_model import DrawdownLine, ShipmentState, StoredShipment
from .ledger_ports import UnitOfWork, UnitOfWorkFactory
from .ledger_record import audit, book_volumes, decide_and_record, in_transaction
from .retention import retention_date

FINAL = (ShipmentState.EXPORTED, ShipmentState.CANCELLED, ShipmentState.PURGED)


def default_key(document: dict[str, Any], digest: str | None = None) -> str:
    """`digest`: the document's content hash, when the caller has it."""
    return f"submit:{document['id']}:{digest or content_hash(document)}"


def submit_shipment(
    factory: UnitOfWorkFactory,
    ctx: LedgerContext,
    document: dict[str, Any],
    *,
    as_of: date | None = None,
    key: str | None = None,
) -> dict[str, Any]:
    """Record and decide a new shipment; a retry with the same key returns the first result."""
    return submit_batch(factory, ctx, [document], as_of=as_of, keys=[key])[0]


def submit_batch(
    factory: UnitOfWorkFactory,
    ctx: LedgerContext,
    documents: list[dict[str, Any]],
    *,
    as_of: date | None = None,
    keys: list[str | None] | None = None,
) -> list[dict[str, Any]]:
    """Submit several shipments in one transaction (one commit, one fsync), in order; each
    exactly as `submit_shipment` would, and all or none of them."""
    shipments = [shipment_from_document(d) for d in documents]
    hashes = [content_hash(d) for d in documents]
    chosen = [
        k or default_key(d, h)
        for k, d, h in zip(keys or [None] * len(documents), documents, hashes, strict=True)
    ]

    def work(uow: UnitOfWork) -> list[dict[str, Any]]:
        batch = Batch(uow, ctx.screener, expected=len(documents))
        prior = uow.keys.responses(list(dict.fromkeys(chosen)))
        stored = uow.shipments.known([s.id for s in shipments])
        results = [
            _submit(batch, ctx, doc, shipment, as_of, key, digest, prior, stored)
            for doc, shipment, key, digest in zip(documents, shipments, chosen, hashes, strict=True)
        ]
        batch.flush()
        uow.commit()
        return results

    return in_transaction(factory, work)


def _submit(
    batch: Batch,
    ctx: LedgerContext,
    document: dict[str, Any],
    shipment: Shipment,
    as_of: date | None,
    key: str,
    digest: str,
    prior: dict[str, str],
    stored_ids: set[str],
) -> dict[str, Any]:
    """`digest`: the document's content hash; `prior`: the results of the batch's keys taken
    before it; `stored_ids`: those of its shipment ids in the ledger before it. The key is
    taken at the flush (a concurrent twin then waits for it, and retries)."""
    uow = batch.uow
    first = prior.get(key) or batch.result_of(key)
    if first is not None:
        return dict(json.loads(first))
    if shipment.id in stored_ids or batch.is_new(shipment.id):
        raise InputError(
            f"shipment {shipment.id} is already in the ledger with other content or "
            "another key; events re-decide it, or cancel it and submit a new id"
        )
    now = ctx.now()
    stored = StoredShipment(
        id=shipment.id,
        content_hash=digest,
        document=document,
        state=ShipmentState.SUBMITTED,
        ship_date=shipment.date,
        exporter=shipment.exporter.name,
        to_country=shipment.to_country,
        submitted_at=now,
        state_since=now,
    )
    batch.add(stored)
    parties = {(name_key(p.name), p.name, p.country) for _, p in shipment.parties}
    items = set()
    for line in document["lines"]:
        spec = canonical(line["item"])
        items.add((sha256_text(spec), line["item"].get("name", ""), spec))
    # Parties and item specs are stored once; within a batch, each is sent once.
    parties -= batch.remembered
    items -= batch.remembered
    if parties or items:
        uow.shipments.remember(sorted(parties), sorted(items))
        batch.remembered |= parties | items
    result = decide_and_record(
        batch, ctx, stored, as_of or shipment.date, "submit", fresh=True, parsed=shipment
    )
    batch.complete(key, "shipments.submit", canonical(result))
    return result


def get_shipment(uow: UnitOfWork, shipment_id: str) -> StoredShipment:
    stored = uow.shipments.get(shipment_id)
    if stored is None:
        raise InputError(f"no shipment {shipment_id!r} in the ledger")
    return stored


def idempotent(
    factory: UnitOfWorkFactory, key: str | None, action: str, work: Any
) -> dict[str, Any]:
    """Run a mutating use case once per key: a retry returns the first result."""

    def run(uow: UnitOfWork) -> dict[str, Any]:
        if key is not None:
            prior = uow.keys.get(key)
            if prior is not None:
                return dict(json.loads(prior))
            uow.keys.claim(key, action)
        result: dict[str, Any] = work(uow)
        if key is not None:
            uow.keys.complete(key, canonical(result))
        uow.commit()
        return result

    return in_transaction(factory, run)


def cancel_shipment(
    factory: UnitOfWorkFactory,
    ctx: LedgerContext,
    shipment_id: str,
    reason: str,
    key: str | None = None,
) -> dict[str, Any]:
    if not reason.strip():
        raise InputError("a cancellation needs a --reason")

    def work(uow: UnitOfWork) -> dict[str, Any]:
        stored = get_shipment(uow, shipment_id)
        if stored.state in FINAL:
            raise InputError(f"shipment {shipment_id} is {stored.state.value}: cannot cancel")
        now = ctx.now()
        released = _release(uow, stored, now)
        if stored.state is ShipmentState.CLEARED and stored.last_decision_id is not None:
            entry = uow.decisions.get(stored.last_decision_id)
            if entry is not None and entry.inputs is not None:
                shipment, decision, _, _ = decide_inputs(entry.inputs, ctx.ruleset, None)
                prepared = Prepared(shipment, decision, entry.inputs, entry.input_hash, (), ())
                book_volumes(uow, prepared, shipment_id, -1, now)
        uow.shipments.put(replace(stored, state=ShipmentState.CANCELLED, state_since=now))
        payload = {"reason": reason, "released": released}
        audit(uow, ctx, "shipment.cancelled", f"shipment:{shipment_id}", payload)
        return {"shipment_id": shipment_id, "state": "cancelled"} | payload

    return idempotent(factory, key, "shipments.cancel", work)


def _release(uow: UnitOfWork, stored: StoredShipment, now: Any) -> list[dict[str, Any]]:
    net: dict[str, int] = {}
    for line in uow.drawdowns.for_shipment(stored.id):
        net[line.authorization_id] = net.get(line.authorization_id, 0) + (
            line.units if line.kind == "draw" else -line.units
        )
    released = []
    for auth_id, units in sorted(net.items()):
        if units > 0:
            uow.authorizations.release(auth_id, units)
            uow.drawdowns.add(DrawdownLine(auth_id, stored.id, None, "release", units, now))
            released.append({"authorization": auth_id, "units": units})
    return released


def mark_exported(
    factory: UnitOfWorkFactory,
    ctx: LedgerContext,
    shipment_id: str,
    on: date,
    key: str | None = None,
) -> dict[str, Any]:
    def work(uow: UnitOfWork) -> dict[str, Any]:
        stored = get_shipment(uow, shipment_id)
        if stored.state is not ShipmentState.CLEARED:
            raise InputError(
                f"shipment {shipment_id} is {stored.state.value}: only a cleared shipment "
                "can be exported"
            )
        ends = []
        for line in uow.drawdowns.for_shipment(shipment_id):
            auth = uow.authorizations.get(line.authorization_id)
            if auth is not None and auth.document.get("valid_to"):
                ends.append(date.fromisoformat(auth.document["valid_to"]))
        keep_until = retention_date(on, ends)
        now = ctx.now()
        uow.shipments.put(
            replace(
                stored,
                state=ShipmentState.EXPORTED,
                state_since=now,
                exported_on=on,
                retention_until=keep_until,
            )
        )
        payload = {"exported_on": on.isoformat(), "retention_until": keep_until.isoformat()}
        audit(uow, ctx, "shipment.exported", f"shipment:{shipment_id}", payload)
        return {"shipment_id": shipment_id, "state": "exported"} | payload

    return idempotent(factory, key, "shipments.exported", work)


def shipment_view(uow: UnitOfWork, stored: StoredShipment) -> dict[str, Any]:
    decisions = uow.decisions.for_shipment(stored.id)
    last = decisions[-1] if decisions else None
    return {
        "id": stored.id,
        "state": stored.state.value,
        "date": stored.ship_date.isoformat(),
        "exporter": stored.exporter,
        "to_country": stored.to_country,
        "submitted_at": stored.submitted_at.isoformat(),
        "state_since": stored.state_since.isoformat(),
        "exported_on": stored.exported_on.isoformat() if stored.exported_on else None,
        "retention_until": stored.retention_until.isoformat() if stored.retention_until else None,
        "outcome": last.outcome if last else None,
        "decision_id": last.id if last else None,
        "reason_ids": list(last.reason_ids) if last else [],
        "decisions": [
            {
                "id": d.id,
                "outcome": d.outcome,
                "as_of": d.as_of.isoformat(),
                "trigger": d.trigger,
                "input_hash": d.input_hash,
                "decided_at": d.decided_at.isoformat(),
            }
            for d in decisions
        ],
        "drawdowns": [
            {"authorization": d.authorization_id, "kind": d.kind, "units": d.units}
            for d in uow.drawdowns.for_shipment(stored.id)
        ],
    }


def list_shipments(
    factory: UnitOfWorkFactory,
    outcome: str | None = None,
    *,
    states: Sequence[ShipmentState] | None = None,
    where: Callable[[StoredShipment], bool] | None = None,
) -> list[dict[str, Any]]:
    """Every shipment (in `states`, and kept by `where`) whose latest outcome is `outcome`."""
    with factory() as uow:
        rows = uow.shipments.in_states(list(states or ShipmentState))
        views = [shipment_view(uow, s) for s in rows if where is None or where(s)]
    return [v for v in views if outcome is None or v["outcome"] == outcome]


def show_shipment(factory: UnitOfWorkFactory, shipment_id: str) -> dict[str, Any]:
    with factory() as uow:
        stored = uow.shipments.get(shipment_id)
        if stored is None:
            raise NotFoundError(f"no shipment {shipment_id!r} in the ledger")
        return shipment_view(uow, stored)
