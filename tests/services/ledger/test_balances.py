"""An authorization's balance over time and on a day: draws dated by their decisions, a
release by the day it was recorded."""

from __future__ import annotations

from datetime import date

from clearance.services.access import Principal, Role
from clearance.services.ledger_approvals import authorization_detail
from clearance.services.ledger_asof import ledger_on
from clearance.services.ledger_authorizations import add_authorizations
from clearance.services.ledger_shipments import cancel_shipment, submit_shipment
from clearance.store.ledger_store import SqlLedger

from .support import context, licence, shipment

ADMIN = Principal("admin", Role.ADMIN)


def test_draws_and_a_release_make_the_series_and_the_balance_on_each_day(
    ledger: SqlLedger,
) -> None:
    ctx = context()  # records at 2026-03-20
    add_authorizations(ledger, ctx, [licence(1000)])
    for shipment_id, units in (("S-1", 7), ("S-2", 3)):
        result = submit_shipment(ledger, ctx, shipment(shipment_id, units, date="2026-03-05"))
        assert result["state"] == "cleared"
    cancel_shipment(ledger, ctx, "S-1", "customer withdrew")
    detail = authorization_detail(ledger, ADMIN, "US-LIC-1")
    assert detail["series"] == [
        {"on": "2026-02-20", "balance": 1000},
        {"on": "2026-03-05", "balance": 990},  # both draws of that day
        {"on": "2026-03-20", "balance": 997},  # S-1's units back
    ]
    assert [(d["kind"], d["units"]) for d in detail["drawdowns"]] == [
        ("draw", 7),
        ("draw", 3),
        ("release", 7),
    ]
    on_10th = ledger_on(ledger, ADMIN, date(2026, 3, 10))
    assert on_10th["authorizations"][0]["balance"] == 990
    assert {s["id"]: s["state"] for s in on_10th["shipments"]} == {
        "S-1": "cleared",
        "S-2": "cleared",
    }
    on_20th = ledger_on(ledger, ADMIN, date(2026, 3, 20))
    assert on_20th["authorizations"][0]["balance"] == 997
    assert {s["id"]: s["state"] for s in on_20th["shipments"]}["S-1"] == "cancelled"
    assert ledger_on(ledger, ADMIN, date(2026, 2, 1))["authorizations"] == []


def test_an_authorization_without_a_quantity_has_no_series(ledger: SqlLedger) -> None:
    uncounted = {k: v for k, v in licence().items() if k not in ("quantity", "quantity_unit")}
    add_authorizations(ledger, context(), [uncounted])
    detail = authorization_detail(ledger, ADMIN, "US-LIC-1")
    assert detail["series"] == []
    assert detail["balance"] is None
