"""Notices over HTTP: each user sees only the notices to its party (or about its
jurisdiction's authorizations), whatever it filters by; acknowledging one."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from clearance.api.context import ApiContext

from .conftest import assert_problem, bearer
from .ledger_authorization_endpoints import BUYER, licence, seed

TENCENT = "Tencent Holdings Ltd."
CN_APPROVAL = licence(
    id="CN-MOFCOM-TENCENT",
    jurisdiction="CN",
    authority="MOFCOM",
    kind="import_approval",
    holder=TENCENT,
    parties=[],
)


@pytest.fixture
def seeded(ctx: ApiContext) -> ApiContext:
    """The US licence (notices to NVIDIA and Alibaba) and a CN approval (to Tencent)."""
    seed(ctx, licence(), CN_APPROVAL)
    return ctx


def _notices(client: TestClient, token: str, query: str = "") -> list[dict[str, Any]]:
    response = client.get(f"/api/notices{query}", headers=bearer(token))
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()
    return rows


def _parties(rows: list[dict[str, Any]]) -> set[str]:
    return {row["party"] for row in rows}


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(
    ("user", "parties"),
    [
        ("admin", {"NVIDIA Corporation", BUYER, TENCENT}),
        ("auditor", {"NVIDIA Corporation", BUYER, TENCENT}),
        ("officer", {"NVIDIA Corporation"}),
        ("officer-other", set()),
        ("bis", {"NVIDIA Corporation", BUYER}),  # about the US licence
        ("mofcom", {TENCENT}),
        ("sg", set()),
        ("buyer", {BUYER}),
        ("buyer-other", {TENCENT}),
    ],
)
def test_each_user_sees_only_its_notices(
    client: TestClient, tokens: dict[str, str], user: str, parties: set[str]
) -> None:
    assert _parties(_notices(client, tokens[user])) == parties


@pytest.mark.usefixtures("seeded")
def test_another_buyer_never_sees_the_notice_by_filtering(
    client: TestClient, tokens: dict[str, str]
) -> None:
    for query in (f"?party={BUYER}", f"?party={BUYER}&unread=true", "?unread=true"):
        rows = _notices(client, tokens["buyer-other"], query)
        assert BUYER not in _parties(rows)
    assert _notices(client, tokens["admin"], f"?party={BUYER}")


def test_ack_marks_it_read_once(
    client: TestClient, tokens: dict[str, str], seeded: ApiContext
) -> None:
    (notice,) = _notices(client, tokens["buyer"])
    path = f"/api/notices/{notice['id']}/ack"
    response = client.post(path, json={"on": "2026-03-17"}, headers=bearer(tokens["buyer"]))
    assert response.status_code == 200, response.text
    assert (response.json()["notice"], response.json()["party"]) == (notice["id"], BUYER)
    (read,) = _notices(client, tokens["buyer"])
    assert read["acked_on"] == "2026-03-17"
    assert _notices(client, tokens["buyer"], "?unread=true") == []
    assert_problem(client.post(path, headers=bearer(tokens["buyer"])), 400)  # already


def test_ack_with_a_key_twice_is_done_once(
    client: TestClient, tokens: dict[str, str], seeded: ApiContext
) -> None:
    (notice,) = _notices(client, tokens["buyer"])
    headers = bearer(tokens["buyer"]) | {"Idempotency-Key": "ack-1"}
    path = f"/api/notices/{notice['id']}/ack"
    first = client.post(path, headers=headers)
    assert first.status_code == 200
    assert client.post(path, headers=headers).json() == first.json()


def test_another_party_cannot_ack_it(
    client: TestClient, tokens: dict[str, str], seeded: ApiContext
) -> None:
    (notice,) = _notices(client, tokens["buyer"])
    path = f"/api/notices/{notice['id']}/ack"
    for user in ("buyer-other", "officer", "mofcom"):
        response = client.post(path, headers=bearer(tokens[user]))
        assert_problem(response, 403)
        assert notice["message"] not in response.text
    assert _notices(client, tokens["buyer"], "?unread=true") == [notice]
    assert seeded.refusals.recent(1)[0].target == f"notice:{notice['id']}"


@pytest.mark.usefixtures("seeded")
def test_bad_and_unknown_notices(client: TestClient, tokens: dict[str, str]) -> None:
    admin = bearer(tokens["admin"])
    assert_problem(client.post("/api/notices/999/ack", headers=admin), 404)
    assert_problem(client.post("/api/notices/0/ack", headers=admin), 422, "notice_id")
    assert_problem(client.post("/api/notices/x/ack", headers=admin), 422, "notice_id")
    response = client.post("/api/notices/1/ack", json={"on": "then"}, headers=admin)
    assert_problem(response, 422, "on")
    assert_problem(client.get("/api/notices?unread=perhaps", headers=admin), 422, "unread")
    assert _notices(client, tokens["admin"], "?unread=true")  # nothing was acknowledged
