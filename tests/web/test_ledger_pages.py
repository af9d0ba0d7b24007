"""The ledger's dashboard pages over the January 2026 timeline: each renders for an admin, an
applicant sees only its own shipments, approvals and notices, a detail out of scope is refused
(and the refusal logged)."""

# The API tests' fixtures are imported by name, and pytest hands them in as arguments.
# ruff: noqa: F811

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from clearance.api.context import ApiContext
from clearance.web.dashboard import COOKIE

from ..api.conftest import (  # noqa: F401  (shared fixtures)
    USERS,
    app,
    client,
    ctx,
    settings,
    tokens,
)
from .conftest import play_scenario

PAGES = ("/ui/overview", "/ui/shipments", "/ui/authorizations", "/ui/as-of", "/ui/audit")


@pytest.fixture
def played(ctx: ApiContext, client: TestClient) -> TestClient:
    play_scenario(ctx)
    return client


def _as(client: TestClient, token: str) -> TestClient:
    client.cookies.set(COOKIE, token)
    return client


def test_every_ledger_page_needs_a_sign_in(played: TestClient) -> None:
    for path in (*PAGES, "/ui/shipments/SHP-ALI-H200", "/ui/authorizations/US-BIS-H200-ALIBABA"):
        response = played.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"] == f"/ui/signin?next={path}"


def test_every_ledger_page_renders_for_an_admin(played: TestClient, tokens: dict[str, str]) -> None:
    client = _as(played, tokens["admin"])
    home = client.get("/ui/")
    for path in PAGES:
        assert f'href="{path}"' in home.text, path
        response = client.get(path)
        assert response.status_code == 200, path
    overview = client.get("/ui/overview").text
    assert "engine.authorization.balance_exceeded" in overview
    assert 'id="held-count">4<' in overview
    assert "China+Macau <strong>10,000</strong> of <strong>100,000</strong>" in overview
    assert "<progress" in overview


def test_the_shipment_page_shows_reasons_what_would_clear_it_and_history(
    played: TestClient, tokens: dict[str, str]
) -> None:
    page = _as(played, tokens["admin"]).get("/ui/shipments/SHP-ALI-H200-2")
    assert page.status_code == 200
    text = unescape(page.text)
    assert 'id="outcome">hold<' in text
    assert "What would clear it" in text
    assert "reduce the quantity to 40000 ics or amend US-BIS-H200-ALIBABA" in text
    assert "Decision history" in text
    assert "authorization.grant:US-BIS-H200-ALIBABA" in text
    assert "LAB-US-2026-0118" in text  # evidence
    assert "Input hash" in text  # provenance


def test_the_authorization_page_carries_the_chart_data_without_inline_script(
    played: TestClient, tokens: dict[str, str]
) -> None:
    page = _as(played, tokens["admin"]).get("/ui/authorizations/US-BIS-H200-ALIBABA")
    assert page.status_code == 200
    assert "<script>" not in page.text
    assert '<script src="/static/balance-chart.js" defer></script>' in page.text
    start = page.text.index('data-series="') + len('data-series="')
    series = json.loads(unescape(page.text[start : page.text.index('"', start)]))
    assert series == [
        {"on": "2026-02-20", "balance": 50_000},
        {"on": "2026-03-16", "balance": 40_000},
    ]
    assert "SHP-ALI-H200" in page.text  # its drawdown
    assert played.get("/static/balance-chart.js").status_code == 200


def test_an_applicant_sees_only_its_own_shipments_approvals_and_notices(
    played: TestClient, tokens: dict[str, str]
) -> None:
    client = _as(played, tokens["buyer"])
    shipments = client.get("/ui/shipments").text
    assert "SHP-ALI-H200-2" in shipments
    for other in ("SHP-BD-H200", "SHP-TC-H200", "SHP-DS-H200", "SHP-SG-H200"):
        assert other not in shipments
    approvals = client.get("/ui/authorizations").text
    assert "US-BIS-H200-ALIBABA" in approvals
    assert "US-BIS-H200-BYTEDANCE" not in approvals
    assert "CN-MOFCOM-H200-DEEPSEEK" not in approvals
    batch = client.get("/ui/authorizations/CN-MOFCOM-H200-BATCH1").text
    assert "Alibaba Cloud Computing Ltd." in batch
    assert "Beijing Volcano Engine Technology Co., Ltd.</td>" not in batch  # not its notice
    overview = client.get("/ui/overview").text
    assert "China-share gauge" not in overview  # volumes are not an applicant's to read
    assert "Alibaba Cloud Computing Ltd.</td>" in overview  # its notices
    assert "NVIDIA Corporation</td>" not in overview  # the exporter's are not
    assert "SHP-BD-H200" not in client.get("/ui/as-of?on=2026-03-20").text
    assert client.get("/ui/audit").status_code == 403


