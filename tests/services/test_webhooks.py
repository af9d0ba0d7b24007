"""Webhooks: signed deliveries from the outbox to a receiver on 127.0.0.1, retried while it is
down, and never delivered twice once acknowledged."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import Engine

from clearance.domain.errors import InputError
from clearance.services.webhooks import (
    DELIVERY_HEADER,
    SIGNATURE_HEADER,
    DeliveryState,
    add_subscriber,
    backoff,
    deliver_due,
    publish,
    utc_now,
    verify,
)
from clearance.store.webhooks import HttpxSender, SqlWebhookStore

SECRET = "0123456789abcdef-secret"
PARTY = "Alibaba Cloud Computing Ltd."


class Receiver:
    """An HTTP receiver on 127.0.0.1 that records what it gets and answers `status`."""

    def __init__(self, port: int = 0, status: int = 200) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.status = status
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((dict(self.headers.items()), body))
                self.send_response(outer.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def sender() -> Iterator[HttpxSender]:
    s = HttpxSender(timeout=5)
    yield s
    s.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_a_notice_arrives_signed(engine: Engine, sender: HttpxSender) -> None:
    store = SqlWebhookStore(engine)
    receiver = Receiver()
    try:
        now = utc_now()
        add_subscriber(store, PARTY, receiver.url, SECRET, now)
        assert publish(store, PARTY, "notice", {"notice": "N-1"}, now) == 1
        assert publish(store, "Someone Else", "notice", {"notice": "N-2"}, now) == 0
        attempts = deliver_due(store, sender, now)
        assert [a.state for a in attempts] == [DeliveryState.DELIVERED]
        ((headers, body),) = receiver.received
        assert verify(SECRET, body, headers[SIGNATURE_HEADER])
        assert not verify("another-secret-entirely", body, headers[SIGNATURE_HEADER])
        event = json.loads(body)
        assert (event["type"], event["party"], event["data"]) == (
            "notice",
            PARTY,
            {"notice": "N-1"},
        )
        assert headers[DELIVERY_HEADER] == event["id"]
    finally:
        receiver.stop()


def test_down_then_up_gets_it_once(engine: Engine, sender: HttpxSender) -> None:
    store = SqlWebhookStore(engine)
    port = _free_port()
    now = utc_now()
    add_subscriber(store, PARTY, f"http://127.0.0.1:{port}/hook", SECRET, now)
    publish(store, PARTY, "decision.changed", {"shipment": "SHP-1"}, now)
    # The receiver is down: the delivery stays pending, due again after the back-off.
    (first,) = deliver_due(store, sender, now)
    assert first.state is DeliveryState.PENDING
    assert first.error is not None
    assert deliver_due(store, sender, now) == []  # not due yet
    receiver = Receiver(port)
    try:
        later = now + backoff(1) + timedelta(seconds=1)
        (second,) = deliver_due(store, sender, later)
        assert second.state is DeliveryState.DELIVERED
        for step in range(1, 5):  # acknowledged: never sent again
            assert deliver_due(store, sender, later + timedelta(hours=step)) == []
        assert len(receiver.received) == 1
        (row,) = store.deliveries()
        assert (row.state, row.attempts) == (DeliveryState.DELIVERED, 2)
    finally:
        receiver.stop()


def test_error_answers_are_retried_then_failed(engine: Engine, sender: HttpxSender) -> None:
    store = SqlWebhookStore(engine)
    receiver = Receiver(status=500)
    try:
        now = utc_now()
        add_subscriber(store, PARTY, receiver.url, SECRET, now)
        publish(store, PARTY, "notice", {}, now)
        states = []
        for attempt in range(3):
            states += [a.state for a in deliver_due(store, sender, now, max_attempts=3)]
            now += backoff(attempt + 1) + timedelta(seconds=1)
        assert states == [DeliveryState.PENDING, DeliveryState.PENDING, DeliveryState.FAILED]
        assert deliver_due(store, sender, now + timedelta(days=1)) == []
        assert len(receiver.received) == 3
        assert store.deliveries()[0].last_error == "HTTP 500"
    finally:
        receiver.stop()


def test_a_leased_row_is_not_claimed_twice(engine: Engine) -> None:
    store = SqlWebhookStore(engine)
    now = utc_now()
    add_subscriber(store, PARTY, "http://127.0.0.1:9/hook", SECRET, now)
    publish(store, PARTY, "notice", {}, now)
    assert len(store.claim_due(now, now + timedelta(seconds=30), 10)) == 1
    assert store.claim_due(now, now + timedelta(seconds=30), 10) == []
    assert len(store.claim_due(now + timedelta(seconds=31), now + timedelta(seconds=60), 10)) == 1


def test_backoff_grows_and_is_capped() -> None:
    delays = [backoff(n) for n in range(1, 20)]
    assert delays == sorted(delays)
    assert delays[0] == timedelta(seconds=2)
    assert delays[-1] == timedelta(minutes=30)


@pytest.mark.parametrize(
    ("party", "url", "secret", "field"),
    [
        ("", "http://127.0.0.1/h", SECRET, "party"),
        (PARTY, "ftp://127.0.0.1/h", SECRET, "url"),
        (PARTY, "http://127.0.0.1/h", "short", "secret"),
    ],
)
def test_bad_subscribers_name_the_field(
    engine: Engine, party: str, url: str, secret: str, field: str
) -> None:
    store = SqlWebhookStore(engine)
    with pytest.raises(InputError) as caught:
        add_subscriber(store, party, url, secret, utc_now())
    assert caught.value.field == field
    assert store.subscribers() == []
