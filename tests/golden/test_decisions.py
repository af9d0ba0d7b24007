"""Golden decision cases: facts in (YAML), outcome and reason ids out."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from clearance.domain.context import LetterScope
from clearance.domain.decision import Decision
from clearance.domain.errors import InputError
from clearance.domain.item_record import with_declarations
from clearance.domain.rule import RuleSet
from clearance.services.authorization_file import parse_authorizations
from clearance.services.clearing import CheckOptions, check_shipment
from clearance.services.decision_meta import DecisionMeta
from clearance.services.decision_view import decision_dict
from clearance.services.exact_screener import ExactNameScreener
from clearance.services.item_master import parse_item_records
from clearance.services.ruleset import bundled_ruleset
from clearance.services.sample_parties import sample_entries
from clearance.services.shipment_file import parse_shipment

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "docs/schemas/decision.schema.json").read_text(encoding="utf-8")
)
CASES = sorted((Path(__file__).parent / "decisions").glob("*.yaml"))


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _decide(case: dict[str, Any], path: Path, ruleset: RuleSet) -> Decision:
    shipment = parse_shipment(case["shipment"], source=str(path), base_dir=path.parent)
    if case.get("items"):  # the item master: classifications declared by the user
        records = parse_item_records({"items": case["items"]}, source=str(path))
        shipment = with_declarations(shipment, {r.key: r for r in records})
    held = parse_authorizations(case.get("authorizations") or [], source=str(path))
    options = CheckOptions(
        as_of=case.get("as_of"),
        reported_binds=case.get("reported", "bind") == "bind",
        informed_letters=LetterScope(case.get("informed_letters", "addressees")),
    )
    screener = ExactNameScreener(sample_entries())
    return check_shipment(shipment, held, ruleset, screener, options)


def check_case(path: Path, ruleset: RuleSet) -> Decision | None:
    """Run one golden case under `ruleset` and assert its outcome, reason ids and explanations."""
    case = _load(path)
    expect = case["expect"]
    if "error" in expect:  # bad input the engine refuses with one clear line
        with pytest.raises(InputError) as refused:
            _decide(case, path, ruleset)
        assert expect["error"] in str(refused.value)
        assert "\n" not in str(refused.value)
        return None
    decision = _decide(case, path, ruleset)
    summary = f"{decision.outcome}: {decision.reason_ids} problems={decision.problems}"
    assert decision.outcome.value == expect["outcome"], summary
    assert Counter(decision.reason_ids) == Counter(expect["reasons"]), summary
    assert Counter(w.rule_id for w in decision.warnings) == Counter(expect.get("warnings", []))
    assert Counter(p.rule_id for p in decision.problems) == Counter(expect.get("problems", []))
    if decision.outcome.value == "cleared":  # fail closed: every touched jurisdiction grounded
        assert all(j.grounded for j in decision.jurisdictions), decision.jurisdictions
    meta = DecisionMeta("0" * 64, ("sample",), datetime(2026, 2, 2, tzinfo=UTC))
    jsonschema.validate(decision_dict(decision, meta), SCHEMA)
    for wanted in expect.get("requirements", []):
        jurisdiction, authority, kind, status = wanted.split("/")
        assert any(
            (r.jurisdiction, r.authority, r.kind, r.status)
            == (jurisdiction, authority, kind, status)
            for r in decision.requirements
        ), (wanted, decision.requirements)
    for rule_id, level in (expect.get("provenance") or {}).items():
        levels = {r.provenance for r in decision.reasons if r.rule_id == rule_id}
        assert levels == {level}, (rule_id, levels)
    for rule_id, text in (expect.get("says") or {}).items():
        messages = [r.message for r in decision.reasons if r.rule_id == rule_id]
        assert any(text in m for m in messages), (rule_id, text, messages)
    for rule_id, text in (expect.get("evidence") or {}).items():
        observed = [str(o) for r in decision.reasons if r.rule_id == rule_id for o in r.evidence]
        assert any(text in o for o in observed), (rule_id, text, observed)
    for text in expect.get("never_advises", []):
        advice = [r.clears_by for r in decision.reasons if r.clears_by and text in r.clears_by]
        assert advice == [], advice
    # Every reason explains itself: a citation, a provenance, and a way out for a hold.
    for reason in (*decision.reasons, *decision.warnings):
        assert reason.citation
        assert reason.provenance
        if reason.outcome.value == "hold":
            assert reason.clears_by, reason
    return decision


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_decision(path: Path) -> None:
    check_case(path, bundled_ruleset())


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 11
