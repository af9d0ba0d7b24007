"""Restricted-party list entries and snapshots, as the screening and decision layers see them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class EntryType(StrEnum):
    ENTITY = "entity"
    PERSON = "person"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One entry of one restricted-party list.

    `source_list` is the short code of the list (e.g. "EL" Entity List, "SDN", "MEU", "DPL",
    "UVL", "CMIC", "UN", "UK", "EU", ...). `entry_id` is stable within that list.
    """

    source_list: str
    entry_id: str
    name: str
    entry_type: EntryType = EntryType.UNKNOWN
    aliases: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    federal_register_notice: str | None = None
    license_requirement: str | None = None
    license_policy: str | None = None
    source_url: str | None = None
    # The snapshots listing this entry, when several sources were merged (not content: the
    # fingerprint leaves it out).
    sources: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.source_list}:{self.entry_id}"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def policy_is_denial(self) -> bool:
        policy = (self.license_policy or "").lower()
        return "denial" in policy or "deny" in policy

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the entry's content: a review of a hit lasts until this changes."""
        parts = [
            self.source_list,
            self.entry_id,
            self.name,
            self.entry_type.value,
            "|".join(self.aliases),
            "|".join(self.countries),
            "|".join(self.addresses),
            "|".join(self.identifiers),
            "|".join(self.programs),
            self.federal_register_notice or "",
            self.license_requirement or "",
            self.license_policy or "",
        ]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A dated, checksummed set of entries from one source."""

    source: str
    data_date: date | None
    checksum: str
    entries: tuple[ListEntry, ...]
    counts: dict[str, int] = field(default_factory=dict)
    format: str = ""
