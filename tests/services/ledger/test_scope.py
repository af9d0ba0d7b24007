"""What each principal may see of the ledger: shipments, holds, decisions, the impact; and
idempotency keys kept apart per user and action."""

from __future__ import annotations

from datetime import date

import pytest

from clearance.domain.errors import NotFoundError
from clearance.services import ledger_scope as scope
from clearance.services.access import new_principal
from clearance.services.ledger_authorizations import add_authorizations
from clearance.services.ledger_model import ShipmentState
from clearance.services.ledger_shipments import submit_shipment
from clearance.services.ruleset import bundled_rule_files, ruleset_from_files
from clearance.store.ledger_store import SqlLedger

from .support import context, licence, shipment

BUYER = "Example Cloud Ltd."
TODAY = date(2026, 3, 20)
OTHER_BUYER = {"name": "Tencent Holdings Ltd.", "country": "CN", "headquarters_country": "CN"}
OTHER_EXPORTER = {"name": "Other Exporter Inc.", "country": "US"}
PRINCIPALS = {
    "admin": new_principal("admin", "admin"),
    "auditor": new_principal("auditor", "auditor"),
    "officer": new_principal("officer", "compliance_officer", "NVIDIA Corporation"),
    "any-officer": new_principal("any-officer", "compliance_officer"),
    "other-officer": new_principal("other-officer", "compliance_officer", "Other Exporter Inc."),
    "buyer": new_principal("buyer", "applicant", BUYER),
    "other-buyer": new_principal("other-buyer", "applicant", "Tencent Holdings Ltd."),
    "bis": new_principal("bis", "authority_officer", jurisdiction="US"),
    "mofcom": new_principal("mofcom", "authority_officer", jurisdiction="CN"),
    "sg": new_principal("sg", "authority_officer", jurisdiction="SG"),
}
# S-1: NVIDIA (US) -> BUYER in Macau, cleared. S-2: Other Exporter (US) -> Tencent in China,
# held.
SEES = {
    "admin": ["S-1", "S-2"],
    "auditor": ["S-1", "S-2"],
    "officer": ["S-1"],
    "any-officer": ["S-1", "S-2"],
    "other-officer": ["S-2"],
    "buyer": ["S-1"],
    "other-buyer": ["S-2"],
    "bis": ["S-1", "S-2"],
    "mofcom": ["S-2"],
    "sg": [],
}


@pytest.fixture
def seeded(ledger: SqlLedger) -> SqlLedger:
    ctx = context()
    add_authorizations(ledger, ctx, [licence(1000)])
    submit_shipment(ledger, ctx, shipment("S-1"))
    other = shipment(
        "S-2",
        to="CN",
        evidence=False,
        exporter=OTHER_EXPORTER,
        consignee=OTHER_BUYER,
        end_user=OTHER_BUYER,
    )
    submit_shipment(ledger, ctx, other)
    return ledger


@pytest.mark.parametrize("name", sorted(PRINCIPALS))
def test_each_principal_sees_the_shipments_of_its_scope(seeded: SqlLedger, name: str) -> None:
    principal = PRINCIPALS[name]
    rows = scope.visible_shipments(seeded, principal)
    assert [r["id"] for r in rows] == SEES[name]
    for shipment_id in ("S-1", "S-2"):
        refusal = scope.shipment_refusal(seeded, principal, shipment_id)
        assert (refusal is None) == (shipment_id in SEES[name]), (shipment_id, refusal)


@pytest.mark.parametrize("name", sorted(PRINCIPALS))
def test_holds_and_decisions_follow_the_shipments_scope(seeded: SqlLedger, name: str) -> None:
    principal = PRINCIPALS[name]
    holds = [h["shipment_id"] for h in scope.visible_holds(seeded, principal)]
    assert holds == [s for s in SEES[name] if s == "S-2"]
    with seeded() as uow:
        decisions = {s: uow.decisions.for_shipment(s)[-1].id for s in ("S-1", "S-2")}
    for shipment_id, decision_id in decisions.items():
        assert decision_id is not None
        refusal = scope.decision_refusal(seeded, principal, decision_id)
        assert (refusal is None) == (shipment_id in SEES[name])


def test_filters_by_outcome_and_state(seeded: SqlLedger) -> None:
    admin = PRINCIPALS["admin"]
    assert [r["id"] for r in scope.visible_shipments(seeded, admin, "hold")] == ["S-2"]
    cleared = scope.visible_shipments(seeded, admin, state=ShipmentState.CLEARED)
    assert [r["id"] for r in cleared] == ["S-1"]
    assert scope.visible_shipments(seeded, PRINCIPALS["buyer"], "hold") == []


def test_unknown_ids_are_not_found(seeded: SqlLedger) -> None:
    with pytest.raises(NotFoundError):
        scope.shipment_refusal(seeded, PRINCIPALS["admin"], "S-404")
    with pytest.raises(NotFoundError):
        scope.decision_refusal(seeded, PRINCIPALS["admin"], 404)
    with pytest.raises(NotFoundError):
        scope.show_decision(seeded, 404)


def test_the_impact_covers_only_visible_shipments(seeded: SqlLedger) -> None:
    candidate = ruleset_from_files(
        bundled_rule_files(
            ("us/pack.yaml", "us/country-groups.yaml", "us/3a090-classification-2023.yaml")
        )
    )
    every = scope.visible_impact(seeded, PRINCIPALS["admin"], candidate, TODAY)
    assert {r["shipment_id"] for r in every} == {"S-1", "S-2"}
    mine = scope.visible_impact(seeded, PRINCIPALS["officer"], candidate, TODAY)
    assert [r["shipment_id"] for r in mine] == ["S-1"]
