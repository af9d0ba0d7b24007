"""Which stored snapshot is current for each source: supersede, keep older, pin, unpin, remove.

A source is the publication a file is a release of (`ListFormat.source`: the CSL as CSV or
JSON, OFAC SDN, OFAC non-SDN, the UN list, ...). Each source has at most one current snapshot;
screening uses the current ones only.

- The first import of a source makes it current.
- A newer release (a later data date; for equal or unknown dates, the later import) supersedes
  the current one, which stays stored for replay (`clearance lists diff`, `--pin`).
- An older release is stored but does not become current and does not merge: the import says so.
- `pin` makes a snapshot current and keeps it so against newer imports until `unpin`.
- `remove` deletes a snapshot; if it was current, the newest remaining release of its source
  takes its place.

The state is one small file that the store swaps atomically, after the screening index for the
new state is on disk, so a process killed at any point leaves the previous state usable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from clearance.domain.errors import InputError, NotFoundError
from clearance.lists import ListFormat

from .list_import import SnapshotInfo


@dataclass(frozen=True, slots=True)
class Current:
    id: str
    pinned: bool = False


CurrentSet = Mapping[str, Current]  # source -> its current snapshot


class Placement(StrEnum):
    FIRST = "current (first release of its source)"
    SUPERSEDES = "current, supersedes"
    ALREADY = "already current"
    OLDER = "not current: older than the current"
    PINNED = "not current: the source is pinned to"


@dataclass(frozen=True, slots=True)
class Placed:
    placement: Placement
    other: SnapshotInfo | None = None  # the snapshot superseded, or the one that stays current

    @property
    def became_current(self) -> bool:
        return self.placement in (Placement.FIRST, Placement.SUPERSEDES, Placement.ALREADY)

    @property
    def changed_state(self) -> bool:
        return self.placement in (Placement.FIRST, Placement.SUPERSEDES)

    @property
    def message(self) -> str:
        if self.other is None:
            return self.placement.value
        date_text = self.other.data_date.isoformat() if self.other.data_date else "no data date"
        text = f"{self.placement.value} {self.other.id} ({date_text})"
        if self.placement is Placement.OLDER:
            text += "; kept for replay, not screened against (`clearance lists pin` to use it)"
        elif self.placement is Placement.PINNED:
            text += "; kept, not screened against (`clearance lists unpin` to follow releases)"
        return text


def source_of(info: SnapshotInfo) -> str:
    try:
        return ListFormat(info.format).source
    except ValueError:
        return info.format


def release_order(info: SnapshotInfo) -> tuple[date, object]:
    """Newer releases sort later: by data date, then by import time."""
    return (info.data_date or date.min, info.imported_at)


def newest_per_source(infos: Iterable[SnapshotInfo]) -> dict[str, Current]:
    """The state a store without a saved state has: the newest release of every source."""
    newest: dict[str, SnapshotInfo] = {}
    for info in infos:
        source = source_of(info)
        if source not in newest or release_order(info) >= release_order(newest[source]):
            newest[source] = info
    return {source: Current(info.id) for source, info in sorted(newest.items())}


def place(
    state: CurrentSet, by_id: Mapping[str, SnapshotInfo], info: SnapshotInfo
) -> tuple[dict[str, Current], Placed]:
    """The state after importing `info` (already stored), and what became of it."""
    source = source_of(info)
    new = dict(state)
    held = state.get(source)
    current = by_id.get(held.id) if held is not None else None
    if held is None or current is None:
        new[source] = Current(info.id)
        return new, Placed(Placement.FIRST)
    if current.id == info.id:
        return new, Placed(Placement.ALREADY)
    if held.pinned:
        return new, Placed(Placement.PINNED, current)
    if release_order(info) < release_order(current):
        return new, Placed(Placement.OLDER, current)
    new[source] = Current(info.id)
    return new, Placed(Placement.SUPERSEDES, current)


def find_info(infos: Iterable[SnapshotInfo], ref: str) -> SnapshotInfo:
    """A stored snapshot by id or unique id prefix."""
    known = list(infos)
    exact = [info for info in known if info.id == ref]
    matches = exact or [info for info in known if info.id.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        ids = ", ".join(info.id for info in matches)
        raise InputError(f"{ref!r} matches several snapshots: {ids}", field="id")
    raise NotFoundError(f"no snapshot {ref!r}")


def pinned(state: CurrentSet, info: SnapshotInfo) -> dict[str, Current]:
    return dict(state) | {source_of(info): Current(info.id, pinned=True)}


def unpinned(state: CurrentSet, infos: Iterable[SnapshotInfo], source: str) -> dict[str, Current]:
    """The source follows its newest release again."""
    new = {s: c for s, c in state.items() if s != source}
    newest = newest_per_source(i for i in infos if source_of(i) == source)
    return new | newest


def without(
    state: CurrentSet, infos: Iterable[SnapshotInfo], removed: SnapshotInfo
) -> dict[str, Current]:
    """The state once `removed` is deleted: its source falls back to its newest other release."""
    source = source_of(removed)
    held = state.get(source)
    if held is None or held.id != removed.id:
        return dict(state)
    return unpinned(state, (i for i in infos if i.id != removed.id), source)
