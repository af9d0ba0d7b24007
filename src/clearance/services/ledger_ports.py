"""The ledger's ports: one unit of work (one transaction) and the repositories it opens.

The use cases in `clearance.services.ledger_*` speak only to these Protocols; the SQL
implementations live in `clearance.store.ledger_store`. A unit of work commits when asked and
rolls back on any exception, so a use case that fails leaves every table as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from types import TracebackType
from typing import Protocol

from clearance.domain.hit import ScreeningHit
from clearance.domain.party import Party

from .ledger_model import (
    AuditEvent,
    AuthorizationChange,
    DecisionEntry,
    DrawdownLine,
    EvidenceEntry,
    FlagResolution,
    LegalHold,
    Notice,
    ShipmentState,
    StoredAuthorization,
    StoredShipment,
    VolumeLine,
)


class PartyScreenerLike(Protocol):
    def screen_party(self, role: str, party: Party) -> list[ScreeningHit]: ...


class LedgerConflictError(Exception):
    """A concurrent writer got there first (a balance, a key, a lock): retry the transaction."""


class AuthorizationRepository(Protocol):
    def get(self, authorization_id: str) -> StoredAuthorization | None: ...
    def all(self) -> list[StoredAuthorization]: ...
    def put(self, authorization: StoredAuthorization) -> None: ...
    def lock_rows(self, authorization_ids: Sequence[str]) -> bool:
        """Hold these authorizations against other writers until commit; True when they may
        have changed since they were read (re-read them), False when already serialised."""
        ...

    def draw(self, authorization_id: str, units: int) -> bool:
        """Add `units` to quantity_used only if the balance covers them; False if not."""
        ...

    def release(self, authorization_id: str, units: int) -> None: ...
    def add_change(self, change: AuthorizationChange) -> None: ...
    def changes(self, authorization_id: str) -> list[AuthorizationChange]: ...


class ShipmentRepository(Protocol):
    def get(self, shipment_id: str) -> StoredShipment | None: ...
    def add(self, shipment: StoredShipment) -> None: ...
    def put(self, shipment: StoredShipment) -> None:
        """Update a shipment already in the ledger."""
        ...

    def in_states(self, states: Sequence[ShipmentState]) -> list[StoredShipment]:
        """Oldest submission first."""
        ...


class DecisionRepository(Protocol):
    def add(self, entry: DecisionEntry) -> int: ...
    def get(self, decision_id: int) -> DecisionEntry | None: ...
    def for_shipment(self, shipment_id: str) -> list[DecisionEntry]: ...
    def ids(self) -> list[int]: ...


class DrawdownRepository(Protocol):
    def add(self, line: DrawdownLine) -> None: ...
    def for_authorization(self, authorization_id: str) -> list[DrawdownLine]: ...
    def for_shipment(self, shipment_id: str) -> list[DrawdownLine]: ...


class VolumeRepository(Protocol):
    def add(self, line: VolumeLine) -> None: ...
    def total(
        self, product: str, markets: Sequence[str], start: date, end: date
    ) -> tuple[int, float]:
        """Units and TPP of the lines whose period lies within start..end."""
        ...

    def all(self) -> list[VolumeLine]: ...


class EvidenceRepository(Protocol):
    def add(self, entry: EvidenceEntry) -> None: ...
    def for_shipment(self, shipment_id: str) -> list[EvidenceEntry]: ...
    def add_resolution(self, resolution: FlagResolution) -> None: ...
    def resolutions(self, shipment_id: str) -> list[FlagResolution]: ...


class NoticeRepository(Protocol):
    def add(self, notice: Notice) -> int: ...
    def get(self, notice_id: int) -> Notice | None: ...
    def ack(self, notice_id: int, on: date) -> None: ...
    def listed(self, party: str | None = None, unread: bool = False) -> list[Notice]: ...


class AuditLog(Protocol):
    def append(self, *, at: str, actor: str, action: str, subject: str, payload: str) -> AuditEvent:
        """Chain one event after the last (serialised across writers)."""
        ...

    def events(self) -> list[AuditEvent]: ...
    def redact(self, subject: str) -> int:
        """Blank the payloads of `subject`'s events (their hashes stay): a purge."""
        ...

    def hold(self, hold: LegalHold) -> None: ...
    def holds(self) -> list[LegalHold]: ...


class IdempotencyKeys(Protocol):
    def get(self, key: str) -> str | None: ...
    def put(self, key: str, action: str, response: str) -> None:
        """Raises LedgerConflictError when a concurrent writer holds the same key."""
        ...


class UnitOfWork(Protocol):
    authorizations: AuthorizationRepository
    shipments: ShipmentRepository
    decisions: DecisionRepository
    drawdowns: DrawdownRepository
    volumes: VolumeRepository
    evidence: EvidenceRepository
    notices: NoticeRepository
    audit: AuditLog
    keys: IdempotencyKeys

    def lock(self, name: str) -> None:
        """Serialise with every other transaction taking the same named lock."""
        ...

    def purge_shipment(self, shipment_id: str) -> None: ...
    def commit(self) -> None: ...
    def __enter__(self) -> UnitOfWork: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...
