"""Every error is application/problem+json: unknown paths, methods, bad JSON, big bodies."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .conftest import assert_problem, bearer


def test_unknown_path_and_method(client: TestClient) -> None:
    assert_problem(client.get("/api/nothing-here"), 404)
    assert_problem(client.delete("/api/classify"), 405)


def test_malformed_json_is_a_422_problem(client: TestClient, tokens: dict[str, str]) -> None:
    headers = {**bearer(tokens["admin"]), "content-type": "application/json"}
    response = client.post("/api/classify", content=b"{not json", headers=headers)
    assert_problem(response, 422)


def test_a_body_over_the_limit_is_refused_before_parsing(
    client: TestClient, tokens: dict[str, str]
) -> None:
    body = b'{"name": "' + b"x" * (3 * 1024 * 1024) + b'"}'  # the test app's limit is 2 MiB
    headers = {**bearer(tokens["admin"]), "content-type": "application/json"}
    assert_problem(client.post("/api/screening", content=body, headers=headers), 413)


def test_a_streamed_body_over_the_limit_is_refused(
    client: TestClient, tokens: dict[str, str]
) -> None:
    def chunks():  # no Content-Length: the limit is counted as the body arrives
        for _ in range(40):
            yield b"x" * (64 * 1024)

    headers = {**bearer(tokens["admin"]), "content-type": "application/json"}
    assert_problem(client.post("/api/screening", content=chunks(), headers=headers), 413)


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "checks": {}}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "screening_index": "ok"}


def test_openapi_has_an_example_for_every_body(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    bodies = 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            for media, entry in content.items():
                if media != "application/json":
                    continue
                schema = entry["schema"]  # an optional body is anyOf [its schema, null]
                ref = next(s["$ref"] for s in (schema, *schema.get("anyOf", ())) if "$ref" in s)
                ref = ref.split("/")[-1]
                assert schemas[ref].get("examples"), f"{method} {path}: no example"
                bodies += 1
    assert bodies >= 6
