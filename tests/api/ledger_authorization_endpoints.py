"""The authorization side of the ledger in the role x endpoint matrix, and its seeding helpers.

Each call that changes an authorization first puts a fresh one in the ledger (through the use
cases, not over HTTP), so every allowed user's call succeeds on its own: the example US
licence (NVIDIA Corporation to Alibaba Cloud Computing Ltd.) under a new id.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from clearance.api.context import ApiContext
from clearance.services.access import Action
from clearance.services.examples import example
from clearance.services.ledger_authorizations import add_authorizations
from clearance.services.ledger_documents import authorization_document_of

Call = Callable[[TestClient, dict[str, str]], Any]

LICENCE_ID = example("authorization")["id"]
BUYER = "Alibaba Cloud Computing Ltd."
_serial = itertools.count(1)


def licence(**changes: Any) -> dict[str, Any]:
    """The example US licence, with `changes`."""
    return example("authorization") | changes


def seed(ctx: ApiContext, *documents: dict[str, Any]) -> dict[str, Any]:
    """Add authorizations to the ledger as the use case does (the same again is a no-op)."""
    stored = [authorization_document_of(d) for d in documents]
    return add_authorizations(ctx.ledger, ctx.ledger_context("seed"), stored)


def fresh(ctx: ApiContext, **changes: Any) -> str:
    """A new copy of the example licence under an id of its own; returns the id."""
    authorization_id = f"{LICENCE_ID}-{next(_serial)}"
    seed(ctx, licence(id=authorization_id, **changes))
    return authorization_id


def _ctx(client: TestClient) -> ApiContext:
    context: ApiContext = client.app.state.ctx  # type: ignore[attr-defined]
    return context


def _seeded_get(path: str) -> Call:
    def call(client: TestClient, headers: dict[str, str]) -> Any:
        seed(_ctx(client), licence())
        return client.get(path, headers=headers)

    return call


def _on_fresh(method: str, tail: str, body: Callable[[str], Any], **changes: Any) -> Call:
    def call(client: TestClient, headers: dict[str, str]) -> Any:
        authorization_id = fresh(_ctx(client), **changes)
        path = f"/api/authorizations/{authorization_id}/{tail}"
        return client.request(method, path, json=body(authorization_id), headers=headers)

    return call


def _ack(client: TestClient, headers: dict[str, str]) -> Any:
    ctx = _ctx(client)
    fresh(ctx)
    with ctx.ledger() as uow:
        notice = uow.notices.listed(BUYER, unread=True)[-1]
    return client.post(f"/api/notices/{notice.id}/ack", json={}, headers=headers)


def _create(client: TestClient, headers: dict[str, str]) -> Any:
    return client.post("/api/authorizations", json=licence(), headers=headers)


def _post(path: str, body: Callable[[], Any]) -> Call:
    return lambda client, headers: client.post(path, json=body(), headers=headers)


def _get(path: str) -> Call:
    return lambda client, headers: client.get(path, headers=headers)


AUTHORIZATION_ENDPOINTS: list[tuple[str, Action, Call]] = [
    ("add authorization", Action.AUTHORIZATIONS_CREATE, _create),
    ("authorizations", Action.AUTHORIZATIONS_READ, _get("/api/authorizations?status=granted")),
    (
        "authorization",
        Action.AUTHORIZATIONS_READ,
        _seeded_get(f"/api/authorizations/{LICENCE_ID}"),
    ),
    (
        "grant",
        Action.AUTHORIZATIONS_DECIDE,
        _on_fresh("POST", "grant", lambda _: {}, status="suspended"),
    ),
    ("suspend", Action.AUTHORIZATIONS_DECIDE, _on_fresh("POST", "suspend", lambda _: {})),
    ("revoke", Action.AUTHORIZATIONS_DECIDE, _on_fresh("POST", "revoke", lambda _: {"note": "x"})),
    (
        "amend",
        Action.AUTHORIZATIONS_DECIDE,
        _on_fresh("POST", "amend", lambda i: {"authorization": licence(id=i, quantity=40_000)}),
    ),
    (
        "conditions",
        Action.CONDITIONS_SET,
        _on_fresh("PUT", "conditions", lambda _: example("conditions")),
    ),
    ("record volume", Action.VOLUMES_RECORD, _post("/api/volumes", lambda: example("volume"))),
    ("volumes", Action.VOLUMES_READ, _get("/api/volumes")),
    ("notices", Action.NOTICES_READ, _get("/api/notices?unread=true")),
    ("ack notice", Action.NOTICES_ACK, _ack),
    ("audit export", Action.AUDIT_EXPORT, _get("/api/audit/export?format=csv")),
]

# The example licence is BIS's (US), held by NVIDIA Corporation and naming Alibaba: the other
# jurisdictions' officers, the other exporter's officer and the other buyer are refused it.
_OTHERS = ("officer-other", "mofcom", "sg", "buyer-other")
_CHANGES = ("add authorization", "grant", "suspend", "revoke", "amend", "conditions")
AUTHORIZATION_OUT_OF_SCOPE = (
    {("authorization", user) for user in _OTHERS}
    | {(name, user) for name in _CHANGES for user in ("mofcom", "sg")}
    | {("ack notice", user) for user in ("officer", *_OTHERS)}  # the notice is to Alibaba
)
