"""The screening index a server keeps in memory, shared by all its requests.

Building an index over the real lists takes seconds; screening one name against a built one
takes milliseconds. `LiveIndex` builds once, hands every request the current version, and on
`rebuild()` builds the next version beside the current one and swaps the reference when it is
complete: a request in flight keeps the version it started with, and no request ever waits
for a build (except the very first, before any index exists).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from clearance.screening import Screener

from .party_screening import ListScreener
from .screening_source import ScreeningSource


@dataclass(frozen=True, slots=True)
class IndexVersion:
    screener: Screener
    label: str  # the snapshot ids screened against, or "sample"
    is_sample: bool
    generation: int
    built_at: datetime
    build_seconds: float
    parties: ListScreener  # the same index as a stateless party screener, for decisions

    @property
    def entry_count(self) -> int:
        return len(self.screener.entries)


@dataclass(frozen=True, slots=True)
class IndexStatus:
    label: str | None
    entry_count: int
    generation: int
    building: bool
    last_error: str | None


class LiveIndex:
    """The current index version, and a background rebuild that swaps in the next one."""

    def __init__(
        self,
        load: Callable[[], ScreeningSource],
        *,
        after_swap: Callable[[], None] | None = None,
    ) -> None:
        self.load_source = load
        self.after_swap = after_swap  # e.g. the server settles its heap around the new index
        self._current: IndexVersion | None = None
        self._build_lock = threading.Lock()  # one build at a time; the first one is waited for
        self._worker: threading.Thread | None = None
        self.last_error: str | None = None

    def current(self) -> IndexVersion:
        version = self._current
        if version is not None:
            return version
        with self._build_lock:  # a build already running (the server's warm-up) is waited for
            if self._current is None:
                self._current = self._build(generation=1)
                self._swapped()
            return self._current

    @property
    def ready(self) -> bool:
        return self._current is not None

    def status(self) -> IndexStatus:
        version = self._current
        return IndexStatus(
            label=version.label if version else None,
            entry_count=version.entry_count if version else 0,
            generation=version.generation if version else 0,
            building=self.building,
            last_error=self.last_error,
        )

    @property
    def building(self) -> bool:
        worker = self._worker
        return worker is not None and worker.is_alive()

    def rebuild(self) -> IndexVersion:
        """Build the next version from the current source and swap it in (blocks the caller)."""
        with self._build_lock:
            generation = (self._current.generation if self._current else 0) + 1
            version = self._build(generation)
            self._current = version  # one reference assignment: readers see old or new
            self._swapped()
            return version

    def _swapped(self) -> None:
        if self.after_swap is not None:
            self.after_swap()

    def rebuild_in_background(self) -> threading.Thread:
        """Start `rebuild()` in a thread; errors are kept in `last_error`, the old index stays."""

        def run() -> None:
            try:
                self.rebuild()
                self.last_error = None
            except Exception as exc:  # a failed rebuild leaves the old index serving
                self.last_error = f"{type(exc).__name__}: {exc}"

        worker = threading.Thread(target=run, name="screening-index-rebuild", daemon=True)
        self._worker = worker
        worker.start()
        return worker

    def _build(self, generation: int) -> IndexVersion:
        started = datetime.now(UTC)
        source = self.load_source()
        screener = source.screener  # loaded from its stored index, or built and stored
        parties = ListScreener(screener, source.label)  # no memory: decisions here store nothing
        seconds = (datetime.now(UTC) - started).total_seconds()
        return IndexVersion(
            screener=screener,
            label=source.label,
            is_sample=source.is_sample,
            generation=generation,
            built_at=started,
            build_seconds=seconds,
            parties=parties,
        )
