"""Webhook subscribers and the delivery outbox in SQL, the ledger's outbox (rows written in
the ledger's own transaction), and the HTTP sender."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, cast

import httpx
from sqlalchemy import Connection, Engine, Table, and_, insert, or_, select, update
from sqlalchemy.orm import sessionmaker

from clearance.domain.errors import NotFoundError
from clearance.domain.names import name_key
from clearance.services.webhooks import (
    Delivery,
    DeliveryState,
    OutboxEvent,
    Subscriber,
    event_body,
    new_event_id,
)

from .tables import WebhookOutboxRow, WebhookSubscriberRow
from .times import utc

SUBSCRIBER = cast(Table, WebhookSubscriberRow.__table__)
OUTBOX = cast(Table, WebhookOutboxRow.__table__)
_SUBSCRIBER_PARTIES = select(SUBSCRIBER.c.id, SUBSCRIBER.c.party).order_by(SUBSCRIBER.c.id)


def _by_party(rows: Sequence[Any]) -> dict[str, list[int]]:
    """Subscriber ids by their party's name_key."""
    out: dict[str, list[int]] = {}
    for sub_id, party in rows:
        out.setdefault(name_key(party), []).append(sub_id)
    return out


def _pending(
    subscriber_id: int, event_id: str, event_type: str, body: str, now: datetime
) -> dict[str, Any]:
    return {
        "subscriber_id": subscriber_id,
        "event_id": event_id,
        "event_type": event_type,
        "body": body,
        "state": DeliveryState.PENDING.value,
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }


def _subscriber(row: WebhookSubscriberRow) -> Subscriber:
    return Subscriber(id=row.id, party=row.party, url=row.url, created_at=utc(row.created_at))


def _delivery(row: WebhookOutboxRow, sub: WebhookSubscriberRow) -> Delivery:
    return Delivery(
        id=row.id,
        subscriber_id=row.subscriber_id,
        party=sub.party,
        url=sub.url,
        event_id=row.event_id,
        event_type=row.event_type,
        body=row.body,
        state=DeliveryState(row.state),
        attempts=row.attempts,
        next_attempt_at=utc(row.next_attempt_at),
        created_at=utc(row.created_at),
        delivered_at=utc(row.delivered_at) if row.delivered_at else None,
        last_error=row.last_error,
    )


