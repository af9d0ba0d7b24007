"""Shared fixtures.

- `engine`: each database test runs on SQLite, and on PostgreSQL when
  CLEARANCE_TEST_DATABASE_URL is set; on PostgreSQL every test gets a schema of its own
  (dropped afterwards), so runs never collide.
- `serve`: a local HTTP server on 127.0.0.1 for download tests (no test reaches the network).
- Every test gets its own data directory.
- `shared_lists`: the real lists in ../shared/data/lists (CLEARANCE_SHARED_DATA overrides the
  data folder); the test is skipped when they are absent.
"""

from __future__ import annotations

import functools
import os
import threading
import uuid
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from clearance.store.db import make_engine, migrate

POSTGRES_URL = os.environ.get("CLEARANCE_TEST_DATABASE_URL", "")
REPO = Path(__file__).resolve().parents[1]


def shared_lists_dir() -> Path:
    """CLEARANCE_SHARED_DATA (default ../shared/data beside the repo) + /lists."""
    root = Path(os.environ.get("CLEARANCE_SHARED_DATA") or REPO.parent / "shared" / "data")
    return root / "lists"


@pytest.fixture(scope="session")
def shared_lists() -> Path:
    directory = shared_lists_dir()
    if not directory.is_dir():
        pytest.skip(f"no shared list data at {directory} (set CLEARANCE_SHARED_DATA)")
    return directory


BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not POSTGRES_URL, reason="CLEARANCE_TEST_DATABASE_URL is not set"),
        ],
    ),
]


@pytest.fixture(params=BACKENDS)
def blank_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database (no schema yet) on each backend."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'clearance.sqlite3'}")
        yield eng
        eng.dispose()
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    eng = make_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield eng
    finally:
        eng.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def engine(blank_engine: Engine) -> Engine:
    """A database migrated to the newest revision, on each backend."""
    migrate(blank_engine)
    return blank_engine


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the user's data directory or database."""
    monkeypatch.setenv("CLEARANCE_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("CLEARANCE_DATABASE_URL", raising=False)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve a directory over http on 127.0.0.1 only; yields directory -> base URL."""
    servers: list[tuple[ThreadingHTTPServer, threading.Thread]] = []

    def start(directory: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(directory))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join()
