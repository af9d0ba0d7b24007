"""The HTTP service under load: one-name screening, the stateless check and durable shipment
submissions (decided, recorded and drawn in the ledger), requests per second and p50/p99
latency at 1 and 50 concurrent clients, beside the same count of direct, in-process use-case
calls (so the HTTP overhead is a ratio).

Run: `python -m bench.service [--count N] [--clients C] [--workers W] [--seconds S]
[--postgres URL]` (`make bench` runs it with the defaults: SQLite, 1 worker). The server is
started by this script on 127.0.0.1 only, over the 2026 CSL projection from the shared data
folder when it is there (else the bundled sample), and stopped at the end. The load generator
(`bench.http_load`, plain asyncio keep-alive connections) runs in this process on the same
machine: its own CPU time is part of what the figures measure. Each run stops at `--count`
requests or `--seconds`, whichever comes first. The target of issue #9 is a screening p50 of
at most 5 ms at 50 clients. Each submission is a new shipment of one unit under one licence
large enough for all of them; the direct calls submit their own shipments to the same ledger.
"""

from __future__ import annotations

import argparse
import copy
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from clearance.domain.listing import ListEntry
from clearance.screening import Screener
from clearance.services.access import add_user, new_principal
from clearance.services.authorization_file import parse_authorizations
from clearance.services.clearing import CheckOptions, check_shipment
from clearance.services.examples import example
from clearance.services.ledger_authorizations import add_authorizations
from clearance.services.ledger_decide import LedgerContext
from clearance.services.ledger_documents import authorization_documents, shipment_document
from clearance.services.ledger_ports import PartyScreenerLike
from clearance.services.ledger_shipments import submit_shipment
from clearance.services.list_import import import_paths
from clearance.services.party_screening import ListScreener
from clearance.services.ruleset import bundled_ruleset
from clearance.services.sample_parties import sample_entries
from clearance.services.shipment_file import parse_shipment
from clearance.store.access import SqlUserStore
from clearance.store.db import make_engine, migrate
from clearance.store.ledger_store import SqlLedger
from clearance.store.snapshot_files import FileSnapshotRepository

from .http_load import Run, post_requests, run_load
from .screening_data import CSL, shared_data

HOST = "127.0.0.1"
SAMPLES = Path(__file__).resolve().parents[1] / "examples" / "ledger"


def queries(entries: tuple[ListEntry, ...], count: int) -> list[dict[str, str]]:
    """Half list names (hits), half clean company-like names (mostly no hit)."""
    out = []
    for i in range(count):
        if i % 2 == 0:
            entry = entries[(i * 7919) % len(entries)]
            out.append(
                {"name": entry.name, **({"country": entry.countries[0]} if entry.countries else {})}
            )
        else:
            out.append({"name": f"Northwind Trading Company {i} Limited", "country": "GB"})
    return out


def _port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def ledger_context(screener: PartyScreenerLike | None) -> LedgerContext:
    return LedgerContext(
        ruleset=bundled_ruleset(),
        screener=screener,
        actor="bench",
        now=lambda: datetime.now(UTC),
    )


def prepare(data_dir: Path, url: str) -> tuple[str, tuple[ListEntry, ...]]:
    """A database with one admin token and a licence for every submission, and the list
    snapshot the server will load."""
    engine = make_engine(url)
    migrate(engine)
    token = add_user(SqlUserStore(engine), new_principal("bench", "admin"))
    licence = authorization_documents(SAMPLES / "licence.yaml")[0] | {"quantity": 10_000_000}
    add_authorizations(SqlLedger(engine), ledger_context(None), [licence])
    engine.dispose()
    csl = shared_data() / CSL
    if csl.is_file():
        repo = FileSnapshotRepository(data_dir)
        (result,) = import_paths(repo, [csl])
        entries = repo.load(result.info.id).entries
        return token, entries
    return token, sample_entries()


@contextmanager
def database(data_dir: Path, postgres: str | None) -> Iterator[str]:
    """A SQLite file, or a fresh schema in the PostgreSQL database at `postgres` (dropped after)."""
    if not postgres:
        yield f"sqlite:///{data_dir / 'bench.sqlite3'}"
        return
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(postgres)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in postgres else "?"
    try:
        yield f"{postgres}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def start_server(data_dir: Path, url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "CLEARANCE_DATA_DIR": str(data_dir),
        "CLEARANCE_DATABASE_URL": url,
        "CLEARANCE_WEBHOOK_INTERVAL": "0",
    }
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "clearance.api.app:app_from_environment",
        "--host", HOST, "--port", str(port), "--workers", str(workers),
        "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip
    return subprocess.Popen(command, env=env)


def wait_ready(base: str, timeout: float = 300, in_a_row: int = 30) -> None:
    """Wait until `in_a_row` fresh connections in a row find a ready worker: each worker builds
    its own index, and the kernel hands each new connection to any of them."""
    deadline = time.monotonic() + timeout
    ready = 0
    while ready < in_a_row:
        if time.monotonic() > deadline:
            raise SystemExit("the server did not become ready")
        try:
            ok = httpx.get(f"{base}/readyz", timeout=2).status_code == 200
        except httpx.HTTPError:
            ok = False
        ready = ready + 1 if ok else 0
        if not ok:
            time.sleep(0.25)


def in_process(label: str, call: Callable[[dict[str, Any]], object], bodies: list[Any]) -> Run:
    latencies = []
    began = time.perf_counter()
    for body in bodies:
        start = time.perf_counter()
        call(body)
        latencies.append(time.perf_counter() - start)
    return Run(label, len(bodies), time.perf_counter() - began, latencies)


