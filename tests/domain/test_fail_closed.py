"""Property: a random shipment never clears unless every touched jurisdiction has a ground.

A ground is, for every line the jurisdiction touches, a classified item (a computed or declared
control code) with every binding requirement satisfied; nothing may be unknown.
"""

from __future__ import annotations

from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.domain.active import active_rules
from clearance.domain.authorization import Authorization, AuthorizationKind, AuthorizationStatus
from clearance.domain.decide import DecisionPolicy, decide
from clearance.domain.item import ItemForm, ItemSpec, Precision
from clearance.domain.party import Party
from clearance.domain.rule import RuleSet
from clearance.domain.shipment import EndUse, Evidence, EvidenceKind, Shipment, ShipmentLine
from clearance.domain.units import QuantityUnit
from clearance.rules.loader import load_ruleset
from clearance.services.ruleset import PACKS_PACKAGE, bundled_ruleset

RULES = bundled_ruleset()
COUNTRIES = ["CN", "HK", "MO", "SG", "DE", "AE", "IN", "VN", "US", "RU", "JP", "NL"]
NL_PACK = Path(__file__).parents[1] / "golden" / "second_jurisdiction" / "nl"


def _with_nl() -> RuleSet:
    """The bundled packs plus the test NL pack (an exporting jurisdiction with an exception)."""
    root = Path(str(resources.files(PACKS_PACKAGE) / "packs"))
    files = {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in root.rglob("*.yaml")}
    files.update({f"nl/{p.name}": p.read_text(encoding="utf-8") for p in NL_PACK.glob("*.yaml")})
    return load_ruleset(files)


WITH_NL = _with_nl()

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
        authority={"US": "BIS", "CN": "MOFCOM", "NL": "CDIU"}[juris],
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
    st.sampled_from(["US", "CN", "NL"]),
    st.sampled_from(list(AuthorizationKind)),
    st.none() | st.sampled_from(["NAC", "ACA", "HBM", "NLGA"]),
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
        from_country=draw(st.sampled_from(["US", "SG", "TW", "NL"])),
        to_country=to,
        lines=tuple(
            ShipmentLine(spec, draw(st.integers(1, 100)))
            for spec in draw(st.lists(specs, min_size=1, max_size=3))
        ),
        evidence=tuple(Evidence(k, f"REF-{k.value}") for k in kinds),
    )


@settings(max_examples=400, deadline=None)
@given(shipments(), st.lists(licences, max_size=3), st.booleans(), st.booleans())
def test_nothing_clears_without_a_ground_in_every_touched_jurisdiction(
    shipment: Shipment, held: list[Authorization], reported_binds: bool, nl: bool
) -> None:
    rules = active_rules(WITH_NL if nl else RULES, shipment.date)
    decision = decide(shipment, held, [], rules, DecisionPolicy(reported_binds=reported_binds))
    expected = {"US"} | ({"CN"} if shipment.to_country == "CN" else set())
    if nl and shipment.from_country == "NL":
        expected.add("NL")
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


def test_a_reach_that_cannot_be_judged_counts_as_touched_and_holds() -> None:
    root = Path(str(resources.files(PACKS_PACKAGE) / "packs"))
    files = {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in root.rglob("*.yaml")}
    files["jp/pack.yaml"] = (
        "jurisdiction: JP\ntitle: test\ncitation: test\n"
        "touches: {when: {headquarters_in: {countries: [JP]}}, note: buyers based in Japan}\n"
        "classification: {of: US}\nauthorities: {METI: {name: test}}\n"
    )
    rules = active_rules(load_ruleset(files), date(2026, 2, 2))
    buyer = Party("Buyer Ltd.", "DE")  # no headquarters given
    shipment = Shipment(
        id="T",
        date=date(2026, 2, 2),
        exporter=Party("Exporter Inc.", "US", "US"),
        consignee=buyer,
        end_user=buyer,
        end_use=EndUse.DATACENTER,
        from_country="US",
        to_country="DE",
        lines=(ShipmentLine(ItemSpec("X", "V", ItemForm.IC, False, {Precision.FP8: 10.0}), 1),),
    )
    decision = decide(shipment, [], [], rules)
    assert decision.outcome.value == "hold"
    assert "engine.jurisdiction.touch_unknown" in {p.rule_id for p in decision.problems}
    assert "JP" in {j.jurisdiction for j in decision.jurisdictions}
