"""`clearance serve --demo` end to end: a subprocess on a free port plays the January 2026
scenario into a fresh SQLite ledger, prints the URL and one token per demo user, and answers
over HTTP from that ledger until it is stopped."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.pool import NullPool

from clearance.services.access import TOKEN_PREFIX
from clearance.services.ledger_documents import shipment_document
from clearance.services.ledger_shipments import list_shipments
from clearance.services.ledger_timeline import load_timeline
from clearance.store.db import make_engine
from clearance.store.ledger_store import SqlLedger, table_counts

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "examples" / "h200-2026"
READY = "Serving until interrupted"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """The demo server's base URL and what it printed before serving."""
    port = _port()
    env = {**os.environ, "CLEARANCE_WEBHOOK_INTERVAL": "0", "TMPDIR": str(tmp_path)}
    command = [sys.executable, "-m", "clearance.cli", "serve", "--demo", "--port", str(port)]
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        assert proc.stdout is not None
        printed: list[str] = []
        while not printed or not printed[-1].startswith(READY):
            line = proc.stdout.readline()
            assert line, "serve --demo ended early:\n" + "".join(printed)
            printed.append(line)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, "the demo server exited"
            assert time.monotonic() < deadline, "the demo server did not become ready"
            time.sleep(0.2)
        yield base, printed
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


def _token(printed: list[str], user: str) -> str:
    line = next(line for line in printed if line.split()[:1] == [user])
    token = line.split()[-1]
    assert token.startswith(TOKEN_PREFIX)
    return token


def test_serve_demo_serves_the_scenario_from_a_fresh_ledger(
    served: tuple[str, list[str]],
) -> None:
    base, printed = served
    assert any(line.startswith(f"Dashboard: {base}/") for line in printed)
    database = Path(next(line for line in printed if line.startswith("Clearance demo: "))[16:-1])
    admin = {"Authorization": f"Bearer {_token(printed, 'admin')}"}
    buyer = {"Authorization": f"Bearer {_token(printed, 'alibaba-buyer')}"}
    assert httpx.get(f"{base}/healthz").json()["status"] == "ok"
    assert httpx.get(f"{base}/api/me", headers=admin).json()["role"] == "admin"
    assert httpx.get(f"{base}/api/me", headers=buyer).json()["party"] == (
        "Alibaba Cloud Computing Ltd."
    )

    # The ledger it serves holds the timeline's shipments, each decided, and its audit chain.
    engine = make_engine(f"sqlite:///{database}", poolclass=NullPool)
    try:
        shipments = list_shipments(SqlLedger(engine))
        audit_rows = table_counts(engine)["audit_event"]
    finally:
        engine.dispose()
    timeline = load_timeline(SCENARIO / "timeline.yaml")
    submitted = {
        shipment_document(SCENARIO / name)["id"] for e in timeline.events for name in e.submit
    }
    assert {s["id"] for s in shipments} == submitted
    assert all(s["decision_id"] is not None for s in shipments)
    chain = httpx.get(f"{base}/api/audit/verify", headers=admin).json()
    assert chain["ok"] is True
    assert chain["events"] == audit_rows > len(submitted)
    assert httpx.get(f"{base}/api/audit/verify", headers=buyer).status_code == 403
