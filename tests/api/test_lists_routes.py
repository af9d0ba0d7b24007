"""POST /api/lists/import: an uploaded file becomes a snapshot and the index is swapped."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from clearance.api.context import ApiContext

from .conftest import assert_problem, bearer

FIXTURE = Path(__file__).parents[1] / "lists" / "fixtures" / "csl_projection_sample.csv"


def _wait_for(ctx: ApiContext, generation: int) -> None:
    deadline = time.monotonic() + 30
    while ctx.index.status().generation < generation or ctx.index.building:
        assert time.monotonic() < deadline, "the index was not rebuilt"
        time.sleep(0.02)


def test_import_stores_a_snapshot_and_swaps_the_index(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    headers = bearer(tokens["officer"])
    assert ctx.index.current().label == "sample"
    files = {"files": (FIXTURE.name, FIXTURE.read_bytes(), "text/csv")}
    response = client.post("/api/lists/import", files=files, headers=headers)
    assert response.status_code == 202, response.text
    imported = response.json()["imported"]
    assert len(imported) == 1
    assert imported[0]["format"] == "csl-csv"
    _wait_for(ctx, 2)
    status = client.get("/api/lists", headers=headers).json()
    assert [s["id"] for s in status["snapshots"]] == [imported[0]["id"]]
    assert status["index"]["against"] == imported[0]["id"]
    again = client.post("/api/lists/import", files=files, headers=headers).json()
    assert again["imported"] == []
    assert again["unchanged"] == [imported[0]["id"]]


def test_a_bad_file_stores_nothing(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    files = {"files": ("list.csv", b"not,a,list\n1,2,3\n", "text/csv")}
    response = client.post("/api/lists/import", files=files, headers=bearer(tokens["admin"]))
    assert_problem(response, 400)
    assert ctx.snapshots.infos() == []
    assert ctx.index.current().label == "sample"


def test_an_upload_over_the_limit_is_413_and_stores_nothing(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    big = FIXTURE.read_bytes() + b"\n" * (65 * 1024)  # the test app's upload limit is 64 KiB
    files = {"files": (FIXTURE.name, big, "text/csv")}
    response = client.post("/api/lists/import", files=files, headers=bearer(tokens["admin"]))
    assert_problem(response, 413)
    assert ctx.snapshots.infos() == []


def test_screening_answers_while_an_import_rebuilds_the_index(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    import threading

    from clearance.services.screening_source import ScreeningSource

    release, started = threading.Event(), threading.Event()
    load = ctx.index.load_source

    def slow_load() -> ScreeningSource:
        started.set()
        assert release.wait(30)  # the new index is held back until the test lets it go
        return load()

    ctx.index.load_source = slow_load
    files = {"files": (FIXTURE.name, FIXTURE.read_bytes(), "text/csv")}
    imported = client.post("/api/lists/import", files=files, headers=bearer(tokens["admin"]))
    assert imported.status_code == 202
    assert started.wait(10)
    try:
        for _ in range(20):  # every request is answered from the old index, at once
            began = time.perf_counter()
            response = client.post(
                "/api/screening", json={"name": "Huawei"}, headers=bearer(tokens["officer"])
            )
            assert response.status_code == 200
            assert response.json()["against"] == "sample"
            assert time.perf_counter() - began < 2.0
        assert client.get("/api/lists", headers=bearer(tokens["admin"])).json()["index"]["building"]
    finally:
        release.set()
    _wait_for(ctx, 2)
    response = client.post(
        "/api/screening", json={"name": "Huawei"}, headers=bearer(tokens["officer"])
    )
    assert response.json()["against"] == imported.json()["imported"][0]["id"]
