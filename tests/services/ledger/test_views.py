"""The dashboard's read models over the January 2026 timeline: what each principal sees."""

from __future__ import annotations

from datetime import date

import pytest

from clearance.domain.errors import NotFoundError
from clearance.services.access import Principal, Role
from clearance.services.ledger_approvals import authorization_detail, authorization_rows
from clearance.services.ledger_asof import ledger_on
from clearance.services.ledger_model import ShipmentState
from clearance.services.ledger_timeline import play
from clearance.services.ledger_views import overview, shipment_detail, shipment_rows
from clearance.store.ledger_store import SqlLedger

from .support import ROOT, context

SCENARIO = ROOT / "examples" / "h200-2026"
ADMIN = Principal("admin", Role.ADMIN)
BUYER = Principal("buyer", Role.APPLICANT, party="Alibaba Cloud Computing Ltd.")
OTHER = Principal("other", Role.APPLICANT, party="Tencent Holdings Ltd.")
MOFCOM = Principal("mofcom", Role.AUTHORITY_OFFICER, jurisdiction="CN")


@pytest.fixture
def played(ledger: SqlLedger) -> SqlLedger:
    play(ledger, context(), SCENARIO)
    return ledger


def test_overview_counts_holds_by_reason_and_shows_balances_and_the_gauge(
    played: SqlLedger,
) -> None:
    view = overview(played, ADMIN)
    assert view["held"] == 4
    assert view["states"] == {"cleared": 1, "denied": 2, "held": 4}
    holds = dict(view["holds"])
    assert holds["engine.authorization.balance_exceeded"] == 1
    assert sum(holds.values()) >= view["held"]
    balances = {b["id"]: b["balance"] for b in view["balances"]}
    assert balances["US-BIS-H200-ALIBABA"] == 40_000
    assert "CN-MOFCOM-H200-DEEPSEEK" not in balances  # no quantity: no bar
    (gauge,) = view["gauges"]
    assert gauge["china_macau"] == 10_000
    assert gauge["allowed"] == 100_000  # 0.5 x 200,000 US units in 2026-Q1
    assert gauge["fraction"] == pytest.approx(0.1)
    assert gauge["period"] == ["2026-01-01", "2026-03-31"]


def test_an_applicant_sees_only_its_shipments_and_approvals_and_no_gauge(
    played: SqlLedger,
) -> None:
    rows = {r["id"]: r for r in shipment_rows(played, BUYER)}
    assert set(rows) == {"SHP-ALI-H200", "SHP-ALI-H200-2", "SHP-ALI-B200"}
    assert rows["SHP-ALI-H200"]["main_reason"] is None  # cleared
    assert rows["SHP-ALI-B200"]["state"] == "denied"
    assert rows["SHP-ALI-B200"]["main_reason"] == "us.ear.742_6.3a090a.2023"  # the denial
    approvals = {r["id"] for r in authorization_rows(played, BUYER)}
    assert approvals == {"US-BIS-H200-ALIBABA", "CN-MOFCOM-H200-BATCH1"}
    mine = overview(played, BUYER)
    assert mine["gauges"] is None
    assert {n["party"] for n in mine["notices"]} == {"Alibaba Cloud Computing Ltd."}
    assert mine["notices_total"] == 4  # two about each of its two authorizations
    assert overview(played, OTHER)["notices"] == []
    assert shipment_rows(played, OTHER) == []
    assert authorization_rows(played, OTHER) == []
    assert overview(played, OTHER)["holds"] == []


def test_an_authority_officer_sees_its_jurisdiction(played: SqlLedger) -> None:
    approvals = {r["id"] for r in authorization_rows(played, MOFCOM)}
    assert approvals == {"CN-MOFCOM-H200-BATCH1", "CN-MOFCOM-H200-DEEPSEEK"}
    states = {r["id"]: r["state"] for r in shipment_rows(played, MOFCOM, state=ShipmentState.HELD)}
    assert "SHP-SG-H200" not in states  # a US -> SG shipment does not touch CN
    assert set(states.values()) == {"held"}


