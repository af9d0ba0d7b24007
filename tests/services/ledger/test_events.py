"""Events re-decide the held shipments they touch, oldest first, and say which cleared."""

from __future__ import annotations

from dataclasses import replace

from clearance.domain.hit import HitStatus, ScreeningHit
from clearance.domain.party import Party
from clearance.services.ledger_authorizations import (
    add_authorizations,
    change_status,
    set_conditions,
    show_authorization,
)
from clearance.services.ledger_facts import (
    add_evidence,
    list_notices,
    record_volume,
    screening_changed,
)
from clearance.services.ledger_shipments import show_shipment, submit_shipment
from clearance.store.ledger_store import SqlLedger

from .support import EVIDENCE, context, licence, shipment, us_shipment

PENDING = [{"kind": "pending", "set_by": "NDRC", "description": "to be set"}]


def test_setting_conditions_clears_the_ready_ones_oldest_first_within_the_balance(
    ledger: SqlLedger,
) -> None:
    ctx = context()
    add_authorizations(
        ledger, ctx, [licence(20, status="granted_conditions_pending", conditions=PENDING)]
    )
    submit_shipment(ledger, ctx, shipment("S-0", 7, evidence=False))  # lacks its evidence
    for name in ("S-1", "S-2", "S-3"):
        held = submit_shipment(ledger, ctx, shipment(name, 7))
        assert held["outcome"] == "hold"
        assert "engine.authorization.conditions_pending" in held["reason_ids"]
    result = set_conditions(ledger, ctx, "US-LIC-1", {"on": "2026-03-21", "conditions": []}, "t")
    assert [r["shipment_id"] for r in result["redecided"]] == ["S-0", "S-1", "S-2", "S-3"]
    assert result["cleared"] == ["S-1", "S-2"]
    assert show_authorization(ledger, "US-LIC-1")["balance"] == 6
    last = show_shipment(ledger, "S-3")
    assert last["state"] == "held"
    assert "engine.authorization.balance_exceeded" in last["reason_ids"]
    assert show_shipment(ledger, "S-0")["state"] == "held"
    # Evidence for S-0 comes in: it is re-decided, but the balance is gone.
    after = add_evidence(ledger, ctx, "S-0", EVIDENCE, "evidence.yaml")
    assert after["cleared"] == []
    assert "engine.authorization.balance_exceeded" in show_shipment(ledger, "S-0")["reason_ids"]


def test_suspension_and_grant_notify_every_party_concerned(ledger: SqlLedger) -> None:
    ctx = context()
    add_authorizations(ledger, ctx, [licence(100)])
    submit_shipment(ledger, ctx, shipment("S-1", 7))
    change_status(ledger, ctx, "US-LIC-1", "suspend", note="under review")
    held = submit_shipment(ledger, ctx, shipment("S-2", 7))
    assert held["outcome"] == "hold"
    regranted = change_status(ledger, ctx, "US-LIC-1", "grant")
    assert regranted["cleared"] == ["S-2"]
    notices = list_notices(ledger)
    assert {n["party"] for n in notices} == {"NVIDIA Corporation", "Example Cloud Ltd."}
    assert [n["action"] for n in notices if n["party"] == "Example Cloud Ltd."] == [
        "add",
        "suspend",
        "grant",
    ]


def test_us_volume_recorded_clears_shipments_held_by_the_share_cap(ledger: SqlLedger) -> None:
    ctx = context()
    cap = [{"kind": "aggregate_share_cap", "value": 0.5}]
    add_authorizations(ledger, ctx, [licence(1000, conditions=cap)])
    held = submit_shipment(ledger, ctx, shipment("S-1", 7))
    assert held["outcome"] == "hold"
    reason = next(r for r in held["reasons"] if r["rule_id"].endswith("aggregate_share_cap"))
    assert "0 already + 7 this shipment > 0 allowed" in reason["message"]
    assert record_volume(ledger, ctx, "H200 SXM 141GB", "US", 10, "2026-Q1")["cleared"] == []
    assert record_volume(ledger, ctx, "H200 SXM 141GB", "US", 4, "2026-Q1")["cleared"] == ["S-1"]
    # A US shipment adds US volume of its own.
    submit_shipment(ledger, ctx, us_shipment("US-1", 2))
    assert submit_shipment(ledger, ctx, shipment("S-2", 1))["outcome"] == "cleared"


def test_holds_names_the_main_reason_and_what_clears_it(ledger: SqlLedger) -> None:
    from clearance.services.ledger_facts import held_shipments

    ctx = context()
    add_authorizations(ledger, ctx, [licence(5)])
    submit_shipment(ledger, ctx, shipment("S-1", 7))
    (held,) = held_shipments(ledger)
    assert held["shipment_id"] == "S-1"
    assert held["main_reason"] == "engine.authorization.balance_exceeded"
    assert any("amend US-LIC-1" in step for step in held["clears_by"])


class ToggleScreener:
    """A potential match on the consignee until the reviewer dismisses it."""

    def __init__(self) -> None:
        self.dismissed = False

    def screen_party(self, role: str, party: Party) -> list[ScreeningHit]:
        if role != "consignee":
            return []
        status = HitStatus.DISMISSED if self.dismissed else HitStatus.POTENTIAL
        return [
            ScreeningHit(
                role, party.name, "EL", "EL-1", "Example Kloud", "Example Kloud", 0.9, status=status
            )
        ]


def test_a_dismissed_hit_re_decides_the_party_s_held_shipments(ledger: SqlLedger) -> None:
    screener = ToggleScreener()
    ctx = replace(context(), screener=screener)
    add_authorizations(ledger, ctx, [licence(100)])
    held = submit_shipment(ledger, ctx, shipment("S-1", 7))
    assert "screening.potential_match" in held["reason_ids"]
    screener.dismissed = True
    assert screening_changed(ledger, ctx, "Someone Else", "review")["redecided"] == []
    assert screening_changed(ledger, ctx, "Example Cloud Ltd.", "review")["cleared"] == ["S-1"]
