"""The volume ledger over HTTP: record (once per idempotency key), totals, bad input."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from clearance.services.examples import example

from .conftest import assert_problem, bearer


def _totals(client: TestClient, token: str) -> list[dict[str, Any]]:
    response = client.get("/api/volumes", headers=bearer(token))
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()
    return rows


def test_recorded_volume_adds_up(client: TestClient, tokens: dict[str, str]) -> None:
    officer = bearer(tokens["officer"])
    for units in (100, 20):
        body = example("volume") | {"units": units}
        response = client.post("/api/volumes", json=body, headers=officer)
        assert response.status_code == 200, response.text
        assert (response.json()["units"], response.json()["redecided"]) == (units, [])
    assert _totals(client, tokens["auditor"]) == [
        {"product": "H200 SXM 141GB", "market": "US", "exporter": None, "units": 120}
    ]


def test_volume_may_name_its_exporter(client: TestClient, tokens: dict[str, str]) -> None:
    body = example("volume") | {"exporter": " Acme Inc. "}
    response = client.post("/api/volumes", json=body, headers=bearer(tokens["officer"]))
    assert response.status_code == 200, response.text
    assert response.json()["exporter"] == "Acme Inc."
    (total,) = _totals(client, tokens["auditor"])
    assert (total["exporter"], total["units"]) == ("Acme Inc.", example("volume")["units"])


def test_a_retry_with_the_same_key_records_once(client: TestClient, tokens: dict[str, str]) -> None:
    headers = bearer(tokens["officer"]) | {"Idempotency-Key": "q1-us"}
    for _ in range(2):
        assert client.post("/api/volumes", json=example("volume"), headers=headers).is_success
    (total,) = _totals(client, tokens["admin"])
    assert total["units"] == example("volume")["units"]


@pytest.mark.parametrize(
    ("changes", "status", "field"),
    [
        ({"market": "EU"}, 422, "market"),
        ({"units": 0}, 422, "units"),
        ({"units": "many"}, 422, "units"),
        ({"period": "Q1 2026"}, 422, "period"),
        ({"period": "0000"}, 400, "period"),
        ({"product": " "}, 422, "product"),
        ({"colour": "red"}, 422, "colour"),
        ({"exporter": " "}, 422, "exporter"),
        ({"exporter": "x" * 301}, 422, "exporter"),
    ],
)
def test_bad_input_names_the_field_and_records_nothing(
    client: TestClient, tokens: dict[str, str], changes: dict[str, Any], status: int, field: str
) -> None:
    body = example("volume") | changes
    response = client.post("/api/volumes", json=body, headers=bearer(tokens["admin"]))
    assert_problem(response, status, field)
    assert _totals(client, tokens["admin"]) == []


def test_a_buyer_neither_records_nor_reads_volume(
    client: TestClient, tokens: dict[str, str]
) -> None:
    buyer = bearer(tokens["buyer"])
    assert_problem(client.post("/api/volumes", json=example("volume"), headers=buyer), 403)
    assert_problem(client.get("/api/volumes", headers=buyer), 403)
    assert _totals(client, tokens["admin"]) == []


def test_a_bad_idempotency_key_is_refused_before_anything_is_recorded(
    client: TestClient, tokens: dict[str, str]
) -> None:
    for key in ("", "k" * 201):
        headers = bearer(tokens["admin"]) | {"Idempotency-Key": key}
        response = client.post("/api/volumes", json=example("volume"), headers=headers)
        assert_problem(response, 422, "Idempotency-Key")
    assert _totals(client, tokens["admin"]) == []
