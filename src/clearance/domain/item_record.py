"""The item master: classifications the user declares for items the engine cannot compute.

The engine computes 3A090/4A090 from an item's specification; any other control code (3A991,
4A994, 5A992, EAR99, ...) is the user's declaration, with its basis. An item whose code is
neither computed nor declared holds.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from .item import ItemSpec
from .shipment import Shipment


def item_key(vendor: str, name: str) -> tuple[str, str]:
    """Vendor and product name, matched without regard to case, width or spacing."""

    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

    return norm(vendor), norm(name)


@dataclass(frozen=True, slots=True)
class ItemRecord:
    vendor: str
    name: str
    classifications: tuple[tuple[str, str], ...]  # (jurisdiction, code), e.g. (("US", "3A991"),)
    basis: str  # what the declaration rests on (a vendor notice, a CCATS ruling, ...)
    note: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return item_key(self.vendor, self.name)


def with_declarations(shipment: Shipment, records: dict[tuple[str, str], ItemRecord]) -> Shipment:
    """The shipment with each line's item carrying the codes the item master declares for it."""
    if not records:
        return shipment
    lines = []
    changed = False
    for line in shipment.lines:
        record = records.get(item_key(line.item.vendor, line.item.name))
        if record is not None and line.item.declared != record.classifications:
            lines.append(replace(line, item=_declared(line.item, record)))
            changed = True
        else:
            lines.append(line)
    return replace(shipment, lines=tuple(lines)) if changed else shipment


def _declared(spec: ItemSpec, record: ItemRecord) -> ItemSpec:
    return replace(spec, declared=record.classifications)
