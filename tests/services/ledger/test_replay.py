"""Every decision of a generated 10,000-shipment history replays to the same outcome and
reasons: cleared, held for evidence, held for balance, held while the licence was suspended,
re-decided by events."""

from __future__ import annotations

import random
from collections import Counter

from clearance.services.ledger_authorizations import add_authorizations, change_status
from clearance.services.ledger_facts import add_evidence
from clearance.services.ledger_replay import replay
from clearance.services.ledger_shipments import submit_batch
from clearance.services.ruleset import bundled_ruleset
from clearance.store.ledger_store import SqlLedger

from .support import EVIDENCE, context, licence, shipment

HISTORY = 10_000


def test_a_generated_history_replays_the_same(ledger: SqlLedger) -> None:
    ctx, rng = context(), random.Random(8)
    add_authorizations(ledger, ctx, [licence(30_000)])
    lacking: list[str] = []
    for start in range(0, HISTORY, 500):
        if start == HISTORY // 2:
            change_status(ledger, ctx, "US-LIC-1", "suspend", note="review")
        if start == HISTORY // 2 + 1000:
            change_status(ledger, ctx, "US-LIC-1", "grant")
        docs = []
        for i in range(start, start + 500):
            evidence = rng.random() > 0.1
            docs.append(shipment(f"G-{i:05d}", rng.randint(1, 9), evidence=evidence))
            if not evidence:
                lacking.append(f"G-{i:05d}")
        submit_batch(ledger, ctx, docs)
    for shipment_id in lacking[:20]:
        add_evidence(ledger, ctx, shipment_id, EVIDENCE, "evidence.yaml")
    rows = replay(ledger, [bundled_ruleset()], None)
    assert len(rows) >= HISTORY
    assert Counter(r["status"] for r in rows) == {"same": len(rows)}
    outcomes = Counter(r["stored"] for r in rows)
    assert outcomes["cleared"] > 1000
    assert outcomes["hold"] > 1000
