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
    """The newest import of each source (infos come oldest import first)."""
    latest: dict[str, SnapshotInfo] = {}
    for info in infos:
        latest[info.source] = info
    return sorted(latest.values(), key=lambda i: i.source)


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
