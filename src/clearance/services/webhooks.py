"""Webhooks: events for a party are written to an outbox, then delivered, signed, with retries.

- A subscriber is a URL and a secret for one party; parties are matched as `name_key` folds
  them (case, accents, punctuation), as the access checks match a user's party. `publish`
  writes one outbox row per subscriber of the event's party (nothing is sent there). The
  ledger stages its events (`OutboxEvent`: each notice, each changed decision) on its unit of
  work, whose commit writes their rows in the same transaction (`ledger_webhooks`).
- `deliver_due` claims the rows that are due (a lease keeps two dispatchers off one row),
  POSTs each body with `X-Clearance-Signature: sha256=<HMAC-SHA256 of the body, hex>`, and
  marks it delivered on any 2xx answer. Anything else is retried with exponential back-off up
  to `max_attempts`, then the row is marked failed. A delivered row is never sent again.
- The receiver should also deduplicate on `X-Clearance-Delivery` (the event id), since a
  dispatcher that dies between the POST and the acknowledgement sends that event again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol
from urllib.parse import urlsplit

from clearance.domain.errors import InputError

SIGNATURE_HEADER = "X-Clearance-Signature"
EVENT_HEADER = "X-Clearance-Event"
DELIVERY_HEADER = "X-Clearance-Delivery"
MAX_ATTEMPTS = 8
BASE_DELAY = timedelta(seconds=2)
MAX_DELAY = timedelta(minutes=30)
LEASE = timedelta(seconds=30)


def utc_now() -> datetime:
    return datetime.now(UTC)


class DeliveryState(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Subscriber:
    id: int
    party: str
    url: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    subscriber_id: int
    party: str
    url: str
    event_id: str
    event_type: str
    body: str
    state: DeliveryState
    attempts: int
    next_attempt_at: datetime
    created_at: datetime
    delivered_at: datetime | None = None
    last_error: str | None = None


class WebhookStore(Protocol):
    def add_subscriber(self, party: str, url: str, secret: str, now: datetime) -> Subscriber: ...

    def subscribers(self, party: str | None = None) -> list[Subscriber]: ...

    def secret_of(self, subscriber_id: int) -> str: ...

    def enqueue(self, party: str, event_id: str, event_type: str, body: str, now: datetime) -> int:
        """One pending row per subscriber of `party`; returns how many were written."""
        ...

    def claim_due(self, now: datetime, lease_until: datetime, limit: int) -> list[Delivery]:
        """Pending rows due by `now` and not leased, each now leased until `lease_until`."""
        ...

    def mark_delivered(self, delivery_id: int, now: datetime) -> None: ...

    def mark_retry(
        self, delivery_id: int, attempts: int, next_attempt_at: datetime, error: str
    ) -> None: ...

    def mark_failed(self, delivery_id: int, attempts: int, error: str) -> None: ...

    def deliveries(self, party: str | None = None, limit: int = 100) -> list[Delivery]: ...


class Sender(Protocol):
    def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> int:
        """POST and return the HTTP status; raise OSError (or a subclass) when unreachable."""
        ...


def sign(secret: str, body: bytes) -> str:
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, body), signature)


def backoff(attempts: int, base: timedelta = BASE_DELAY) -> timedelta:
    """Delay before attempt `attempts + 1`: base x 2^(attempts - 1), capped."""
    delay: timedelta = base * 2 ** max(attempts - 1, 0)
    return min(delay, MAX_DELAY)


def check_subscriber(party: str, url: str, secret: str) -> tuple[str, str, str]:
    party = party.strip()
    if not party or len(party) > 300:
        raise InputError("a subscriber names its party (1-300 characters)", field="party")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"expected an http(s) URL, got {url!r}", field="url")
    if len(secret) < 16:
        raise InputError("the secret must have at least 16 characters", field="secret")
    return party, url, secret


def add_subscriber(
    store: WebhookStore, party: str, url: str, secret: str, now: datetime
) -> Subscriber:
    party, url, secret = check_subscriber(party, url, secret)
    return store.add_subscriber(party, url, secret, now)


@dataclass(frozen=True, slots=True)
class OutboxEvent:
    """An event for the subscribers of each of `parties` (matched as `name_key` folds them)."""

    type: str
    parties: tuple[str, ...]
    data: Mapping[str, Any]
    created_at: datetime


def new_event_id() -> str:
    return uuid.uuid4().hex


def event_body(
    event_id: str, event_type: str, party: str, created_at: datetime, data: Mapping[str, Any]
) -> str:
    """The JSON body one party's subscribers receive (and whose HMAC they check)."""
    return json.dumps(
        {
            "id": event_id,
            "type": event_type,
            "party": party,
            "created_at": created_at.isoformat(),
            "data": dict(data),
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )


def publish(
    store: WebhookStore, party: str, event_type: str, data: Mapping[str, Any], now: datetime
) -> int:
    """Queue one event for every subscriber of `party`; returns the rows written."""
    event_id = new_event_id()
    body = event_body(event_id, event_type, party, now, data)
    return store.enqueue(party, event_id, event_type, body, now)


@dataclass(frozen=True, slots=True)
class Attempt:
    delivery_id: int
    state: DeliveryState
    status: int | None
    error: str | None


def deliver_due(
    store: WebhookStore,
    sender: Sender,
    now: datetime,
    *,
    limit: int = 50,
    max_attempts: int = MAX_ATTEMPTS,
    base: timedelta = BASE_DELAY,
) -> list[Attempt]:
    """Try every due delivery once; returns what happened to each."""
    out: list[Attempt] = []
    for delivery in store.claim_due(now, now + LEASE, limit):
        body = delivery.body.encode("utf-8")
        headers = {
            "Content-Type": "application/json",
            EVENT_HEADER: delivery.event_type,
            DELIVERY_HEADER: delivery.event_id,
            SIGNATURE_HEADER: sign(store.secret_of(delivery.subscriber_id), body),
        }
        status: int | None = None
        try:
            status = sender.post(delivery.url, body, headers)
            error = None if 200 <= status < 300 else f"HTTP {status}"
        except OSError as exc:
            error = f"{type(exc).__name__}: {exc}"
        attempts = delivery.attempts + 1
        if error is None:
            store.mark_delivered(delivery.id, now)
            out.append(Attempt(delivery.id, DeliveryState.DELIVERED, status, None))
        elif attempts >= max_attempts:
            store.mark_failed(delivery.id, attempts, error)
            out.append(Attempt(delivery.id, DeliveryState.FAILED, status, error))
        else:
            store.mark_retry(delivery.id, attempts, now + backoff(attempts, base), error)
            out.append(Attempt(delivery.id, DeliveryState.PENDING, status, error))
    return out
