"""`clearance users add|list|revoke`, and `clearance serve --demo` end to end."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from clearance.cli.app import app
from clearance.cli.exit_codes import BAD_INPUT, OK
from clearance.services.access import TOKEN_PREFIX

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_add_prints_the_token_once_and_list_never_shows_it() -> None:
    added = runner.invoke(app, ["users", "add", "ana", "--role", "applicant", "--party", "X Ltd"])
    assert added.exit_code == OK, added.output
    token = added.stdout.strip()
    assert token.startswith(TOKEN_PREFIX)
    listed = runner.invoke(app, ["users", "list"])
    assert listed.exit_code == OK
    assert "ana" in listed.stdout
    assert "applicant" in listed.stdout
    assert token not in listed.stdout
    assert runner.invoke(app, ["users", "revoke", "ana"]).exit_code == OK
    assert "revoked" in runner.invoke(app, ["users", "list"]).stdout
    again = runner.invoke(app, ["users", "revoke", "ana"])
    assert again.exit_code == BAD_INPUT
    assert "no active user" in again.stderr


def test_bad_role_is_one_line_exit_2() -> None:
    result = runner.invoke(app, ["users", "add", "x", "--role", "root"])
    assert result.exit_code == BAD_INPUT
    assert "unknown role 'root'" in result.stderr
    assert runner.invoke(app, ["users", "list"]).stdout.count("x") == 0


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_serve_demo_prints_tokens_and_answers(tmp_path: Path) -> None:
    port = _port()
    env = {**os.environ, "CLEARANCE_WEBHOOK_INTERVAL": "0", "TMPDIR": str(tmp_path)}
    command = [sys.executable, "-m", "clearance.cli", "serve", "--demo", "--port", str(port)]
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(9)]
        admin = next(line for line in lines if line.strip().startswith("admin "))
        token = admin.split()[-1]
        assert token.startswith(TOKEN_PREFIX)
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the demo server did not become ready"
            time.sleep(0.2)
        assert list(tmp_path.glob("clearance-demo-*/clearance.sqlite3"))
        me = httpx.get(
            f"http://127.0.0.1:{port}/api/me", headers={"Authorization": f"Bearer {token}"}
        )
        assert me.json()["role"] == "admin"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        if proc.stdout is not None:
            proc.stdout.close()
