"""The dashboard in headless Chromium (Debian's, driven by Playwright): sign in, use each
page, no console errors; screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from clearance.services.sample_parties import sample_entries

from .conftest import CHROMIUM_FLAGS, SCREENSHOTS, LiveServer, play_scenario

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


def _settled(page: Any, problems: list[str], name: str) -> None:
    """The page loaded without a console error (CSP violations included); a screenshot."""
    page.wait_for_load_state("networkidle")
    _shot(page, name)
    assert problems == [], name


def test_the_ledger_pages_a_held_shipment_and_a_balance_chart(
    browser: Any, live_server: LiveServer
) -> None:
    play_scenario(live_server.ctx)
    print(f"screenshots: {SCREENSHOTS}")
    problems: list[str] = []
    page = _page(browser, problems)
    _sign_in(page, live_server, "admin")

    page.click("nav >> text=Overview")
    page.wait_for_selector("table.holds")
    assert "engine.authorization.balance_exceeded" in page.text_content("table.holds")
    assert page.locator("table.balances progress").count() >= 2
    assert page.locator("article.gauge meter").count() == 1
    _settled(page, problems, "10-overview")

    page.click("nav >> text=Shipments")
    page.select_option("select[name=state]", "held")
    page.click("#filter-shipments")
    page.wait_for_url("**/ui/shipments?state=held")
    page.click("table.shipments >> text=SHP-ALI-H200-2")
    page.wait_for_selector("#outcome")
    assert page.text_content("#outcome").strip() == "hold"
    clears = page.text_content(".clears")
    assert "What would clear it" in clears
    assert "US-BIS-H200-ALIBABA" in clears
    assert page.locator("table.reasons tbody tr").count() >= 1
    assert page.locator("table.history tbody tr").count() == 4
    _settled(page, problems, "11-held-shipment")

    page.click("nav >> text=Authorizations")
    page.click("table.authorizations >> text=US-BIS-H200-ALIBABA")
    page.wait_for_selector("canvas#balance-chart[data-rendered='2']")
    box = page.locator("canvas#balance-chart").bounding_box()
    assert box["width"] > 300
    assert box["height"] > 100
    painted = page.evaluate(
        """() => {
            const c = document.getElementById('balance-chart');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; }
            return n;
        }"""
    )
    assert painted > 1000  # the line, its fill and the axes are drawn
    _settled(page, problems, "12-authorization-chart")

    page.click("nav >> text=As of")
    page.fill("input[name=on]", "2026-03-01")
    page.click("#show-as-of")
    page.wait_for_selector("table.as-of-shipments")
    assert "granted conditions pending" in page.text_content("table.as-of-authorizations")
    assert "on=2026-03-01" in page.url  # htmx pushed the day into the address
    _settled(page, problems, "13-as-of")

    page.click("nav >> text=Audit")
    page.wait_for_selector("#chain-status")
    assert "The chain verifies" in page.text_content("#chain-status")
    _settled(page, problems, "14-audit")


def test_an_applicant_sees_only_its_own_shipments_in_the_browser(
    browser: Any, live_server: LiveServer
) -> None:
    play_scenario(live_server.ctx)
    problems: list[str] = []
    page = _page(browser, problems)
    _sign_in(page, live_server, "buyer")
    assert "Audit" not in page.text_content("header nav")
    page.click("nav >> text=Shipments")
    page.wait_for_selector("table.shipments")
    listed = page.locator("table.shipments tbody tr td:first-child").all_text_contents()
    assert sorted(listed) == ["SHP-ALI-B200", "SHP-ALI-H200", "SHP-ALI-H200-2"]
    _settled(page, problems, "15-applicant-shipments")
    page.goto(f"{live_server.url}/ui/shipments/SHP-BD-H200")
    assert "Not allowed" in page.text_content("main")
