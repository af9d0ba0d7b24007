"""Cold command-line timings: whole `clearance` processes started from a shell, as a user runs
them, against the 2026 CSL imported into a scratch data directory.

Run from the repository root: `python -m bench.cli_cold [--runs N]` (`make bench` runs it). It
reads the shared data (env CLEARANCE_SHARED_DATA, default ../shared/data) and exits 0 with
"skipped: data not found" when that is absent. What it measures, each a fresh process:

* `clearance lists import` of the 2026 CSL (reading, storing, building and saving the index);
* `clearance screen NAME` for a listed name and for a clean one: wall time (median and worst of
  N runs) and the peak resident memory of the process (from wait4);
* `clearance check SHIPMENT --screen lists` on a bundled example shipment;
* the same `screen` with the stored index removed, i.e. what every call cost before the index
  was stored (it rebuilds and saves it, so the next call is fast again).

"Cold" means a new interpreter each time, with the files in the page cache (as on a desktop
after the first call), and Python's bytecode cache on as it is by default (PYTHONDONTWRITEBYTECODE
is removed for the children; one warm-up run per command writes the cache and is not counted).
Other work on the machine adds to wall times: the CPU time of each process (user + system) is
shown beside it, and the load average is printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.screening_data import shared_data
from clearance.cli.exit_codes import DENIED, HITS_FOUND, HOLD, OK

CSL = "lists/us_csl/csl_projection_2026-07-31.csv.gz"
SHIPMENT = Path("examples/h200-2026/shipments/alibaba-b200.yaml")
CLI = [sys.executable, "-c", "from clearance.cli.app import main; main()"]
SCREEN_TARGET, CHECK_TARGET, MEMORY_TARGET = 1.0, 1.5, 300.0
Row = tuple[str, str, str, str]


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    cpu: float
    peak_mb: float
    code: int
    stderr: str


def run(args: Sequence[str], data_dir: Path) -> Run:
    """One whole process; wall time from fork to exit, its CPU time and peak RSS (wait4)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["CLEARANCE_DATA_DIR"] = str(data_dir)
    started = time.perf_counter()
    process = subprocess.Popen(
        [*CLI, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, process.returncode, stderr)


def repeated(args: Sequence[str], data_dir: Path, runs: int) -> list[Run]:
    run(args, data_dir)  # warm-up: writes the bytecode cache of the modules this command needs
    done = [run(args, data_dir) for _ in range(runs)]
    for one in done:
        if one.code not in (OK, HITS_FOUND, HOLD, DENIED):  # a result, not a failure
            raise SystemExit(f"{' '.join(args)} failed ({one.code}): {one.stderr.strip()}")
    return done


def timing_row(label: str, done: list[Run], target: float) -> Row:
    median = statistics.median(r.seconds for r in done)
    worst = max(r.seconds for r in done)
    cpu = statistics.median(r.cpu for r in done)
    return (
        label,
        f"median {median:.2f} s (cpu {cpu:.2f} s), worst {worst:.2f} s, {len(done)} runs",
        f"<= {target:.1f} s",
        "met" if median <= target else "NOT MET",
    )


def memory_row(label: str, done: list[Run]) -> Row:
    peak = max(r.peak_mb for r in done)
    ok = peak <= MEMORY_TARGET
    return (
        label,
        f"{peak:.0f} MB peak RSS",
        f"<= {MEMORY_TARGET:.0f} MB",
        "met" if ok else "NOT MET",
    )


def measure(root: Path, runs: int) -> list[Row]:
    rows: list[Row] = []
    scratch = Path(tempfile.mkdtemp(prefix="clearance-bench-"))
    try:
        imported = run(["lists", "import", str(root / CSL)], scratch)
        if imported.code != 0:
            raise SystemExit(f"import failed: {imported.stderr.strip()}")
        rows.append(
            ("import 2026 CSL + build index", f"{imported.seconds:.1f} s", "once per import", "-")
        )
        listed = repeated(["screen", "Huawei Technologies Co., Ltd."], scratch, runs)
        clean = repeated(["screen", "Acme Widgets GmbH"], scratch, runs)
        rows.append(timing_row("screen NAME (listed, hits)", listed, SCREEN_TARGET))
        rows.append(timing_row("screen NAME (clean, no hit)", clean, SCREEN_TARGET))
        rows.append(memory_row("screen: memory", listed + clean))
        if SHIPMENT.is_file():
            check = repeated(["check", str(SHIPMENT), "--screen", "lists"], scratch, runs)
            rows.append(timing_row(f"check {SHIPMENT.name} --screen lists", check, CHECK_TARGET))
            rows.append(memory_row("check: memory", check))
        for index in (scratch / "snapshots" / "index").glob("*.idx"):
            index.unlink()
        rebuilt = run(["screen", "Huawei Technologies Co., Ltd."], scratch)
        again = run(["screen", "Huawei Technologies Co., Ltd."], scratch)
        measured = f"{rebuilt.seconds:.1f} s, {rebuilt.peak_mb:.0f} MB"
        rows.append(
            (
                "screen with no stored index (rebuilds)",
                f"{measured}; the next call {again.seconds:.2f} s",
                "what every call cost before",
                f"x{rebuilt.seconds / again.seconds:.0f}",
            )
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return rows


def print_table(rows: list[Row]) -> None:
    header = ("command (fresh process)", "measured", "target", "verdict")
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(4)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cli_cold", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per command (default 5)")
    args = parser.parse_args(argv)
    root = shared_data()
    if not (root / CSL).is_file():
        print(f"skipped: data not found under {root} ({CSL})")
        return 0
    rows = measure(root, args.runs)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    when = time.strftime("%Y-%m-%d")
    print(f"\nCold CLI benchmark ({when}, {os.cpu_count()} cores, load average {load:.1f})")
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
