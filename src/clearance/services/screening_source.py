"""Which list entries screening uses: the current snapshot of every source, merged, and the
screener over them, loaded from its stored index (milliseconds) or built once and stored.

Merging: entries of different sources with the same key (`LIST:ENTRY_ID`) are one entry. Keys
are the lists' official ids where a source has them (Treasury entity numbers, OFAC ent_num, UN
reference numbers, UK unique ids) and otherwise the stable key of name and countries
(`clearance.lists.parsed.stable_id`), so the Entity List entry found in the CSL and in the KAIST
compilation is one entry listing both snapshots in `sources` (and the union of their names and
countries). The first source in order (by source name) gives the other fields.

The index key hashes the current snapshots' ids and checksums, the merge rules
(`MERGE_VERSION`) and the store's code version (index layout, normaliser, scorer): a stored
index is used only for exactly what it was built from; anything else is stale and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from clearance.domain.errors import UnavailableError
from clearance.domain.listing import ListEntry
from clearance.screening import Screener

from .list_import import SnapshotInfo, SnapshotRepository
from .sample_parties import sample_entries
from .snapshot_currency import Current, CurrentSet, newest_per_source

MERGE_VERSION = 1


class ScreenerStore(Protocol):
    """Where built screeners are kept (`clearance.store.index_files`)."""

    @property
    def version(self) -> str:
        """A digest of the code an index depends on (layout, normaliser, scorer)."""
        ...

    def load(self, key: str) -> tuple[Screener, dict[str, Any]] | None: ...

    def save(self, key: str, screener: Screener, meta: dict[str, Any]) -> object: ...

    def keep_only(self, keys: set[str]) -> None: ...


@dataclass(frozen=True, slots=True)
class ScreeningSource:
    label: str  # the snapshot ids screened against, or "sample"
    screener: Screener
    snapshots: tuple[SnapshotInfo, ...] = ()

    @property
    def is_sample(self) -> bool:
        return not self.snapshots


def read_state(repo: SnapshotRepository) -> dict[str, Current] | None:
    raw = repo.read_state()
    if raw is None:
        return None
    return {source: Current(str(c["id"]), bool(c.get("pinned"))) for source, c in raw.items()}


def write_state(repo: SnapshotRepository, state: CurrentSet) -> None:
    repo.write_state(
        {source: {"id": c.id, "pinned": c.pinned} for source, c in sorted(state.items())}
    )


def current_state(repo: SnapshotRepository) -> dict[str, Current]:
    """The saved state, or (never saved) the newest release of every source."""
    state = read_state(repo)
    return newest_per_source(repo.infos()) if state is None else state


def state_infos(repo: SnapshotRepository, state: CurrentSet) -> list[SnapshotInfo]:
    infos = [repo.find(current.id) for _, current in sorted(state.items())]
    return [info for info in infos if info is not None]


def index_key(infos: Sequence[SnapshotInfo], version: str) -> str:
    parts = [MERGE_VERSION, version, sorted((i.id, i.checksum) for i in infos)]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32]


def merge_entries(parts: Sequence[tuple[str, Sequence[ListEntry]]]) -> tuple[ListEntry, ...]:
    """One entry per key across (snapshot id, entries) parts, naming every snapshot listing it."""
    merged: dict[str, ListEntry] = {}
    for snapshot, entries in parts:
        for entry in entries:
            held = merged.get(entry.key)
            if held is None:
                merged[entry.key] = replace(entry, sources=(snapshot,))
            elif snapshot not in held.sources:
                merged[entry.key] = replace(
                    held,
                    aliases=_union(held.aliases, entry.names, held.name),
                    countries=_union(held.countries, entry.countries),
                    sources=(*held.sources, snapshot),
                )
    return tuple(merged.values())


def _union(first: tuple[str, ...], more: Sequence[str], leave_out: str = "") -> tuple[str, ...]:
    return tuple(v for v in dict.fromkeys((*first, *more)) if v != leave_out)


def build_screener(repo: SnapshotRepository, infos: Sequence[SnapshotInfo]) -> Screener:
    return Screener.build(merge_entries([(info.id, repo.load(info.id).entries) for info in infos]))


def screener_for(
    repo: SnapshotRepository,
    store: ScreenerStore,
    infos: Sequence[SnapshotInfo],
    on_build: Callable[[str], None] | None = None,
) -> Screener:
    """The stored screener for these snapshots, else one built now and stored."""
    key = index_key(infos, store.version)
    try:
        found = store.load(key)
    except UnavailableError as exc:  # a damaged index file: the snapshots can rebuild it
        found = None
        if on_build is not None:
            on_build(f"rebuilding the screening index ({exc})")
    if found is not None:
        return found[0]
    if on_build is not None:
        on_build(f"building the screening index for {', '.join(i.id for i in infos)}")
    screener = build_screener(repo, infos)
    try:
        store.save(key, screener, {"snapshots": [info.id for info in infos]})
    except OSError as exc:  # a read-only or full disk: screen now, build again next time
        if on_build is not None:
            on_build(f"the screening index could not be stored ({exc.strerror or exc})")
    return screener


def commit_state(
    repo: SnapshotRepository,
    store: ScreenerStore,
    state: CurrentSet,
    on_build: Callable[[str], None] | None = None,
) -> None:
    """Make `state` current: its index is stored first, then the state is swapped in, then the
    indexes of other states are removed. A kill before the swap leaves the old state whole."""
    infos = state_infos(repo, state)
    if infos:
        screener_for(repo, store, infos, on_build)
    write_state(repo, state)
    store.keep_only({index_key(infos, store.version)} if infos else set())


def imported_source(
    repo: SnapshotRepository,
    store: ScreenerStore,
    on_build: Callable[[str], None] | None = None,
) -> ScreeningSource | None:
    infos = state_infos(repo, current_state(repo))
    if not infos:
        return None
    screener = screener_for(repo, store, infos, on_build)
    return ScreeningSource(
        label="+".join(i.id for i in infos), screener=screener, snapshots=tuple(infos)
    )


def sample_source() -> ScreeningSource:
    return ScreeningSource(label="sample", screener=Screener.build(sample_entries()))
