"""The share cap's `scope` (BRIEF Q3): `exporter` counts the China+Macau and the US volume of
the shipment's exporter only; `total` (the default) counts every exporter's, as before."""

from __future__ import annotations

from datetime import date
from typing import Any

from clearance.services.ledger_authorizations import add_authorizations
from clearance.services.ledger_facts import record_volume
from clearance.services.ledger_gauge import share_gauges
from clearance.services.ledger_replay import replay
from clearance.services.ledger_shipments import submit_shipment
from clearance.services.ruleset import bundled_ruleset
from clearance.store.ledger_store import SqlLedger

from .support import context, licence, shipment, us_shipment

A = "NVIDIA Corporation"  # the sample shipment's exporter
B = "Other Exporter Inc."
PRODUCT = "H200 SXM 141GB"
EXPORTER_B = {"name": B, "country": "US", "headquarters_country": "US"}


def _cap(scope: str | None) -> list[dict[str, Any]]:
    cond: dict[str, Any] = {"kind": "aggregate_share_cap", "value": 0.5}
    return [cond | {"scope": scope}] if scope else [cond]


def _two_exporters(ledger: SqlLedger, scope: str | None) -> Any:
    """Both exporters licensed under the same cap; US volume: A 20 units, B 4."""
    ctx = context()
    licences = [
        licence(1000, conditions=_cap(scope)),
        licence(1000, id="US-LIC-2", holder=B, conditions=_cap(scope)),
    ]
    add_authorizations(ledger, ctx, licences)
    assert submit_shipment(ledger, ctx, us_shipment("US-A", 20))["outcome"] == "cleared"
    us_b = us_shipment("US-B", 4) | {"exporter": EXPORTER_B}
    assert submit_shipment(ledger, ctx, us_b)["outcome"] == "cleared"
    return ctx


def _cap_reason(result: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in result["reasons"] if r["rule_id"].endswith("aggregate_share_cap"))


def test_in_exporter_scope_each_exporter_is_judged_against_its_own_us_volume(
    ledger: SqlLedger,
) -> None:
    ctx = _two_exporters(ledger, "exporter")
    a = submit_shipment(ledger, ctx, shipment("MO-A", 8))
    assert a["outcome"] == "cleared"
    (fig,) = a["share_cap"]
    assert (fig["scope"], fig["exporter"], fig["us"], fig["capped_before"]) == (
        "exporter",
        A,
        20.0,
        0.0,
    )
    b = submit_shipment(ledger, ctx, shipment("MO-B", 3, exporter=EXPORTER_B))
    assert b["outcome"] == "hold"
    (fig,) = b["share_cap"]
    assert (fig["exporter"], fig["us"], fig["capped_before"]) == (B, 4.0, 0.0)  # not A's 8
    message = _cap_reason(b)["message"]
    assert f"for exporter {B}" in message
    assert "0 already + 3 this shipment > 2 allowed (0.5 x 4 US)" in message
    smaller = submit_shipment(ledger, ctx, shipment("MO-B2", 2, exporter=EXPORTER_B))
    assert smaller["outcome"] == "cleared"


def test_recorded_volume_counts_in_exporter_scope_only_when_it_names_the_exporter(
    ledger: SqlLedger,
) -> None:
    ctx = _two_exporters(ledger, "exporter")
    assert submit_shipment(ledger, ctx, shipment("MO-B", 3, exporter=EXPORTER_B))["outcome"] == (
        "hold"
    )
    assert record_volume(ledger, ctx, PRODUCT, "US", 100, "2026-Q1")["cleared"] == []
    named = record_volume(ledger, ctx, PRODUCT, "US", 2, "2026-Q1", exporter=B)
    assert (named["exporter"], named["cleared"]) == (B, ["MO-B"])


def test_in_total_scope_every_exporters_volume_counts_as_before(ledger: SqlLedger) -> None:
    ctx = _two_exporters(ledger, None)
    assert submit_shipment(ledger, ctx, shipment("MO-A", 8))["outcome"] == "cleared"
    b = submit_shipment(ledger, ctx, shipment("MO-B", 3, exporter=EXPORTER_B))
    assert b["outcome"] == "cleared"  # 8 + 3 <= 0.5 x (20 + 4)
    (fig,) = b["share_cap"]
    assert (fig["scope"], fig["exporter"], fig["us"], fig["capped_before"]) == (
        "total",
        None,
        24.0,
        8.0,
    )
    held = submit_shipment(ledger, ctx, shipment("MO-B2", 2, exporter=EXPORTER_B))
    assert held["outcome"] == "hold"
    assert "for exporter" not in _cap_reason(held)["message"]


def test_replay_reproduces_exporter_scope_decisions(ledger: SqlLedger) -> None:
    ctx = _two_exporters(ledger, "exporter")
    submit_shipment(ledger, ctx, shipment("MO-A", 8))
    submit_shipment(ledger, ctx, shipment("MO-B", 3, exporter=EXPORTER_B))
    record_volume(ledger, ctx, PRODUCT, "US", 2, "2026-Q1", exporter=B)  # re-decides MO-B
    rows = replay(ledger, [bundled_ruleset()], None)
    assert len(rows) == 5
    assert {r["status"] for r in rows} == {"same"}
    with ledger() as uow:
        looked_up = [
            v for e in uow.decisions.for_shipment("MO-B") for v in (e.inputs or {})["volumes"]
        ]
    assert {v["exporter"] for v in looked_up} == {B}


def test_the_gauge_shows_exporter_scope_caps_per_exporter(ledger: SqlLedger) -> None:
    ctx = _two_exporters(ledger, "exporter")
    submit_shipment(ledger, ctx, shipment("MO-A", 8))
    with ledger() as uow:
        gauges = share_gauges(uow, date(2026, 3, 20))
    got = [(g["scope"], g["exporter"], g["china_macau"], g["us"], g["allowed"]) for g in gauges]
    assert got == [("exporter", A, 8.0, 20.0, 10.0), ("exporter", B, 0.0, 4.0, 2.0)]
