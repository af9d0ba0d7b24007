"""Durable shipment submissions through the HTTP API, beside the same use case called in-process.

Run: `python -m bench.service_submit [--count N] [--clients C] [--workers W] [--seconds S]`
(`make bench` runs it with the defaults: 2 workers, 50 clients). For SQLite and, when a server
answers at CLEARANCE_BENCH_DATABASE_URL (default the local one), for PostgreSQL (in a schema of
its own, dropped after), it:

1. stores one licence large enough that every submission clears and draws on it;
2. starts `uvicorn` with W workers on 127.0.0.1 (over the bundled screening sample) and sends N
   distinct shipments from C concurrent keep-alive clients (`POST /api/shipments`, each its own
   transaction: decision, drawdown, volume lines, audit event);
3. stops the server and submits the same count of further shipments by calling
   `submit_shipment` directly, one after another, on the same database;

so the HTTP overhead (parsing, auth, the wire, the worker processes) is a ratio measured in the
same run. Each HTTP run stops at N requests or S seconds, whichever comes first; a request that
is not answered 2xx is counted and fails the run.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from clearance.screening import Screener
from clearance.services.access import add_user, new_principal
from clearance.services.ledger_authorizations import add_authorizations
from clearance.services.ledger_decide import LedgerContext
from clearance.services.ledger_shipments import submit_shipment
from clearance.services.party_screening import ListScreener
from clearance.services.ruleset import bundled_ruleset
from clearance.services.sample_parties import sample_entries
from clearance.store.access import SqlUserStore
from clearance.store.db import make_engine, migrate
from clearance.store.ledger_store import SqlLedger

from .http_load import Run, post_requests, run_load
from .ledger import PG_URL, licence, server_answers, shipment
from .service import HOST, _port, database, in_process, start_server, wait_ready

PATH = "/api/shipments"


@dataclass(frozen=True, slots=True)
class Result:
    backend: str
    direct: Run
    http: Run


def body(document: dict[str, Any]) -> dict[str, Any]:
    """The request body for one submission."""
    return {"shipment": document}


def seed(url: str) -> str:
    """The schema, one admin token and the licence every submission draws on."""
    engine = make_engine(url)
    migrate(engine)
    token = add_user(SqlUserStore(engine), new_principal("bench", "admin"))
    add_authorizations(SqlLedger(engine), context(), [licence()])
    engine.dispose()
    return token


def context() -> LedgerContext:
    """What the server's requests run with: the bundled rules and a screener over the sample."""
    return LedgerContext(
        ruleset=bundled_ruleset(),
        screener=ListScreener(Screener.build(sample_entries()), "sample"),
        actor="bench",
        now=lambda: datetime.now(UTC),
    )


def measure(
    backend: str, url: str, data_dir: Path, count: int, clients: int, workers: int, seconds: float
) -> Result:
    token = seed(url)
    port = _port()
    server = start_server(data_dir, url, port, workers)
    try:
        wait_ready(f"http://{HOST}:{port}")
        warm = [body(shipment(f"WARM-{i}")) for i in range(min(300, count))]
        run_load(HOST, port, post_requests(HOST, port, PATH, token, warm), clients, seconds)
        docs = [body(shipment(f"HTTP-{i}")) for i in range(count)]
        http = run_load(HOST, port, post_requests(HOST, port, PATH, token, docs), clients, seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if http.errors:
        raise SystemExit(f"{backend}: {http.errors} submissions were not answered 2xx")
    engine = make_engine(url)
    ledger, ctx = SqlLedger(engine), context()
    submit_shipment(ledger, ctx, shipment("WARM-DIRECT"))
    direct_docs = [shipment(f"DIRECT-{i}") for i in range(http.count)]
    direct = in_process(
        "in-process, 1 caller", lambda d: submit_shipment(ledger, ctx, d), direct_docs
    )
    engine.dispose()
    return Result(backend, direct, http)


def report(results: list[Result], clients: int, workers: int) -> None:
    print(f"POST {PATH}: durable submissions, {workers} worker(s), {clients} clients, 127.0.0.1")
    print(f"  {'backend':<12}{'run':<24}{'count':>7}{'per s':>9}{'p50 ms':>9}{'p99 ms':>9}")
    for r in results:
        for run in (r.direct, r.http):
            print(
                f"  {r.backend:<12}{run.label:<24}{run.count:>7}{run.per_second:>9.0f}"
                f"{run.pct(0.50):>9.2f}{run.pct(0.99):>9.2f}"
            )
        ratio = r.http.per_second / r.direct.per_second
        print(f"  {r.backend:<12}HTTP throughput / in-process throughput: {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="submissions per run")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--seconds", type=float, default=60, help="time cap per HTTP run")
    parser.add_argument("--postgres", metavar="URL", default=PG_URL, help="PostgreSQL URL")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args()
    backends = [("SQLite", None)]
    if not args.no_postgres and server_answers(args.postgres):
        backends.append(("PostgreSQL", args.postgres))
    else:
        print("note: no PostgreSQL server answers; SQLite only")
    results = []
    for backend, postgres in backends:
        with (
            tempfile.TemporaryDirectory(prefix="clearance-bench-") as tmp,
            database(Path(tmp), postgres) as url,
        ):
            started = time.perf_counter()
            results.append(
                measure(
                    backend, url, Path(tmp), args.count, args.clients, args.workers, args.seconds
                )
            )
            print(f"{backend}: measured in {time.perf_counter() - started:.0f} s")
    report(results, args.clients, args.workers)


if __name__ == "__main__":
    main()
