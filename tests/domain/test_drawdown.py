"""Invariant: the lines a licence is drawn on never add up to more than its balance."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from clearance.domain.active import active_rules
from clearance.domain.authorization import Authorization, AuthorizationKind, AuthorizationStatus
from clearance.domain.decide import decide
from clearance.domain.item import ItemForm, ItemSpec, Precision
from clearance.domain.party import Party
from clearance.domain.shipment import EndUse, Evidence, EvidenceKind, Shipment, ShipmentLine
from clearance.domain.units import QuantityUnit
from clearance.services.ruleset import bundled_ruleset

H200 = ItemSpec("H200 SXM", "NVIDIA", ItemForm.IC, True, {Precision.FP8: 1979.0}, 814.0, 4800.0)
BUYER = Party("Alibaba Cloud Computing Ltd.", "CN", headquarters_country="CN")
DAY = date(2026, 2, 2)
EVIDENCE = tuple(
    Evidence(EvidenceKind(k), "REF")
    for k in (
        "third_party_test",
        "kyc_attestation",
        "us_supply_certification",
        "import_approval_notice",
    )
)


@given(
    quantities=st.lists(st.integers(min_value=1, max_value=5000), min_size=1, max_size=8),
    granted=st.integers(min_value=0, max_value=20000),
    used=st.integers(min_value=0, max_value=20000),
)
def test_drawn_lines_never_exceed_the_balance(
    quantities: list[int], granted: int, used: int
) -> None:
    used = min(used, granted)
    licence = Authorization(
        id="L",
        jurisdiction="US",
        authority="BIS",
        kind=AuthorizationKind.EXPORT_LICENCE,
        holder="NVIDIA Corporation",
        parties=(BUYER.name,),
        items=("3A090.a",),
        valid_from=date(2026, 1, 1),
        valid_to=date(2026, 12, 31),
        status=AuthorizationStatus.GRANTED,
        quantity=granted,
        quantity_used=used,
        quantity_unit=QuantityUnit.ICS,
    )
    shipment = Shipment(
        id="S",
        date=DAY,
        exporter=Party("NVIDIA Corporation", "US"),
        consignee=BUYER,
        end_user=BUYER,
        end_use=EndUse.DATACENTER,
        from_country="US",
        to_country="CN",
        lines=tuple(ShipmentLine(H200, q) for q in quantities),
        evidence=EVIDENCE,
    )
    decision = decide(shipment, [licence], [], active_rules(bundled_ruleset(), DAY))
    over = {
        r.line for r in decision.reasons if r.rule_id == "engine.authorization.balance_exceeded"
    }
    drawn = sum(q for i, q in enumerate(quantities) if i not in over)
    assert drawn <= granted - used
    if sum(quantities) <= granted - used:
        assert not over
    else:
        assert decision.outcome.value != "cleared"