def test_another_applicant_sees_none_of_them(played: TestClient, tokens: dict[str, str]) -> None:
    client = _as(played, tokens["buyer-other"])
    assert "SHP-" not in client.get("/ui/shipments").text
    assert "US-BIS-" not in client.get("/ui/authorizations").text
    assert "0 shipment(s)" in client.get("/ui/shipments").text


@pytest.mark.parametrize(
    ("user", "path"),
    [
        ("buyer", "/ui/shipments/SHP-BD-H200"),
        ("buyer-other", "/ui/shipments/SHP-ALI-H200"),
        ("buyer", "/ui/authorizations/US-BIS-H200-BYTEDANCE"),
        ("mofcom", "/ui/authorizations/US-BIS-H200-ALIBABA"),
        ("officer-other", "/ui/shipments/SHP-ALI-H200"),
    ],
)
def test_a_detail_out_of_scope_is_refused_and_logged(
    played: TestClient, tokens: dict[str, str], ctx: ApiContext, user: str, path: str
) -> None:
    response = _as(played, tokens[user]).get(path)
    assert response.status_code == 403
    assert "What would clear it" not in response.text
    assert "data-series" not in response.text
    latest = ctx.refusals.recent(1)[0]
    assert (latest.user, latest.action, latest.status, latest.target) == (
        user,
        "ledger.read",
        403,
        path,
    )


def test_unknown_ids_and_bad_input(played: TestClient, tokens: dict[str, str]) -> None:
    client = _as(played, tokens["admin"])
    assert client.get("/ui/shipments/SHP-NONE").status_code == 404
    assert client.get("/ui/authorizations/NONE").status_code == 404
    bad = client.get("/ui/as-of?on=2026-13-01")
    assert bad.status_code == 400
    assert "on: not a date" in bad.text
    assert client.get("/ui/shipments?state=nonsense").status_code == 422
    assert client.get("/ui/audit/export?format=xml").status_code == 400


def test_as_of_shows_the_state_then_and_an_htmx_partial(
    played: TestClient, tokens: dict[str, str]
) -> None:
    client = _as(played, tokens["admin"])
    before = client.get("/ui/as-of?on=2026-03-01", headers={"HX-Request": "1"})
    assert "<html" not in before.text
    row = before.text.split('href="/ui/shipments/SHP-ALI-H200"')[1].split("</tr>")[0]
    assert "held" in row
    after = client.get("/ui/as-of?on=2026-03-20").text
    row = after.split('href="/ui/shipments/SHP-ALI-H200"')[1].split("</tr>")[0]
    assert "cleared" in row


def test_audit_status_and_export(played: TestClient, tokens: dict[str, str]) -> None:
    client = _as(played, tokens["auditor"])
    page = client.get("/ui/audit").text
    assert "The chain verifies" in page
    export = client.get("/ui/audit/export?format=jsonl")
    assert export.status_code == 200
    assert "attachment" in export.headers["content-disposition"]
    events = [json.loads(line) for line in export.text.splitlines()]
    assert str(len(events)) in page
    assert events[0]["seq"] == 1
    csv = client.get("/ui/audit/export?format=csv")
    assert csv.text.startswith("seq,at,actor")


def _ids(html: str, prefix: str) -> set[str]:
    return set(re.findall(rf'href="{prefix}/([^"?]+)"', html))


@pytest.mark.parametrize("user", sorted(USERS))
def test_lists_and_details_agree_for_every_user(
    played: TestClient, tokens: dict[str, str], user: str
) -> None:
    """What a list shows opens; what it leaves out is refused (and the other way round)."""
    everything = _as(played, tokens["admin"])
    shipments = _ids(everything.get("/ui/shipments").text, "/ui/shipments")
    approvals = _ids(everything.get("/ui/authorizations").text, "/ui/authorizations")
    assert len(shipments) == 7
    assert len(approvals) == 4
    client = _as(played, tokens[user])
    listed = _ids(client.get("/ui/shipments").text, "/ui/shipments")
    for shipment_id in shipments:
        expected = 200 if shipment_id in listed else 403
        assert client.get(f"/ui/shipments/{shipment_id}").status_code == expected, shipment_id
    listed = _ids(client.get("/ui/authorizations").text, "/ui/authorizations")
    for auth_id in approvals:
        expected = 200 if auth_id in listed else 403
        assert client.get(f"/ui/authorizations/{auth_id}").status_code == expected, auth_id
