"""List snapshots as files (until the SQL ledger lands): one gzip JSON-lines file of entries and
one JSON manifest per snapshot, under `<data_dir>/snapshots/`.

    <id>.jsonl.gz   one ListEntry per line (empty fields left out), gzip with mtime 0
    <id>.json       the manifest: SnapshotInfo fields + the entries file's sha256
    current.state   which snapshot is current for each source (`services.snapshot_currency`)
    index/          the stored screening indexes (`store.index_files`)

Each file is written to a temporary name in the same directory, fsynced and renamed into place
(os.replace, atomic on POSIX and Windows). The manifest goes last: a snapshot exists when its
manifest does, so a failed write leaves every earlier snapshot as it was. Snapshots never share a
file, so two imports at once do not race on a common index; the state file is swapped whole.
`remove` deletes the manifest first (the snapshot is then gone), then the entries file.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

from clearance.domain.errors import NotFoundError, UnavailableError
from clearance.domain.listing import EntryType, ListEntry, Snapshot
from clearance.services.list_import import SnapshotInfo

MANIFEST_VERSION = 1
STATE_FILE = "current.state"  # which snapshot is current per source (not a *.json manifest)
_TUPLES = ("aliases", "countries", "addresses", "identifiers", "programs", "sources")


class SnapshotStoreError(UnavailableError):
    """A stored snapshot that cannot be read back (corrupt, or changed behind our back)."""


class FileSnapshotRepository:
    def __init__(self, data_dir: Path) -> None:
        self.directory = Path(data_dir) / "snapshots"

    def save(self, info: SnapshotInfo, snapshot: Snapshot) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        entries = self._entries_path(info.id)
        for target in (entries, self._manifest_path(info.id)):  # what a killed import left
            for leftover in self.directory.glob(f".{target.name}.*.tmp"):
                leftover.unlink(missing_ok=True)
        digest = _write_atomic(entries, _gzip_lines(snapshot.entries))
        manifest = _info_to_json(info) | {"entries_sha256": digest, "version": MANIFEST_VERSION}
        try:
            _write_atomic(self._manifest_path(info.id), [_dumps(manifest, indent=2).encode()])
        except BaseException:
            entries.unlink(missing_ok=True)
            raise

    def infos(self) -> list[SnapshotInfo]:
        if not self.directory.is_dir():
            return []
        found = [self._read_manifest(path)[0] for path in self.directory.glob("*.json")]
        return sorted(found, key=lambda info: (info.imported_at, info.id))

    def find(self, snapshot_id: str) -> SnapshotInfo | None:
        path = self._manifest_path(snapshot_id)
        if not _safe_id(snapshot_id) or not path.is_file():
            return None
        return self._read_manifest(path)[0]

    def load(self, snapshot_id: str) -> Snapshot:
        info = self.find(snapshot_id)
        if info is None:
            raise NotFoundError(f"no snapshot {snapshot_id!r} in {self.directory}")
        _, expected = self._read_manifest(self._manifest_path(snapshot_id))
        path = self._entries_path(snapshot_id)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise SnapshotStoreError(f"{path}: cannot read ({exc.strerror or exc})") from None
        if hashlib.sha256(raw).hexdigest() != expected:
            raise SnapshotStoreError(f"{path}: does not match the sha256 in its manifest")
        entries = tuple(entry_from_json(json.loads(line)) for line in _lines(raw))
        if len(entries) != info.entry_count:
            raise SnapshotStoreError(
                f"{path}: {len(entries)} entries, the manifest says {info.entry_count}"
            )
        return Snapshot(
            source=info.source,
            data_date=info.data_date,
            checksum=info.checksum,
            entries=entries,
            counts=dict(info.counts),
            format=info.format,
        )

    def read_state(self) -> dict[str, Any] | None:
        """The saved current-snapshot state (`services.snapshot_currency`), None if never saved."""
        path = self.directory / STATE_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise SnapshotStoreError(f"{path}: unreadable ({exc})") from None
        if not isinstance(data, dict) or not isinstance(data.get("current"), dict):
            raise SnapshotStoreError(f"{path}: not a state file")
        return dict(data["current"])

    def write_state(self, state: dict[str, Any]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        body = {"version": MANIFEST_VERSION, "current": state}
        _write_atomic(self.directory / STATE_FILE, [_dumps(body, indent=2).encode()])

    def remove(self, snapshot_id: str) -> None:
        """Delete a snapshot: its manifest first (then it no longer exists), then its entries."""
        if not _safe_id(snapshot_id):
            raise NotFoundError(f"no snapshot {snapshot_id!r} in {self.directory}")
        self._manifest_path(snapshot_id).unlink(missing_ok=True)
        self._entries_path(snapshot_id).unlink(missing_ok=True)

    def _manifest_path(self, snapshot_id: str) -> Path:
        return self.directory / f"{snapshot_id}.json"

    def _entries_path(self, snapshot_id: str) -> Path:
        return self.directory / f"{snapshot_id}.jsonl.gz"

    def _read_manifest(self, path: Path) -> tuple[SnapshotInfo, str]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            info = SnapshotInfo(
                id=data["id"],
                source=data["source"],
                format=data["format"],
                data_date=date.fromisoformat(data["data_date"]) if data["data_date"] else None,
                checksum=data["checksum"],
                imported_at=datetime.fromisoformat(data["imported_at"]),
                entry_count=int(data["entry_count"]),
                counts={str(k): int(v) for k, v in data["counts"].items()},
            )
            return info, str(data["entries_sha256"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SnapshotStoreError(f"{path}: unreadable manifest ({exc})") from None


def _safe_id(snapshot_id: str) -> bool:
    return bool(snapshot_id) and all(c.isalnum() or c in "-_." for c in snapshot_id)


def _write_atomic(path: Path, chunks: Iterable[bytes]) -> str:
    """Write to a temporary file beside `path`, then rename it over `path`; return the sha256."""
    digest = hashlib.sha256()
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                digest.update(chunk)
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return digest.hexdigest()


def _gzip_lines(entries: Iterable[ListEntry]) -> Iterator[bytes]:
    """The entries as gzip JSON lines, compressed incrementally."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: gzip container
    for entry in entries:
        line = _dumps(entry_to_json(entry)) + "\n"
        chunk = compressor.compress(line.encode("utf-8"))
        if chunk:
            yield chunk
    yield compressor.flush()


