"""Role x endpoint: 401 without a valid token, 403 for the wrong role, party or jurisdiction,
and every refusal written to the refusal log. An applicant never gets screening results."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from clearance.api.app import ROUTERS
from clearance.api.context import ApiContext
from clearance.api.deps import declared_action
from clearance.services.access import POLICY, Action, Role, utc_now
from clearance.services.sample_parties import sample_entries

from . import requests
from .conftest import USERS, assert_problem, bearer
from .ledger_authorization_endpoints import AUTHORIZATION_ENDPOINTS, AUTHORIZATION_OUT_OF_SCOPE
from .ledger_shipment_endpoints import OUT_OF_SCOPE as SHIPMENT_OUT_OF_SCOPE
from .ledger_shipment_endpoints import SHIPMENT_ENDPOINTS

FIXTURE = Path(__file__).parents[1] / "lists" / "fixtures" / "csl_projection_sample.csv"
RULE_ID = "us.ear.742_6.3a090a.2023"
SAMPLE_NAME = sample_entries()[0].name

Call = Callable[[TestClient, dict[str, str]], Any]


def _post(path: str, body: Callable[[], dict[str, Any]]) -> Call:
    return lambda client, headers: client.post(path, json=body(), headers=headers)


def _get(path: str) -> Call:
    return lambda client, headers: client.get(path, headers=headers)


def _upload(client: TestClient, headers: dict[str, str]) -> Any:
    files = {"files": (FIXTURE.name, FIXTURE.read_bytes(), "text/csv")}
    return client.post("/api/lists/import", files=files, headers=headers)


SUBSCRIBER = {
    "party": "Alibaba Cloud Computing Ltd.",
    "url": "http://127.0.0.1:9/h",
    "secret": "s" * 20,
}

# (name, action, call): every endpoint under /api, with a body that succeeds when allowed.
ENDPOINTS: list[tuple[str, Action, Call]] = [
    ("me", Action.WHOAMI, _get("/api/me")),
    ("classify", Action.CLASSIFY, _post("/api/classify", lambda: {"item": requests.item()})),
    ("check", Action.CHECK, _post("/api/check", requests.check_body)),
    ("screen", Action.SCREEN, _post("/api/screening", lambda: {"name": SAMPLE_NAME})),
    (
        "screen batch",
        Action.SCREEN,
        _post("/api/screening/batch", lambda: {"names": [{"id": "1", "name": SAMPLE_NAME}]}),
    ),
    ("lists", Action.LISTS_READ, _get("/api/lists")),
    ("lists import", Action.LISTS_IMPORT, _upload),
    ("rules", Action.RULES_READ, _get("/api/rules")),
    ("rule", Action.RULES_READ, _get(f"/api/rules/{RULE_ID}")),
    ("subscribers", Action.WEBHOOKS_READ, _get("/api/webhooks/subscribers")),
    (
        "add subscriber",
        Action.WEBHOOKS_MANAGE,
        _post("/api/webhooks/subscribers", lambda: SUBSCRIBER),
    ),
    ("deliveries", Action.WEBHOOKS_READ, _get("/api/webhooks/deliveries")),
    ("test event", Action.WEBHOOKS_MANAGE, _post("/api/webhooks/test", lambda: {"party": "P"})),
    ("refusals", Action.REFUSALS_READ, _get("/api/access/refusals")),
    ("audit verify", Action.AUDIT_VERIFY, _get("/api/audit/verify")),
    *SHIPMENT_ENDPOINTS,
]

# The check example ships from NVIDIA (US) to Alibaba (CN): scoped users outside it are refused.
OUT_OF_SCOPE = {("check", "officer-other"), ("check", "sg"), ("check", "buyer-other")}
OUT_OF_SCOPE |= SHIPMENT_OUT_OF_SCOPE

ENDPOINTS += AUTHORIZATION_ENDPOINTS
OUT_OF_SCOPE |= AUTHORIZATION_OUT_OF_SCOPE


def _refusals(ctx: ApiContext) -> int:
    return len(ctx.refusals.recent(10_000))


@pytest.mark.parametrize(("name", "action", "call"), ENDPOINTS, ids=[e[0] for e in ENDPOINTS])
def test_role_matrix(
    client: TestClient,
    tokens: dict[str, str],
    ctx: ApiContext,
    name: str,
    action: Action,
    call: Call,
) -> None:
    before = _refusals(ctx)
    assert_problem(call(client, {}), 401)
    assert_problem(call(client, bearer("clr_not-a-token")), 401)
    refused = 2
    for user, (role, _party, _jurisdiction) in USERS.items():
        response = call(client, bearer(tokens[user]))
        allowed = Role(role) in POLICY[action] and (name, user) not in OUT_OF_SCOPE
        if allowed:
            assert response.status_code < 300, (user, response.text)
        else:
            assert_problem(response, 403)
            refused += 1
    assert _refusals(ctx) - before == refused


def test_revoked_token_is_refused(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    assert client.get("/api/me", headers=bearer(tokens["buyer"])).status_code == 200
    assert ctx.users.revoke("buyer", utc_now())
    problem = assert_problem(client.get("/api/me", headers=bearer(tokens["buyer"])), 401)
    assert problem["detail"] == "revoked token"


def test_applicant_never_gets_screening_results(client: TestClient, tokens: dict[str, str]) -> None:
    for path, body in (
        ("/api/screening", {"name": SAMPLE_NAME}),
        ("/api/screening/batch", {"names": [{"id": "1", "name": SAMPLE_NAME}]}),
    ):
        for user in ("buyer", "buyer-other"):
            response = client.post(path, json=body, headers=bearer(tokens[user]))
            problem = assert_problem(response, 403)
            assert "hits" not in response.text
            assert SAMPLE_NAME not in str(problem)


def test_refusal_log_names_user_action_and_reason(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    client.post("/api/check", json=requests.check_body(), headers=bearer(tokens["buyer-other"]))
    latest = ctx.refusals.recent(1)[0]
    assert (latest.user, latest.role, latest.status, latest.action) == (
        "buyer-other",
        "applicant",
        403,
        "check",
    )
    assert "Tencent Holdings Ltd." in latest.reason


def _actions() -> dict[str, Action | None]:
    routes = [route for router in ROUTERS for route in router.routes]
    return {
        f"{sorted(route.methods)[0]} {route.path}": declared_action(route)
        for route in routes
        if isinstance(route, APIRoute) and route.path.startswith("/api/")
    }


def test_every_api_endpoint_declares_its_action() -> None:
    actions = _actions()
    assert actions
    assert all(actions.values()), actions
    assert len(actions) == len(ENDPOINTS)  # the matrix above covers every endpoint


def test_openapi_names_each_operations_action_and_roles(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/api/lists/import"]["post"]
    assert operation["x-clearance-action"] == "lists.import"
    assert operation["x-clearance-roles"] == ["admin", "compliance_officer"]
    assert operation["description"].startswith("Needs `lists.import`")
