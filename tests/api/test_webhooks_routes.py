"""Webhooks through the API: add a subscriber, queue a test event, the server's dispatcher
delivers it signed to a receiver on 127.0.0.1, and the delivery is listed as delivered."""

from __future__ import annotations

import json
import time

from fastapi.testclient import TestClient

from clearance.api.context import ApiContext
from clearance.api.dispatcher import Dispatcher
from clearance.services.webhooks import SIGNATURE_HEADER, verify

from ..services.test_webhooks import Receiver
from .conftest import bearer

SECRET = "a-long-random-shared-secret"


def test_test_event_is_delivered_and_listed(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    receiver = Receiver()
    dispatcher = Dispatcher(ctx.webhooks, ctx.sender, interval=0.05)
    admin = bearer(tokens["admin"])
    try:
        added = client.post(
            "/api/webhooks/subscribers",
            json={"party": "Alibaba Cloud Computing Ltd.", "url": receiver.url, "secret": SECRET},
            headers=admin,
        )
        assert added.status_code == 201, added.text
        assert "secret" not in added.json()
        queued = client.post(
            "/api/webhooks/test", json={"party": "Alibaba Cloud Computing Ltd."}, headers=admin
        )
        assert queued.json() == {"queued": 1}
        dispatcher.start()
        deadline = time.monotonic() + 20
        while not receiver.received:
            assert time.monotonic() < deadline, "nothing was delivered"
            time.sleep(0.05)
        headers, body = receiver.received[0]
        assert verify(SECRET, body, headers[SIGNATURE_HEADER])
        assert json.loads(body)["type"] == "test"
        time.sleep(0.3)  # further rounds must not send it again
        assert len(receiver.received) == 1
        listed = client.get("/api/webhooks/deliveries", headers=bearer(tokens["auditor"])).json()
        assert [(d["state"], d["attempts"]) for d in listed] == [("delivered", 1)]
    finally:
        dispatcher.stop()
        receiver.stop()