def _lines(raw: bytes) -> Iterator[str]:
    try:
        text = gzip.decompress(raw).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise SnapshotStoreError(f"corrupt entries file ({exc})") from None
    # Split on "\n" only: str.splitlines() also splits on U+0085, U+2028... inside the names.
    return (line for line in text.split("\n") if line)


_FIELDS = tuple(f.name for f in fields(ListEntry))


def entry_to_json(entry: ListEntry) -> dict[str, Any]:
    """The non-empty fields (tuples become lists, the type its value). Not dataclasses.asdict:
    it deep-copies and is five times slower on a 26,000-entry list."""
    data: dict[str, Any] = {}
    for name in _FIELDS:
        value = getattr(entry, name)
        if value:
            data[name] = list(value) if isinstance(value, tuple) else value
    data["entry_type"] = entry.entry_type.value
    return data


def entry_from_json(data: dict[str, Any]) -> ListEntry:
    try:
        values = {k: tuple(data[k]) for k in _TUPLES if k in data}
        return ListEntry(
            **(data | values | {"entry_type": EntryType(data.get("entry_type", "unknown"))})
        )
    except (TypeError, ValueError) as exc:
        raise SnapshotStoreError(f"unreadable entry {data.get('entry_id')!r} ({exc})") from None


def _info_to_json(info: SnapshotInfo) -> dict[str, Any]:
    return {
        "id": info.id,
        "source": info.source,
        "format": info.format,
        "data_date": info.data_date.isoformat() if info.data_date else None,
        "checksum": info.checksum,
        "imported_at": info.imported_at.isoformat(),
        "entry_count": info.entry_count,
        "counts": info.counts,
    }


def _dumps(value: object, indent: int | None = None) -> str:
    separators = None if indent else (",", ":")
    return json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)
