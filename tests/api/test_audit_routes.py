"""The audit export over HTTP: JSON lines or CSV, with their media types; admin and auditor."""

from __future__ import annotations

import csv
import io
import json

from fastapi.testclient import TestClient

from clearance.api.context import ApiContext
from clearance.services.ledger_audit import EXPORT_FIELDS

from .conftest import assert_problem, bearer
from .ledger_authorization_endpoints import LICENCE_ID, licence, seed


def test_jsonl_export_has_one_event_per_line(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    seed(ctx, licence())
    response = client.get("/api/audit/export", headers=bearer(tokens["auditor"]))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/jsonl")
    events = [json.loads(line) for line in response.text.splitlines()]
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert ("authorization.add", f"authorization:{LICENCE_ID}") in {
        (e["action"], e["subject"]) for e in events
    }


def test_csv_export_has_a_header_and_a_row_per_event(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    seed(ctx, licence())
    jsonl = client.get("/api/audit/export", headers=bearer(tokens["admin"])).text
    response = client.get("/api/audit/export?format=csv", headers=bearer(tokens["admin"]))
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == EXPORT_FIELDS
    assert len(rows) == len(jsonl.splitlines())


def test_bad_format_and_other_roles_are_refused(client: TestClient, tokens: dict[str, str]) -> None:
    admin = bearer(tokens["admin"])
    assert_problem(client.get("/api/audit/export?format=xml", headers=admin), 422, "format")
    for user in ("officer", "bis", "buyer"):
        assert_problem(client.get("/api/audit/export", headers=bearer(tokens[user])), 403)
