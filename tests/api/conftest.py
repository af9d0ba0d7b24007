"""An app over a fresh SQLite file and data directory, and one signed-in user per role.

`tokens` maps a user name to its token:
  admin, officer (compliance officer of NVIDIA Corporation), officer-other (of another
  exporter), bis (authority officer, US), mofcom (authority officer, CN), buyer (applicant,
  Alibaba Cloud Computing Ltd.), buyer-other (applicant, another party), auditor.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearance.api import create_app
from clearance.api.context import ApiContext
from clearance.services.access import add_user, new_principal
from clearance.settings import Settings

USERS = {
    "admin": ("admin", None, None),
    "officer": ("compliance_officer", "NVIDIA Corporation", None),
    "officer-other": ("compliance_officer", "Other Exporter Inc.", None),
    "bis": ("authority_officer", None, "US"),
    "mofcom": ("authority_officer", None, "CN"),
    "sg": ("authority_officer", None, "SG"),
    "buyer": ("applicant", "Alibaba Cloud Computing Ltd.", None),
    "buyer-other": ("applicant", "Tencent Holdings Ltd.", None),
    "auditor": ("auditor", None, None),
}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        database_url=f"sqlite:///{tmp_path / 'api.sqlite3'}",
        webhook_interval=0,
        api_token_cache_seconds=0,  # revocations take effect at once in these tests
        api_max_body_bytes=2 * 1024 * 1024,
        api_max_upload_bytes=64 * 1024,
    )


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def ctx(app: FastAPI) -> ApiContext:
    context: ApiContext = app.state.ctx
    return context


@pytest.fixture
def client(app: FastAPI, ctx: ApiContext) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        ctx.index.current()  # the first build, so that every test starts ready
        yield test_client


@pytest.fixture
def tokens(ctx: ApiContext) -> dict[str, str]:
    return {
        name: add_user(ctx.users, new_principal(name, role, party, jurisdiction))
        for name, (role, party, jurisdiction) in USERS.items()
    }


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_problem(response: object, status: int, field: str | None = None) -> dict[str, object]:
    """The response is an RFC 9457 problem with this status (and naming this field)."""
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    assert response.headers["content-type"] == "application/problem+json"  # type: ignore[attr-defined]
    body: dict[str, object] = response.json()  # type: ignore[attr-defined]
    assert body["status"] == status
    assert body["type"].startswith("urn:clearance:problem:")  # type: ignore[union-attr]
    assert body["title"]
    assert body["detail"]
    if field is not None:
        assert body.get("field") == field, body
    return body
