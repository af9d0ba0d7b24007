"""Import list files sent over the network (the API's upload, the dashboard's form).

The uploaded bytes are written under safe names in a private temporary directory, read whole
(all files or none), and stored as snapshots; the directory is removed afterwards. The caller
then starts a rebuild of its live screening index.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from clearance.domain.errors import InputError
from clearance.lists import ListFormat

from .list_import import ImportResult, SnapshotRepository, import_paths

MAX_FILES = 8
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str | None, index: int) -> str:
    """A file name that keeps the upload's extension (format detection reads it) and nothing
    that could leave the directory."""
    base = _UNSAFE.sub("_", Path(name or f"upload-{index}").name)[-100:].lstrip(".")
    return f"{index}-{base or 'upload'}"


def import_uploads(
    repo: SnapshotRepository,
    files: Sequence[tuple[str | None, BinaryIO]],
    fmt: ListFormat | None = None,
) -> list[ImportResult]:
    if not files or len(files) > MAX_FILES:
        raise InputError(f"send 1 to {MAX_FILES} files", field="files")
    with tempfile.TemporaryDirectory(prefix="clearance-upload-") as tmp:
        paths = []
        for index, (name, data) in enumerate(files):
            path = Path(tmp) / safe_name(name, index)
            with path.open("wb") as out:
                shutil.copyfileobj(data, out)
            paths.append(path)
        return import_paths(repo, paths, fmt)
