"""Property: a random shipment never clears unless every touched jurisdiction has a ground.

A ground is, for every line the jurisdiction touches, a classified item (a computed or declared
control code) with every binding requirement satisfied; nothing may be unknown.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.domain.active import active_rules
from clearance.domain.authorization import Authorization, AuthorizationKind, AuthorizationStatus
from clearance.domain.decide import DecisionPolicy, decide
from clearance.domain.item import ItemForm, ItemSpec, Precision
from clearance.domain.party import Party
from clearance.domain.shipment import EndUse, Evidence, EvidenceKind, Shipment, ShipmentLine
from clearance.domain.units import QuantityUnit
from clearance.services.ruleset import bundled_ruleset

RULES = bundled_ruleset()
COUNTRIES = ["CN", "HK", "MO", "SG", "DE", "AE", "IN", "VN", "US", "RU"]

specs = st.builds(
    lambda tpp, area, dram, dc, form, declared: ItemSpec(
        "probe",
        "test",
        form,
        dc,
        {Precision.FP8: tpp / 8},
        area,
        dram,
        900.0,
        ics_per_unit=1 if form is ItemForm.IC else 8,
        declared=(("US", declared),) if declared else (),
    ),
    st.floats(100, 40000),
    st.none() | st.floats(100, 900),
    st.none() | st.floats(100, 9000),
    st.booleans(),
    st.sampled_from(list(ItemForm)),
    st.none() | st.sampled_from(["3A991", "EAR99", "5A992.c"]),
)
licences = st.builds(
    lambda juris, kind, code, items: Authorization(
        id=f"A-{juris}-{kind.value}",
        jurisdiction=juris,
        authority={"US": "BIS", "CN": "MOFCOM"}[juris],
        kind=kind,
        holder="Exporter Inc.",
        parties=("Buyer Ltd.",),
        items=items,
        valid_from=date(2022, 1, 1),
        valid_to=date(2030, 1, 1),
        status=AuthorizationStatus.GRANTED,
        quantity=1_000_000,
        quantity_unit=QuantityUnit.ICS,
        exception_code=code,
    ),
    st.sampled_from(["US", "CN"]),
    st.sampled_from(list(AuthorizationKind)),
    st.none() | st.sampled_from(["NAC", "ACA", "HBM"]),
    st.sampled_from([("3A090.a", "4A090.a"), ("3A090.b",), ("3A991",)]),
)


@st.composite
def shipments(draw: st.DrawFn) -> Shipment:
    to = draw(st.sampled_from(COUNTRIES))
    buyer = Party(
        "Buyer Ltd.", to, headquarters_country=draw(st.none() | st.sampled_from(COUNTRIES))
    )
    kinds = draw(st.lists(st.sampled_from(list(EvidenceKind)), max_size=4, unique=True))
    return Shipment(
        id="P-1",
        date=date(2022, 10, 1) + timedelta(days=draw(st.integers(0, 1500))),
        exporter=Party("Exporter Inc.", "US", "US"),
        consignee=buyer,
        end_user=buyer,
        end_use=draw(st.sampled_from(list(EndUse))),
        from_country=draw(st.sampled_from(["US", "SG", "TW"])),
        to_country=to,
        lines=tuple(
            ShipmentLine(spec, draw(st.integers(1, 100)))
            for spec in draw(st.lists(specs, min_size=1, max_size=3))
        ),
        evidence=tuple(Evidence(k, f"REF-{k.value}") for k in kinds),
    )


@settings(max_examples=400, deadline=None)
@given(shipments(), st.lists(licences, max_size=3), st.booleans())
def test_nothing_clears_without_a_ground_in_every_touched_jurisdiction(
    shipment: Shipment, held: list[Authorization], reported_binds: bool
) -> None:
    rules = active_rules(RULES, shipment.date)
    decision = decide(shipment, held, [], rules, DecisionPolicy(reported_binds=reported_binds))
    expected = {"US"} | ({"CN"} if shipment.to_country == "CN" else set())
    assert {j.jurisdiction for j in decision.jurisdictions} == expected
    if decision.outcome.value != "cleared":
        return
    assert not decision.problems
    assert all(c.classified and c.control_code for c in decision.classifications)
    assert all(r.state == "satisfied" for r in decision.requirements if r.binding)
    for result in decision.jurisdictions:
        assert len(result.lines) == len(shipment.lines)
        assert all(ground is not None for ground in result.grounds), result


@settings(max_examples=200, deadline=None)
@given(shipments(), st.lists(licences, max_size=3))
def test_an_item_without_a_control_code_never_clears(
    shipment: Shipment, held: list[Authorization]
) -> None:
    rules = active_rules(RULES, shipment.date)
    decision = decide(shipment, held, [], rules, DecisionPolicy(reported_binds=False))
    if any(not c.complete for c in decision.classifications):
        assert decision.outcome.value != "cleared"
