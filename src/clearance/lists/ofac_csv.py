"""OFAC legacy CSV: sdn.csv + add.csv + alt.csv (+ sdn_comments.csv), joined by ent_num.

The same layout serves the Consolidated (non-SDN) list: cons_prim / cons_add / cons_alt /
cons_comments. The files have no header; "-0-" means empty; a file may end in a \\x1a line;
the text is Latin-1. Which part a file is follows from its width: primary 12 columns
(`ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag,
Vess_owner, Remarks`), address 6, alternate name 5, comments 2.

Address, alias and comment rows whose ent_num has no primary record (the parts may be of
different dates) are skipped and counted (`skipped.address_without_primary`, ...).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping

from clearance.domain.errors import ListFormatError
from clearance.domain.listing import EntryType, ListEntry

from .codes import ofac_non_sdn_code
from .country_name import countries_of
from .parsed import Parsed, Part, clean, unique
from .table import plain_rows, where

ENCODING = "latin-1"
PRIMARY, ADDRESS, ALT, COMMENTS = "primary", "address", "alt", "comments"
WIDTHS = {12: PRIMARY, 6: ADDRESS, 5: ALT, 2: COMMENTS}
SDN_URL = "https://sanctionslist.ofac.treas.gov/Home/SdnList"
CONSOLIDATED_URL = "https://sanctionslist.ofac.treas.gov/Home/ConsolidatedList"

# Remarks items that identify the party ("Tax ID No. 7744001497 (Russia)"), kept as identifiers.
_ID_LABELS = re.compile(
    r"^(?:alt\. )?(Tax ID No\.|Registration Number|Registration ID|Passport|National ID No\."
    r"|Vessel Registration Identification IMO|Identification Number IMO|Identification Number"
    r"|Business Registration Number|Company Number|Commercial Registry Number|SWIFT/BIC|MMSI"
    r"|Unified Social Credit Code \(USCC\)|Legal Entity Number|V\.A\.T\. Number|C\.U\.R\.P\."
    r"|R\.F\.C\.|Cedula No\.|Aircraft Tail Number|Trade License No\.|Government Gazette Number)"
    r" \S"
)


def role_of(text: str) -> str | None:
    """The part a file is, from the width of its first row; None if it fits none."""
    for _line, row in plain_rows(text[:65536], source="", widths=range(1, 100)):
        return WIDTHS.get(len(row))
    return None


def read(parts: Mapping[str, Part], *, consolidated: bool) -> Parsed:
    """Join the parts; `parts` maps a role (primary, address, alt, comments) to its file."""
    primary = parts.get(PRIMARY)
    if primary is None:
        names = ", ".join(part.name for part in parts.values())
        raise ListFormatError(
            "an OFAC import needs the primary file (sdn.csv or cons_prim.csv) with the others",
            source=names or None,
        )
    parsed = Parsed()
    rows: dict[str, tuple[int, list[str]]] = {}
    for line, num, row in _rows(primary, 12):
        if num in rows:
            raise ListFormatError(
                f"ent_num {num} occurs twice (first at line {rows[num][0]})",
                source=primary.name,
                field=where(line, "ent_num"),
            )
        rows[num] = (line, row)
    addresses = _group(parts.get(ADDRESS), 6, rows, parsed, "address_without_primary")
    alts = _group(parts.get(ALT), 5, rows, parsed, "alt_without_primary")
    comments = _group(parts.get(COMMENTS), 2, rows, parsed, "comments_without_primary")
    for num, (_line, row) in rows.items():
        name = clean(row[1])
        if not name:
            parsed.skip("no_name")
            continue
        programs = tuple(
            clean(p.strip("[] ")) for p in row[3].split("] [") if clean(p.strip("[] "))
        )
        address_rows = addresses.get(num, [])
        # Remarks are cut at 1,000 characters; the comments file carries the rest.
        remarks = (row[11] if clean(row[11]) else "") + "".join(r[1] for r in comments.get(num, []))
        parsed.entries.append(
            ListEntry(
                source_list=ofac_non_sdn_code(programs) if consolidated else "SDN",
                entry_id=num,
                name=name,
                entry_type=_TYPES.get(clean(row[2]).lower(), EntryType.ENTITY),
                aliases=unique(clean(r[3]) for r in alts.get(num, [])),
                countries=countries_of(clean(r[4]) for r in address_rows),
                addresses=unique(
                    ", ".join(v for v in (clean(x) for x in r[2:5]) if v) for r in address_rows
                ),
                identifiers=identifiers(remarks),
                programs=programs,
                source_url=CONSOLIDATED_URL if consolidated else SDN_URL,
            )
        )
    return parsed


_TYPES = {
    "individual": EntryType.PERSON,
    "vessel": EntryType.VESSEL,
    "aircraft": EntryType.AIRCRAFT,
}


def identifiers(remarks: str) -> tuple[str, ...]:
    items = (item.strip().rstrip(".") for item in remarks.split(";"))
    return unique(item.removeprefix("alt. ") for item in items if _ID_LABELS.match(item))


def _rows(part: Part, width: int) -> list[tuple[int, str, list[str]]]:
    out = []
    for line, row in plain_rows(part.text, source=part.name, widths=(width,)):
        num = row[0].strip()
        if not num.isdigit():
            raise ListFormatError(
                f"ent_num must be a number, got {num!r}",
                source=part.name,
                field=where(line, "ent_num"),
            )
        out.append((line, num, row))
    return out


def _group(
    part: Part | None,
    width: int,
    primary: Mapping[str, object],
    parsed: Parsed,
    orphan: str,
) -> dict[str, list[list[str]]]:
    groups: defaultdict[str, list[list[str]]] = defaultdict(list)
    if part is None:
        return groups
    for _line, num, row in _rows(part, width):
        if num in primary:
            groups[num].append(row)
        else:
            parsed.skip(orphan)
    return groups
