"""Killing `clearance lists import` at any point leaves the previous snapshot and its index usable.

The previous state is the 2022 CSL, imported and indexed. The 2026 CSL is then imported in a
subprocess that is killed (SIGKILL: no cleanup runs) at a series of points, each detected by
watching the data directory: while reading, while the entries file is written, once its manifest
exists, while the index file is written, and once it is in place. After each kill, a screening in
a fresh process must load a stored index (no rebuild) and the current state must be either the
previous one or, if the kill came after the final swap, the new one, complete.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from clearance.cli.exit_codes import HITS_FOUND, OK
from clearance.services.screening_source import current_state
from clearance.store.snapshot_files import FileSnapshotRepository

pytestmark = pytest.mark.shared_data

CLI = [sys.executable, "-c", "from clearance.cli.app import main; main()"]
QUERY = "Huawei Technologies Co., Ltd."


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"CLEARANCE_DATA_DIR": str(data_dir)}
    return subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=600)


def start(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    env = os.environ | {"CLEARANCE_DATA_DIR": str(data_dir)}
    return subprocess.Popen(
        [*CLI, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True
    )


def names(directory: Path) -> set[str]:
    return {p.name for p in directory.iterdir()} if directory.is_dir() else set()


def screen(data_dir: Path) -> tuple[list[str], str]:
    done = run(data_dir, "screen", QUERY, "--json")
    assert done.returncode in (OK, HITS_FOUND), done.stderr
    return [f"{h['list']}:{h['entry_id']}" for h in json.loads(done.stdout)["hits"]], done.stderr


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory, shared_lists: Path) -> Path:
    data = tmp_path_factory.mktemp("before")
    done = run(
        data, "lists", "import", str(shared_lists / "us_csl" / "consolidated_2022-05.csv.gz")
    )
    assert done.returncode == 0, done.stderr
    return data


Point = Callable[[Path, set[str], set[str], float], bool]


def _reading(snaps: Path, old: set[str], old_index: set[str], elapsed: float) -> bool:
    return elapsed > 0.5


def _writing_entries(snaps: Path, old: set[str], old_index: set[str], elapsed: float) -> bool:
    return any(n.endswith(".tmp") and ".jsonl.gz." in n for n in names(snaps))


def _manifest_written(snaps: Path, old: set[str], old_index: set[str], elapsed: float) -> bool:
    return any(n.endswith(".json") for n in names(snaps) - old)


def _writing_index(snaps: Path, old: set[str], old_index: set[str], elapsed: float) -> bool:
    return any(n.endswith(".tmp") for n in names(snaps / "index"))


def _index_written(snaps: Path, old: set[str], old_index: set[str], elapsed: float) -> bool:
    return any(n.endswith(".idx") for n in names(snaps / "index") - old_index)


POINTS = {
    "reading": _reading,
    "writing entries": _writing_entries,
    "manifest written": _manifest_written,
    "writing index": _writing_index,
    "index written": _index_written,
}


def test_a_killed_import_leaves_a_usable_snapshot_and_index(
    before: Path, tmp_path: Path, shared_lists: Path
) -> None:
    newer = str(shared_lists / "us_csl" / "csl_projection_2026-07-31.csv.gz")
    baseline, _ = screen(before)
    assert baseline
    [previous] = current_state(FileSnapshotRepository(before)).values()
    killed: list[str] = []
    for label, point in POINTS.items():
        data = tmp_path / label.replace(" ", "-")
        shutil.copytree(before, data)
        snaps = data / "snapshots"
        old, old_index = names(snaps), names(snaps / "index")
        process = start(data, "lists", "import", newer)
        began = time.monotonic()
        while process.poll() is None:
            if point(snaps, old, old_index, time.monotonic() - began):
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.002)
        if process.wait(timeout=600) == -signal.SIGKILL:
            killed.append(label)
        state = current_state(FileSnapshotRepository(data))
        hits, stderr = screen(data)
        assert "building the screening index" not in stderr, label  # a stored index loaded
        if state == {"csl": previous}:
            assert hits == baseline, label
        else:  # killed after the swap: the new state is complete
            assert [c.id for c in state.values()] != [previous.id]
        if label.startswith("writing"):  # the next import completes over a half-written file
            again = run(data, "lists", "import", newer)
            assert again.returncode == 0, (label, again.stderr)
            assert not [n for n in names(snaps) | names(snaps / "index") if n.endswith(".tmp")]
    # The points are watched by polling: the shortest window may close before it is seen.
    assert len(killed) >= len(POINTS) - 1, killed
