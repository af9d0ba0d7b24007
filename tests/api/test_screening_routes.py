"""POST /api/screening (one name) and /api/screening/batch (JSON lines, input order)."""

from __future__ import annotations

import json

from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearance.api.context import ApiContext
from clearance.api.schemas import MAX_BATCH
from clearance.services.sample_parties import sample_entries

from .conftest import assert_problem, bearer

ENTRY = sample_entries()[0]


def test_one_name_finds_its_entry_with_the_explanation(
    client: TestClient, tokens: dict[str, str]
) -> None:
    response = client.post(
        "/api/screening", json={"name": ENTRY.name}, headers=bearer(tokens["officer"])
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["against"] == "sample"
    top = body["hits"][0]
    assert top["entry_id"] == ENTRY.entry_id
    assert top["score"] == 1.0
    assert top["features"]["name"]["detail"]


def test_batch_streams_one_line_per_name_in_order(
    client: TestClient, tokens: dict[str, str]
) -> None:
    names = [
        {"id": str(i), "name": ENTRY.name if i % 3 == 0 else f"Nobody Ltd {i}"} for i in range(600)
    ]
    response = client.post(
        "/api/screening/batch", json={"names": names}, headers=bearer(tokens["auditor"])
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    rows = [json.loads(line) for line in response.text.splitlines()]
    assert [r["id"] for r in rows] == [n["id"] for n in names]
    assert all(bool(r["hits"]) == (int(r["id"]) % 3 == 0) for r in rows)


def test_batch_bad_row_is_one_problem_naming_it(client: TestClient, tokens: dict[str, str]) -> None:
    names = [{"id": "a", "name": "X"}, {"id": "b", "name": "Y", "country": "QQ"}]
    response = client.post(
        "/api/screening/batch", json={"names": names}, headers=bearer(tokens["admin"])
    )
    assert_problem(response, 400, field="names[1].country")


def test_batch_over_the_limit_is_refused(client: TestClient, tokens: dict[str, str]) -> None:
    names = [{"id": str(i), "name": "n"} for i in range(MAX_BATCH + 1)]
    response = client.post(
        "/api/screening/batch", json={"names": names}, headers=bearer(tokens["admin"])
    )
    assert_problem(response, 422, field="names")


def test_empty_name_is_refused(client: TestClient, tokens: dict[str, str]) -> None:
    response = client.post("/api/screening", json={"name": "  "}, headers=bearer(tokens["admin"]))
    assert_problem(response, 422, field="name")


def test_before_the_first_index_is_built_screening_says_so(
    app: FastAPI, ctx: ApiContext, tokens: dict[str, str]
) -> None:
    client = TestClient(app)  # no lifespan: nothing has started building the index
    assert not ctx.index.ready
    response = client.post("/api/screening", json={"name": "x"}, headers=bearer(tokens["admin"]))
    assert_problem(response, 503)
    assert response.headers["retry-after"] == "5"
    assert client.get("/readyz").status_code == 503
