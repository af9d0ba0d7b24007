"""Audit use cases: verify the chain, export it, put legal holds, purge expired records.

A purge (15 CFR 762.6: five years after the latest of export, re-export and authorization end)
removes an exported shipment's documents, evidence and decision bodies and blanks the payloads
of its audit events; the events themselves stay, with their hashes, so the chain still verifies.
It never touches a subject under legal hold or a shipment whose retention date is not past.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, replace
from datetime import date
from typing import Any

from clearance.domain.errors import InputError

from .audit_chain import Anchor, ChainReport, verify_chain
from .ledger_decide import LedgerContext
from .ledger_model import LegalHold, ShipmentState, StoredShipment
from .ledger_ports import UnitOfWork, UnitOfWorkFactory
from .ledger_record import audit
from .ledger_shipments import idempotent

HEX = "0123456789abcdef"
EXPORT_FIELDS = (
    "seq",
    "at",
    "actor",
    "action",
    "subject",
    "payload",
    "payload_hash",
    "prev_hash",
    "hash",
)


def verify_audit(factory: UnitOfWorkFactory, anchor: Anchor | None = None) -> ChainReport:
    with factory() as uow:
        return verify_chain(uow.audit.events(), anchor)


def anchor_text(anchor: Anchor) -> str:
    """An anchor file: one JSON object, the head's seq and hash."""
    return json.dumps({"seq": anchor.seq, "hash": anchor.hash}) + "\n"


def parse_anchor(text: str, source: str) -> Anchor:
    """An anchor file's content; InputError naming the file when it is not one."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON ({exc.msg})", source=source) from None
    seq, digest = (raw.get("seq"), raw.get("hash")) if isinstance(raw, dict) else (None, None)
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        raise InputError("expected a non-negative integer", source=source, field="seq")
    if not isinstance(digest, str) or len(digest) != 64 or set(digest) - set(HEX):
        raise InputError("expected a SHA-256 hex digest", source=source, field="hash")
    return Anchor(seq, digest)


def export_audit(factory: UnitOfWorkFactory, fmt: str) -> str:
    """The chain as JSON lines (one event per line) or CSV with a header."""
    if fmt not in ("jsonl", "csv"):
        raise InputError(f"--format {fmt!r}: jsonl or csv")
    with factory() as uow:
        events = [asdict(e) for e in uow.audit.events()]
    if fmt == "jsonl":
        return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in events)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for e in events:
        writer.writerow({k: "" if e[k] is None else e[k] for k in EXPORT_FIELDS})
    return out.getvalue()


def hold_subject(
    factory: UnitOfWorkFactory,
    ctx: LedgerContext,
    subject: str,
    reason: str,
    key: str | None = None,
) -> dict[str, Any]:
    if not reason.strip():
        raise InputError("a legal hold needs a --reason")
    if ":" not in subject:
        subject = f"shipment:{subject}"

    def work(uow: UnitOfWork) -> dict[str, Any]:
        kind, _, name = subject.partition(":")
        if kind == "shipment" and uow.shipments.get(name) is None:
            raise InputError(f"no shipment {name!r} in the ledger")
        uow.audit.hold(LegalHold(subject, reason, ctx.actor, ctx.now()))
        audit(uow, ctx, "audit.hold", subject, {"reason": reason})
        return {"subject": subject, "reason": reason}

    return idempotent(factory, key, "audit.hold", work)


def purge(
    factory: UnitOfWorkFactory,
    ctx: LedgerContext,
    before: date,
    confirm: bool,
    key: str | None = None,
) -> dict[str, Any]:
    """Dry run unless `confirm`: what would go, what is kept under hold."""

    def work(uow: UnitOfWork) -> dict[str, Any]:
        held = {h.subject for h in uow.audit.holds()}
        due: list[StoredShipment] = []
        kept: list[StoredShipment] = []
        for stored in uow.shipments.in_states([ShipmentState.EXPORTED]):
            if stored.retention_until is None or stored.retention_until >= before:
                continue
            (kept if f"shipment:{stored.id}" in held else due).append(stored)
        result = {
            "before": before.isoformat(),
            "dry_run": not confirm,
            "purged" if confirm else "would_purge": [s.id for s in due],
            "kept_on_hold": [s.id for s in kept],
        }
        if not confirm:
            return result  # a dry run writes nothing (its key is not kept either)
        now = ctx.now()
        for stored in due:
            uow.purge_shipment(stored.id)
            uow.audit.redact(f"shipment:{stored.id}")
            uow.shipments.put(
                replace(stored, document=None, state=ShipmentState.PURGED, state_since=now)
            )
        audit(uow, ctx, "audit.purged", "audit", result)
        return result

    if not confirm:
        with factory() as uow:
            return work(uow)
    return idempotent(factory, key, "audit.purge", work)
