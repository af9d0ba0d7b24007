"""Readers for real restricted-party list formats, and the snapshots made from them.

    read_snapshots(paths, fmt=None) -> list[Snapshot]   # detect, group, read, count
    detect_format(path) -> ListFormat

Every reader is pure parsing of bytes or text already in memory; `source` loads files (gzip is
transparent) and `fetch` downloads the official feeds. Bad input raises ListFormatError naming
the file, and the line or field when known.
"""

from .formats import ListFormat, detect_format, parse_format
from .snapshot import NOTE, SKIPPED, list_counts, read_group, read_snapshots

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
