"""A live server on 127.0.0.1 for browser tests, and Debian's chromium (installed when
missing, if this is a Debian machine and we are root; otherwise the browser tests skip)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import uvicorn

from clearance.api import create_app
from clearance.api.context import ApiContext
from clearance.services.access import add_user, new_principal
from clearance.services.exact_screener import ExactNameScreener
from clearance.services.ledger_decide import LedgerContext
from clearance.services.ledger_timeline import play
from clearance.services.sample_parties import sample_entries
from clearance.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "examples" / "h200-2026"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if found:
        return found
    if os.name == "posix" and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium"],
            check=False,
            capture_output=True,
            timeout=900,
        )
        return shutil.which("chromium")
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        pytest.skip("Debian's chromium is not installed and cannot be installed here")
    return path


@dataclass
class LiveServer:
    url: str
    tokens: dict[str, str]
    ctx: ApiContext


def play_scenario(ctx: ApiContext) -> None:
    """The January 2026 timeline played into the app's ledger: held, cleared and denied
    shipments, drawn authorizations, notices, a chained audit trail."""
    ledger_ctx = LedgerContext(
        ruleset=ctx.ruleset,
        screener=ExactNameScreener(sample_entries()),
        actor="scenario",
        now=lambda: datetime.now(UTC),
    )
    play(ctx.ledger, ledger_ctx, SCENARIO)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    app = create_app(
        Settings(
            data_dir=tmp_path / "data",
            database_url=f"sqlite:///{tmp_path / 'web.sqlite3'}",
            webhook_interval=0,
        )
    )
    ctx: ApiContext = app.state.ctx
    ctx.index.current()
    tokens = {
        "admin": add_user(ctx.users, new_principal("admin", "admin")),
        "buyer": add_user(
            ctx.users, new_principal("buyer", "applicant", "Alibaba Cloud Computing Ltd.")
        ),
    }
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield LiveServer(f"http://127.0.0.1:{port}", tokens, ctx)
    server.should_exit = True
    thread.join(timeout=10)
