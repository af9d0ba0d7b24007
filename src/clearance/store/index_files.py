"""The screening index as one memory-mapped file per set of current snapshots.

    <data_dir>/snapshots/index/<key>.idx

`key` is a hash of the index layout, the normaliser version and the checksums of the snapshots
indexed (see `services.screening_index.index_key`), so a file is never read for lists or code it
was not built from: a changed key means "stale", and the screener is built and saved again.

Layout: 8 bytes magic, 8 bytes little-endian header length, the header (JSON: key, meta,
sections as name -> [offset, length], and the CRC-32 of everything after the header), then the
sections, each 8-byte aligned. The sections are `clearance.screening.packed`'s tables plus the
entries (one JSON object each, as in the snapshot files) and their keys. Loading maps the file,
checks the CRC-32 (a damaged or truncated file is refused, never half-read: the check is against
accidents, at a third of sha256's cost on every command; the snapshots themselves keep their
sha256, and a refused index is rebuilt from them), and reads the arrays
in place; entries and names are decoded when a query reaches them.

Writing goes to a temporary file in the same directory, fsynced and renamed into place, so a
killed process leaves either the old file set or the new one, never a torn file.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import tempfile
import zlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

import clearance.screening as screening_package
from clearance.domain.listing import EntryType, ListEntry
from clearance.screening.normalize import NORMALISER_VERSION
from clearance.screening.packed import (
    ARRAYS,
    Decoded,
    PackedIndex,
    Section,
    layout_key,
    pack,
    record,
)
from clearance.screening.screener import Screener
from clearance.store.snapshot_files import SnapshotStoreError, entry_from_json, entry_to_json

MAGIC = b"CLRIDX\x00\x02"
_ENTRY_ARRAYS = {"entry_start": "Q", "entry_kind": "B"}
_KINDS = tuple(EntryType)  # entry_kind holds positions in this tuple
_ALIGN = 8


def stored_entries(start: Sequence[int], blob: memoryview) -> Decoded[ListEntry]:
    """The entries of a stored index, decoded when a query reaches them."""
    return Decoded(len(start) - 1, lambda i: entry_from_json(record(blob, start, i)))


def _kinds(codes: Sequence[int]) -> Decoded[EntryType]:
    return Decoded(len(codes), lambda i: _KINDS[codes[i]])


class _Keys(Mapping[str, int]):
    """Entry key -> position, built from the keys section on first use."""

    def __init__(self, blob: memoryview) -> None:
        self._blob = blob
        self._map: dict[str, int] | None = None

    def _loaded(self) -> dict[str, int]:
        if self._map is None:
            keys = bytes(self._blob).decode("utf-8").split("\n")
            self._map = {key: i for i, key in enumerate(keys)}
        return self._map

    def __getitem__(self, key: str) -> int:
        return self._loaded()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())


def code_version() -> str:
    """A digest of what a stored index depends on besides the lists: this file layout, the
    index layout and NameForm fields, the ListEntry fields, the normaliser version and the
    source of the screening package (normaliser, transliteration, scorer, legal forms)."""
    digest = hashlib.sha256(MAGIC + layout_key().encode())
    digest.update(f"{NORMALISER_VERSION}:{','.join(f.name for f in fields(ListEntry))}".encode())
    package = Path(screening_package.__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix not in (".pyc", ".pyo"):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class IndexFiles:
    """Saves and loads screeners (entries + packed index) by key."""

    def __init__(self, data_dir: Path) -> None:
        self.directory = Path(data_dir) / "snapshots" / "index"
        self._version: str | None = None

    @property
    def version(self) -> str:
        if self._version is None:
            self._version = code_version()
        return self._version

    def path(self, key: str) -> Path:
        return self.directory / f"{key}.idx"

    def save(self, key: str, screener: Screener, meta: Mapping[str, Any]) -> Path:
        sections, index_meta = pack(screener.index)
        entry_start, entry_blob = array("Q", [0]), bytearray()
        for entry in screener.entries:
            entry_blob += json.dumps(
                entry_to_json(entry), ensure_ascii=False, separators=(",", ":")
            ).encode("utf-8")
            entry_start.append(len(entry_blob))
        sections |= {
            "entry_kind": array("B", (_KINDS.index(kind) for kind in screener.kinds)),
            "entry_start": entry_start,
            "entry_blob": bytes(entry_blob),
            "entry_keys": "\n".join(e.key for e in screener.entries).encode("utf-8"),
        }
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.path(key)
        _write(target, key, dict(meta) | {"index": index_meta}, sections)
        return target

    def load(self, key: str) -> tuple[Screener, dict[str, Any]] | None:
        """The screener stored under `key`; None when there is none (build and save it)."""
        path = self.path(key)
        try:
            with path.open("rb") as fh:
                mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise SnapshotStoreError(f"{path}: cannot read the index ({exc})") from None
        header, views = _read(mapped, path)
        if header.get("key") != key:
            raise SnapshotStoreError(f"{path}: built for another key")
        meta = header["meta"]
        try:
            index = PackedIndex(views, meta["index"])
        except (KeyError, ValueError) as exc:
            raise SnapshotStoreError(f"{path}: unreadable index ({exc})") from None
        entries = stored_entries(views["entry_start"], views["entry_blob"])
        kinds = _kinds(views["entry_kind"])
        return Screener(entries, index, keys=_Keys(views["entry_keys"]), kinds=kinds), meta

    def keep_only(self, keys: set[str]) -> None:
        """Remove every stored index but those of `keys` (and leftover temporary files)."""
        if not self.directory.is_dir():
            return
        for path in self.directory.iterdir():
            if path.name.startswith(".") or (path.suffix == ".idx" and path.stem not in keys):
                path.unlink(missing_ok=True)


def _write(
    target: Path, key: str, meta: Mapping[str, Any], sections: Mapping[str, Section]
) -> None:
    layout: dict[str, list[int]] = {}
    offset = 0
    for name, section in sections.items():
        size = len(section) * (section.itemsize if isinstance(section, array) else 1)
        layout[name] = [offset, size]
        offset += size + (-size % _ALIGN)
    crc = 0
    for section in sections.values():
        crc = zlib.crc32(_padded(section), crc)
    header = json.dumps(
        {"key": key, "meta": meta, "sections": layout, "crc32": crc},
        ensure_ascii=False,
    ).encode("utf-8")
    header += b" " * (-len(header) % _ALIGN)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC + len(header).to_bytes(8, "little") + header)
            for section in sections.values():
                fh.write(_padded(section))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _padded(section: Section) -> bytes:
    raw = section.tobytes() if isinstance(section, array) else bytes(section)
    return raw + b"\0" * (-len(raw) % _ALIGN)


def _read(mapped: mmap.mmap, path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    whole = memoryview(mapped)
    try:
        if bytes(whole[:8]) != MAGIC:
            raise ValueError("not an index file of this version")
        length = int.from_bytes(whole[8:16], "little")
        header = json.loads(bytes(whole[16 : 16 + length]))
        body = whole[16 + length :]
        if zlib.crc32(body) != header["crc32"]:
            raise ValueError("does not match its CRC-32")
        views: dict[str, Any] = {}
        kinds = ARRAYS | _ENTRY_ARRAYS
        for name, (offset, size) in header["sections"].items():
            view = body[offset : offset + size]
            views[name] = view.cast(kinds[name]) if name in kinds else view  # type: ignore[call-overload]
    except (ValueError, KeyError, TypeError) as exc:
        raise SnapshotStoreError(f"{path}: unreadable index ({exc})") from None
    return header, views
