"""Many writers at once: a balance never goes below zero, and the China-share cap holds.

16 processes x 200 submissions of 7 units against a licence of 1,000 units: exactly 142 clear
(994 units); every other one holds for insufficient balance; the drawdown lines add up to the
units used; the audit chain has one event per submission, in an unbroken chain.
"""

from __future__ import annotations

import multiprocessing
from typing import Any

from sqlalchemy import Engine, func, select

from clearance.services.audit_chain import verify_chain
from clearance.services.ledger_authorizations import add_authorizations, show_authorization
from clearance.services.ledger_shipments import list_shipments, submit_shipment
from clearance.store.ledger_store import SqlLedger
from clearance.store.ledger_tables import DrawdownRow

from .support import context, licence, shipment, us_shipment

PROCESSES = 16
EACH = 200


def _run(engine: Engine, target: Any, *args: Any) -> None:
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=target, args=(engine, p, *args)) for p in range(PROCESSES)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(300)
        assert proc.exitcode == 0


def _submitter(engine: Engine, process: int, units: int, each: int) -> None:
    engine.dispose(close=False)  # the parent's pooled connections are not ours to use
    ledger = SqlLedger(engine)
    ctx = context(actor=f"writer-{process}")
    for i in range(each):
        submit_shipment(ledger, ctx, shipment(f"P{process:02d}-{i:03d}", units))


def test_sixteen_writers_never_overdraw(engine: Engine) -> None:
    ledger = SqlLedger(engine)
    add_authorizations(ledger, context(), [licence(1000)])
    _run(engine, _submitter, 7, EACH)
    rows = list_shipments(ledger)
    assert len(rows) == PROCESSES * EACH
    cleared = [r for r in rows if r["outcome"] == "cleared"]
    held = [r for r in rows if r["outcome"] == "hold"]
    assert len(cleared) == 142
    assert len(held) == PROCESSES * EACH - 142
    assert all("engine.authorization.balance_exceeded" in r["reason_ids"] for r in held)
    auth = show_authorization(ledger, "US-LIC-1")
    assert (auth["quantity_used"], auth["balance"]) == (994, 6)
    with engine.connect() as conn:
        drawn = conn.execute(select(func.sum(DrawdownRow.units))).scalar_one()
    assert drawn == auth["quantity_used"]
    with ledger() as uow:
        events = uow.audit.events()
    assert len(events) == PROCESSES * EACH + 1
    assert verify_chain(events).ok


def test_concurrent_china_submissions_never_pass_the_share_cap(engine: Engine) -> None:
    ledger = SqlLedger(engine)
    ctx = context()
    cap = [{"kind": "aggregate_share_cap", "value": 0.5}]
    add_authorizations(ledger, ctx, [licence(100_000, conditions=cap)])
    submit_shipment(ledger, ctx, us_shipment("US-1", 200))  # room for 100 units to Macau
    _run(engine, _submitter, 3, 10)
    rows = [r for r in list_shipments(ledger) if r["id"] != "US-1"]
    cleared = [r for r in rows if r["outcome"] == "cleared"]
    assert len(cleared) == 33  # 33 x 3 = 99 <= 0.5 x 200
    held = [r for r in rows if r["outcome"] == "hold"]
    assert all("engine.condition.aggregate_share_cap" in r["reason_ids"] for r in held)
