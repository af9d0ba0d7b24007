"""Which list entries a decision is screened against: the latest imported snapshot per source."""

from __future__ import annotations

from dataclasses import dataclass

from clearance.domain.listing import ListEntry

from .list_import import SnapshotInfo, SnapshotRepository
from .sample_parties import sample_entries


@dataclass(frozen=True, slots=True)
class ScreeningSource:
    label: str  # the snapshot ids screened against, or "sample"
    entries: tuple[ListEntry, ...]
    snapshots: tuple[SnapshotInfo, ...] = ()

    @property
    def is_sample(self) -> bool:
        return not self.snapshots


def latest_per_source(infos: list[SnapshotInfo]) -> list[SnapshotInfo]:
    """The newest import of each kind of list: same format and the same lists inside.

    Two CSL files of different dates are one source (the newer import wins); OFAC's SDN and
    non-SDN files, or the CSL and the UN list, are different sources and are both kept.
    Infos come oldest import first.
    """
    latest: dict[tuple[str, frozenset[str]], SnapshotInfo] = {}
    for info in infos:
        latest[(info.format, frozenset(info.list_counts))] = info
    return sorted(latest.values(), key=lambda i: (i.format, i.id))


def imported_source(repo: SnapshotRepository) -> ScreeningSource | None:
    chosen = latest_per_source(repo.infos())
    if not chosen:
        return None
    entries: list[ListEntry] = []
    for info in chosen:
        entries.extend(repo.load(info.id).entries)
    return ScreeningSource(
        label="+".join(i.id for i in chosen), entries=tuple(entries), snapshots=tuple(chosen)
    )


def sample_source() -> ScreeningSource:
    return ScreeningSource(label="sample", entries=sample_entries())
