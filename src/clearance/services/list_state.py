"""Use cases that change which snapshots are current: import, pin, unpin, remove.

Each one ends in `screening_source.commit_state`: the screening index of the new state is built
and stored first, then the state is swapped in. The order on disk, for an import: the entries
file, its manifest, the index file, the state file; each written to a temporary file, fsynced
and renamed. A process killed anywhere before the last rename leaves the previous state and its
index in use; after it, the new one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from clearance.lists import ListFormat
from clearance.lists.feeds import DEFAULT_FEEDS

from .list_import import (
    Downloader,
    ImportResult,
    Progress,
    SnapshotInfo,
    SnapshotRepository,
    import_paths,
    with_downloads,
)
from .list_import import utc_now as _utc_now
from .screening_source import (
    ScreenerStore,
    commit_state,
    current_state,
    read_state,
    write_state,
)
from .snapshot_currency import (
    Placed,
    find_info,
    pinned,
    place,
    source_of,
    unpinned,
    without,
)


@dataclass(frozen=True, slots=True)
class Imported:
    result: ImportResult
    placed: Placed


def import_lists(
    repo: SnapshotRepository,
    store: ScreenerStore,
    paths: Sequence[Path | str],
    fmt: ListFormat | None = None,
    *,
    on_file: Progress | None = None,
    on_build: Callable[[str], None] | None = None,
    now: Callable[[], datetime] = _utc_now,
) -> list[Imported]:
    """Store the snapshots read from `paths` and make each current unless it is older than
    (or its source is pinned to) the current one."""
    if read_state(repo) is None:  # fix the state before new manifests could change it
        write_state(repo, current_state(repo))
    results = import_paths(repo, paths, fmt, on_file=on_file, now=now)
    state = current_state(repo)
    by_id = {info.id: info for info in repo.infos()}
    placed: list[Imported] = []
    for result in results:
        state, where = place(state, by_id, result.info)
        placed.append(Imported(result, where))
    if state != current_state(repo):
        commit_state(repo, store, state, on_build)
    return placed


def update_lists(
    repo: SnapshotRepository,
    store: ScreenerStore,
    work_dir: Path,
    urls: Sequence[str] = DEFAULT_FEEDS,
    *,
    fetch: Downloader | None = None,
    on_build: Callable[[str], None] | None = None,
) -> list[Imported]:
    """Download the feeds, then import them as `import_lists` does (all or nothing)."""

    def then(paths: list[Path]) -> list[Imported]:
        return import_lists(repo, store, paths, on_build=on_build)

    return with_downloads(work_dir, urls, then, fetch=fetch)


def pin(
    repo: SnapshotRepository,
    store: ScreenerStore,
    ref: str,
    on_build: Callable[[str], None] | None = None,
) -> SnapshotInfo:
    """Make a snapshot current for its source and keep it so against newer imports."""
    info = find_info(repo.infos(), ref)
    commit_state(repo, store, pinned(current_state(repo), info), on_build)
    return info


def unpin(
    repo: SnapshotRepository,
    store: ScreenerStore,
    ref: str,
    on_build: Callable[[str], None] | None = None,
) -> SnapshotInfo | None:
    """The snapshot's source follows its newest release again; returns the new current one."""
    infos = repo.infos()
    source = source_of(find_info(infos, ref))
    state = unpinned(current_state(repo), infos, source)
    commit_state(repo, store, state, on_build)
    held = state.get(source)
    return repo.find(held.id) if held is not None else None


def remove(
    repo: SnapshotRepository,
    store: ScreenerStore,
    ref: str,
    on_build: Callable[[str], None] | None = None,
) -> tuple[SnapshotInfo, SnapshotInfo | None]:
    """Delete a snapshot; returns it and what is now current for its source (if anything)."""
    infos = repo.infos()
    info = find_info(infos, ref)
    state = without(current_state(repo), infos, info)
    commit_state(repo, store, state, on_build)  # the state no longer names it: then delete
    repo.remove(info.id)
    held = state.get(source_of(info))
    return info, (repo.find(held.id) if held is not None else None)
