"""Use cases of the item master: add declared classifications from a file, list them.

The file (YAML or JSON) holds one entry or a list under `items`:

    items:
      - vendor: NVIDIA
        name: H20
        classifications: {US: 3A991}
        basis: "vendor classification notice, April 2025"
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Protocol

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from clearance.domain.errors import InputError
from clearance.domain.item_record import ItemRecord
from clearance.rules.file_errors import first_error

from .document import read_document
from .validation import no_control_chars

Name = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
Iso2 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
# An ECCN (3A991, 5A992.c, 4A994.l) or EAR99; other jurisdictions' codes follow the same shape.
ControlCode = Annotated[
    str, StringConstraints(pattern=r"^(?:EAR99|[0-9][A-E][0-9]{3}(?:\.[a-z0-9]+)*)$")
]
MAX_ITEMS = 10_000


class ItemRecordFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    vendor: Name
    name: Name
    classifications: dict[Iso2, ControlCode] = Field(min_length=1)
    basis: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    note: str | None = None


class ItemMasterFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    items: Annotated[list[ItemRecordFile], Field(min_length=1, max_length=MAX_ITEMS)]


class ItemMaster(Protocol):
    """Where the declared classifications are kept."""

    def load(self) -> list[ItemRecord]: ...

    def save(self, records: Sequence[ItemRecord]) -> None: ...


def parse_item_records(data: object, *, source: str) -> list[ItemRecord]:
    if isinstance(data, dict) and "items" not in data:
        data = {"items": [data]}
    try:
        model = ItemMasterFile.model_validate(data)
    except ValidationError as exc:
        field, message = first_error(exc)
        raise InputError(message, source=source, field=field) from None
    records: list[ItemRecord] = []
    seen: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(model.items):
        for field in ("vendor", "name", "basis"):
            no_control_chars(getattr(entry, field), source=source, field=f"items[{index}].{field}")
        record = ItemRecord(
            vendor=entry.vendor,
            name=entry.name,
            classifications=tuple(sorted(entry.classifications.items())),
            basis=entry.basis,
            note=entry.note,
        )
        if record.key in seen:
            raise InputError(
                f"{entry.vendor} {entry.name} is also given as items[{seen[record.key]}]",
                source=source,
                field=f"items[{index}]",
            )
        seen[record.key] = index
        records.append(record)
    return records


def add_items(master: ItemMaster, path: Path, *, replace: bool = False) -> tuple[int, int]:
    """Add the file's entries; (added, replaced). A changed declaration needs `replace`."""
    incoming = parse_item_records(read_document(path), source=str(path))
    current = {r.key: r for r in master.load()}
    added = replaced = 0
    for index, record in enumerate(incoming):
        old = current.get(record.key)
        if old is not None and old != record:
            if not replace:
                raise InputError(
                    f"{record.vendor} {record.name} is already declared as "
                    f"{dict(old.classifications)} ({old.basis}); use --replace to change it",
                    source=str(path),
                    field=f"items[{index}]",
                )
            replaced += 1
        elif old is None:
            added += 1
        current[record.key] = record
    master.save(sorted(current.values(), key=lambda r: r.key))
    return added, replaced


def declared_items(master: ItemMaster) -> dict[tuple[str, str], ItemRecord]:
    return {r.key: r for r in master.load()}
