"""The item master as one JSON file in the data directory, replaced atomically on each change.

A file, not a table: the declarations are the user's reference data (few, reviewed, diffable,
easy to back up beside the list snapshots), and a stateless check reads them without a database.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from clearance.domain.errors import UnavailableError
from clearance.domain.item_record import ItemRecord

FILE_NAME = "items.json"
FORMAT = "clearance.item_master/1"


class FileItemMaster:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILE_NAME

    def load(self) -> list[ItemRecord]:
        if not self.path.exists():
            return []
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError(f"format {data.get('format')!r} is not {FORMAT}")
            return [_record(entry) for entry in data["items"]]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise UnavailableError(f"{self.path}: the item master cannot be read: {exc}") from None

    def save(self, records: Sequence[ItemRecord]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            {"format": FORMAT, "items": [_entry(r) for r in records]}, indent=2, ensure_ascii=False
        )
        fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{FILE_NAME}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise


def _entry(record: ItemRecord) -> dict[str, Any]:
    return {
        "vendor": record.vendor,
        "name": record.name,
        "classifications": dict(record.classifications),
        "basis": record.basis,
        "note": record.note,
    }


def _record(entry: dict[str, Any]) -> ItemRecord:
    return ItemRecord(
        vendor=str(entry["vendor"]),
        name=str(entry["name"]),
        classifications=tuple(
            sorted((str(k), str(v)) for k, v in entry["classifications"].items())
        ),
        basis=str(entry["basis"]),
        note=entry.get("note"),
    )
