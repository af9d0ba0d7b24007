"""LiveIndex: a rebuild is built beside the current index and swapped in; screening never
waits for it."""

from __future__ import annotations

import threading
import time

from clearance.screening import Screener
from clearance.services.live_index import LiveIndex
from clearance.services.screening_source import ScreeningSource, sample_source

SAMPLE = sample_source()
NAME = SAMPLE.screener.entries[0].name


def test_first_use_builds_once() -> None:
    calls = []

    def load() -> ScreeningSource:
        calls.append(1)
        return SAMPLE

    index = LiveIndex(load)
    assert not index.ready
    assert index.current() is index.current()
    assert calls == [1]
    assert index.status().generation == 1


def test_screening_goes_on_while_the_next_index_builds() -> None:
    release = threading.Event()
    started = threading.Event()
    smaller = ScreeningSource(label="smaller", screener=Screener.build(SAMPLE.screener.entries[:1]))
    sources = iter([SAMPLE, smaller])

    def load() -> ScreeningSource:
        source = next(sources)
        if source is smaller:
            started.set()
            assert release.wait(30)  # the build stalls until the test lets it finish
        return source

    index = LiveIndex(load)
    first = index.current()
    worker = index.rebuild_in_background()
    assert started.wait(10)
    assert index.building
    # While the rebuild is stalled, every screening answers at once from the old index.
    for _ in range(50):
        began = time.perf_counter()
        version = index.current()
        hits = version.screener.screen(NAME)
        assert time.perf_counter() - began < 1.0
        assert version is first
        assert hits
    release.set()
    worker.join(30)
    swapped = index.current()
    assert (swapped.generation, swapped.label, swapped.entry_count) == (2, "smaller", 1)
    assert first.entry_count == len(SAMPLE.screener.entries)
    assert not index.building


def test_a_failed_rebuild_keeps_the_old_index() -> None:
    sources = iter([SAMPLE])

    def load() -> ScreeningSource:
        return next(sources)  # the second call raises StopIteration

    index = LiveIndex(load)
    first = index.current()
    index.rebuild_in_background().join(10)
    assert index.current() is first
    assert index.last_error is not None
    assert "StopIteration" in index.last_error


def test_after_swap_runs_once_per_new_version() -> None:
    swaps: list[int] = []
    index = LiveIndex(lambda: SAMPLE)
    index.after_swap = lambda: swaps.append(index.status().generation)
    index.current()
    index.current()
    index.rebuild()
    assert swaps == [1, 2]
