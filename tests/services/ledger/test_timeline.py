"""`demo --db`: the January 2026 timeline played as events through the ledger."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from clearance.services.ledger_replay import replay, rules_impact
from clearance.services.ledger_shipments import show_shipment
from clearance.services.ledger_timeline import play
from clearance.services.ruleset import bundled_ruleset, ruleset_from_directory
from clearance.store.ledger_store import SqlLedger, table_counts

from .support import ROOT, context

SCENARIO = ROOT / "examples" / "h200-2026"


def test_the_ndrc_conditions_clear_exactly_the_ready_shipments_within_balance(
    ledger: SqlLedger,
) -> None:
    _, steps = play(ledger, context(), SCENARIO)
    ndrc = steps[-1]
    assert ndrc.label.startswith("ILLUSTRATIVE: the NDRC")
    # Oldest first: the first Alibaba order clears; the second, ready but for the balance, not.
    assert [d["shipment_id"] for d in ndrc.decided][:1] == ["SHP-ALI-H200"]
    assert ndrc.cleared == ["SHP-ALI-H200"]
    second = show_shipment(ledger, "SHP-ALI-H200-2")
    assert second["state"] == "held"
    assert "engine.authorization.balance_exceeded" in second["reason_ids"]
    assert ndrc.balances["US-BIS-H200-ALIBABA"] == (40_000, 50_000)
    assert ndrc.balances["CN-MOFCOM-H200-BATCH1"] == (390_000, 400_000)
    assert ndrc.gauge["china_macau"] == 10_000
    assert all(not step.cleared for step in steps[:-1])
    # ByteDance's licence is still under review; Tencent has none: both stay held.
    for held in ("SHP-BD-H200", "SHP-TC-H200"):
        assert show_shipment(ledger, held)["state"] == "held"


def test_every_decision_of_the_timeline_replays_the_same(ledger: SqlLedger) -> None:
    play(ledger, context(), SCENARIO)
    rows = replay(ledger, [bundled_ruleset()], None)
    assert len(rows) == 18  # 7 submissions, then 2 + 5 + 4 re-decisions
    assert {r["status"] for r in rows} == {"same"}


def test_rule_impact_lists_what_a_candidate_pack_would_change_and_writes_nothing(
    ledger: SqlLedger, tmp_path: Path
) -> None:
    play(ledger, context(), SCENARIO)
    candidate = tmp_path / "packs"
    shutil.copytree(ROOT / "src" / "clearance" / "rules" / "packs", candidate)
    (candidate / "cn" / "import-approval-h200-2026.yaml").unlink()  # China drops its approval
    before = table_counts(ledger.engine)
    rows = rules_impact(ledger, ruleset_from_directory(candidate), date(2026, 3, 20))
    assert table_counts(ledger.engine) == before
    changed = {r["shipment_id"]: r for r in rows}
    # Without the China pack, the China-side reasons go: the missing approval notice and NDRC
    # compliance evidence of ByteDance and Tencent, the cleared Alibaba order's China approval.
    assert {"SHP-TC-H200", "SHP-BD-H200", "SHP-ALI-H200"} <= set(changed)
    assert (
        "engine.evidence_missing.import_approval_notice"
        in changed["SHP-TC-H200"]["reasons_removed"]
    )
    assert changed["SHP-ALI-H200"]["reasons_removed"] == ["engine.authorization.satisfied"]
    assert all(c["reasons_removed"] and not c["reasons_added"] for c in changed.values())
    # Denied shipments dated in the past are not re-decided.
    assert "SHP-SG-H200" not in changed
