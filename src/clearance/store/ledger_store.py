"""The ledger's unit of work in SQL: one connection, one transaction, repositories over it
(SQLAlchemy Core statements: the ORM's identity map buys nothing in a short transaction).

Serialisation (ADR 0011): on SQLite every transaction begins IMMEDIATE (clearance.store.db),
so writers run one at a time; on PostgreSQL named locks are transaction-scoped advisory locks,
balances move by a conditional UPDATE (which re-reads the row under its lock) and the CHECK
constraints on `authorization_record` refuse any balance below zero whatever happens.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    bindparam,
    delete,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError

from clearance.services.audit_chain import GENESIS, canonical, chain_event
from clearance.services.ledger_model import (
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
from clearance.services.ledger_ports import LedgerConflictError, UnitOfWork

from .ledger_tables import (
    AuditEventRow,
    AuthorizationChangeRow,
    AuthorizationRow,
    DecisionRow,
    DrawdownRow,
    EvidenceRow,
    FlagResolutionRow,
    IdempotencyKeyRow,
    ItemSpecRow,
    LegalHoldRow,
    NoticeRow,
    PartyRow,
    ShipmentRow,
    VolumeRow,
)
from .screening_memory import _utc
from .webhooks import SqlLedgerOutbox

# Core tables: statements on them skip the ORM's per-statement work.
AUDIT = cast(Table, AuditEventRow.__table__)
CHANGE = cast(Table, AuthorizationChangeRow.__table__)
AUTH = cast(Table, AuthorizationRow.__table__)
DECISION = cast(Table, DecisionRow.__table__)
DRAWDOWN = cast(Table, DrawdownRow.__table__)
EVIDENCE = cast(Table, EvidenceRow.__table__)
FLAG = cast(Table, FlagResolutionRow.__table__)
KEY = cast(Table, IdempotencyKeyRow.__table__)
HOLD = cast(Table, LegalHoldRow.__table__)
NOTICE = cast(Table, NoticeRow.__table__)
SHIPMENT = cast(Table, ShipmentRow.__table__)
PARTY = cast(Table, PartyRow.__table__)
ITEM = cast(Table, ItemSpecRow.__table__)
VOLUME = cast(Table, VolumeRow.__table__)

_INSERTS: dict[tuple[str, str | None], Any] = {}


def _insert(table: Table, returning: Any = None) -> Any:
    """One INSERT statement per table, built once (values come as execute parameters)."""
    key = (table.name, None if returning is None else returning.name)
    statement = _INSERTS.get(key)
    if statement is None:
        statement = insert(table) if returning is None else insert(table).returning(returning)
        _INSERTS[key] = statement
    return statement


_INSERTS_NEW: dict[tuple[str, str], Any] = {}


def _insert_new(dialect: str, table: Table) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING for the dialect, built once per table."""
    key = (dialect, table.name)
    statement = _INSERTS_NEW.get(key)
    if statement is None:
        insert_ = sqlite_insert if dialect == "sqlite" else pg_insert
        statement = _INSERTS_NEW[key] = insert_(table).on_conflict_do_nothing()
    return statement