def test_shipment_detail_has_the_decision_history_and_what_would_clear_it(
    played: SqlLedger,
) -> None:
    detail = shipment_detail(played, "SHP-ALI-H200-2")
    decision = detail["decision"]
    assert decision["outcome"] == "hold"
    assert decision["main_reason"] == "engine.authorization.balance_exceeded"
    assert any("US-BIS-H200-ALIBABA" in step for step in decision["clears"])
    assert all(r["citation"] for r in decision["reasons"])
    triggers = [h["trigger"] for h in detail["history"]]
    assert triggers[-1] == "submit"  # newest first
    held = shipment_rows(played, ADMIN, reason="engine.authorization.balance_exceeded")
    assert [r["id"] for r in held] == ["SHP-ALI-H200-2"]
    assert len(triggers) == 4
    assert {e["kind"] for e in detail["evidence"]} >= {"third_party_test", "kyc_attestation"}
    with pytest.raises(NotFoundError):
        shipment_detail(played, "SHP-NONE")


def test_authorization_detail_has_the_balance_series_and_scoped_drawdowns_and_notices(
    played: SqlLedger,
) -> None:
    admin = authorization_detail(played, ADMIN, "CN-MOFCOM-H200-BATCH1")
    assert admin["series"] == [
        {"on": "2026-01-28", "balance": 400_000},
        {"on": "2026-03-16", "balance": 390_000},
    ]
    assert [d["shipment"] for d in admin["drawdowns"]] == ["SHP-ALI-H200"]
    parties = {n["party"] for n in admin["notices"]}
    assert "Alibaba Cloud Computing Ltd." in parties
    assert "Beijing Volcano Engine Technology Co., Ltd." in parties
    buyer = authorization_detail(played, BUYER, "CN-MOFCOM-H200-BATCH1")
    assert {n["party"] for n in buyer["notices"]} == {"Alibaba Cloud Computing Ltd."}
    bytedance = Principal("bd", Role.APPLICANT, party="Beijing Volcano Engine Technology Co., Ltd.")
    theirs = authorization_detail(played, bytedance, "CN-MOFCOM-H200-BATCH1")
    assert theirs["drawdowns"] == []  # Alibaba's shipment is not theirs to see
    assert theirs["hidden_drawdowns"] == 1
    assert theirs["balance"] == 390_000


def test_the_ledger_as_of_a_day_before_the_conditions(played: SqlLedger) -> None:
    before = ledger_on(played, ADMIN, date(2026, 3, 1))
    states = {s["id"]: s["state"] for s in before["shipments"]}
    assert states["SHP-ALI-H200"] == "held"
    auths = {a["id"]: a for a in before["authorizations"]}
    assert auths["CN-MOFCOM-H200-BATCH1"]["status"] == "granted_conditions_pending"
    assert auths["CN-MOFCOM-H200-BATCH1"]["balance"] == 400_000
    assert auths["US-BIS-H200-ALIBABA"]["status"] == "granted"
    (gauge,) = before["gauges"]
    assert gauge["china_macau"] == 0  # the Alibaba order was not cleared yet
    assert gauge["us"] == 200_000
    after = ledger_on(played, ADMIN, date(2026, 3, 20))
    assert {s["id"]: s["state"] for s in after["shipments"]}["SHP-ALI-H200"] == "cleared"
    assert {a["id"]: a["balance"] for a in after["authorizations"]}["US-BIS-H200-ALIBABA"] == (
        40_000
    )
    assert after["gauges"][0]["china_macau"] == 10_000
    early = ledger_on(played, ADMIN, date(2026, 1, 29))
    assert early["shipments"] == []  # nothing decided yet
    assert [a["id"] for a in early["authorizations"]] == ["CN-MOFCOM-H200-BATCH1"]
    assert ledger_on(played, BUYER, date(2026, 3, 20))["gauges"] is None
