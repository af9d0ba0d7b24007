"""POST /api/classify and /api/check: the same use cases as the CLI, errors as problems."""

from __future__ import annotations

from fastapi.testclient import TestClient

from clearance.api.context import ApiContext

from . import requests
from .conftest import assert_problem, bearer


def test_classify_h200_is_3a090a(client: TestClient, tokens: dict[str, str]) -> None:
    body = {"item": requests.item(), "as_of": "2026-02-02"}
    response = client.post("/api/classify", json=body, headers=bearer(tokens["buyer"]))
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["control_code"] == "3A090.a"
    assert round(report["tpp"]) == 15832
    assert report["rule"]["citation"]


def test_classify_bad_rate_names_the_field(client: TestClient, tokens: dict[str, str]) -> None:
    item = requests.item()
    item["rates"]["fp8"] = -5
    response = client.post("/api/classify", json={"item": item}, headers=bearer(tokens["admin"]))
    problem = assert_problem(response, 422, field="item.rates.fp8")
    assert "-5" in str(problem["detail"])


def test_check_decides_and_explains(client: TestClient, tokens: dict[str, str]) -> None:
    response = client.post(
        "/api/check", json=requests.check_body(), headers=bearer(tokens["officer"])
    )
    assert response.status_code == 200, response.text
    decision = response.json()
    assert decision["shipment_id"] == "SHP-ALI-H200"
    assert decision["outcome"] in ("cleared", "hold", "denied")
    assert decision["reasons"]
    assert all(r["rule_id"] for r in decision["reasons"])


def test_check_refuses_file_names_for_items(client: TestClient, tokens: dict[str, str]) -> None:
    body = requests.check_body()
    body["shipment"]["lines"][0]["item"] = "/etc/passwd"
    response = client.post("/api/check", json=body, headers=bearer(tokens["admin"]))
    assert_problem(response, 422, field="shipment.lines[0].item")


def test_check_bad_country_is_a_400_naming_the_field(
    client: TestClient, tokens: dict[str, str]
) -> None:
    body = requests.check_body(to_country="ZZ")
    response = client.post("/api/check", json=body, headers=bearer(tokens["admin"]))
    assert_problem(response, 400, field="to_country")


def test_check_stores_nothing(client: TestClient, tokens: dict[str, str], ctx: ApiContext) -> None:
    from sqlalchemy import text

    client.post("/api/check", json=requests.check_body(), headers=bearer(tokens["admin"]))
    with ctx.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM screened_party")).scalar() == 0
        assert conn.execute(text("SELECT COUNT(*) FROM party_hit")).scalar() == 0


def test_unknown_rule_is_a_404_problem(client: TestClient, tokens: dict[str, str]) -> None:
    response = client.get("/api/rules/no.such.rule", headers=bearer(tokens["auditor"]))
    assert_problem(response, 404)


def test_rules_as_of_a_day(client: TestClient, tokens: dict[str, str]) -> None:
    response = client.get("/api/rules?as_of=2026-02-02", headers=bearer(tokens["auditor"]))
    assert response.status_code == 200
    rules = response.json()["rules"]
    assert rules
    rule_id = rules[0]["id"]
    shown = client.get(f"/api/rules/{rule_id}", headers=bearer(tokens["auditor"])).json()
    assert shown["id"] == rule_id
    assert shown["citation"]


def test_rules_bad_date_names_the_query_parameter(
    client: TestClient, tokens: dict[str, str]
) -> None:
    response = client.get("/api/rules?as_of=2026-13-01", headers=bearer(tokens["auditor"]))
    problem = assert_problem(response, 422, field="as_of")
    assert problem["errors"][0]["in"] == "query"  # type: ignore[index]


def test_audit_verify_on_an_empty_ledger(client: TestClient, tokens: dict[str, str]) -> None:
    response = client.get("/api/audit/verify", headers=bearer(tokens["auditor"]))
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["ok"] is True
    assert report["first_bad_seq"] is None
