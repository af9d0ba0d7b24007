"""classify_item: the binding US rule on a date, the report and its JSON form."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from clearance.domain.item import ItemForm, ItemSpec, Precision
from clearance.services.classify import classify_item, report_to_dict
from clearance.services.item_spec import load_item_spec
from clearance.services.ruleset import bundled_ruleset

SPECS = Path(__file__).resolve().parents[2] / "examples" / "specs"
CURRENT = date(2026, 7, 23)


def _spec(name: str) -> ItemSpec:
    return load_item_spec(SPECS / name)


def test_h200_today() -> None:
    report = classify_item(_spec("h200-sxm.yaml"), CURRENT, bundled_ruleset())
    assert report.classified
    assert report.control_code == "3A090.a"
    assert report.paragraph == "3A090.a.1"
    assert report.tpp == 15832
    assert report.pd is not None
    assert round(report.pd, 2) == 19.45
    assert report.rule is not None
    assert report.rule.id == "us.ear.3a090.classification.2024"
    assert report.ruleset_hash == bundled_ruleset().content_hash
    (reason,) = report.reasons
    assert reason.rule_id == report.rule.id
    assert "3A090.a.1" in reason.message
    assert reason.citation == report.rule.citation
    assert any(o.fact == "tpp" and o.result for o in reason.evidence)


@pytest.mark.parametrize(
    ("day", "rule_id"),
    [
        (date(2022, 10, 7), "us.ear.3a090.classification.2022"),
        (date(2023, 11, 16), "us.ear.3a090.classification.2022"),
        (date(2023, 11, 17), "us.ear.3a090.classification.2023"),
        (date(2024, 12, 1), "us.ear.3a090.classification.2023"),
        (date(2024, 12, 2), "us.ear.3a090.classification.2024"),
    ],
)
def test_the_rule_in_force_on_the_date_binds(day: date, rule_id: str) -> None:
    report = classify_item(_spec("h200-sxm.yaml"), day, bundled_ruleset())
    assert report.rule is not None
    assert report.rule.id == rule_id


def test_before_the_first_rule_nothing_is_classified() -> None:
    report = classify_item(_spec("h200-sxm.yaml"), date(2022, 10, 6), bundled_ruleset())
    assert report.classified
    assert report.control_code is None
    assert report.rule is None
    assert report.reasons == ()
    assert "no US advanced-computing classification rule in force on 2022-10-06" in report.notes
    assert report.tpp == 15832  # the figures are still computed


def test_the_2022_text_notes_its_secondary_provenance() -> None:
    report = classify_item(_spec("a800-sxm.yaml"), date(2023, 6, 1), bundled_ruleset())
    assert report.control_code is None
    assert any("secondary sources" in note for note in report.notes)
    assert report.reasons[0].provenance == "secondary"


def test_consumer_items_at_or_above_4800_get_the_nac_aca_note() -> None:
    report = classify_item(_spec("rtx-4090.yaml"), CURRENT, bundled_ruleset())
    assert report.paragraph == "3A090.a.1"
    assert any("NAC/ACA" in note and "740.8" in note for note in report.notes)
    # 2023-11-17 .. 2024-04-03: NAC only (ACA came with the April 2024 rule)
    early = classify_item(_spec("rtx-4090.yaml"), date(2024, 1, 1), bundled_ruleset())
    assert any("exception NAC " in note for note in early.notes)
    datacenter = classify_item(_spec("h200-sxm.yaml"), CURRENT, bundled_ruleset())
    assert not any("740.8" in note for note in datacenter.notes)


def test_consumer_carve_out() -> None:
    report = classify_item(_spec("rtx-4090d.yaml"), CURRENT, bundled_ruleset())
    assert report.control_code is None
    assert report.paragraph == "Note 2 to 3A090"
    assert not any("740.8" in note for note in report.notes)


def test_a_board_is_4a090_with_a_note() -> None:
    report = classify_item(_spec("hgx-h200-8gpu.yaml"), CURRENT, bundled_ruleset())
    assert report.control_code == "4A090.a"
    assert report.classification.ic_code == "3A090.a"
    assert any("board containing a 3A090.a IC is 4A090.a" in note for note in report.notes)
    assert any("8 IC(s) per board" in note for note in report.notes)
    assert any("5A992.z.1" in note for note in report.notes)


def test_missing_die_area_in_the_density_band() -> None:
    spec = ItemSpec(
        name="mid", vendor="x", form=ItemForm.IC, datacenter=True, rates={Precision.FP8: 250}
    )
    report = classify_item(spec, CURRENT, bundled_ruleset())
    assert not report.classified
    assert report.missing == ("pd",)
    assert report.control_code is None
    assert "missing pd" in report.reasons[0].message


def test_the_json_form() -> None:
    report = classify_item(_spec("l4.yaml"), CURRENT, bundled_ruleset())
    data = report_to_dict(report)
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data
    assert data["control_code"] == "3A090.a"
    assert data["paragraph"] == "3A090.a.2"
    assert data["tpp"] == 1936
    assert data["tpp_precision"] == "fp8"
    assert data["pd"] == pytest.approx(1936 / 293)
    assert data["as_of"] == "2026-07-23"
    assert data["ruleset_hash"] == bundled_ruleset().content_hash
    assert data["classified"] is True
    assert data["missing"] == []
    assert data["rule"]["id"] == "us.ear.3a090.classification.2024"
    assert data["rule"]["effective_from"] == "2024-12-02"
    (reason,) = data["reasons"]
    assert set(reason) == {"rule_id", "message", "citation", "provenance", "evidence"}
    assert {
        "fact": "pd",
        "observed": "6.60751 TPP/mm2",
        "test": ">= 5.92 TPP/mm2",
        "result": True,
    } in reason["evidence"]
    assert data["working"][0] == "TPP[fp8] = 242 x 8 = 1936"
    assert data["item"]["source"].endswith("l4.yaml")


def test_the_json_form_of_an_hbm_stack_and_of_no_rule() -> None:
    hbm = report_to_dict(classify_item(_spec("hbm-stack.yaml"), CURRENT, bundled_ruleset()))
    assert hbm["control_code"] == "3A090.c"
    assert hbm["tpp"] is None
    assert hbm["pd"] is None
    assert hbm["memory_bandwidth_density"] == pytest.approx(1200 / 110)
    none = report_to_dict(classify_item(_spec("h20.yaml"), date(2020, 1, 1), bundled_ruleset()))
    assert none["rule"] is None
    assert none["reasons"] == []
    assert none["control_code"] is None
