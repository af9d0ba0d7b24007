"""The audit chain: canonical JSON, each event's SHA-256 chained with the previous one, and the
check that names the first event changed, removed, inserted or reordered.

    payload_hash = sha256(payload)                       (payload: canonical JSON text)
    hash = sha256(canonical({"seq", "at", "actor", "action", "subject",
                             "payload_hash", "prev_hash"}))
    prev_hash of seq 1 = 64 zeros

Chaining the payload's hash (not the payload) lets a purge blank a payload past its retention
date while the chain still verifies; a payload that is present must match its hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .ledger_model import AuditEvent

GENESIS = "0" * 64


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 as is: one text for one value (what `json.dumps` with
    these options writes; the encoder is built once, not on every call)."""
    return _CANONICAL.encode(value)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def event_hash(
    *, seq: int, at: str, actor: str, action: str, subject: str, payload_hash: str, prev_hash: str
) -> str:
    return sha256_text(
        canonical(
            {
                "seq": seq,
                "at": at,
                "actor": actor,
                "action": action,
                "subject": subject,
                "payload_hash": payload_hash,
                "prev_hash": prev_hash,
            }
        )
    )


def chain_event(
    *, seq: int, at: str, actor: str, action: str, subject: str, payload: str, prev_hash: str
) -> AuditEvent:
    payload_hash = sha256_text(payload)
    return AuditEvent(
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        subject=subject,
        payload=payload,
        payload_hash=payload_hash,
        prev_hash=prev_hash,
        hash=event_hash(
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            subject=subject,
            payload_hash=payload_hash,
            prev_hash=prev_hash,
        ),
    )


@dataclass(frozen=True, slots=True)
class Anchor:
    """A head seen earlier (seq and hash), kept outside the database: a chain that no longer
    holds it at that seq was cut or rewritten (the chain alone cannot show a cut tail)."""

    seq: int
    hash: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    events: int
    head: str  # the last event's hash: keep it elsewhere to detect a cut tail
    first_bad_seq: int | None = None
    problem: str | None = None

    @property
    def anchor(self) -> Anchor:
        """The head to keep for the next check (valid when the chain is ok)."""
        return Anchor(self.events, self.head)

    @property
    def ok(self) -> bool:
        return self.first_bad_seq is None


def verify_chain(events: Iterable[AuditEvent], anchor: Anchor | None = None) -> ChainReport:
    """Walk the events in stored seq order; stop at the first that does not fit. With an
    `anchor`, the event at its seq must still have its hash and the chain must reach it."""
    prev, expected, count = GENESIS, 1, 0
    for event in events:
        count += 1
        if event.seq > expected:
            return _bad(count, prev, expected, f"seq {expected} is missing (removed)")
        if event.seq < expected:
            return _bad(count, prev, event.seq, f"seq {event.seq} appears twice (inserted)")
        recomputed = event_hash(
            seq=event.seq,
            at=event.at,
            actor=event.actor,
            action=event.action,
            subject=event.subject,
            payload_hash=event.payload_hash,
            prev_hash=event.prev_hash,
        )
        if recomputed != event.hash:
            return _bad(
                count, prev, event.seq, f"seq {event.seq} was changed (its hash does not match)"
            )
        if event.payload is not None and sha256_text(event.payload) != event.payload_hash:
            return _bad(count, prev, event.seq, f"seq {event.seq}: payload was changed")
        if event.prev_hash != prev:
            return _bad(
                count,
                prev,
                event.seq,
                f"seq {event.seq} does not follow seq {event.seq - 1} "
                "(an event was inserted, removed or reordered here)",
            )
        if anchor is not None and event.seq == anchor.seq and event.hash != anchor.hash:
            return _bad(
                count,
                prev,
                event.seq,
                f"seq {event.seq} is not the anchored head {anchor.hash[:12]}... "
                "(the chain was rewritten up to here)",
            )
        prev, expected = event.hash, expected + 1
    if anchor is not None and count < anchor.seq:
        return _bad(
            count,
            prev,
            count + 1,
            f"the chain ends at seq {count} but seq {anchor.seq} was anchored "
            "(the newest events were removed)",
        )
    return ChainReport(events=count, head=prev)


def _bad(count: int, head: str, seq: int, problem: str) -> ChainReport:
    return ChainReport(events=count, head=head, first_bad_seq=seq, problem=problem)
