"""A compilation of non-CSL lists (KAIST `restricted_parties`, derived): names and countries only.

Columns: `id, list_id, list_name, authority, jurisdiction, name, name_native, aliases` ("; "),
`countries_iso2` (";"), `source_file, source_row`. Each `list_id` maps to a short list code; the
lists that are not in the CSL get codes of their own (1260H, 1286, UFLPA, JP-EUL, CA-NRO).
"""

from __future__ import annotations

from clearance.domain.errors import ListFormatError
from clearance.domain.listing import ListEntry

from .country_name import countries_of
from .parsed import Parsed, clean, split_multi, stable_id, unique
from .table import dict_rows, where

COLUMNS = ("id", "list_id", "name", "name_native", "aliases", "countries_iso2")
LIST_CODES = {
    "us-bis-entity-list": "EL",
    "us-bis-military-end-user-list": "MEU",
    "us-ofac-ns-cmic": "CMIC",
    "us-dod-section-1260h": "1260H",
    "us-dod-section-1286": "1286",
    "us-dhs-uflpa": "UFLPA",
    "jp-meti-end-user-list": "JP-EUL",
    "ca-ised-named-research-organizations": "CA-NRO",
}


def read(text: str, *, source: str) -> Parsed:
    parsed = Parsed()
    for line, row in dict_rows(text, source=source, required=COLUMNS):
        name = clean(row["name"])
        if not name:
            parsed.skip("no_name")
            continue
        entry_id, list_id = clean(row["id"]), clean(row["list_id"])
        if not entry_id or not list_id:
            column = "id" if not entry_id else "list_id"
            raise ListFormatError(f"empty {column}", source=source, field=where(line, column))
        countries = countries_of(split_multi(row["countries_iso2"]))
        aliases = unique([*split_multi(row["aliases"], "; "), clean(row["name_native"])])
        parsed.entries.append(
            ListEntry(
                source_list=LIST_CODES.get(list_id, list_id.upper()),
                # The compilation's ids are its own: the list's stable key instead, so that
                # an entry it shares with the CSL (Entity List, MEU) is the same entry.
                entry_id=stable_id(name, countries),
                name=name,
                aliases=tuple(a for a in aliases if a != name),
                countries=countries,
                identifiers=(f"compilation id {entry_id}",),
            )
        )
    return parsed
