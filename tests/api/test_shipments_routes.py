"""The ledger's shipment endpoints: submit, list, show, cancel, exported, evidence, red-flag
resolution, holds. Happy paths, errors as problems with nothing stored, idempotency keys, and
the scope of each principal (on SQLite, and on PostgreSQL when one is given)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from clearance.api.context import ApiContext
from clearance.services import ledger_shipments as ships
from clearance.services.ledger_authorizations import show_authorization
from clearance.services.ledger_ports import LedgerConflictError
from clearance.store.ledger_tables import ShipmentRow

from .conftest import assert_problem, bearer
from .ledger_shipment_endpoints import BUYER, FLAG, LICENCE, seed, shipment
from .ledger_shipment_endpoints import ledger_app as app  # noqa: F401  (fixtures)
from .ledger_shipment_endpoints import ledger_settings as settings  # noqa: F401

LICENCE_ID = LICENCE["id"]
OTHER = {"name": "Tencent Holdings Ltd.", "country": "MO"}


def _submit(client: TestClient, token: str, doc: dict[str, Any], key: str | None = None) -> Any:
    headers = bearer(token) | ({"Idempotency-Key": key} if key else {})
    return client.post("/api/shipments", json={"shipment": doc}, headers=headers)


def _used(ctx: ApiContext) -> int:
    used: int = show_authorization(ctx.ledger, LICENCE_ID)["quantity_used"]
    return used


def _shipment_rows(ctx: ApiContext) -> int:
    with ctx.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(ShipmentRow)) or 0)


def _ids(rows: list[dict[str, Any]], key: str = "id") -> list[str]:
    return [r[key] for r in rows]


def test_submit_decides_records_and_draws(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    seed(ctx)  # the licence, and one shipment drawing 7
    response = _submit(client, tokens["officer"], shipment("S-1", units=10))
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["shipment_id"] == "S-1"
    assert result["outcome"] == "cleared"
    assert result["state"] == "cleared"
    assert result["drawdowns"] == [{"authorization": LICENCE_ID, "units": 10}]
    assert isinstance(result["decision_id"], int)
    assert result["reasons"]
    assert _used(ctx) == 17


def test_a_retried_submit_with_the_same_key_draws_once(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    seed(ctx)
    first = _submit(client, tokens["officer"], shipment("S-1"), key="order-1").json()
    again = _submit(client, tokens["officer"], shipment("S-1"), key="order-1")
    assert again.status_code == 201
    assert again.json() == first
    assert _used(ctx) == 14  # the seed's 7 and S-1's 7, once
    shown = client.get("/api/shipments/S-1", headers=bearer(tokens["officer"])).json()
    assert len(shown["decisions"]) == 1
    assert shown["drawdowns"] == [{"authorization": LICENCE_ID, "kind": "draw", "units": 7}]


def test_without_a_key_the_shipment_id_and_content_are_the_key(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    seed(ctx)
    first = _submit(client, tokens["officer"], shipment("S-1")).json()
    assert _submit(client, tokens["admin"], shipment("S-1")).json() == first
    assert _used(ctx) == 14
    changed = _submit(client, tokens["officer"], shipment("S-1", units=8))
    assert "already in the ledger" in str(assert_problem(changed, 400)["detail"])


def test_one_users_key_never_returns_another_users_result(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    seed(ctx)
    _submit(client, tokens["officer"], shipment("S-1"), key="k")
    other = shipment("S-2", exporter={"name": "Other Exporter Inc.", "country": "US"})
    result = _submit(client, tokens["officer-other"], other, key="k").json()
    assert result["shipment_id"] == "S-2"


def test_submit_bad_input_is_a_problem_naming_the_field_and_stores_nothing(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    response = _submit(client, tokens["officer"], shipment("S-1", to_country="ZZ"))
    assert_problem(response, 400, field="to_country")
    missing = shipment("S-1")
    del missing["lines"]
    assert_problem(_submit(client, tokens["officer"], missing), 422, field="shipment.lines")
    files = shipment("S-1")
    files["lines"][0]["item"] = "specs/h200.yaml"
    assert_problem(_submit(client, tokens["officer"], files), 422, field="shipment.lines[0].item")
    assert _shipment_rows(ctx) == 0


def test_submit_outside_the_officers_party_is_refused_and_stores_nothing(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    response = _submit(client, tokens["officer-other"], shipment("S-1"))
    assert "exporter is not Other Exporter Inc." in str(assert_problem(response, 403)["detail"])
    assert _shipment_rows(ctx) == 0
    refusal = ctx.refusals.recent(1)[0]
    assert (refusal.user, refusal.action, refusal.target) == (
        "officer-other",
        "shipments.submit",
        "shipment:S-1",
    )


def test_submit_is_for_the_exporters_side_only(client: TestClient, tokens: dict[str, str]) -> None:
    for user in ("buyer", "bis", "auditor"):
        assert_problem(_submit(client, tokens[user], shipment("S-1")), 403)


def test_list_filters_by_outcome_and_state(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    cleared = seed(ctx)["shipment_id"]
    held = seed(ctx, shipment("S-HELD", evidence=[]))["shipment_id"]
    headers = bearer(tokens["admin"])
    assert _ids(client.get("/api/shipments", headers=headers).json()) == [cleared, held]
    hold = client.get("/api/shipments", params={"outcome": "hold"}, headers=headers).json()
    assert _ids(hold) == [held]
    by_state = client.get("/api/shipments", params={"state": "cleared"}, headers=headers)
    assert _ids(by_state.json()) == [cleared]
    bad = client.get("/api/shipments", params={"outcome": "maybe"}, headers=headers)
    assert_problem(bad, 422, field="outcome")
    assert_problem(client.get("/api/shipments?state=lost", headers=headers), 422, field="state")


def test_each_principal_lists_only_the_shipments_of_its_scope(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    mine = seed(ctx)["shipment_id"]
    theirs = seed(ctx, shipment("S-OTHER", consignee=OTHER, end_user=OTHER))["shipment_id"]

    def listed(user: str) -> list[str]:
        return _ids(client.get("/api/shipments", headers=bearer(tokens[user])).json())

    assert listed("buyer") == [mine]
    assert listed("buyer-other") == [theirs]
    for user in ("admin", "auditor", "officer", "bis"):
        assert listed(user) == [mine, theirs]
    for user in ("officer-other", "mofcom", "sg"):
        assert listed(user) == []


def test_an_applicant_never_sees_another_partys_shipment(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    held = seed(ctx, shipment("S-HELD", evidence=[]))
    headers = bearer(tokens["buyer-other"])
    assert client.get("/api/shipments", headers=headers).json() == []
    assert client.get("/api/holds", headers=headers).json() == []
    assert_problem(client.get("/api/shipments/S-HELD", headers=headers), 403)
    decision = client.get(f"/api/decisions/{held['decision_id']}", headers=headers)
    assert BUYER not in str(assert_problem(decision, 403))
    mine = bearer(tokens["buyer"])
    assert _ids(client.get("/api/holds", headers=mine).json(), "shipment_id") == ["S-HELD"]


def test_show_gives_state_decisions_and_drawdowns(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    result = seed(ctx)
    response = client.get(f"/api/shipments/{result['shipment_id']}", headers=bearer(tokens["bis"]))
    assert response.status_code == 200, response.text
    shown = response.json()
    assert shown["state"] == "cleared"
    assert shown["decision_id"] == result["decision_id"]
    assert [d["trigger"] for d in shown["decisions"]] == ["submit"]
    assert shown["drawdowns"] == [{"authorization": LICENCE_ID, "kind": "draw", "units": 7}]


def test_unknown_shipment_is_a_404_on_every_endpoint(
    client: TestClient, tokens: dict[str, str]
) -> None:
    headers = bearer(tokens["admin"])
    assert_problem(client.get("/api/shipments/NOPE", headers=headers), 404)
    for suffix, body in (
        ("cancel", {"reason": "r"}),
        ("exported", {"on": "2026-03-21"}),
        ("evidence", {"kind": "kyc_attestation", "reference": "K"}),
        (f"flags/{FLAG}/resolve", {"reason": "r"}),
    ):
        assert_problem(
            client.post(f"/api/shipments/NOPE/{suffix}", json=body, headers=headers), 404
        )


def test_cancel_returns_the_units_once(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    shipment_id = seed(ctx)["shipment_id"]
    headers = bearer(tokens["officer"]) | {"Idempotency-Key": "cancel-1"}
    path = f"/api/shipments/{shipment_id}/cancel"
    response = client.post(path, json={"reason": "order withdrawn"}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["released"] == [{"authorization": LICENCE_ID, "units": 7}]
    assert _used(ctx) == 0
    again = client.post(path, json={"reason": "order withdrawn"}, headers=headers)
    assert again.json() == response.json()  # the same key: the first result
    unkeyed = client.post(path, json={"reason": "again"}, headers=bearer(tokens["officer"]))
    assert "cancelled" in str(assert_problem(unkeyed, 400)["detail"])
    assert _used(ctx) == 0


def test_cancel_needs_a_reason(client: TestClient, tokens: dict[str, str], ctx: ApiContext) -> None:
    shipment_id = seed(ctx)["shipment_id"]
    path = f"/api/shipments/{shipment_id}/cancel"
    headers = bearer(tokens["officer"])
    assert_problem(client.post(path, json={"reason": "  "}, headers=headers), 422, field="reason")
    assert_problem(client.post(path, json={}, headers=headers), 422, field="reason")
    assert _used(ctx) == 7


def test_scope_is_checked_before_anything_changes(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    shipment_id = seed(ctx, shipment("S-1", red_flags=[FLAG]))["shipment_id"]
    headers = bearer(tokens["officer-other"])
    base = f"/api/shipments/{shipment_id}"
    for suffix, body in (
        ("cancel", {"reason": "r"}),
        ("exported", {"on": "2026-03-21"}),
        ("evidence", {"kind": "kyc_attestation", "reference": "K"}),
        (f"flags/{FLAG}/resolve", {"reason": "r"}),
    ):
        response = client.post(f"{base}/{suffix}", json=body, headers=headers)
        assert "exporter is not" in str(assert_problem(response, 403)["detail"])
    shown = client.get(base, headers=bearer(tokens["admin"])).json()
    assert shown["state"] == "held"
    assert len(shown["decisions"]) == 1
    assert ctx.refusals.recent(1)[0].target == f"shipment:{shipment_id}"


def test_exported_starts_the_retention_clock(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    shipment_id = seed(ctx)["shipment_id"]
    path = f"/api/shipments/{shipment_id}/exported"
    response = client.post(path, json={"on": "2026-03-21"}, headers=bearer(tokens["officer"]))
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["state"] == "exported"
    assert result["retention_until"] == "2032-02-19"  # five years after the licence ends


def test_exported_needs_a_cleared_shipment_and_a_date(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    held = seed(ctx, shipment("S-HELD", evidence=[]))["shipment_id"]
    headers = bearer(tokens["officer"])
    path = f"/api/shipments/{held}/exported"
    assert "only a cleared" in str(
        assert_problem(client.post(path, json={"on": "2026-03-21"}, headers=headers), 400)["detail"]
    )
    bad = client.post(path, json={"on": "21/03/2026"}, headers=headers)
    assert_problem(bad, 422, field="on")


def test_evidence_clears_a_held_shipment(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    doc = shipment("S-1")
    lab_test = doc["evidence"].pop(0)  # third_party_test
    assert seed(ctx, doc)["outcome"] == "hold"
    response = client.post(
        "/api/shipments/S-1/evidence", json=lab_test, headers=bearer(tokens["officer"])
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["added"] == 1
    assert result["cleared"] == ["S-1"]
    assert _used(ctx) == 7


def test_bad_evidence_names_the_field_and_adds_nothing(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    held = seed(ctx, shipment("S-HELD", evidence=[]))
    headers = bearer(tokens["officer"])
    path = "/api/shipments/S-HELD/evidence"
    bad_kind = client.post(path, json={"kind": "rumour", "reference": "R"}, headers=headers)
    assert_problem(bad_kind, 422, field="kind")
    no_flag = {"kind": "red_flag_resolution", "reference": "R"}
    assert_problem(client.post(path, json=no_flag, headers=headers), 422)
    shown = client.get(path.removesuffix("/evidence"), headers=headers).json()
    assert [d["id"] for d in shown["decisions"]] == [held["decision_id"]]


def test_resolving_the_raised_flag_clears_the_shipment(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    assert seed(ctx, shipment("S-1", red_flags=[FLAG]))["outcome"] == "hold"
    headers = bearer(tokens["officer"])
    response = client.post(
        f"/api/shipments/S-1/flags/{FLAG}/resolve", json={"reason": "checked"}, headers=headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["cleared"] == ["S-1"]
    unknown = client.post(
        "/api/shipments/S-1/flags/no_such_flag/resolve", json={"reason": "r"}, headers=headers
    )
    assert "no red flag" in str(assert_problem(unknown, 400)["detail"])


def test_holds_name_the_main_reason_and_what_would_clear_it(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    seed(ctx)
    seed(ctx, shipment("S-HELD", evidence=[]))
    response = client.get("/api/holds", headers=bearer(tokens["buyer"]))
    assert response.status_code == 200, response.text
    (hold,) = response.json()
    assert hold["shipment_id"] == "S-HELD"
    assert hold["main_reason"]
    assert hold["message"]
    assert hold["clears_by"]
    assert hold["since"]
    assert client.get("/api/holds", headers=bearer(tokens["officer-other"])).json() == []


def test_ids_with_slashes_reach_their_shipment(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    seed(ctx, shipment("PO/2026/7"))
    headers = bearer(tokens["officer"])
    assert client.get("/api/shipments/PO/2026/7", headers=headers).json()["id"] == "PO/2026/7"
    cancelled = client.post(
        "/api/shipments/PO%2F2026%2F7/cancel", json={"reason": "r"}, headers=headers
    )
    assert cancelled.json()["state"] == "cancelled"


def test_a_ledger_too_busy_to_commit_is_a_409_to_retry(
    client: TestClient, tokens: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def busy(*_: object, **__: object) -> None:
        raise LedgerConflictError("gave up")

    monkeypatch.setattr(ships, "submit_shipment", busy)
    response = _submit(client, tokens["officer"], shipment("S-1"))
    assert_problem(response, 409)
    assert response.headers["Retry-After"] == "1"


def test_a_retried_evidence_or_resolution_is_recorded_once(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    seed(ctx, shipment("S-1", red_flags=[FLAG], evidence=[]))
    headers = bearer(tokens["officer"]) | {"Idempotency-Key": "retry-1"}
    entry = {"kind": "kyc_attestation", "reference": "KYC-9"}
    first = client.post("/api/shipments/S-1/evidence", json=entry, headers=headers).json()
    again = client.post("/api/shipments/S-1/evidence", json=entry, headers=headers).json()
    assert again == first
    path = f"/api/shipments/S-1/flags/{FLAG}/resolve"
    resolved = client.post(path, json={"reason": "checked"}, headers=headers).json()
    assert resolved["flag"] == FLAG  # the same key on another action is another request
    assert client.post(path, json={"reason": "checked"}, headers=headers).json() == resolved
    with ctx.ledger() as uow:
        assert len(uow.evidence.for_shipment("S-1")) == 1
        assert len(uow.evidence.resolutions("S-1")) == 1


def test_the_openapi_examples_are_accepted(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]

    def body(name: str) -> Any:
        return schemas[name]["examples"][0]

    headers = bearer(tokens["officer"])
    submitted = client.post("/api/shipments", json=body("SubmitRequest"), headers=headers)
    assert submitted.status_code == 201, submitted.text
    cleared = seed(ctx)["shipment_id"]
    flagged = seed(ctx, shipment("S-FLAG", red_flags=[FLAG]))["shipment_id"]
    for path, name in (
        (f"/api/shipments/{flagged}/evidence", "EvidenceRequest"),
        (f"/api/shipments/{flagged}/flags/{FLAG}/resolve", "ResolveRequest"),
        (f"/api/shipments/{cleared}/exported", "ExportedRequest"),
        (f"/api/shipments/{flagged}/cancel", "CancelRequest"),
        ("/api/rules/impact", "ImpactRequest"),
    ):
        response = client.post(path, json=body(name), headers=headers)
        assert response.status_code == 200, (name, response.text)
