"""trade.gov Consolidated Screening List, CSV: the full 29-column file and the reduced projection.

Both have a header. The full file (`_id, source, ..., addresses, ..., ids`) carries addresses, from
which the countries are derived (the ISO-2 code after the last comma of each address). The
projection (`source, entity_number, type, programs, name, alt_names, address_countries, ...`)
carries the countries directly. Multi-value fields are "; "-joined. Only the Treasury lists have
an `entity_number`; the projection's other entries get an id derived from name and countries.
"""

from __future__ import annotations

from clearance.domain.errors import ListFormatError
from clearance.domain.listing import ListEntry

from .codes import csl_code
from .country_name import countries_of
from .parsed import (
    Parsed,
    clean,
    clean_name,
    entry_type,
    parse_date,
    split_multi,
    split_names,
    stable_id,
)
from .table import dict_rows, header_of, where

COMMON = ("source", "name", "alt_names", "programs", "federal_register_notice")
FULL = ("_id", "addresses", "start_date", "ids", *COMMON)
PROJECTION = ("entity_number", "type", "address_countries", *COMMON)
# `ids` items that describe the entry rather than identify it.
_NOT_IDS = (", Gender", "Additional Sanctions Information")


def is_full(text: str) -> bool:
    header = header_of(text[:65536])
    return "_id" in header and "addresses" in header


def read(text: str, *, source: str) -> Parsed:
    """Read either CSV layout (chosen by its header)."""
    if is_full(text):
        return read_full(text, source=source)
    return read_projection(text, source=source)


def address_countries(addresses: tuple[str, ...]) -> tuple[str, ...]:
    """The country of each address: what follows its last comma ("..., BEIJING, CN")."""
    return countries_of(address.rsplit(",", 1)[-1] for address in addresses)


def _name(row: dict[str, str], parsed: Parsed) -> str | None:
    name = clean_name(row["name"])
    if not name:
        parsed.skip("no_name")
    return name or None


def read_full(text: str, *, source: str) -> Parsed:
    parsed = Parsed()
    for line, row in dict_rows(text, source=source, required=FULL):
        name = _name(row, parsed)
        if name is None:
            continue
        code = csl_code(row["source"], file=source, where=where(line, "source"))
        addresses = split_multi(row["addresses"], "; ")
        countries = address_countries(addresses)
        if not clean(row["_id"]):
            raise ListFormatError("empty _id", source=source, field=where(line, "_id"))
        # trade.gov's _id changes with the file's build; the entity number (Treasury lists) or
        # the name and countries do not, so the same entry keeps its key across releases.
        entry_id = clean(row["entity_number"]) or stable_id(name, countries)
        ids = tuple(i for i in split_multi(row["ids"], "; ") if not any(n in i for n in _NOT_IDS))
        parsed.entries.append(
            ListEntry(
                source_list=code,
                entry_id=entry_id,
                name=name,
                entry_type=entry_type(row.get("type")),
                aliases=split_names(row["alt_names"], "; "),
                countries=countries,
                addresses=addresses,
                identifiers=ids,
                programs=split_multi(row["programs"], "; "),
                federal_register_notice=clean(row["federal_register_notice"]) or None,
                license_requirement=clean(row.get("license_requirement")) or None,
                license_policy=clean(row.get("license_policy")) or None,
                source_url=clean(row.get("source_list_url")) or None,
            )
        )
        parsed.note_date(parse_date(row["start_date"]))
    return parsed


def read_projection(text: str, *, source: str) -> Parsed:
    parsed = Parsed()
    for line, row in dict_rows(text, source=source, required=PROJECTION):
        name = _name(row, parsed)
        if name is None:
            continue
        code = csl_code(row["source"], file=source, where=where(line, "source"))
        # Mostly ISO-2, but also "UK", "TURKIYE", "REGION: WEST BANK": mapped, else dropped.
        countries = countries_of(split_multi(row["address_countries"]))
        entry_id = clean(row["entity_number"]) or stable_id(name, countries)
        parsed.entries.append(
            ListEntry(
                source_list=code,
                entry_id=entry_id,
                name=name,
                entry_type=entry_type(row["type"]),
                aliases=split_names(row["alt_names"], "; "),
                countries=countries,
                programs=split_multi(row["programs"], "; "),
                federal_register_notice=clean(row["federal_register_notice"]) or None,
                license_requirement=clean(row.get("license_requirement")) or None,
                license_policy=clean(row.get("license_policy")) or None,
                source_url=clean(row.get("source_list_url")) or None,
            )
        )
    return parsed
