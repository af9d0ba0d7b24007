"""Readers for real restricted-party list formats, and the snapshots made from them.

    read_snapshots(paths, fmt=None) -> list[Snapshot]   # detect, group, read, count
    detect_format(path) -> ListFormat

Every reader is pure parsing of bytes or text already in memory; `source` loads files (gzip is
transparent) and `fetch` downloads the official feeds. Bad input raises ListFormatError naming
the file, and the line or field when known.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .counts import NOTE, SKIPPED, list_counts
from .formats import ListFormat, detect_format, parse_format

if TYPE_CHECKING:
    from .snapshot import read_group, read_snapshots

_SNAPSHOT = ("read_group", "read_snapshots")


def __getattr__(name: str) -> Any:
    """The readers are imported on first use: screening a name needs none of them."""
    if name in _SNAPSHOT:
        return getattr(importlib.import_module(".snapshot", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "NOTE",
    "SKIPPED",
    "ListFormat",
    "detect_format",
    "list_counts",
    "parse_format",
    "read_group",
    "read_snapshots",
]
