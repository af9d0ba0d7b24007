"""What the ledger keeps, as plain records the use cases and the store exchange."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class ShipmentState(StrEnum):
    SUBMITTED = "submitted"
    HELD = "held"
    CLEARED = "cleared"
    DENIED = "denied"
    EXPORTED = "exported"
    CANCELLED = "cancelled"
    PURGED = "purged"


OUTCOME_STATE = {"cleared": ShipmentState.CLEARED, "hold": ShipmentState.HELD}


def state_for(outcome: str) -> ShipmentState:
    return OUTCOME_STATE.get(outcome, ShipmentState.DENIED)


@dataclass(frozen=True, slots=True)
class StoredAuthorization:
    id: str
    document: dict[str, Any]  # the authorizations-file entry, history included
    content_hash: str
    status: str
    quantity: int | None
    quantity_used: int
    added_at: datetime

    @property
    def balance(self) -> int | None:
        return None if self.quantity is None else self.quantity - self.quantity_used


@dataclass(frozen=True, slots=True)
class AuthorizationChange:
    authorization_id: str
    action: str  # add | grant | suspend | revoke | amend | conditions
    on: date
    status: str
    note: str | None
    content_hash: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class StoredShipment:
    id: str
    content_hash: str
    document: dict[str, Any] | None  # None once purged
    state: ShipmentState
    ship_date: date
    exporter: str
    to_country: str
    submitted_at: datetime
    state_since: datetime
    exported_on: date | None = None
    retention_until: date | None = None
    last_decision_id: int | None = None


@dataclass(frozen=True, slots=True)
class DecisionEntry:
    shipment_id: str
    outcome: str
    as_of: date
    input_hash: str
    ruleset_hash: str
    reason_ids: tuple[str, ...]
    screening: dict[str, Any]
    record: dict[str, Any] | None
    inputs: dict[str, Any] | None
    trigger: str
    decided_at: datetime
    id: int | None = None
    inputs_json: str | None = None  # `inputs` as canonical JSON, when already serialised


@dataclass(frozen=True, slots=True)
class DrawdownLine:
    authorization_id: str
    shipment_id: str
    decision_id: int | None
    kind: str  # draw | release
    units: int
    at: datetime


@dataclass(frozen=True, slots=True)
class VolumeLine:
    product: str
    market: str
    period_start: date
    period_end: date
    units: int
    tpp: float
    source: str
    at: datetime
    exporter: str | None = None  # the shipment's exporter (its name); None: counts in total only


@dataclass(frozen=True, slots=True)
class EvidenceEntry:
    shipment_id: str
    kind: str
    reference: str
    flag: str | None
    authorization_id: str | None
    note: str | None
    dated: date | None
    added_at: datetime


@dataclass(frozen=True, slots=True)
class FlagResolution:
    shipment_id: str
    flag: str
    reason: str
    actor: str
    dated: date
    at: datetime


@dataclass(frozen=True, slots=True)
class Notice:
    authorization_id: str
    party: str
    action: str
    message: str
    on: date
    created_at: datetime
    acked_on: date | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class AuditEvent:
    seq: int
    at: str
    actor: str
    action: str
    subject: str
    payload: str | None  # canonical JSON; None once purged (its hash stays in the chain)
    payload_hash: str
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class LegalHold:
    subject: str
    reason: str
    actor: str
    at: datetime
