"""The dashboard in headless Chromium (Debian's, driven by Playwright): sign in, use each
page, no console errors; screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from clearance.services.sample_parties import sample_entries

from .conftest import CHROMIUM_FLAGS, SCREENSHOTS, LiveServer

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def browser(chromium: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


def _page(browser: Any, problems: list[str]) -> Any:
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return page


def _shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _sign_in(page: Any, server: LiveServer, user: str) -> None:
    page.goto(f"{server.url}/ui/")
    assert "/ui/signin" in page.url
    page.fill("#token", server.tokens[user])
    page.click("#signin")
    page.wait_for_url(f"{server.url}/ui/")


def test_admin_signs_in_and_uses_every_page(browser: Any, live_server: LiveServer) -> None:
    problems: list[str] = []
    page = _page(browser, problems)
    page.goto(f"{live_server.url}/ui/")
    _shot(page, "01-signin")
    _sign_in(page, live_server, "admin")
    assert "Welcome, admin" in page.text_content("h1")
    _shot(page, "02-home")

    entry = sample_entries()[0]
    page.click("text=Screening")
    page.fill("#name", entry.name)
    page.fill("#country", "CN")
    page.click("#screen")
    page.wait_for_selector("article.hit")
    assert entry.name in page.text_content("#hits")
    assert "paired" in page.text_content("#hits")  # the name feature's explanation
    _shot(page, "03-screening")

    page.click("nav >> text=Rules")
    page.fill("input[name=as_of]", "2026-02-02")
    page.click("#rules-asof")
    page.wait_for_selector("table.rules tbody tr")
    page.click("table.rules tbody tr:first-child a")
    page.wait_for_selector("dl.facts")
    assert "Citation" in page.text_content("dl.facts")
    _shot(page, "04-rule")

    page.click("nav >> text=Classify")
    for field, value in {
        "name": "H200 SXM 141GB",
        "vendor": "NVIDIA",
        "as_of": "2026-02-02",
        "fp8": "1979",
        "applicable_die_area_mm2": "814",
        "dram_bandwidth_gbs": "4800",
    }.items():
        page.fill(f"[name={field}]", value)
    page.check("[name=datacenter]")
    page.click("#classify")
    page.wait_for_selector("article.report")
    assert "3A090.a" in page.text_content(".verdict")
    _shot(page, "05-classify")
    assert problems == []


def test_an_applicant_sees_only_its_pages(browser: Any, live_server: LiveServer) -> None:
    problems: list[str] = []
    page = _page(browser, problems)
    _sign_in(page, live_server, "buyer")
    nav = page.text_content("header nav")
    assert "Classify" in nav
    assert "Screening" not in nav
    assert "Alibaba Cloud Computing Ltd." in nav
    _shot(page, "06-applicant-home")
    assert problems == []


def test_activity_shows_refusals_and_deliveries(browser: Any, live_server: LiveServer) -> None:
    import httpx

    from clearance.services.webhooks import add_subscriber, deliver_due, publish, utc_now

    ctx = live_server.ctx
    assert httpx.get(f"{live_server.url}/api/me").status_code == 401
    now = utc_now()
    add_subscriber(
        ctx.webhooks, "Alibaba Cloud Computing Ltd.", "http://127.0.0.1:9/down", "s" * 20, now
    )
    publish(ctx.webhooks, "Alibaba Cloud Computing Ltd.", "notice", {"notice": "N-1"}, now)
    deliver_due(ctx.webhooks, ctx.sender, now)  # port 9 is closed: pending, with the error
    problems: list[str] = []
    page = _page(browser, problems)
    _sign_in(page, live_server, "admin")
    page.click("nav >> text=Activity")
    page.wait_for_selector("h1")
    text = page.text_content("main")
    assert "no token" in text
    assert "pending" in text
    assert "Alibaba Cloud Computing Ltd." in text
    _shot(page, "07-activity")
    assert problems == []


def test_a_held_shipment_shows_its_reasons_and_what_would_clear_it(
    browser: Any, live_server: LiveServer
) -> None:
    problems: list[str] = []
    page = _page(browser, problems)
    _sign_in(page, live_server, "admin")
    page.click("nav >> text=Check")
    page.click("#load-example")
    page.wait_for_selector("textarea[name=shipment]")
    assert "SHP-ALI-H200" in page.input_value("textarea[name=shipment]")
    page.click("#decide")
    page.wait_for_selector("#outcome")
    assert page.text_content("#outcome").strip() == "hold"
    assert "What would clear it" in page.text_content(".clears")
    assert page.locator("table.reasons tbody tr").count() >= 1
    _shot(page, "08-check-hold")
    assert problems == []