def check_bodies(count: int) -> list[dict[str, Any]]:
    """The API's check example, one shipment id per request."""
    out = []
    for i in range(count):
        body = copy.deepcopy(
            {"shipment": example("shipment"), "authorizations": [example("authorization")]}
        )
        body["shipment"]["id"] = f"SHP-BENCH-{i}"
        body["as_of"] = "2026-03-16"
        out.append(body)
    return out


def submit_bodies(count: int, prefix: str) -> list[dict[str, Any]]:
    """The ledger's sample shipment of one unit, one shipment id per request."""
    sample = shipment_document(SAMPLES / "shipment.yaml")
    out = []
    for i in range(count):
        doc = copy.deepcopy(sample)
        doc["id"] = f"{prefix}-{i}"
        doc["lines"][0]["quantity"] = 1
        out.append({"shipment": doc})
    return out


def direct_calls(
    entries: tuple[ListEntry, ...], url: str
) -> dict[str, Callable[[dict[str, Any]], object]]:
    """The use cases each route calls, without HTTP: the same parsing and the same index."""
    screener = Screener.build(entries)
    parties = ListScreener(screener, "bench")
    ruleset = bundled_ruleset()
    options = CheckOptions(as_of=date(2026, 3, 16))
    ledger = SqlLedger(make_engine(url))
    ctx = ledger_context(parties)

    def screen(body: dict[str, Any]) -> object:
        return screener.screen(body["name"], country=body.get("country"))

    def check(body: dict[str, Any]) -> object:
        shipment = parse_shipment(body["shipment"], source="shipment")
        held = parse_authorizations(body["authorizations"], source="authorizations")
        return check_shipment(shipment, held, ruleset, parties, options)

    def submit(body: dict[str, Any]) -> object:
        return submit_shipment(ledger, ctx, body["shipment"])

    return {"/api/screening": screen, "/api/check": check, "/api/shipments": submit}


def table(title: str, runs: list[Run], clients: int) -> None:
    direct, one, many = runs
    print(title)
    print(f"  {'run':<24}{'count':>8}{'per s':>10}{'p50 ms':>9}{'p99 ms':>9}")
    for run in runs:
        print(
            f"  {run.label:<24}{run.count:>8}{run.per_second:>10.0f}"
            f"{run.pct(0.50):>9.2f}{run.pct(0.99):>9.2f}"
        )
    slower = direct.per_second / many.per_second
    print(
        f"  HTTP overhead at {clients} clients: throughput x{slower:.1f} lower;"
        f" p50 x{many.pct(0.5) / direct.pct(0.5):.1f} higher"
        f" (1 client: p50 x{one.pct(0.5) / direct.pct(0.5):.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=4000, help="requests per run")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--seconds", type=float, default=60, help="time cap per run")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="a PostgreSQL URL (a schema of its own is made and dropped)",
    )
    args = parser.parse_args()
    results: dict[str, list[Run]] = {}
    with (
        tempfile.TemporaryDirectory(prefix="clearance-bench-") as tmp,
        database(Path(tmp), args.postgres) as url,
    ):
        data_dir = Path(tmp)
        token, entries = prepare(data_dir, url)
        bodies: dict[str, list[Any]] = {
            "/api/screening": queries(entries, args.count),
            "/api/check": check_bodies(args.count),
            "/api/shipments": submit_bodies(args.count, "SHP-ONE"),
        }

        def fresh_bodies(prefix: str, count: int = args.count) -> list[dict[str, Any]]:
            return submit_bodies(count, f"SHP-{prefix}")

        port = _port()
        server = start_server(data_dir, url, port, args.workers)
        try:
            wait_ready(f"http://{HOST}:{port}")
            for path, items in bodies.items():
                requests = post_requests(HOST, port, path, token, items)
                # A submission is recorded once: each run sends shipments of its own (a
                # repeated one would be answered from its idempotency key).
                fresh = path == "/api/shipments"
                warm = post_requests(HOST, port, path, token, fresh_bodies("WARM", 300))
                run_load(HOST, port, warm if fresh else requests[:300], args.clients, args.seconds)
                one = run_load(HOST, port, requests, 1, args.seconds)
                if fresh:
                    requests = post_requests(HOST, port, path, token, fresh_bodies("MANY"))
                many = run_load(HOST, port, requests, args.clients, args.seconds)
                if one.errors or many.errors:
                    raise SystemExit(f"{path}: {one.errors + many.errors} answers were not 2xx")
                results[path] = [one, many]
        finally:
            server.terminate()
            server.wait(timeout=30)
        direct_bodies = {**bodies, "/api/shipments": fresh_bodies("DIRECT")}
        for path, call in direct_calls(entries, url).items():
            many = results[path][1]
            results[path].insert(
                0, in_process("in-process use case", call, direct_bodies[path][: many.count])
            )
    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(
        f"{len(entries):,} list entries; {args.workers} worker(s); {backend};"
        " server and load on 127.0.0.1"
    )
    table("POST /api/screening (one name)", results["/api/screening"], args.clients)
    table("POST /api/check (stateless decision)", results["/api/check"], args.clients)
    table("POST /api/shipments (durable submission)", results["/api/shipments"], args.clients)
    p50 = results["/api/screening"][2].pct(0.5)
    verdict = "met" if p50 <= 5.0 else "not met"
    print(f"target: screening p50 <= 5 ms at {args.clients} clients: {verdict} ({p50:.1f} ms)")


if __name__ == "__main__":
    main()
