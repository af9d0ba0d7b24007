"""What the decisions of one transaction share, and the writes they put off to its end.

A submission batch or an event's re-decision decides many shipments in one transaction. They
read the same authorizations (kept here with a running balance: each cleared decision draws on
it before the next is taken, oldest first), screen the same parties, read the same exporters'
notices; an event's held shipments have their evidence read in one query, a submission batch's
idempotency keys and shipment ids are looked up in one query each. Their new shipments,
drawdown lines, volume lines, shipment states and idempotency results are written with one
statement per table (executemany) when the batch is flushed, and the draws go last, one
conditional UPDATE per authorization for the batch's total (ADR 0011): it fails, and the
transaction runs again, only if a concurrent writer took the balance in between.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from clearance.domain.authorization import Authorization
from clearance.domain.hit import ScreeningHit
from clearance.domain.party import Party

from .ledger_model import (
    DecisionEntry,
    DrawdownLine,
    EvidenceEntry,
    FlagResolution,
    Notice,
    StoredAuthorization,
    StoredShipment,
    VolumeLine,
)
from .ledger_ports import LedgerConflictError, PartyScreenerLike, UnitOfWork


class _CollectorPause:
    """Python's cyclic garbage collector paused while a ledger transaction runs (reference
    counting still frees what it drops). A batch keeps thousands of objects alive to its flush, and
    every full collection would scan them all again: about a third of the time of a
    10,000-shipment re-decision. Nested and concurrent batches share one pause; the collector
    resumes, if it was running, when the last one ends."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._resume = False

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._depth == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._depth += 1
        try:
            yield
        finally:
            with self._lock:
                self._depth -= 1
                if self._depth == 0 and self._resume:
                    gc.enable()


collector_paused = _CollectorPause()


class Batch:
    def __init__(
        self, uow: UnitOfWork, screener: PartyScreenerLike | None, expected: int = 1
    ) -> None:
        """`expected`: about how many decisions the batch will take (ids are reserved so)."""
        self.uow = uow
        self._expected = max(expected, 1)
        self._ids: list[int] = []
        self._decisions: list[DecisionEntry] = []
        self._screener = screener
        self._auths: dict[str, StoredAuthorization] | None = None
        self.parsed: dict[str, Authorization] = {}  # the authorizations' documents, parsed
        self._hits: dict[tuple[str, Party], list[ScreeningHit]] = {}
        self._notices: dict[str, list[Notice]] = {}
        self._evidence: dict[str, list[EvidenceEntry]] | None = None
        self._resolutions: dict[str, list[FlagResolution]] | None = None
        self.remembered: set[Any] = set()
        self._drawdowns: list[DrawdownLine] = []
        self._volumes: list[VolumeLine] = []
        self._shipments: dict[str, StoredShipment] = {}  # states of stored shipments
        self._new: dict[str, StoredShipment] = {}  # shipments recorded in this batch
        self._keys: dict[str, tuple[str, str]] = {}  # key: (action, result), taken at the flush
        self._draws: dict[str, int] = {}

    # reads, each once per batch
    def authorizations(self) -> list[StoredAuthorization]:
        if self._auths is None:
            self._auths = {a.id: a for a in self.uow.authorizations.all()}
        return list(self._auths.values())

    def screen(self, role: str, party: Party) -> list[ScreeningHit]:
        if self._screener is None:
            return []
        key = (role, party)
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = self._screener.screen_party(role, party)
        return hits

    def notices_to(self, party: str) -> list[Notice]:
        notices = self._notices.get(party)
        if notices is None:
            notices = self._notices[party] = self.uow.notices.listed(party=party)
        return notices

    def preload_evidence(self, shipment_ids: Sequence[str]) -> None:
        """Read the evidence and flag resolutions of these shipments in one query each."""
        self._evidence = self.uow.evidence.for_shipments(shipment_ids)
        self._resolutions = self.uow.evidence.resolutions_for(shipment_ids)

    def evidence_of(self, shipment_id: str) -> list[EvidenceEntry]:
        if self._evidence is not None and shipment_id in self._evidence:
            return self._evidence[shipment_id]
        return self.uow.evidence.for_shipment(shipment_id)

    def resolutions_of(self, shipment_id: str) -> list[FlagResolution]:
        if self._resolutions is not None and shipment_id in self._resolutions:
            return self._resolutions[shipment_id]
        return self.uow.evidence.resolutions(shipment_id)

    # writes, put off to the flush
    def decided(self, entry: DecisionEntry) -> int:
        """The decision's id now (reserved), its row at the flush."""
        if not self._ids:
            wanted = max(self._expected - len(self._decisions), 1)
            self._ids = sorted(self.uow.decisions.reserve_ids(wanted), reverse=True)
        decision_id = self._ids.pop()  # the smallest left: ids rise in decision order
        self._decisions.append(replace(entry, id=decision_id))
        return decision_id

    def drew(self, draws: Sequence[tuple[str, int]], lines: Sequence[DrawdownLine]) -> None:
        """A cleared decision's draws: the running balance moves now, the rows at the flush."""
        self._drawdowns.extend(lines)
        for auth_id, units in draws:
            self._draws[auth_id] = self._draws.get(auth_id, 0) + units
            if self._auths is not None and auth_id in self._auths:
                auth = self._auths[auth_id]
                self._auths[auth_id] = replace(auth, quantity_used=auth.quantity_used + units)

    def book(self, lines: Sequence[VolumeLine]) -> None:
        self._volumes.extend(lines)

    def add(self, shipment: StoredShipment) -> None:
        """A new shipment: its row is written at the flush, in the state it ends in."""
        self._new[shipment.id] = shipment

    def is_new(self, shipment_id: str) -> bool:
        return shipment_id in self._new

    def put(self, shipment: StoredShipment) -> None:
        new = shipment.id in self._new
        (self._new if new else self._shipments)[shipment.id] = shipment

    def complete(self, key: str, action: str, response: str) -> None:
        """Take a new idempotency key with its result (at the flush)."""
        self._keys[key] = (action, response)

    def result_of(self, key: str) -> str | None:
        """The result recorded under `key` earlier in this batch, if any."""
        taken = self._keys.get(key)
        return None if taken is None else taken[1]

    def flush_volumes(self) -> None:
        """Before a share-cap total is read: the volume lines booked so far must count."""
        if self._volumes:
            self.uow.volumes.add_many(self._volumes)
            self._volumes = []

    def flush(self) -> None:
        """Write what was put off. The idempotency keys first: a concurrent twin holding one
        makes this transaction wait, then retry to read its result. The draws last (they
        row-lock the authorizations on PostgreSQL until commit), in id order."""
        by_action: dict[str, list[tuple[str, str]]] = {}
        for key, (action, response) in self._keys.items():
            by_action.setdefault(action, []).append((key, response))
        for action, results in sorted(by_action.items()):
            self.uow.keys.add_many(action, results)
        if self._new:
            self.uow.shipments.add_many(list(self._new.values()))
        self.flush_volumes()
        if self._decisions:
            self.uow.decisions.add_many(self._decisions)
        if self._drawdowns:
            self.uow.drawdowns.add_many(self._drawdowns)
        if self._shipments:
            self.uow.shipments.put_many(list(self._shipments.values()))
        for auth_id, units in sorted(self._draws.items()):
            if not self.uow.authorizations.draw(auth_id, units):
                raise LedgerConflictError(f"{auth_id}: the balance moved; decide again")
        self._drawdowns, self._shipments, self._new, self._keys = [], {}, {}, {}
        self._decisions, self._ids, self._draws = [], [], {}
