"""Authorizations over HTTP: create (the same again changes nothing, other content is 409),
list and show within the user's scope, grant/suspend/revoke/amend/conditions re-deciding the
held shipments, an authority officer only in its own jurisdiction, idempotency keys."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from clearance.api.context import ApiContext
from clearance.services.examples import example
from clearance.services.ledger_authorizations import change_status
from clearance.services.ledger_documents import authorization_documents, shipment_document
from clearance.services.ledger_shipments import submit_shipment

from .conftest import assert_problem, bearer
from .ledger_authorization_endpoints import LICENCE_ID, licence, seed

SAMPLES = Path(__file__).resolve().parents[2] / "examples" / "ledger"
CN_APPROVAL = licence(
    id="CN-MOFCOM-TENCENT",
    jurisdiction="CN",
    authority="MOFCOM",
    kind="import_approval",
    holder="Tencent Holdings Ltd.",
    parties=[],
)


def _as(client: TestClient, tokens: dict[str, str], user: str) -> Any:
    """A tiny client signed in as `user`: call(method, path, **kwargs)."""

    def call(method: str, path: str, **kwargs: Any) -> Any:
        headers = bearer(tokens[user]) | kwargs.pop("headers", {})
        return client.request(method, path, headers=headers, **kwargs)

    return call


@pytest.fixture
def admin(client: TestClient, tokens: dict[str, str]) -> Any:
    return _as(client, tokens, "admin")


def _ids(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    return [row["id"] for row in response.json()]


def _held_shipment(ctx: ApiContext) -> str:
    """The sample MO shipment under the sample licence, suspended first: it is held."""
    seed(ctx, *authorization_documents(SAMPLES / "licence.yaml"))
    change_status(ctx.ledger, ctx.ledger_context("seed"), "US-LIC-1", "suspend", date(2026, 2, 21))
    doc = shipment_document(SAMPLES / "shipment.yaml") | {"id": "S-1"}
    held = submit_shipment(ctx.ledger, ctx.ledger_context("seed"), doc)
    assert held["outcome"] == "hold"
    return "S-1"


# -- create ---------------------------------------------------------------------------------


def test_create_then_the_same_again_changes_nothing(admin: Any) -> None:
    first = admin("POST", "/api/authorizations", json=example("authorization"))
    assert first.status_code == 200, first.text
    assert first.json()["added"] == [LICENCE_ID]
    again = admin("POST", "/api/authorizations", json=example("authorization"))
    assert again.status_code == 200
    assert again.json()["unchanged"] == [LICENCE_ID]
    assert again.json()["added"] == []
    history = admin("GET", f"/api/authorizations/{LICENCE_ID}").json()["history"]
    assert [h["action"] for h in history] == ["add"]


def test_other_content_under_a_known_id_is_a_conflict(admin: Any) -> None:
    admin("POST", "/api/authorizations", json=licence())
    response = admin("POST", "/api/authorizations", json=licence(quantity=1))
    problem = assert_problem(response, 409, field="id")
    assert "amend" in str(problem["detail"])
    assert admin("GET", f"/api/authorizations/{LICENCE_ID}").json()["quantity"] == 50_000


@pytest.mark.parametrize(
    ("changes", "status", "field"),
    [
        ({"quantity": -1}, 422, "quantity"),
        ({"status": "approved-ish"}, 422, "status"),
        ({"valid_to": "2020-01-01"}, 422, "body"),
        ({"jurisdiction": "ZZ"}, 400, "jurisdiction"),
        ({"colour": "red"}, 422, "colour"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(
    admin: Any, changes: dict[str, Any], status: int, field: str
) -> None:
    assert_problem(admin("POST", "/api/authorizations", json=licence(**changes)), status, field)
    assert _ids(admin("GET", "/api/authorizations")) == []


def test_an_authority_officer_creates_only_in_its_own_jurisdiction(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    mofcom = _as(client, tokens, "mofcom")
    assert_problem(mofcom("POST", "/api/authorizations", json=licence()), 403)
    latest = ctx.refusals.recent(1)[0]
    assert (latest.user, latest.target) == ("mofcom", f"authorization:{LICENCE_ID}")
    assert _ids(_as(client, tokens, "admin")("GET", "/api/authorizations")) == []
    assert mofcom("POST", "/api/authorizations", json=CN_APPROVAL).status_code == 200


# -- list and show --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("admin", [LICENCE_ID, "CN-MOFCOM-TENCENT"]),
        ("auditor", [LICENCE_ID, "CN-MOFCOM-TENCENT"]),
        ("officer", [LICENCE_ID]),  # NVIDIA holds it
        ("officer-other", []),
        ("bis", [LICENCE_ID]),
        ("mofcom", ["CN-MOFCOM-TENCENT"]),
        ("sg", []),
        ("buyer", [LICENCE_ID]),  # Alibaba is named in it
        ("buyer-other", ["CN-MOFCOM-TENCENT"]),  # Tencent holds it
    ],
)
def test_the_list_shows_only_what_the_user_may_see(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext, user: str, expected: list[str]
) -> None:
    seed(ctx, licence(), CN_APPROVAL)
    assert sorted(_ids(_as(client, tokens, user)("GET", "/api/authorizations"))) == sorted(expected)


def test_the_list_filters_by_status(admin: Any, ctx: ApiContext) -> None:
    seed(ctx, licence(), CN_APPROVAL)
    admin("POST", "/api/authorizations/CN-MOFCOM-TENCENT/suspend", json={})
    assert _ids(admin("GET", "/api/authorizations?status=suspended")) == ["CN-MOFCOM-TENCENT"]
    assert _ids(admin("GET", "/api/authorizations?status=granted")) == [LICENCE_ID]
    assert_problem(admin("GET", "/api/authorizations?status=approvedish"), 422, "status")


def test_another_buyer_never_sees_the_approval(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    seed(ctx, licence(), CN_APPROVAL)
    other = _as(client, tokens, "buyer-other")
    response = other("GET", f"/api/authorizations/{LICENCE_ID}")
    assert_problem(response, 403)
    assert "50000" not in response.text
    for query in ("", "?status=granted"):
        assert LICENCE_ID not in other("GET", f"/api/authorizations{query}").text


def test_show_gives_status_balance_conditions_history_and_drawdowns(
    admin: Any, ctx: ApiContext
) -> None:
    seed(ctx, licence(quantity_used=100))
    body = admin("GET", f"/api/authorizations/{LICENCE_ID}").json()
    assert (body["id"], body["status"]) == (LICENCE_ID, "granted")
    assert (body["quantity"], body["quantity_used"], body["balance"]) == (50_000, 100, 49_900)
    assert body["conditions"] == []
    assert [h["action"] for h in body["history"]] == ["add"]
    assert body["drawdowns"] == []


def test_an_unknown_id_is_not_found(admin: Any) -> None:
    for method, tail, body in (
        ("GET", "", None),
        ("POST", "/grant", {}),
        ("POST", "/amend", {"authorization": licence(id="NOPE")}),
        ("PUT", "/conditions", {"conditions": []}),
    ):
        assert_problem(admin(method, f"/api/authorizations/NOPE{tail}", json=body), 404)


# -- changes --------------------------------------------------------------------------------


def test_a_grant_re_decides_the_held_shipments_and_says_which_cleared(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    shipment_id = _held_shipment(ctx)
    bis = _as(client, tokens, "bis")
    response = bis("POST", "/api/authorizations/US-LIC-1/grant", json={"note": "end use checked"})
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["authorization"], result["action"], result["status"]) == (
        "US-LIC-1",
        "grant",
        "granted",
    )
    assert [r["shipment_id"] for r in result["redecided"]] == [shipment_id]
    assert result["cleared"] == [shipment_id]
    assert len(result["notices"]) == 2  # the holder and the party named
    shown = bis("GET", "/api/authorizations/US-LIC-1").json()
    assert shown["history"][-1]["note"] == "end use checked"
    assert [d["shipment"] for d in shown["drawdowns"]] == [shipment_id]


def test_suspend_then_revoke_and_a_revoked_one_cannot_change(admin: Any, ctx: ApiContext) -> None:
    seed(ctx, licence())
    path = f"/api/authorizations/{LICENCE_ID}"
    suspended = admin("POST", f"{path}/suspend", json={"on": "2026-03-01"})
    assert suspended.json()["status"] == "suspended"
    assert_problem(admin("POST", f"{path}/suspend", json={}), 400)  # already suspended
    assert admin("POST", f"{path}/revoke").json()["status"] == "revoked"  # no body at all
    problem = assert_problem(admin("POST", f"{path}/grant", json={}), 400)
    assert "revoked" in str(problem["detail"])
    history = admin("GET", path).json()["history"]
    assert [(h["action"], h["on"]) for h in history][1] == ("suspend", "2026-03-01")


def test_a_bad_date_names_the_field(admin: Any, ctx: ApiContext) -> None:
    seed(ctx, licence())
    response = admin("POST", f"/api/authorizations/{LICENCE_ID}/suspend", json={"on": "soon"})
    assert_problem(response, 422, "on")
    assert admin("GET", f"/api/authorizations/{LICENCE_ID}").json()["status"] == "granted"


def test_an_authority_officer_of_cn_cannot_grant_a_us_licence(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    seed(ctx, licence(status="suspended"), CN_APPROVAL)
    mofcom = _as(client, tokens, "mofcom")
    for tail, body in (
        ("grant", {}),
        ("revoke", {}),
        ("amend", {"authorization": licence(status="granted")}),
    ):
        assert_problem(mofcom("POST", f"/api/authorizations/{LICENCE_ID}/{tail}", json=body), 403)
    conditions = {"conditions": [{"kind": "no_military_end_use"}]}
    response = mofcom("PUT", f"/api/authorizations/{LICENCE_ID}/conditions", json=conditions)
    assert_problem(response, 403)
    latest = ctx.refusals.recent(1)[0]
    assert (latest.user, latest.status, latest.target) == (
        "mofcom",
        403,
        f"authorization:{LICENCE_ID}",
    )
    shown = _as(client, tokens, "admin")("GET", f"/api/authorizations/{LICENCE_ID}").json()
    assert shown["status"] == "suspended"  # refused before anything changed
    assert shown["conditions"] == []
    assert [h["action"] for h in shown["history"]] == ["add"]
    # Its own jurisdiction's approval it may suspend.
    response = mofcom("POST", "/api/authorizations/CN-MOFCOM-TENCENT/suspend", json={})
    assert response.status_code == 200


def test_an_idempotency_key_makes_a_retry_return_the_first_result(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    seed(ctx, licence())
    path = f"/api/authorizations/{LICENCE_ID}/suspend"
    key = {"Idempotency-Key": "suspend-once"}
    admin, bis = _as(client, tokens, "admin"), _as(client, tokens, "bis")
    first = admin("POST", path, json={}, headers=key)
    retry = admin("POST", path, json={}, headers=key)
    assert first.status_code == 200
    assert retry.json() == first.json()
    history = admin("GET", f"/api/authorizations/{LICENCE_ID}").json()["history"]
    assert [h["action"] for h in history] == ["add", "suspend"]
    # A key is the user's own: another user's same key is a request of its own.
    assert_problem(bis("POST", path, json={}, headers=key), 400)  # already suspended


def test_amend_replaces_the_content(admin: Any, ctx: ApiContext) -> None:
    seed(ctx, licence())
    path = f"/api/authorizations/{LICENCE_ID}/amend"
    response = admin("POST", path, json={"authorization": licence(quantity=40_000)})
    assert response.status_code == 200, response.text
    assert response.json()["action"] == "amend"
    assert admin("GET", f"/api/authorizations/{LICENCE_ID}").json()["quantity"] == 40_000
    other = {"authorization": licence(id="SOMETHING-ELSE")}
    assert_problem(admin("POST", path, json=other), 400)
    bad = {"authorization": licence(quantity="many")}
    assert_problem(admin("POST", path, json=bad), 422, "authorization.quantity")
    assert admin("GET", f"/api/authorizations/{LICENCE_ID}").json()["quantity"] == 40_000


def test_an_officer_cannot_amend_a_licence_out_of_its_jurisdiction(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    seed(ctx, licence())
    bis = _as(client, tokens, "bis")
    moved = {"authorization": licence(jurisdiction="CN", authority="MOFCOM")}
    assert_problem(bis("POST", f"/api/authorizations/{LICENCE_ID}/amend", json=moved), 403)
    shown = bis("GET", f"/api/authorizations/{LICENCE_ID}").json()
    assert shown["jurisdiction"] == "US"


def test_conditions_are_set_in_the_conditions_file_format(admin: Any, ctx: ApiContext) -> None:
    seed(ctx, licence())
    path = f"/api/authorizations/{LICENCE_ID}/conditions"
    response = admin("PUT", path, json=example("conditions"))
    assert response.status_code == 200, response.text
    assert response.json()["action"] == "conditions"
    shown = admin("GET", f"/api/authorizations/{LICENCE_ID}").json()
    assert [c["kind"] for c in shown["conditions"]] == [
        "domestic_purchase_ratio",
        "no_military_end_use",
    ]
    assert shown["history"][-1]["on"] == "2026-03-16"
    bad = {"conditions": [{"kind": "be_nice"}]}
    assert_problem(admin("PUT", path, json=bad), 422, "conditions[0].kind")
    assert len(admin("GET", f"/api/authorizations/{LICENCE_ID}").json()["conditions"]) == 2
