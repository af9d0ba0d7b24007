"""The ledger's shipment endpoints in the role x endpoint matrix, and the records they act on.

Each call seeds what it needs through the app's own context (`client.app.state.ctx`): a
licence, then a fresh shipment per call, so that a mutation by one allowed user never stands
in the way of the next. The shipments go from NVIDIA Corporation (US) to the applicant
`buyer`'s party in Macau: the other exporter's officer, the other applicant and the Chinese and
Singaporean authority officers are out of their scope.
"""

from __future__ import annotations

import copy
import itertools
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from clearance.api import create_app
from clearance.api.context import ApiContext
from clearance.api.shipment_schemas import IMPACT_EXAMPLE
from clearance.services.access import Action
from clearance.services.ledger_authorizations import add_authorizations
from clearance.services.ledger_documents import authorization_documents, shipment_document
from clearance.services.ledger_shipments import submit_shipment
from clearance.services.ruleset import bundled_rule_files
from clearance.settings import Settings
from clearance.store.db import make_engine

from ..conftest import BACKENDS, POSTGRES_URL

BUYER = "Alibaba Cloud Computing Ltd."
SAMPLES = Path(__file__).resolve().parents[2] / "examples" / "ledger"
LICENCE = authorization_documents(SAMPLES / "licence.yaml")[0] | {"parties": [BUYER]}
SHIPMENT = shipment_document(SAMPLES / "shipment.yaml")
FLAG = "minimal_online_presence"
IMPACT_FILES = bundled_rule_files(IMPACT_EXAMPLE)  # the US pack with one classification rule
_IDS = itertools.count(1)

Call = Callable[[TestClient, dict[str, str]], Any]


def shipment(shipment_id: str, units: int = 7, **changes: Any) -> dict[str, Any]:
    """The ledger sample shipment, to `BUYER`: cleared under `LICENCE` unless changed."""
    doc = copy.deepcopy(SHIPMENT)
    doc["id"] = shipment_id
    doc["lines"][0]["quantity"] = units
    for role in ("consignee", "end_user"):
        doc[role]["name"] = BUYER
    return doc | changes


def seed(ctx: ApiContext, doc: dict[str, Any] | None = None) -> dict[str, Any]:
    """The licence (once), then `doc` (default: a fresh shipment) submitted; its result."""
    ledger_ctx = ctx.ledger_context("seed")
    add_authorizations(ctx.ledger, ledger_ctx, [copy.deepcopy(LICENCE)])
    doc = doc or shipment(f"S-SEED-{next(_IDS)}")
    return submit_shipment(ctx.ledger, ledger_ctx, doc)


def _seeded(client: TestClient, **changes: Any) -> dict[str, Any]:
    ctx: ApiContext = client.app.state.ctx  # type: ignore[attr-defined]
    return seed(ctx, shipment(f"S-SEED-{next(_IDS)}", **changes))


def _on_shipment(method: str, suffix: str, body: dict[str, Any] | None, **changes: Any) -> Call:
    def call(client: TestClient, headers: dict[str, str]) -> Any:
        shipment_id = _seeded(client, **changes)["shipment_id"]
        return client.request(
            method, f"/api/shipments/{shipment_id}{suffix}", json=body, headers=headers
        )

    return call


def _on_decision(method: str, suffix: str) -> Call:
    def call(client: TestClient, headers: dict[str, str]) -> Any:
        decision_id = _seeded(client)["decision_id"]
        return client.request(method, f"/api/decisions/{decision_id}{suffix}", headers=headers)

    return call


def _submit(client: TestClient, headers: dict[str, str]) -> Any:
    # The same document each time: a second allowed user gets the first result back.
    return client.post("/api/shipments", json={"shipment": shipment("S-SUBMIT")}, headers=headers)


def _get(path: str) -> Call:
    return lambda client, headers: client.get(path, headers=headers)


def _impact(client: TestClient, headers: dict[str, str]) -> Any:
    _seeded(client)
    return client.post("/api/rules/impact", json={"files": IMPACT_FILES}, headers=headers)


EVIDENCE = {"kind": "kyc_attestation", "reference": "KYC-2", "dated": "2026-03-01"}

SHIPMENT_ENDPOINTS: list[tuple[str, Action, Call]] = [
    ("submit shipment", Action.SHIPMENTS_SUBMIT, _submit),
    ("list shipments", Action.SHIPMENTS_READ, _get("/api/shipments")),
    ("show shipment", Action.SHIPMENTS_READ, _on_shipment("GET", "", None)),
    ("cancel shipment", Action.SHIPMENTS_MANAGE, _on_shipment("POST", "/cancel", {"reason": "r"})),
    (
        "mark exported",
        Action.SHIPMENTS_MANAGE,
        _on_shipment("POST", "/exported", {"on": "2026-03-21"}),
    ),
    ("add evidence", Action.EVIDENCE_ADD, _on_shipment("POST", "/evidence", EVIDENCE)),
    (
        "resolve flag",
        Action.FLAGS_RESOLVE,
        _on_shipment("POST", f"/flags/{FLAG}/resolve", {"reason": "r"}, red_flags=[FLAG]),
    ),
    ("holds", Action.HOLDS_READ, _get("/api/holds")),
    ("show decision", Action.DECISIONS_READ, _on_decision("GET", "")),
    ("replay decision", Action.DECISIONS_REPLAY, _on_decision("POST", "/replay")),
    ("rules impact", Action.RULES_IMPACT, _impact),
]

# Who is refused by scope (403) although its role may act: the shipment is NVIDIA's, to BUYER
# in Macau, shipped from the US. Lists, holds and the impact are narrowed instead (200).
_NOT_SEEING = {"officer-other", "buyer-other", "mofcom", "sg"}
OUT_OF_SCOPE = {
    (name, user)
    for name, *_ in SHIPMENT_ENDPOINTS
    for user in _NOT_SEEING
    if name not in ("list shipments", "holds", "rules impact")
}


@pytest.fixture(params=BACKENDS, name="settings")
def ledger_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """The API tests' settings, on SQLite and, when one is given, on PostgreSQL (a schema of
    its own, dropped afterwards). Import it as `settings` to run a module's tests on both."""
    url = f"sqlite:///{tmp_path / 'api.sqlite3'}"
    schema = f"t_{uuid.uuid4().hex[:12]}"
    if request.param == "postgresql":
        admin = make_engine(POSTGRES_URL)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = f"{POSTGRES_URL}{'&' if '?' in POSTGRES_URL else '?'}options=-csearch_path%3D{schema}"
    yield Settings(
        data_dir=tmp_path / "data",
        database_url=url,
        webhook_interval=0,
        api_token_cache_seconds=0,
        api_max_body_bytes=2 * 1024 * 1024,
        api_max_upload_bytes=64 * 1024,
    )
    if request.param == "postgresql":
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(name="app")
def ledger_app(settings: Settings) -> Iterator[FastAPI]:
    """`app`, whose database connections close with the test (before its schema is dropped)."""
    app = create_app(settings)
    yield app
    app.state.ctx.engine.dispose()
