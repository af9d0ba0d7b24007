"""Fixtures for the list readers: the sample files beside this module and the real lists."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]


def shared_lists_dir() -> Path:
    """CLEARANCE_SHARED_DATA (default ../shared/data beside the repo) + /lists."""
    root = Path(os.environ.get("CLEARANCE_SHARED_DATA") or REPO.parent / "shared" / "data")
    return root / "lists"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def shared_lists() -> Path:
    directory = shared_lists_dir()
    if not directory.is_dir():
        pytest.skip(f"no shared list data at {directory} (set CLEARANCE_SHARED_DATA)")
    return directory


@pytest.fixture
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve a directory over http on 127.0.0.1 (a thread); yields a function dir -> base URL."""
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


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass
