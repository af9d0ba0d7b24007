"""A batch killed with SIGKILL at many different points leaves the ledger consistent: no
decision without its drawdowns and audit event, none of those without their decision; running
the batch again with the same idempotency keys records each submission exactly once."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from typing import Any

from sqlalchemy import Engine, event, select

from clearance.services.audit_chain import verify_chain
from clearance.services.ledger_authorizations import add_authorizations
from clearance.services.ledger_shipments import submit_shipment
from clearance.store.ledger_store import SqlLedger
from clearance.store.ledger_tables import (
    AuditEventRow,
    AuthorizationRow,
    DecisionRow,
    DrawdownRow,
    IdempotencyKeyRow,
)

from .support import context, licence, shipment

BATCH = 6
# Statement counts to die at: steps of 3 walk through every position inside a submission's
# transaction (about a dozen statements each, commit included) across a batch of six.
KILL_POINTS = [2 + 3 * i for i in range(24)]


def _batch(engine: Engine, batch: int, die_at: int | None) -> None:
    engine.dispose(close=False)
    if die_at is not None:
        count = {"n": 0}

        def tick(*_: Any) -> None:
            count["n"] += 1
            if count["n"] == die_at:
                os.kill(os.getpid(), signal.SIGKILL)

        event.listen(engine, "before_cursor_execute", tick)
        event.listen(engine, "commit", tick)
    ledger, ctx = SqlLedger(engine), context()
    for i in range(BATCH):
        # Every third one lacks its evidence: it holds and draws nothing.
        doc = shipment(f"B{batch:02d}-{i}", 7, evidence=i % 3 != 2)
        submit_shipment(ledger, ctx, doc, key=f"batch-{batch}:{i}")


def _run(engine: Engine, batch: int, die_at: int | None) -> int | None:
    ctx = multiprocessing.get_context("fork")
    proc = ctx.Process(target=_batch, args=(engine, batch, die_at))
    proc.start()
    proc.join(120)
    return proc.exitcode


def _consistent(engine: Engine) -> None:
    with engine.connect() as conn:
        decisions = {r.id: r for r in conn.execute(select(DecisionRow))}
        draws = list(conn.execute(select(DrawdownRow)))
        audits = [
            json.loads(r.payload)
            for r in conn.execute(select(AuditEventRow))
            if r.action == "shipment.decided"
        ]
        keys = {r.key: r.response for r in conn.execute(select(IdempotencyKeyRow))}
        used = conn.execute(select(AuthorizationRow.quantity_used)).scalar_one()
    audited = {a["decision_id"]: a for a in audits}
    assert set(audited) == set(decisions)  # each decision audited, each audit a decision
    drawn_by: dict[int, int] = {}
    for d in draws:
        assert d.decision_id in decisions
        drawn_by[d.decision_id] = drawn_by.get(d.decision_id, 0) + d.units
    for decision_id, row in decisions.items():
        expected = 7 if row.outcome == "cleared" else 0
        assert drawn_by.get(decision_id, 0) == expected
        assert sum(x["units"] for x in audited[decision_id]["drawdowns"]) == expected
    assert sum(drawn_by.values()) == used
    assert all(json.loads(r) != {} for r in keys.values())  # no key without its result
    assert len(keys) == len(decisions)


def test_sigkill_at_any_point_leaves_the_ledger_consistent(engine: Engine) -> None:
    ledger = SqlLedger(engine)
    add_authorizations(ledger, context(), [licence(1000)])
    killed = 0
    for batch, point in enumerate(KILL_POINTS):
        code = _run(engine, batch, point)
        killed += code == -signal.SIGKILL
        _consistent(engine)
        assert _run(engine, batch, None) == 0  # the same keys again: the rest, once each
        _consistent(engine)
    assert killed >= 20
    with engine.connect() as conn:
        ids = sorted(r.shipment_id for r in conn.execute(select(DecisionRow)))
    assert ids == sorted(f"B{b:02d}-{i}" for b in range(len(KILL_POINTS)) for i in range(BATCH))
    with ledger() as uow:
        assert verify_chain(uow.audit.events()).ok
