"""The ledger's webhooks: every notice and every changed decision is written to the outbox in
its own transaction, for the subscribers of the parties concerned only, and delivered signed
to a receiver on 127.0.0.1 (again after it comes back, never twice once acknowledged)."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event

from clearance.services.ledger_authorizations import add_authorizations, change_status
from clearance.services.ledger_facts import list_notices
from clearance.services.ledger_shipments import submit_batch, submit_shipment
from clearance.services.ledger_webhooks import DECISION_EVENT, NOTICE_EVENT
from clearance.services.webhooks import (
    DELIVERY_HEADER,
    SIGNATURE_HEADER,
    DeliveryState,
    add_subscriber,
    backoff,
    deliver_due,
    utc_now,
    verify,
)
from clearance.store.ledger_store import SqlAudit, SqlLedger, table_counts
from clearance.store.webhooks import HttpxSender, SqlWebhookStore

from ..test_webhooks import Receiver
from .support import context, licence, shipment

BUYER = "Example Cloud Ltd."
OTHER = "Other Buyer Ltd."
SECRET = "a-secret-of-some-length-0001"
OTHER_SECRET = "a-secret-of-some-length-0002"


@pytest.fixture
def sender() -> Iterator[HttpxSender]:
    s = HttpxSender(timeout=5)
    yield s
    s.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.stop()


def _events(receiver: Receiver) -> list[dict[str, Any]]:
    return [json.loads(body) for _, body in receiver.received]


def _other_buyer(shipment_id: str) -> dict[str, Any]:
    party = {"name": OTHER, "country": "MO", "headquarters_country": "MO"}
    return shipment(shipment_id, consignee=party, end_user=dict(party))


def test_a_notice_reaches_the_party_signed(
    ledger: SqlLedger, engine: Engine, receiver: Receiver, sender: HttpxSender
) -> None:
    hooks = SqlWebhookStore(engine)
    add_subscriber(hooks, BUYER, receiver.url, SECRET, utc_now())
    add_authorizations(ledger, context(), [licence(100)])
    (notice,) = [n for n in list_notices(ledger) if n["party"] == BUYER]
    attempts = deliver_due(hooks, sender, utc_now())
    assert [a.state for a in attempts] == [DeliveryState.DELIVERED]
    ((headers, body),) = receiver.received
    assert verify(SECRET, body, headers[SIGNATURE_HEADER])
    sent = json.loads(body)
    assert headers[DELIVERY_HEADER] == sent["id"]
    assert (sent["type"], sent["party"]) == (NOTICE_EVENT, BUYER)
    assert sent["data"]["notice_id"] == notice["id"]
    assert (sent["data"]["authorization_id"], sent["data"]["action"]) == ("US-LIC-1", "add")


def test_a_receiver_that_is_down_gets_it_once_it_is_back(
    ledger: SqlLedger, engine: Engine, sender: HttpxSender
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    hooks = SqlWebhookStore(engine)
    add_subscriber(hooks, BUYER, f"http://127.0.0.1:{port}/hook", SECRET, utc_now())
    add_authorizations(ledger, context(), [licence(100)])
    now = utc_now()
    (down,) = deliver_due(hooks, sender, now)
    assert down.state is DeliveryState.PENDING
    assert down.error is not None
    assert deliver_due(hooks, sender, now) == []  # backing off
    receiver = Receiver(port)
    try:
        later = now + backoff(1) + timedelta(seconds=1)
        assert [a.state for a in deliver_due(hooks, sender, later)] == [DeliveryState.DELIVERED]
        for hours in range(1, 4):  # acknowledged (2xx): never sent again
            assert deliver_due(hooks, sender, later + timedelta(hours=hours)) == []
        assert len(receiver.received) == 1
        (row,) = hooks.deliveries()
        assert (row.state, row.attempts) == (DeliveryState.DELIVERED, 2)
    finally:
        receiver.stop()


def test_a_changed_decision_is_delivered_and_an_unchanged_one_is_not(
    ledger: SqlLedger, engine: Engine, receiver: Receiver, sender: HttpxSender
) -> None:
    ctx = context()
    hooks = SqlWebhookStore(engine)
    add_subscriber(hooks, BUYER, receiver.url, SECRET, utc_now())
    held = submit_shipment(ledger, ctx, shipment("S-1", 7))  # no licence yet: held
    assert held["outcome"] == "hold"
    blocked = submit_shipment(ledger, ctx, shipment("S-2", 7, evidence=False))
    assert blocked["outcome"] == "hold"
    added = add_authorizations(ledger, ctx, [licence(100)])
    assert added["cleared"] == ["S-1"]  # S-2 re-decided, still held: not announced again
    deliver_due(hooks, sender, utc_now())
    decisions = [e["data"] for e in _events(receiver) if e["type"] == DECISION_EVENT]
    assert [(d["shipment_id"], d["previous_outcome"], d["outcome"]) for d in decisions] == [
        ("S-1", None, "hold"),
        ("S-2", None, "hold"),
        ("S-1", "hold", "cleared"),
    ]
    assert decisions[-1]["decision_id"] == added["changes"][0]["redecided"][0]["decision_id"]
    assert decisions[-1]["trigger"] == "authorization.add:US-LIC-1"
    for headers, body in receiver.received:
        assert verify(SECRET, body, headers[SIGNATURE_HEADER])


def test_a_party_never_gets_another_partys_events(
    ledger: SqlLedger, engine: Engine, sender: HttpxSender
) -> None:
    ctx = context()
    hooks = SqlWebhookStore(engine)
    ours, theirs = Receiver(), Receiver()
    try:
        add_subscriber(hooks, BUYER, ours.url, SECRET, utc_now())
        add_subscriber(hooks, OTHER, theirs.url, OTHER_SECRET, utc_now())
        add_authorizations(ledger, ctx, [licence(100)])
        add_authorizations(ledger, ctx, [licence(100, id="US-LIC-2", parties=[OTHER])])
        submit_shipment(ledger, ctx, shipment("S-1", 7))
        submit_shipment(ledger, ctx, _other_buyer("S-2"))
        change_status(ledger, ctx, "US-LIC-1", "suspend", note="under review")
        deliver_due(hooks, sender, utc_now())
        for receiver, party, secret, shipment_id, licence_id in (
            (ours, BUYER, SECRET, "S-1", "US-LIC-1"),
            (theirs, OTHER, OTHER_SECRET, "S-2", "US-LIC-2"),
        ):
            events = _events(receiver)
            assert {e["party"] for e in events} == {party}
            notices = [e["data"] for e in events if e["type"] == NOTICE_EVENT]
            assert {n["authorization_id"] for n in notices} == {licence_id}
            listed = {n["id"] for n in list_notices(ledger) if n["party"] == party}
            assert {n["notice_id"] for n in notices} == listed
            decisions = [e["data"] for e in events if e["type"] == DECISION_EVENT]
            assert {d["shipment_id"] for d in decisions} == {shipment_id}
            for headers, body in receiver.received:
                assert verify(secret, body, headers[SIGNATURE_HEADER])
    finally:
        ours.stop()
        theirs.stop()


def test_no_delivery_without_its_notice_and_no_notice_without_its_delivery(
    ledger: SqlLedger, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    hooks = SqlWebhookStore(engine)
    add_subscriber(hooks, BUYER, "http://127.0.0.1:9/hook", SECRET, utc_now())

    def fail(self: SqlAudit) -> None:
        raise RuntimeError("the commit fails after the outbox rows are written")

    with monkeypatch.context() as patched:
        patched.setattr(SqlAudit, "flush", fail)
        with pytest.raises(RuntimeError):
            add_authorizations(ledger, context(), [licence(100)])
    counts = table_counts(engine)
    assert (counts["notice"], counts["webhook_outbox"]) == (0, 0)
    add_authorizations(ledger, context(), [licence(100)])
    counts = table_counts(engine)
    assert counts["webhook_outbox"] == 1
    assert [n["party"] for n in list_notices(ledger)].count(BUYER) == 1


def test_a_batch_writes_its_outbox_rows_in_one_statement(ledger: SqlLedger, engine: Engine) -> None:
    hooks = SqlWebhookStore(engine)
    add_subscriber(hooks, BUYER, "http://127.0.0.1:9/hook", SECRET, utc_now())
    add_authorizations(ledger, context(), [licence(1000)])
    statements: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "webhook_" in statement:
            statements.append(statement.split()[0].upper())

    event.listen(engine, "before_cursor_execute", seen)
    try:
        results = submit_batch(ledger, context(), [shipment(f"S-{i}", 3) for i in range(25)])
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert {r["outcome"] for r in results} == {"cleared"}
    assert statements == ["SELECT", "INSERT"]
    newest = hooks.deliveries(limit=1000)  # newest first: the licence's notice comes last
    assert [d.event_type for d in newest] == [DECISION_EVENT] * 25 + [NOTICE_EVENT]
