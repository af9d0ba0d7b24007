"""Stored decisions (get, replay) scoped through their shipment, and the rule-change impact,
which writes nothing (on SQLite, and on PostgreSQL when one is given)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from clearance.api.context import ApiContext
from clearance.rules.pack_loader import MESSAGES
from clearance.services.ruleset import bundled_rule_files
from clearance.store.ledger_tables import AuditEventRow, DecisionRow

from .conftest import assert_problem, bearer
from .ledger_shipment_endpoints import IMPACT_FILES, seed, shipment
from .ledger_shipment_endpoints import ledger_app as app  # noqa: F401  (fixtures)
from .ledger_shipment_endpoints import ledger_settings as settings  # noqa: F401


def _count(ctx: ApiContext, table: type) -> int:
    with ctx.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(table)) or 0)


def test_a_decision_shows_what_was_decided_and_why(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    result = seed(ctx)
    response = client.get(
        f"/api/decisions/{result['decision_id']}", headers=bearer(tokens["buyer"])
    )
    assert response.status_code == 200, response.text
    shown = response.json()
    assert shown["shipment_id"] == result["shipment_id"]
    assert shown["outcome"] == "cleared"
    assert shown["reason_ids"] == result["reason_ids"]
    assert shown["record"]["reasons"] == result["reasons"]
    assert shown["trigger"] == "submit"
    assert shown["ruleset_hash"] == ctx.ruleset.content_hash


def test_a_decision_is_scoped_through_its_shipment(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    decision_id = seed(ctx)["decision_id"]
    for user in ("buyer-other", "officer-other", "mofcom", "sg"):
        response = client.get(f"/api/decisions/{decision_id}", headers=bearer(tokens[user]))
        assert_problem(response, 403)
    refusal = ctx.refusals.recent(1)[0]
    assert (refusal.user, refusal.target) == ("sg", f"decision:{decision_id}")


def test_an_unknown_or_malformed_decision_id_is_a_problem(
    client: TestClient, tokens: dict[str, str]
) -> None:
    headers = bearer(tokens["admin"])
    assert_problem(client.get("/api/decisions/99", headers=headers), 404)
    assert_problem(client.post("/api/decisions/99/replay", headers=headers), 404)
    assert_problem(client.get("/api/decisions/abc", headers=headers), 422, field="decision_id")
    assert_problem(client.get("/api/decisions/0", headers=headers), 422, field="decision_id")


def test_replay_gives_the_same_outcome_and_writes_nothing(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    decision_id = seed(ctx, shipment("S-HELD", evidence=[]))["decision_id"]
    decisions, events = _count(ctx, DecisionRow), _count(ctx, AuditEventRow)
    response = client.post(
        f"/api/decisions/{decision_id}/replay", headers=bearer(tokens["auditor"])
    )
    assert response.status_code == 200, response.text
    replayed = response.json()
    assert replayed["status"] == "same"
    assert replayed["stored"] == "hold"
    assert replayed["replayed"] == "hold"
    assert (_count(ctx, DecisionRow), _count(ctx, AuditEventRow)) == (decisions, events)


def test_replay_is_refused_outside_the_scope_and_to_applicants(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    decision_id = seed(ctx)["decision_id"]
    for user in ("buyer", "officer-other", "mofcom"):
        response = client.post(f"/api/decisions/{decision_id}/replay", headers=bearer(tokens[user]))
        assert_problem(response, 403)


def test_impact_lists_what_a_candidate_would_change_and_writes_nothing(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    shipment_id = seed(ctx)["shipment_id"]
    decisions, events = _count(ctx, DecisionRow), _count(ctx, AuditEventRow)
    response = client.post(
        "/api/rules/impact", json={"files": IMPACT_FILES}, headers=bearer(tokens["officer"])
    )
    assert response.status_code == 200, response.text
    (row,) = response.json()
    assert row["shipment_id"] == shipment_id
    assert row["now"] == "cleared"
    assert row["candidate"] != "cleared"  # no licence policy in the candidate: nothing clears
    assert "engine.authorization.satisfied" in row["reasons_removed"]
    assert row["why"]
    assert (_count(ctx, DecisionRow), _count(ctx, AuditEventRow)) == (decisions, events)


def test_impact_covers_only_the_shipments_the_principal_may_see(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    seed(ctx)
    response = client.post(
        "/api/rules/impact", json={"files": IMPACT_FILES}, headers=bearer(tokens["officer-other"])
    )
    assert response.status_code == 200, response.text
    assert response.json() == []


def test_impact_of_unchanged_rules_is_empty(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    seed(ctx)
    seed(ctx, shipment("S-HELD", evidence=[]))
    files = bundled_rule_files()
    files.pop(MESSAGES)  # defaults to the bundled messages
    response = client.post(
        "/api/rules/impact", json={"files": files}, headers=bearer(tokens["admin"])
    )
    assert response.status_code == 200, response.text
    assert response.json() == []


def test_a_broken_candidate_is_a_problem_naming_the_file_and_field(
    client: TestClient, tokens: dict[str, str]
) -> None:
    headers = bearer(tokens["admin"])

    def impact(files: dict[str, str]) -> object:
        return client.post("/api/rules/impact", json={"files": files}, headers=headers)

    assert_problem(impact({"../etc/x.yaml": "a: 1"}), 400, field="files.../etc/x.yaml")
    assert_problem(impact({"us/pack.txt": "a: 1"}), 400, field="files.us/pack.txt")
    broken = dict(IMPACT_FILES, **{"us/pack.yaml": "id: [unclosed"})
    problem = assert_problem(impact(broken), 400)
    assert str(problem["field"]).startswith("files.us/pack.yaml")
    assert_problem(impact({}), 422, field="files")


def test_impact_is_not_for_applicants_or_authorities(
    client: TestClient, tokens: dict[str, str]
) -> None:
    for user in ("buyer", "bis"):
        response = client.post(
            "/api/rules/impact", json={"files": IMPACT_FILES}, headers=bearer(tokens[user])
        )
        assert_problem(response, 403)
