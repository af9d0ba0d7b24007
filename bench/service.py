"""The HTTP service under load: screening requests per second and latency at 50 concurrent
clients, beside the same count of direct, in-process use-case calls (HTTP overhead as a ratio).

Run: `python -m bench.service [--count N] [--clients C] [--workers W] [--seconds S]`
(`make bench` runs it). The server is started by this script on 127.0.0.1 only, over the 2026
CSL projection from the shared data folder when it is there (else the bundled sample), and is
stopped at the end. The load generator (`bench.http_load`, plain asyncio keep-alive connections)
runs in this process, on the same machine: its own CPU time is part of what the figures
measure. Each run stops at `--count` requests or `--seconds`,
whichever comes first. The target of issue #9 is a p50 of at most 5 ms at 50 clients.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from clearance.domain.listing import ListEntry
from clearance.screening import Screener
from clearance.services.access import add_user, new_principal
from clearance.services.list_import import import_paths
from clearance.services.screening_source import sample_source
from clearance.store.access import SqlUserStore
from clearance.store.db import make_engine, migrate
from clearance.store.snapshot_files import FileSnapshotRepository

from .http_load import Run, post_requests, run_load
from .screening_data import CSL, shared_data

HOST = "127.0.0.1"


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


def prepare(data_dir: Path) -> tuple[str, str, tuple[ListEntry, ...]]:
    """A database with one auditor token, and the list snapshot the server will load."""
    url = f"sqlite:///{data_dir / 'bench.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    token = add_user(SqlUserStore(engine), new_principal("bench", "auditor"))
    engine.dispose()
    csl = shared_data() / CSL
    if csl.is_file():
        repo = FileSnapshotRepository(data_dir)
        (result,) = import_paths(repo, [csl])
        entries = repo.load(result.info.id).entries
        return url, token, entries
    return url, token, sample_source().entries


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


def wait_ready(base: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise SystemExit("the server did not become ready")


def in_process(entries: tuple[ListEntry, ...], bodies: list[dict[str, str]]) -> Run:
    screener = Screener.build(entries)
    latencies = []
    began = time.perf_counter()
    for body in bodies:
        start = time.perf_counter()
        screener.screen(body["name"], country=body.get("country"))
        latencies.append(time.perf_counter() - start)
    return Run("in-process use case", len(bodies), time.perf_counter() - began, latencies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=4000, help="requests per run")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--seconds", type=float, default=90, help="time cap per run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="clearance-bench-") as tmp:
        data_dir = Path(tmp)
        url, token, entries = prepare(data_dir)
        bodies = queries(entries, args.count)
        port = _port()
        base = f"http://{HOST}:{port}"
        server = start_server(data_dir, url, port, args.workers)
        try:
            wait_ready(base)
            requests = post_requests(HOST, port, "/api/screening", token, bodies)
            run_load(HOST, port, requests[:500], args.clients, args.seconds)  # warm-up
            one = run_load(HOST, port, requests, 1, args.seconds)
            many = run_load(HOST, port, requests, args.clients, args.seconds)
            if one.errors or many.errors:
                raise SystemExit(f"{one.errors + many.errors} requests did not answer 200")
        finally:
            server.terminate()
            server.wait(timeout=30)
        direct = in_process(entries, bodies[: many.count])
    print(f"screening over {len(entries):,} list entries; {args.workers} worker(s); 127.0.0.1")
    print(f"{'run':<24}{'count':>8}{'per s':>10}{'p50 ms':>9}{'p99 ms':>9}")
    for run in (direct, one, many):
        print(
            f"{run.label:<24}{run.count:>8}{run.per_second:>10.0f}"
            f"{run.pct(0.50):>9.2f}{run.pct(0.99):>9.2f}"
        )
    slower = direct.per_second / many.per_second
    print(
        f"HTTP overhead at {args.clients} clients: throughput x{slower:.1f} lower;"
        f" p50 x{many.pct(0.5) / direct.pct(0.5):.1f} higher"
        f" (1 client: p50 x{one.pct(0.5) / direct.pct(0.5):.1f})"
    )
    target = "met" if many.pct(0.5) <= 5.0 else "NOT met"
    print(f"target p50 <= 5 ms at {args.clients} clients: {target}")
    print(f"median in-process call {statistics.median(direct.latencies) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
