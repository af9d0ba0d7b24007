"""Speed measurements for the screening benchmark: latency, throughput, the brute-force
baseline, memory, and the list grown to a million names."""

from __future__ import annotations

import random
import resource
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from bench.screening_perturb import KINDS
from clearance.domain.listing import EntryType, ListEntry
from clearance.screening import Screener, ScreeningQuery


def rss_mb() -> float:
    """The resident set size of this process now, in MB (Linux), else the peak."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass(frozen=True, slots=True)
class Build:
    screener: Screener
    seconds: float
    rss_before: float
    rss_after: float


def build(entries: Sequence[ListEntry]) -> Build:
    before = rss_mb()
    start = time.perf_counter()
    screener = Screener.build(entries)
    return Build(screener, time.perf_counter() - start, before, rss_mb())


def latencies(screener: Screener, names: Sequence[str]) -> tuple[float, float, float]:
    """(p50, p99, mean) of one `screen` call, in milliseconds, wall clock."""
    times = []
    for name in names:
        start = time.perf_counter()
        screener.screen(name)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[len(times) // 2], times[int(len(times) * 0.99)], statistics.fmean(times)


def throughput(screener: Screener, names: Sequence[str]) -> float:
    """Names per second through the batch API, in this process (one core)."""
    start = time.perf_counter()
    screener.screen_many(ScreeningQuery(name) for name in names)
    return len(names) / (time.perf_counter() - start)


def brute_throughput(choices: Sequence[str], names: Sequence[str]) -> float:
    """Names per second of rapidfuzz `extractOne` (WRatio) over every list name.

    The list names are preprocessed once (lower case, no punctuation), as a fair baseline would.
    """
    prepared = [utils.default_process(choice) for choice in choices]
    start = time.perf_counter()
    for name in names:
        process.extractOne(utils.default_process(name), prepared, scorer=fuzz.WRatio)
    return len(names) / (time.perf_counter() - start)


def grown(entries: Sequence[ListEntry], target: int, seed: int) -> list[ListEntry]:
    """The list grown to `target` names: every real entry, then generated variants of real
    names (each perturbation kind, sometimes two at once) as entries of a list "SYN"."""
    rng = random.Random(seed)
    out = list(entries)
    count = sum(len(entry.names) for entry in entries)
    names = [name for entry in entries for name in entry.names]
    perturbs = list(KINDS.values())
    made = 0
    while count < target:
        name = rng.choice(names)
        for perturb in rng.sample(perturbs, rng.choice((1, 1, 2))):
            name = perturb(name, rng) or name
        made += 1
        out.append(ListEntry("SYN", f"syn-{made}", name, EntryType.UNKNOWN))
        count += 1
    return out
