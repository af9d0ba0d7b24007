"""A screening hit bears on the jurisdiction whose pack keeps that list; other lists on none."""

from __future__ import annotations

from datetime import date

from clearance.domain.active import active_rules
from clearance.domain.decide import decide
from clearance.domain.hit import HitStatus, ScreeningHit
from clearance.domain.item import ItemForm, ItemSpec, Precision
from clearance.domain.party import Party
from clearance.domain.shipment import EndUse, Shipment, ShipmentLine
from clearance.services.ruleset import bundled_ruleset

H200 = ItemSpec("H200", "NVIDIA", ItemForm.IC, True, {Precision.FP8: 1979}, 814, 4800, 900)
BUYER = Party("Example GmbH", "DE", headquarters_country="DE")
SHIPMENT = Shipment(
    id="S",
    date=date(2026, 2, 2),
    exporter=Party("NVIDIA Corporation", "US", "US"),
    consignee=BUYER,
    end_user=BUYER,
    end_use=EndUse.DATACENTER,
    from_country="US",
    to_country="DE",
    lines=(ShipmentLine(H200, 8),),
)


def _hit(source_list: str) -> ScreeningHit:
    return ScreeningHit(
        "end_user", BUYER.name, source_list, "1", BUYER.name, BUYER.name, 0.97,
        status=HitStatus.POTENTIAL,
    )  # fmt: skip


def test_a_hit_on_a_us_list_is_the_us_packs_and_takes_its_ground() -> None:
    decision = decide(SHIPMENT, [], [_hit("EL")], active_rules(bundled_ruleset(), SHIPMENT.date))
    (reason,) = [r for r in decision.reasons if r.kind == "screening"]
    assert reason.jurisdiction == "US"
    assert decision.outcome.value == "hold"
    assert [j.grounds for j in decision.jurisdictions] == [(None,)]


def test_a_hit_on_a_list_no_pack_keeps_bears_on_none_but_still_holds() -> None:
    decision = decide(SHIPMENT, [], [_hit("UN")], active_rules(bundled_ruleset(), SHIPMENT.date))
    (reason,) = [r for r in decision.reasons if r.kind == "screening"]
    assert reason.jurisdiction == "*"
    assert decision.outcome.value == "hold"


def test_a_confirmed_match_on_a_prohibitive_list_denies_whatever_the_entry_says() -> None:
    from dataclasses import replace

    rules = active_rules(bundled_ruleset(), SHIPMENT.date)
    assert rules.lists.prohibitive == {"SDN", "DPL"}
    sdn = replace(_hit("SDN"), status=HitStatus.CONFIRMED)
    assert decide(SHIPMENT, [], [sdn], rules).outcome.value == "denied"
    unclaimed = replace(_hit("UN"), status=HitStatus.CONFIRMED)
    assert decide(SHIPMENT, [], [unclaimed], rules).outcome.value == "hold"