class SqlWebhookStore:
    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def add_subscriber(self, party: str, url: str, secret: str, now: datetime) -> Subscriber:
        with self._sessions() as session, session.begin():
            row = WebhookSubscriberRow(party=party, url=url, secret=secret, created_at=now)
            session.add(row)
            session.flush()
            return _subscriber(row)

    def subscribers(self, party: str | None = None) -> list[Subscriber]:
        query = select(WebhookSubscriberRow).order_by(WebhookSubscriberRow.id)
        if party is not None:
            query = query.where(WebhookSubscriberRow.party == party)
        with self._sessions() as session:
            return [_subscriber(r) for r in session.scalars(query)]

    def secret_of(self, subscriber_id: int) -> str:
        with self._sessions() as session:
            row = session.get(WebhookSubscriberRow, subscriber_id)
            if row is None:
                raise NotFoundError(f"no webhook subscriber {subscriber_id}")
            return row.secret

    def enqueue(self, party: str, event_id: str, event_type: str, body: str, now: datetime) -> int:
        with self._sessions() as session, session.begin():
            subs = _by_party(session.execute(_SUBSCRIBER_PARTIES).all())
            ids = subs.get(name_key(party), [])
            rows = [_pending(i, event_id, event_type, body, now) for i in ids]
            if rows:
                session.execute(insert(OUTBOX), rows)
            return len(rows)

    def claim_due(self, now: datetime, lease_until: datetime, limit: int) -> list[Delivery]:
        claimable = and_(
            WebhookOutboxRow.state == DeliveryState.PENDING.value,
            WebhookOutboxRow.next_attempt_at <= now,
            or_(WebhookOutboxRow.leased_until.is_(None), WebhookOutboxRow.leased_until < now),
        )
        claimed: list[Delivery] = []
        with self._sessions() as session:
            ids = session.scalars(
                select(WebhookOutboxRow.id).where(claimable).order_by(WebhookOutboxRow.id)
            ).all()[:limit]
        for delivery_id in ids:
            with self._sessions() as session, session.begin():
                # Claim one row at a time: a dispatcher that lost the race gets rowcount 0.
                result = session.execute(
                    update(WebhookOutboxRow)
                    .where(WebhookOutboxRow.id == delivery_id, claimable)
                    .values(leased_until=lease_until)
                )
                if not getattr(result, "rowcount", 0):
                    continue
                row = session.get(WebhookOutboxRow, delivery_id)
                assert row is not None
                sub = session.get(WebhookSubscriberRow, row.subscriber_id)
                assert sub is not None
                claimed.append(_delivery(row, sub))
        return claimed

    def _set(self, delivery_id: int, **values: object) -> None:
        with self._sessions() as session, session.begin():
            session.execute(
                update(WebhookOutboxRow).where(WebhookOutboxRow.id == delivery_id).values(**values)
            )

    def mark_delivered(self, delivery_id: int, now: datetime) -> None:
        self._set(
            delivery_id,
            state=DeliveryState.DELIVERED.value,
            attempts=WebhookOutboxRow.attempts + 1,
            delivered_at=now,
            leased_until=None,
            last_error=None,
        )

    def mark_retry(
        self, delivery_id: int, attempts: int, next_attempt_at: datetime, error: str
    ) -> None:
        self._set(
            delivery_id,
            attempts=attempts,
            next_attempt_at=next_attempt_at,
            leased_until=None,
            last_error=error[:2000],
        )

    def mark_failed(self, delivery_id: int, attempts: int, error: str) -> None:
        self._set(
            delivery_id,
            state=DeliveryState.FAILED.value,
            attempts=attempts,
            leased_until=None,
            last_error=error[:2000],
        )

    def deliveries(self, party: str | None = None, limit: int = 100) -> list[Delivery]:
        query = (
            select(WebhookOutboxRow, WebhookSubscriberRow)
            .join(WebhookSubscriberRow, WebhookOutboxRow.subscriber_id == WebhookSubscriberRow.id)
            .order_by(WebhookOutboxRow.id.desc())
            .limit(limit)
        )
        if party is not None:
            query = query.where(WebhookSubscriberRow.party == party)
        with self._sessions() as session:
            return [_delivery(row, sub) for row, sub in session.execute(query).all()]


class SqlLedgerOutbox:
    """The ledger unit of work's outbox: events staged during the transaction, their rows
    written by `flush` just before it commits (one read of the subscribers, one multi-row
    insert, whatever the number of events). Row times are the wall clock's, so the dispatcher
    sees them due at once; each body carries the event's own time."""

    def __init__(self, connection: Connection) -> None:
        self.s = connection
        self.pending: list[OutboxEvent] = []

    def stage(self, event: OutboxEvent) -> None:
        self.pending.append(event)

    def flush(self) -> None:
        if not self.pending:
            return
        subs = _by_party(self.s.execute(_SUBSCRIBER_PARTIES).all())
        now = datetime.now(UTC)
        rows: list[dict[str, Any]] = []
        for event in self.pending:
            keys: set[str] = set()
            for party in event.parties:
                key = name_key(party)
                if key in keys or key not in subs:
                    continue
                keys.add(key)
                event_id = new_event_id()
                body = event_body(event_id, event.type, party, event.created_at, event.data)
                rows.extend(_pending(i, event_id, event.type, body, now) for i in subs[key])
        if rows:
            self.s.execute(insert(OUTBOX), rows)
        self.pending = []


class HttpxSender:
    """POSTs with httpx; connection failures come back as ConnectionError (an OSError)."""

    def __init__(self, timeout: float = 10.0) -> None:
        self._client = httpx.Client(timeout=timeout, follow_redirects=False)

    def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> int:
        try:
            return self._client.post(url, content=body, headers=dict(headers)).status_code
        except httpx.HTTPError as exc:
            raise ConnectionError(str(exc) or type(exc).__name__) from exc

    def close(self) -> None:
        self._client.close()
