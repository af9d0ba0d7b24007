"""Use cases for restricted-party list snapshots: import files, show, diff, update from the feeds.

The storage is a port (`SnapshotRepository`); `clearance.store.snapshot_files` implements it
with files until the SQL ledger lands. Every file is read and checked before anything is stored,
so a bad file stores nothing and leaves the previous snapshots as they were.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from clearance.domain.errors import InputError, NotFoundError
from clearance.domain.listing import ListEntry, Snapshot
from clearance.lists import ListFormat, list_counts
from clearance.lists.feeds import DEFAULT_FEEDS

if TYPE_CHECKING:
    from clearance.lists.fetch import Download


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """A stored snapshot without its entries: what `clearance lists show` lists."""

    id: str
    source: str
    format: str
    data_date: date | None
    checksum: str
    imported_at: datetime
    entry_count: int
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def list_counts(self) -> dict[str, int]:
        """Entries by list code (the skipped./note. counts left out)."""
        return list_counts(self.counts)


class SnapshotRepository(Protocol):
    def save(self, info: SnapshotInfo, snapshot: Snapshot) -> None:
        """Store atomically: after a failure the previous state is intact."""
        ...

    def infos(self) -> list[SnapshotInfo]:
        """Every stored snapshot, oldest import first."""
        ...

    def find(self, snapshot_id: str) -> SnapshotInfo | None: ...

    def load(self, snapshot_id: str) -> Snapshot:
        """The snapshot with its entries; NotFoundError if there is none."""
        ...

    def read_state(self) -> dict[str, Any] | None:
        """The saved current-snapshot state (JSON), None if none was ever saved."""
        ...

    def write_state(self, state: dict[str, Any]) -> None:
        """Replace the state atomically."""
        ...

    def remove(self, snapshot_id: str) -> None: ...


@dataclass(frozen=True, slots=True)
class ImportResult:
    info: SnapshotInfo
    unchanged: bool  # the same content was already stored under this id


Downloader = Callable[[str, Path], "Download"]
Progress = Callable[[str], None]
R = TypeVar("R")


def snapshot_id(snapshot: Snapshot) -> str:
    """Content-addressed: the format and the first 12 hex digits of the input checksum."""
    return f"{snapshot.format}-{snapshot.checksum[:12]}"


def utc_now() -> datetime:
    return datetime.now(UTC)


def import_paths(
    repo: SnapshotRepository,
    paths: Sequence[Path | str],
    fmt: ListFormat | None = None,
    *,
    on_file: Progress | None = None,
    now: Callable[[], datetime] = utc_now,
) -> list[ImportResult]:
    """Read every file (all or nothing), then store one snapshot per list read."""
    from clearance.lists import read_snapshots  # the readers, only when reading files

    snapshots = read_snapshots(paths, fmt, on_file=on_file)
    results = []
    for snapshot in snapshots:
        sid = snapshot_id(snapshot)
        existing = repo.find(sid)
        if existing is not None:
            results.append(ImportResult(existing, unchanged=True))
            continue
        info = SnapshotInfo(
            id=sid,
            source=snapshot.source,
            format=snapshot.format,
            data_date=snapshot.data_date,
            checksum=snapshot.checksum,
            imported_at=now(),
            entry_count=len(snapshot.entries),
            counts=dict(snapshot.counts),
        )
        repo.save(info, snapshot)
        results.append(ImportResult(info, unchanged=False))
    return results


def show(repo: SnapshotRepository) -> list[SnapshotInfo]:
    return repo.infos()


def resolve(repo: SnapshotRepository, ref: str, fmt: ListFormat | None = None) -> Snapshot:
    """A snapshot by id (or a unique id prefix), or read from a list file at that path."""
    if repo.find(ref) is not None:
        return repo.load(ref)
    if Path(ref).is_file():
        from clearance.lists import read_snapshots

        snapshots = read_snapshots([ref], fmt)
        return snapshots[0]
    matches = [info.id for info in repo.infos() if info.id.startswith(ref)]
    if len(matches) == 1:
        return repo.load(matches[0])
    if len(matches) > 1:
        raise InputError(f"{ref!r} matches several snapshots: {', '.join(matches)}", field="id")
    raise NotFoundError(f"no snapshot {ref!r} and no file at that path")


@dataclass(frozen=True, slots=True)
class Change:
    old: ListEntry
    new: ListEntry
    fields: tuple[str, ...]  # the ListEntry fields that differ


@dataclass(frozen=True, slots=True)
class SnapshotDiff:
    added: tuple[ListEntry, ...]
    removed: tuple[ListEntry, ...]
    changed: tuple[Change, ...]
    unchanged: int

    @property
    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
            "unchanged": self.unchanged,
        }


def diff(old: Snapshot, new: Snapshot) -> SnapshotDiff:
    """Entries added, removed and changed between two snapshots, matched by key (list:id).

    Only the fields both snapshots carry are compared: a field empty in every entry of one of
    them (the reduced CSL has no addresses, the full one has) is a difference of format, not a
    change of the entry."""
    before = {entry.key: entry for entry in old.entries}
    after = {entry.key: entry for entry in new.entries}
    compared = tuple(sorted(carried_fields(old.entries) & carried_fields(new.entries)))
    changed = []
    unchanged = 0
    for key in before.keys() & after.keys():
        differ = changed_fields(before[key], after[key], compared)
        if not differ:
            unchanged += 1
        else:
            changed.append(Change(before[key], after[key], differ))
    return SnapshotDiff(
        added=tuple(after[k] for k in sorted(after.keys() - before.keys())),
        removed=tuple(before[k] for k in sorted(before.keys() - after.keys())),
        changed=tuple(sorted(changed, key=lambda c: c.new.key)),
        unchanged=unchanged,
    )


# The content of an entry, as its fingerprint covers it: not where the list is published
# (`source_url` moves with the publisher's site) nor which snapshots list it.
_COMPARED = tuple(f.name for f in fields(ListEntry) if f.name not in ("source_url", "sources"))


def carried_fields(entries: Sequence[ListEntry]) -> set[str]:
    """The fields that are not empty in at least one entry."""
    return {name for name in _COMPARED if any(getattr(e, name) for e in entries)}


def changed_fields(
    old: ListEntry, new: ListEntry, compared: Sequence[str] = _COMPARED
) -> tuple[str, ...]:
    return tuple(
        name for name in _COMPARED if name in compared and getattr(old, name) != getattr(new, name)
    )


def update(
    repo: SnapshotRepository,
    work_dir: Path,
    urls: Sequence[str] = DEFAULT_FEEDS,
    *,
    fetch: Downloader | None = None,
    on_file: Progress | None = None,
    now: Callable[[], datetime] = utc_now,
) -> list[ImportResult]:
    """Download every feed into a scratch directory under `work_dir`, then import them together
    (so OFAC's sdn/add/alt make one snapshot). A failed download imports nothing."""
    return with_downloads(
        work_dir,
        urls,
        lambda paths: import_paths(repo, paths, on_file=on_file, now=now),
        fetch=fetch,
        on_file=on_file,
    )


def with_downloads(
    work_dir: Path,
    urls: Sequence[str],
    then: Callable[[list[Path]], list[R]],
    *,
    fetch: Downloader | None = None,
    on_file: Progress | None = None,
) -> list[R]:
    """Download every feed into a scratch directory under `work_dir`, call `then` with the
    files, and remove them. A failed download raises before `then` is called."""
    if not urls:
        raise InputError("no feed URLs to update from", field="url")
    if fetch is None:
        from clearance.lists.fetch import download  # the HTTP client only when downloading

        fetch = download
    work_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work_dir, prefix="download-") as scratch:
        paths: list[Path] = []
        for url in urls:
            if on_file is not None:
                on_file(url)
            target = Path(scratch) / f"{len(paths):02d}"
            target.mkdir()
            paths.append(fetch(url, target).path)
        return then(paths)
