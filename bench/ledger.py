"""The ledger's durable throughput and event re-decision time, measured in one run.

Run: `python -m bench.ledger [--quick]` (`make bench` runs it). It measures, side by side:

* SQLite, one writer, durable (WAL, synchronous FULL: one fsync per commit): submissions per
  second with one transaction per submission, and in batches of 100 per transaction; then the
  same with synchronous NORMAL, for comparison only (a commit then survives the application's
  crash but not a power loss: not what the target means by durable);
* PostgreSQL (CLEARANCE_BENCH_DATABASE_URL, default the local server; skipped when none
  answers): submissions per second from 8 concurrent client processes, each submission its own
  transaction, all drawing on one licence, beside `pgbench -N` TPS with 8 clients on the same
  server in the same run;
* the time to re-decide 10,000 held shipments after one condition set (SQLite).

Targets (issue #8): SQLite >= 500/s; PostgreSQL >= 1/3 of pgbench; re-decision <= 10 s.
Every submission is decided in full (classification, rules, screening against the sample).
"""

from __future__ import annotations

import argparse
import copy
import multiprocessing
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, text

from clearance.services.exact_screener import ExactNameScreener
from clearance.services.ledger_authorizations import add_authorizations, set_conditions
from clearance.services.ledger_decide import LedgerContext
from clearance.services.ledger_documents import authorization_documents, shipment_document
from clearance.services.ledger_shipments import submit_batch, submit_shipment
from clearance.services.ruleset import bundled_ruleset
from clearance.services.sample_parties import sample_entries
from clearance.store.db import make_engine, migrate
from clearance.store.ledger_store import SqlLedger

