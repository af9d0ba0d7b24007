"""The January 2026 H200 scenario of examples/h200-2026 replays as its scenario.yaml expects."""

from __future__ import annotations

from pathlib import Path

from clearance.services.exact_screener import ExactNameScreener
from clearance.services.ruleset import bundled_ruleset
from clearance.services.sample_parties import sample_entries
from clearance.services.scenario import run_scenario

SCENARIO = Path(__file__).resolve().parents[2] / "examples" / "h200-2026"


def test_scenario_expectations_hold() -> None:
    run = run_scenario(SCENARIO, bundled_ruleset(), ExactNameScreener(sample_entries()))
    assert run.expectations, "the scenario states expectations"
    for (shipment_id, day), expect in run.expectations.items():
        decision = run.decisions[(shipment_id, day)]
        where = f"{shipment_id} on {day}: {decision.outcome} {decision.reason_ids}"
        assert decision.outcome.value == expect.outcome, where
        if expect.reason:
            assert expect.reason in decision.reason_ids, where


def test_reported_inform_turns_china_side_into_warnings() -> None:
    run = run_scenario(
        SCENARIO, bundled_ruleset(), ExactNameScreener(sample_entries()), reported_binds=False
    )
    for decision in run.decisions.values():
        assert all(not r.rule_id.startswith("cn.") for r in decision.reasons)
