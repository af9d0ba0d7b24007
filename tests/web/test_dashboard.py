"""Dashboard pages without a browser: sign-in, role-filtered pages, refusals, redirects."""

# The API tests' fixtures are imported by name, and pytest hands them in as arguments.
# ruff: noqa: F811

from __future__ import annotations

from fastapi.testclient import TestClient

from clearance.api.context import ApiContext
from clearance.web.dashboard import COOKIE

from ..api.conftest import app, client, ctx, settings, tokens  # noqa: F401  (shared fixtures)


def _signed_in(client: TestClient, token: str) -> TestClient:
    client.cookies.set(COOKIE, token)
    return client


def test_pages_need_a_sign_in(client: TestClient) -> None:
    for path in ("/ui/", "/ui/screening", "/ui/rules", "/ui/classify"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/ui/signin")


def test_sign_in_sets_an_http_only_cookie(client: TestClient, tokens: dict[str, str]) -> None:
    response = client.post(
        "/ui/signin", data={"token": tokens["auditor"], "next": "/ui/rules"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/ui/rules"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie


def test_bad_token_and_open_redirects(client: TestClient, tokens: dict[str, str]) -> None:
    bad = client.post("/ui/signin", data={"token": "clr_nope"})
    assert bad.status_code == 401
    assert "not valid" in bad.text
    response = client.post(
        "/ui/signin",
        data={"token": tokens["admin"], "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/ui/"


def test_applicant_is_refused_screening_and_the_refusal_is_logged(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    _signed_in(client, tokens["buyer"])
    home = client.get("/ui/")
    assert home.status_code == 200
    assert 'href="/ui/screening"' not in home.text
    response = client.get("/ui/screening?name=Huawei")
    assert response.status_code == 403
    assert "hit" not in response.text.lower().replace("white", "")
    latest = ctx.refusals.recent(1)[0]
    assert (latest.user, latest.action, latest.status) == ("buyer", "screen", 403)


def test_screening_partial_for_htmx(client: TestClient, tokens: dict[str, str]) -> None:
    _signed_in(client, tokens["officer"])
    response = client.get(
        "/ui/screening?name=Huawei+Technologies+Co.,+Ltd.&country=CN", headers={"HX-Request": "1"}
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "article" in response.text


def test_classify_form_error_names_the_field(client: TestClient, tokens: dict[str, str]) -> None:
    _signed_in(client, tokens["admin"])
    response = client.post("/ui/classify", data={"name": "X", "vendor": "Y", "fp8": "abc"})
    assert response.status_code == 200
    assert "fp8: not a number" in response.text


def test_vendored_assets_are_served_locally(client: TestClient) -> None:
    for name in ("htmx.min.js", "pico.min.css", "chart.umd.min.js"):
        assert client.get(f"/static/vendor/{name}").status_code == 200


def test_vendored_files_match_their_recorded_checksums() -> None:
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "tools/vendor_assets.py", "--check"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_pages_carry_security_headers(client: TestClient) -> None:
    response = client.get("/ui/signin")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/docs").status_code == 404  # no page that loads scripts from a CDN


def test_activity_is_for_admins_and_auditors(client: TestClient, tokens: dict[str, str]) -> None:
    _signed_in(client, tokens["auditor"])
    assert client.get("/ui/activity").status_code == 200
    _signed_in(client, tokens["officer"])
    assert client.get("/ui/activity").status_code == 403


def test_check_page_decides_and_scopes(client: TestClient, tokens: dict[str, str]) -> None:
    from clearance.web.check_form import example_form

    form = example_form()
    data = {"shipment": form.shipment, "authorizations": form.authorizations, "as_of": form.as_of}
    _signed_in(client, tokens["buyer"])
    response = client.post("/ui/check", data=data, headers={"HX-Request": "1"})
    assert response.status_code == 200
    assert 'id="outcome">hold<' in response.text
    _signed_in(client, tokens["buyer-other"])
    assert client.post("/ui/check", data=data).status_code == 403


def test_check_page_refuses_item_file_names(client: TestClient, tokens: dict[str, str]) -> None:
    _signed_in(client, tokens["admin"])
    shipment = (
        "id: S1\ndate: 2026-02-02\nexporter: {name: A, country: US}\n"
        "consignee: {name: B, country: CN}\nend_user: {name: B, country: CN}\n"
        "end_use: datacenter\nfrom_country: US\nto_country: CN\n"
        "lines: [{item: /etc/passwd, quantity: 1}]\n"
    )
    response = client.post("/ui/check", data={"shipment": shipment})
    assert "lines[0].item: give the item spec inline here" in response.text


def test_importing_lists_from_the_home_page(
    client: TestClient, tokens: dict[str, str], ctx: ApiContext
) -> None:
    from pathlib import Path

    fixture = Path(__file__).parents[1] / "lists" / "fixtures" / "csl_projection_sample.csv"
    _signed_in(client, tokens["officer"])
    files = {"files": (fixture.name, fixture.read_bytes(), "text/csv")}
    response = client.post("/ui/lists/import", files=files)
    assert response.status_code == 200
    assert "the new screening index is being built" in response.text
    assert len(ctx.snapshots.infos()) == 1
    bad = client.post("/ui/lists/import", files={"files": ("x.csv", b"a,b\n1,2\n", "text/csv")})
    assert bad.status_code == 400
    assert len(ctx.snapshots.infos()) == 1
    _signed_in(client, tokens["auditor"])
    assert 'action="/ui/lists/import"' not in client.get("/ui/").text
    assert client.post("/ui/lists/import", files=files).status_code == 403