_ALL_AUTHORIZATIONS = select(AUTH).order_by(AUTH.c.id)
_SHIPMENT_BY_ID = select(SHIPMENT).where(SHIPMENT.c.id == bindparam("b_id"))
_UPDATE_SHIPMENT = update(SHIPMENT).where(SHIPMENT.c.id == bindparam("b_id"))
_KEY_RESPONSE = select(KEY.c.response).where(KEY.c.key == bindparam("b_key"))
_COMPLETE_KEY = update(KEY).where(KEY.c.key == bindparam("b_key"))
_AUDIT_HEAD = select(AUDIT.c.seq, AUDIT.c.hash).order_by(AUDIT.c.seq.desc()).limit(1)
_DRAW = (
    update(AUTH)
    .where(AUTH.c.id == bindparam("b_id"))
    .where(
        AUTH.c.quantity.is_(None) | (AUTH.c.quantity - AUTH.c.quantity_used >= bindparam("b_units"))
    )
    .values(quantity_used=AUTH.c.quantity_used + bindparam("b_units"))
)
_NOTICES_TO = select(NOTICE).where(NOTICE.c.party == bindparam("b_party")).order_by(NOTICE.c.id)
_EVIDENCE_OF = (
    select(EVIDENCE).where(EVIDENCE.c.shipment_id == bindparam("b_id")).order_by(EVIDENCE.c.id)
)
_RESOLUTIONS_OF = select(FLAG).where(FLAG.c.shipment_id == bindparam("b_id")).order_by(FLAG.c.id)
_DECISION_BY_ID = select(DECISION).where(DECISION.c.id == bindparam("b_id"))
_DECISIONS_OF = (
    select(DECISION).where(DECISION.c.shipment_id == bindparam("b_id")).order_by(DECISION.c.id)
)
_KNOWN_SHIPMENTS = select(SHIPMENT.c.id).where(
    SHIPMENT.c.id.in_(bindparam("b_ids", expanding=True))
)
_KEY_RESPONSES = select(KEY.c.key, KEY.c.response).where(
    KEY.c.key.in_(bindparam("b_keys", expanding=True))
)
_TOP_DECISION = select(func.coalesce(func.max(DECISION.c.id), 0))
_LOCK = text("SELECT pg_advisory_xact_lock(hashtext(:n))")

# PostgreSQL errors a retry resolves: serialization failure, deadlock, lock not available.
_RETRYABLE = {"40001", "40P01", "55P03"}