SAMPLES = Path(__file__).resolve().parents[1] / "examples" / "ledger"
PG_URL = os.environ.get(
    "CLEARANCE_BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
PENDING = [{"kind": "pending", "set_by": "NDRC", "description": "to be set"}]


def context() -> LedgerContext:
    return LedgerContext(
        ruleset=bundled_ruleset(),
        screener=ExactNameScreener(sample_entries()),
        actor="bench",
        now=lambda: datetime.now(UTC),
    )


def licence(**changes: Any) -> dict[str, Any]:
    doc = authorization_documents(SAMPLES / "licence.yaml")[0]
    return doc | {"quantity": 100_000_000} | changes


_SHIPMENT = shipment_document(SAMPLES / "shipment.yaml")


def shipment(shipment_id: str) -> dict[str, Any]:
    return copy.deepcopy(_SHIPMENT) | {"id": shipment_id}


def sqlite_ledger(directory: Path, synchronous: str = "FULL") -> SqlLedger:
    """`synchronous`: FULL (the default: a commit is fsynced, it survives power loss) or
    NORMAL (in WAL mode a commit survives the application's crash, not the machine's)."""
    engine = make_engine(f"sqlite:///{directory / 'bench.sqlite3'}")
    if synchronous != "FULL":
        event.listen(
            engine,
            "connect",
            lambda conn, _: conn.execute(f"PRAGMA synchronous={synchronous}"),
        )
    migrate(engine)
    return SqlLedger(engine)


def sqlite_rates(count: int, batch: int, synchronous: str = "FULL") -> tuple[float, float]:
    """Submissions per second, one per transaction and `batch` per transaction (the
    documents are built before the clock starts)."""
    ctx = context()
    with tempfile.TemporaryDirectory() as tmp:
        ledger = sqlite_ledger(Path(tmp), synchronous)
        add_authorizations(ledger, ctx, [licence()])
        submit_shipment(ledger, ctx, shipment("WARM"))
        singles = [shipment(f"ONE-{i}") for i in range(count)]
        start = time.perf_counter()
        for doc in singles:
            submit_shipment(ledger, ctx, doc)
        single = count / (time.perf_counter() - start)
        batches = [
            [shipment(f"B-{i}") for i in range(b, b + batch)] for b in range(0, count * 2, batch)
        ]
        start = time.perf_counter()
        for docs in batches:
            submit_batch(ledger, ctx, docs)
        batched = count * 2 / (time.perf_counter() - start)
        ledger.engine.dispose()
    return single, batched


def server_answers(url: str) -> bool:
    host = re.search(r"@([^:/]+)(?::(\d+))?/", url)
    if host is None:
        return False
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex((host.group(1), int(host.group(2) or 5432))) == 0


def _pg_client(url: str, schema: str, client: int, each: int, start_at: float) -> None:
    engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    ledger, ctx = SqlLedger(engine), context()
    submit_shipment(ledger, ctx, shipment(f"W-{client}"))  # warm: imports, caches, connection
    documents = [shipment(f"C{client}-{i}") for i in range(each)]
    while time.time() < start_at:
        time.sleep(0.001)
    for doc in documents:
        submit_shipment(ledger, ctx, doc)
    engine.dispose()


def postgres_rate(url: str, clients: int, each: int) -> float:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        engine: Engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
        migrate(engine)
        add_authorizations(SqlLedger(engine), context(), [licence()])
        engine.dispose()
        start_at = time.time() + 3.0
        mp = multiprocessing.get_context("fork")
        procs = [
            mp.Process(target=_pg_client, args=(url, schema, c, each, start_at))
            for c in range(clients)
        ]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        return clients * each / (time.time() - start_at)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def pgbench_tps(url: str, clients: int, seconds: int) -> float | None:
    """`pgbench -N` (no branch-table updates) on its own database on the same server."""
    binary = shutil.which("pgbench")
    match = re.search(r"//([^@]+)@([^:/]+)(?::(\d+))?/", url)
    if binary is None or match is None:
        return None
    user, host, port = match.group(1), match.group(2), match.group(3) or "5432"
    base = [f"--host={host}", f"--port={port}", f"--username={user}"]
    admin = make_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname='clearance_pgbench'")
        ).first():
            conn.execute(text("CREATE DATABASE clearance_pgbench"))
    admin.dispose()
    subprocess.run(
        [binary, *base, "-i", "-q", "-s", "10", "clearance_pgbench"],
        check=True,
        capture_output=True,
    )
    run = subprocess.run(
        [
            binary,
            *base,
            "-N",
            "-c",
            str(clients),
            "-j",
            "2",
            "-T",
            str(seconds),
            "clearance_pgbench",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    tps = re.search(r"tps = ([0-9.]+)", run.stdout)
    return float(tps.group(1)) if tps else None


def redecide_seconds(held: int) -> tuple[float, int, int]:
    """Submit `held` shipments held on a pending condition, then set the condition: the time
    the event takes (re-decide all, record each decision), and how many cleared."""
    ctx = context()
    with tempfile.TemporaryDirectory() as tmp:
        ledger = sqlite_ledger(Path(tmp))
        add_authorizations(
            ledger, ctx, [licence(status="granted_conditions_pending", conditions=PENDING)]
        )
        for b in range(0, held, 500):
            submit_batch(ledger, ctx, [shipment(f"H-{i}") for i in range(b, min(b + 500, held))])
        start = time.perf_counter()
        result = set_conditions(ledger, ctx, "US-LIC-1", {"conditions": []}, "bench")
        seconds = time.perf_counter() - start
        ledger.engine.dispose()
    return seconds, len(result["redecided"]), len(result["cleared"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller counts")
    parser.add_argument(
        "--only", choices=["sqlite", "postgres", "redecide"], help="one measurement only"
    )
    parser.add_argument("--held", type=int, help="held shipments to re-decide (10,000)")
    args = parser.parse_args()
    count, each, held = (200, 40, 1000) if args.quick else (1000, 150, 10_000)
    held = args.held or held
    rows: list[tuple[str, str, str]] = []
    if args.only in (None, "sqlite"):
        rows.extend(sqlite_rows(count))
    if args.only in (None, "postgres"):
        rows.extend(postgres_rows(each))
    if args.only in (None, "redecide"):
        rows.append(redecide_row(held))
    width = max(len(r[0]) for r in rows)
    print(f"{'ledger':<{width}}  {'measured':>14}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>14}  {target}")


def sqlite_rows(count: int) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    single, batched = sqlite_rates(count, 100)
    rows.append(("SQLite, 1 writer, 1 submission per transaction", f"{single:,.0f}/s", ">= 500/s"))
    rows.append(
        ("SQLite, 1 writer, 100 submissions per transaction", f"{batched:,.0f}/s", ">= 500/s")
    )
    single, batched = sqlite_rates(count, 100, "NORMAL")
    rows.append(
        ("  synchronous NORMAL (not power-loss safe), 1 per transaction", f"{single:,.0f}/s", "")
    )
    rows.append(
        ("  synchronous NORMAL (not power-loss safe), 100 per transaction", f"{batched:,.0f}/s", "")
    )
    return rows


def postgres_rows(each: int) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    if server_answers(PG_URL):
        pg = postgres_rate(PG_URL, 8, each)
        tps = pgbench_tps(PG_URL, 8, 10)
        rows.append(("PostgreSQL, 8 clients, 1 submission per transaction", f"{pg:,.0f}/s", ""))
        if tps:
            rows.append(("pgbench -N, 8 clients, same server", f"{tps:,.0f} TPS", ""))
            rows.append(("PostgreSQL submissions / pgbench TPS", f"{pg / tps:.2f}", ">= 0.33"))
    else:
        rows.append(("PostgreSQL", "skipped: no server at " + PG_URL, ""))
    return rows


def redecide_row(held: int) -> tuple[str, str, str]:
    seconds, redecided, cleared = redecide_seconds(held)
    return (
        f"re-decide {redecided:,} held after one condition set ({cleared:,} cleared)",
        f"{seconds:.1f} s",
        "<= 10 s",
    )


if __name__ == "__main__":
    main()