def _loads(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def _dumps(value: Any) -> str | None:
    return None if value is None else canonical(value)


class _Repo:
    def __init__(self, connection: Connection) -> None:
        self.s = connection


class SqlAuthorizations(_Repo):
    def get(self, authorization_id: str) -> StoredAuthorization | None:
        row = self.s.execute(select(AUTH).where(AUTH.c.id == authorization_id)).first()
        return None if row is None else _authorization(row)

    def all(self) -> list[StoredAuthorization]:
        rows = self.s.execute(_ALL_AUTHORIZATIONS)
        return [_authorization(r) for r in rows]

    def put(self, a: StoredAuthorization) -> None:
        values = {
            "jurisdiction": a.document["jurisdiction"],
            "kind": a.document["kind"],
            "holder": a.document["holder"],
            "status": a.status,
            "quantity": a.quantity,
            "content_hash": a.content_hash,
            "document": canonical(a.document),
        }
        row = AUTH.c
        done = self.s.execute(update(AUTH).where(row.id == a.id).values(**values))
        if not done.rowcount:
            self.s.execute(
                _insert(AUTH),
                dict(id=a.id, quantity_used=a.quantity_used, added_at=a.added_at, **values),
            )

    def draw(self, authorization_id: str, units: int) -> bool:
        result = self.s.execute(_DRAW, {"b_id": authorization_id, "b_units": units})
        return bool(getattr(result, "rowcount", 0) == 1)

    def release(self, authorization_id: str, units: int) -> None:
        row = AUTH.c
        self.s.execute(
            update(AUTH)
            .where(row.id == authorization_id)
            .values(quantity_used=row.quantity_used - units)
        )

    def add_change(self, c: AuthorizationChange) -> None:
        self.s.execute(
            _insert(CHANGE),
            {
                "authorization_id": c.authorization_id,
                "action": c.action,
                "on": c.on,
                "status": c.status,
                "note": c.note,
                "content_hash": c.content_hash,
                "recorded_at": c.recorded_at,
            },
        )

    def changes(self, authorization_id: str) -> list[AuthorizationChange]:
        rows = self.s.execute(
            select(CHANGE)
            .where(CHANGE.c.authorization_id == authorization_id)
            .order_by(CHANGE.c.id)
        )
        return [
            AuthorizationChange(
                authorization_id=r.authorization_id,
                action=r.action,
                on=r.on,
                status=r.status,
                note=r.note,
                content_hash=r.content_hash,
                recorded_at=_utc(r.recorded_at),
            )
            for r in rows
        ]


def _authorization(r: Any) -> StoredAuthorization:
    return StoredAuthorization(
        id=r.id,
        document=json.loads(r.document),
        content_hash=r.content_hash,
        status=r.status,
        quantity=r.quantity,
        quantity_used=r.quantity_used,
        added_at=_utc(r.added_at),
    )


class SqlShipments(_Repo):
    def get(self, shipment_id: str) -> StoredShipment | None:
        row = self.s.execute(_SHIPMENT_BY_ID, {"b_id": shipment_id}).first()
        return None if row is None else _shipment(row)

    def add(self, sh: StoredShipment) -> None:
        self.s.execute(_insert(SHIPMENT), _shipment_values(sh))

    def add_many(self, shipments: Sequence[StoredShipment]) -> None:
        if shipments:
            self.s.execute(_insert(SHIPMENT), [_shipment_values(sh) for sh in shipments])

    def known(self, shipment_ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(shipment_ids):
            found.update(self.s.scalars(_KNOWN_SHIPMENTS, {"b_ids": chunk}))
        return found

    def put(self, sh: StoredShipment) -> None:
        values = _shipment_values(sh)
        del values["id"]
        self.s.execute(_UPDATE_SHIPMENT, {"b_id": sh.id, **values})

    def put_many(self, shipments: Sequence[StoredShipment]) -> None:
        """The state columns only: a decision never changes the stored document, so it is
        not serialised again."""
        rows = []
        for sh in shipments:
            values = _shipment_values(sh, with_document=False)
            values["b_id"] = values.pop("id")
            rows.append(values)
        if rows:
            self.s.execute(_UPDATE_SHIPMENT, rows)

    def remember(
        self, parties: Sequence[tuple[str, str, str | None]], items: Sequence[tuple[str, str, str]]
    ) -> None:
        """Parties by folded name and item specs by content hash, each stored once."""
        table_rows = (
            (PARTY, [{"key": k, "name": n, "country": c} for k, n, c in parties]),
            (ITEM, [{"content_hash": h, "name": n, "document": d} for h, n, d in items]),
        )
        for table, rows in table_rows:
            if rows:
                self.s.execute(_insert_new(self.s.dialect.name, table), rows)

    def in_states(self, states: Sequence[ShipmentState]) -> list[StoredShipment]:
        rows = self.s.execute(
            select(SHIPMENT)
            .where(SHIPMENT.c.state.in_([s.value for s in states]))
            .order_by(SHIPMENT.c.submitted_at, SHIPMENT.c.id)
        )
        return [_shipment(r) for r in rows]


def _shipment_values(sh: StoredShipment, with_document: bool = True) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": sh.id,
        "content_hash": sh.content_hash,
        "state": sh.state.value,
        "ship_date": sh.ship_date,
        "exporter": sh.exporter,
        "to_country": sh.to_country,
        "submitted_at": sh.submitted_at,
        "state_since": sh.state_since,
        "exported_on": sh.exported_on,
        "retention_until": sh.retention_until,
        "last_decision_id": sh.last_decision_id,
    }
    if with_document:
        values["document"] = _dumps(sh.document)
    return values


def _shipment(r: Any) -> StoredShipment:
    return StoredShipment(
        id=r.id,
        content_hash=r.content_hash,
        document=_loads(r.document),
        state=ShipmentState(r.state),
        ship_date=r.ship_date,
        exporter=r.exporter,
        to_country=r.to_country,
        submitted_at=_utc(r.submitted_at),
        state_since=_utc(r.state_since),
        exported_on=r.exported_on,
        retention_until=r.retention_until,
        last_decision_id=r.last_decision_id,
    )


def _decision_values(e: DecisionEntry) -> dict[str, Any]:
    values = {
        "shipment_id": e.shipment_id,
        "outcome": e.outcome,
        "as_of": e.as_of,
        "input_hash": e.input_hash,
        "ruleset_hash": e.ruleset_hash,
        "reason_ids": canonical(list(e.reason_ids)),
        "screening": canonical(e.screening),
        "record": _dumps(e.record),
        "inputs": e.inputs_json if e.inputs_json is not None else _dumps(e.inputs),
        "trigger": e.trigger,
        "decided_at": e.decided_at,
    }
    if e.id is not None:
        values["id"] = e.id
    return values


class SqlDecisions(_Repo):
    def add(self, e: DecisionEntry) -> int:
        new_id = self.s.execute(_insert(DECISION, DECISION.c.id), _decision_values(e))
        return int(new_id.scalar_one())

    def reserve_ids(self, count: int) -> list[int]:
        """`count` new decision ids, for entries added with them later in this transaction:
        PostgreSQL draws them from the column's sequence; SQLite (one writer at a time, the
        write lock held since BEGIN IMMEDIATE) counts on from the largest id."""
        if self.s.dialect.name == "postgresql":
            rows = self.s.execute(
                text(
                    "SELECT nextval(pg_get_serial_sequence('decision', 'id')) "
                    "FROM generate_series(1, :n)"
                ),
                {"n": count},
            )
            return sorted(int(r[0]) for r in rows)
        top = int(self.s.execute(_TOP_DECISION).scalar_one())
        return list(range(top + 1, top + 1 + count))

    def add_many(self, entries: Sequence[DecisionEntry]) -> None:
        """Entries with their reserved ids, one statement."""
        if entries:
            self.s.execute(_insert(DECISION), [_decision_values(e) for e in entries])

    def get(self, decision_id: int) -> DecisionEntry | None:
        row = self.s.execute(_DECISION_BY_ID, {"b_id": decision_id}).first()
        return None if row is None else _decision(row)

    def for_shipment(self, shipment_id: str) -> list[DecisionEntry]:
        rows = self.s.execute(_DECISIONS_OF, {"b_id": shipment_id})
        return [_decision(r) for r in rows]

    def ids(self) -> list[int]:
        return list(self.s.scalars(select(DECISION.c.id).order_by(DECISION.c.id)))


def _decision(r: Any) -> DecisionEntry:
    return DecisionEntry(
        id=r.id,
        shipment_id=r.shipment_id,
        outcome=r.outcome,
        as_of=r.as_of,
        input_hash=r.input_hash,
        ruleset_hash=r.ruleset_hash,
        reason_ids=tuple(json.loads(r.reason_ids)),
        screening=json.loads(r.screening),
        record=_loads(r.record),
        inputs=_loads(r.inputs),
        trigger=r.trigger,
        decided_at=_utc(r.decided_at),
    )


def _drawdown_values(d: DrawdownLine) -> dict[str, Any]:
    return {
        "authorization_id": d.authorization_id,
        "shipment_id": d.shipment_id,
        "decision_id": d.decision_id,
        "kind": d.kind,
        "units": d.units,
        "at": d.at,
    }


class SqlDrawdowns(_Repo):
    def add(self, d: DrawdownLine) -> None:
        self.s.execute(_insert(DRAWDOWN), _drawdown_values(d))

    def add_many(self, lines: Sequence[DrawdownLine]) -> None:
        if lines:
            self.s.execute(_insert(DRAWDOWN), [_drawdown_values(d) for d in lines])

    def _where(self, *criteria: Any) -> list[DrawdownLine]:
        rows = self.s.execute(select(DRAWDOWN).where(*criteria).order_by(DRAWDOWN.c.id))
        return [
            DrawdownLine(
                authorization_id=r.authorization_id,
                shipment_id=r.shipment_id,
                decision_id=r.decision_id,
                kind=r.kind,
                units=r.units,
                at=_utc(r.at),
            )
            for r in rows
        ]

    def for_authorization(self, authorization_id: str) -> list[DrawdownLine]:
        return self._where(DRAWDOWN.c.authorization_id == authorization_id)

    def for_shipment(self, shipment_id: str) -> list[DrawdownLine]:
        return self._where(DRAWDOWN.c.shipment_id == shipment_id)


def _volume_values(v: VolumeLine) -> dict[str, Any]:
    return {
        "product": v.product,
        "market": v.market,
        "period_start": v.period_start,
        "period_end": v.period_end,
        "units": v.units,
        "tpp": v.tpp,
        "source": v.source,
        "at": v.at,
        "exporter": v.exporter,
    }


class SqlVolumes(_Repo):
    def add(self, v: VolumeLine) -> None:
        self.s.execute(_insert(VOLUME), _volume_values(v))

    def add_many(self, lines: Sequence[VolumeLine]) -> None:
        if lines:
            self.s.execute(_insert(VOLUME), [_volume_values(v) for v in lines])

    def total(
        self,
        product: str,
        markets: Sequence[str],
        start: date,
        end: date,
        exporter: str | None = None,
    ) -> tuple[int, float]:
        query = (
            select(
                func.coalesce(func.sum(VOLUME.c.units), 0),
                func.coalesce(func.sum(VOLUME.c.tpp), 0.0),
            )
            .where(VOLUME.c.product == product)
            .where(VOLUME.c.market.in_(list(markets)))
            .where(VOLUME.c.period_start >= start)
            .where(VOLUME.c.period_end <= end)
        )
        if exporter is not None:
            query = query.where(VOLUME.c.exporter == exporter)
        units, tpp = self.s.execute(query).one()
        return int(units), float(tpp)

    def all(self) -> list[VolumeLine]:
        rows = self.s.execute(select(VOLUME).order_by(VOLUME.c.id))
        return [
            VolumeLine(
                product=r.product,
                market=r.market,
                period_start=r.period_start,
                period_end=r.period_end,
                units=r.units,
                tpp=r.tpp,
                source=r.source,
                at=_utc(r.at),
                exporter=r.exporter,
            )
            for r in rows
        ]


class SqlEvidence(_Repo):
    def add(self, e: EvidenceEntry) -> None:
        self.s.execute(
            _insert(EVIDENCE),
            {
                "shipment_id": e.shipment_id,
                "kind": e.kind,
                "reference": e.reference,
                "flag": e.flag,
                "authorization_id": e.authorization_id,
                "note": e.note,
                "dated": e.dated,
                "added_at": e.added_at,
            },
        )

    def for_shipment(self, shipment_id: str) -> list[EvidenceEntry]:
        return [_evidence(r) for r in self.s.execute(_EVIDENCE_OF, {"b_id": shipment_id})]

    def for_shipments(self, shipment_ids: Sequence[str]) -> dict[str, list[EvidenceEntry]]:
        out: dict[str, list[EvidenceEntry]] = {i: [] for i in shipment_ids}
        for r in _in_chunks(self.s, EVIDENCE, shipment_ids):
            out[r.shipment_id].append(_evidence(r))
        return out

    def resolutions_for(self, shipment_ids: Sequence[str]) -> dict[str, list[FlagResolution]]:
        out: dict[str, list[FlagResolution]] = {i: [] for i in shipment_ids}
        for r in _in_chunks(self.s, FLAG, shipment_ids):
            out[r.shipment_id].append(_resolution(r))
        return out

    def add_resolution(self, f: FlagResolution) -> None:
        self.s.execute(
            _insert(FLAG),
            {
                "shipment_id": f.shipment_id,
                "flag": f.flag,
                "reason": f.reason,
                "actor": f.actor,
                "dated": f.dated,
                "at": f.at,
            },
        )

    def resolutions(self, shipment_id: str) -> list[FlagResolution]:
        return [_resolution(r) for r in self.s.execute(_RESOLUTIONS_OF, {"b_id": shipment_id})]


def _chunks(values: Sequence[str], size: int = 500) -> list[list[str]]:
    """Bounded IN lists."""
    return [list(values[start : start + size]) for start in range(0, len(values), size)]


def _in_chunks(connection: Connection, table: Table, shipment_ids: Sequence[str]) -> list[Any]:
    """The table's rows of these shipments, in id order, a bounded IN list at a time."""
    rows: list[Any] = []
    for chunk in _chunks(shipment_ids):
        rows.extend(
            connection.execute(
                select(table).where(table.c.shipment_id.in_(chunk)).order_by(table.c.id)
            )
        )
    return rows


def _evidence(r: Any) -> EvidenceEntry:
    return EvidenceEntry(
        shipment_id=r.shipment_id,
        kind=r.kind,
        reference=r.reference,
        flag=r.flag,
        authorization_id=r.authorization_id,
        note=r.note,
        dated=r.dated,
        added_at=_utc(r.added_at),
    )


def _resolution(r: Any) -> FlagResolution:
    return FlagResolution(
        shipment_id=r.shipment_id,
        flag=r.flag,
        reason=r.reason,
        actor=r.actor,
        dated=r.dated,
        at=_utc(r.at),
    )


class SqlNotices(_Repo):
    def add(self, n: Notice) -> int:
        new_id = self.s.execute(
            _insert(NOTICE, NOTICE.c.id),
            {
                "authorization_id": n.authorization_id,
                "party": n.party,
                "action": n.action,
                "message": n.message,
                "on": n.on,
                "created_at": n.created_at,
                "acked_on": n.acked_on,
            },
        ).scalar_one()
        return int(new_id)

    def get(self, notice_id: int) -> Notice | None:
        row = self.s.execute(select(NOTICE).where(NOTICE.c.id == notice_id)).first()
        return None if row is None else _notice(row)

    def ack(self, notice_id: int, on: date) -> None:
        self.s.execute(update(NOTICE).where(NOTICE.c.id == notice_id).values(acked_on=on))

    def listed(self, party: str | None = None, unread: bool = False) -> list[Notice]:
        if party is not None and not unread:
            return [_notice(r) for r in self.s.execute(_NOTICES_TO, {"b_party": party})]
        query = select(NOTICE).order_by(NOTICE.c.id)
        if party is not None:
            query = query.where(NOTICE.c.party == party)
        if unread:
            query = query.where(NOTICE.c.acked_on.is_(None))
        return [_notice(r) for r in self.s.execute(query)]


def _notice(r: Any) -> Notice:
    return Notice(
        id=r.id,
        authorization_id=r.authorization_id,
        party=r.party,
        action=r.action,
        message=r.message,
        on=r.on,
        created_at=_utc(r.created_at),
        acked_on=r.acked_on,
    )


class SqlAudit(_Repo):
    def __init__(self, connection: Connection, uow: SqlUnitOfWork) -> None:
        super().__init__(connection)
        self._uow = uow
        self.pending: list[tuple[str, str, str, str, str]] = []

    def append(self, *, at: str, actor: str, action: str, subject: str, payload: str) -> None:
        self.pending.append((at, actor, action, subject, payload))

    def flush(self) -> None:
        """Chain the transaction's events after the last one, just before commit: the audit
        lock (PostgreSQL) is held for these inserts and the commit only."""
        if not self.pending:
            return
        self._uow.lock("audit")  # held to commit: seq and prev_hash are taken in turn
        last = self.s.execute(_AUDIT_HEAD).first()
        seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
        rows = []
        for offset, (at, actor, action, subject, payload) in enumerate(self.pending):
            event = chain_event(
                seq=seq + offset,
                at=at,
                actor=actor,
                action=action,
                subject=subject,
                payload=payload,
                prev_hash=prev,
            )
            prev = event.hash
            rows.append(
                {
                    "seq": event.seq,
                    "at": event.at,
                    "actor": event.actor,
                    "action": event.action,
                    "subject": event.subject,
                    "payload": event.payload,
                    "payload_hash": event.payload_hash,
                    "prev_hash": event.prev_hash,
                    "hash": event.hash,
                }
            )
        self.s.execute(_insert(AUDIT), rows)
        self.pending = []

    def events(self) -> list[AuditEvent]:
        rows = self.s.execute(select(AUDIT).order_by(AUDIT.c.seq))
        return [
            AuditEvent(
                seq=r.seq,
                at=r.at,
                actor=r.actor,
                action=r.action,
                subject=r.subject,
                payload=r.payload,
                payload_hash=r.payload_hash,
                prev_hash=r.prev_hash,
                hash=r.hash,
            )
            for r in rows
        ]

    def redact(self, subject: str) -> int:
        result = self.s.execute(
            update(AUDIT)
            .where(AUDIT.c.subject == subject)
            .where(AUDIT.c.payload.is_not(None))
            .values(payload=None)
        )
        return int(getattr(result, "rowcount", 0))

    def hold(self, h: LegalHold) -> None:
        self.s.execute(delete(HOLD).where(HOLD.c.subject == h.subject))
        self.s.execute(
            _insert(HOLD), {"subject": h.subject, "reason": h.reason, "actor": h.actor, "at": h.at}
        )

    def holds(self) -> list[LegalHold]:
        rows = self.s.execute(select(HOLD).order_by(HOLD.c.subject))
        return [
            LegalHold(subject=r.subject, reason=r.reason, actor=r.actor, at=_utc(r.at))
            for r in rows
        ]


class SqlKeys(_Repo):
    def get(self, key: str) -> str | None:
        return self.s.execute(_KEY_RESPONSE, {"b_key": key}).scalar_one_or_none()

    def claim(self, key: str, action: str) -> None:
        try:
            self.s.execute(
                _insert(KEY),
                {"key": key, "action": action, "response": "{}", "created_at": datetime.now(UTC)},
            )
        except IntegrityError:  # a concurrent writer claimed it first: retry to read its result
            raise LedgerConflictError(f"idempotency key {key!r} is in use") from None

    def complete(self, key: str, response: str) -> None:
        self.s.execute(_COMPLETE_KEY, {"b_key": key, "response": response})

    def complete_many(self, results: Sequence[tuple[str, str]]) -> None:
        if results:
            self.s.execute(_COMPLETE_KEY, [{"b_key": k, "response": r} for k, r in results])

    def responses(self, keys: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in _chunks(keys):
            rows = self.s.execute(_KEY_RESPONSES, {"b_keys": chunk})
            found.update((r.key, r.response) for r in rows)
        return found

    def add_many(self, action: str, results: Sequence[tuple[str, str]]) -> None:
        if not results:
            return
        now = datetime.now(UTC)
        rows = [{"key": k, "action": action, "response": r, "created_at": now} for k, r in results]
        try:
            self.s.execute(_insert(KEY), rows)
        except IntegrityError:  # a concurrent writer took one first: retry to read its result
            raise LedgerConflictError("an idempotency key of this batch is in use") from None


class SqlUnitOfWork:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._postgres = engine.dialect.name == "postgresql"

    def __enter__(self) -> SqlUnitOfWork:
        self.connection = c = self._engine.connect()
        c.begin()
        self.authorizations = SqlAuthorizations(c)
        self.shipments = SqlShipments(c)
        self.decisions = SqlDecisions(c)
        self.drawdowns = SqlDrawdowns(c)
        self.volumes = SqlVolumes(c)
        self.evidence = SqlEvidence(c)
        self.notices = SqlNotices(c)
        self.audit = SqlAudit(c, self)
        self.keys = SqlKeys(c)
        self.outbox = SqlLedgerOutbox(c)
        return self

    def lock(self, name: str) -> None:
        if self._postgres:
            self.connection.execute(_LOCK, {"n": name})

    def purge_shipment(self, shipment_id: str) -> None:
        c = self.connection
        c.execute(delete(EVIDENCE).where(EVIDENCE.c.shipment_id == shipment_id))
        c.execute(delete(FLAG).where(FLAG.c.shipment_id == shipment_id))
        c.execute(
            update(DECISION)
            .where(DECISION.c.shipment_id == shipment_id)
            .values(record=None, inputs=None)
        )

    def commit(self) -> None:
        self.outbox.flush()
        self.audit.flush()
        self.connection.commit()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self.connection.in_transaction():
                self.connection.rollback()
        finally:
            self.connection.close()
        if isinstance(exc, DBAPIError) and _retryable(exc):
            raise LedgerConflictError(str(exc.orig)) from exc


def _retryable(exc: DBAPIError) -> bool:
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    if code in _RETRYABLE:
        return True
    return "database is locked" in str(exc.orig)


def table_counts(engine: Engine) -> dict[str, int]:
    """Rows in every table (the bad-input tests compare these before and after)."""
    names = inspect(engine).get_table_names()
    with engine.connect() as conn:
        return {
            name: int(conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one())
            for name in sorted(names)
        }


class SqlLedger:
    """The unit-of-work factory the use cases are given."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)


def _conforms(engine: Engine) -> UnitOfWork:
    return SqlUnitOfWork(engine)
