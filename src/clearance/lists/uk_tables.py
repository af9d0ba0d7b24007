"""UK Sanctions List normalised into CSV tables keyed by `unique_id` (a derived data set).

Parts, told apart by their headers: `subjects` (unique_id, subject_type, un_reference_number,
ofsi_group_id, date_designated, last_updated; required), `subject_names` (name_type primary |
alias | primary_variation, full_name), `subject_countries` (country_type address | nationality |
birth, iso) and `subject_identifiers` (raw_value, identifier_type). `subject_dobs` is accepted
and not used. Rows whose unique_id has no subject are skipped and counted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from clearance.domain.country import COUNTRY_CODES
from clearance.domain.errors import ListFormatError
from clearance.domain.listing import ListEntry

from .parsed import Parsed, Part, clean, entry_type, parse_date, unique
from .table import dict_rows, header_of

SUBJECTS, NAMES, COUNTRIES, IDENTIFIERS, DOBS = (
    "subjects",
    "names",
    "countries",
    "identifiers",
    "dobs",
)
COLUMNS = {
    SUBJECTS: ("unique_id", "subject_type", "last_updated"),
    NAMES: ("unique_id", "name_type", "full_name"),
    COUNTRIES: ("unique_id", "country_type", "iso"),
    IDENTIFIERS: ("unique_id", "raw_value", "identifier_type"),
    DOBS: ("unique_id", "dob_id"),
}
SOURCE_URL = "https://www.gov.uk/government/publications/the-uk-sanctions-list"
_COUNTRY_ORDER = {"address": 0, "nationality": 1, "birth": 2}


def role_of(text: str) -> str | None:
    header = set(header_of(text[:65536]))
    if "unique_id" not in header:
        return None
    return next((role for role, cols in COLUMNS.items() if set(cols) <= header), None)


def read(parts: Mapping[str, Part]) -> Parsed:
    """`parts` maps a role to its file; the subjects and names parts are required."""
    for role in (SUBJECTS, NAMES):
        if role not in parts:
            given = ", ".join(part.name for part in parts.values())
            raise ListFormatError(
                f"a UK tables import needs the subjects and subject_names files (no {role})",
                source=given or None,
            )
    parsed = Parsed()
    subjects: dict[str, dict[str, str]] = {}
    part = parts[SUBJECTS]
    for _line, row in dict_rows(part.text, source=part.name, required=COLUMNS[SUBJECTS]):
        subjects[clean(row["unique_id"])] = row
        parsed.note_date(parse_date(row["last_updated"], "%d/%m/%Y"))
    names = _group(parts, NAMES, subjects, parsed)
    countries = _group(parts, COUNTRIES, subjects, parsed)
    identifiers = _group(parts, IDENTIFIERS, subjects, parsed)
    for unique_id, subject in subjects.items():
        rows = names.get(unique_id, [])
        primaries = [clean(r["full_name"]) for r in rows if r["name_type"] == "primary"]
        others = [clean(r["full_name"]) for r in rows if r["name_type"] != "primary"]
        all_names = unique([*primaries, *others])
        if not all_names:
            parsed.skip("no_name")
            continue
        place = sorted(
            countries.get(unique_id, []), key=lambda r: _COUNTRY_ORDER.get(r["country_type"], 9)
        )
        ids = [
            f"{clean(r['raw_value'])} ({clean(r['identifier_type'])})"
            for r in identifiers.get(unique_id, [])
        ]
        un_ref = clean(subject.get("un_reference_number"))
        group = clean(subject.get("ofsi_group_id"))
        parsed.entries.append(
            ListEntry(
                source_list="UK",
                entry_id=unique_id,
                name=all_names[0],
                entry_type=entry_type(subject["subject_type"]),
                aliases=all_names[1:],
                countries=unique(
                    c for c in (clean(r["iso"]).upper() for r in place) if c in COUNTRY_CODES
                ),
                identifiers=unique(
                    [
                        *([f"UN reference {un_ref}"] if un_ref else []),
                        *([f"OFSI Group ID {group}"] if group else []),
                        *ids,
                    ]
                ),
                source_url=SOURCE_URL,
            )
        )
    return parsed


def _group(
    parts: Mapping[str, Part],
    role: str,
    subjects: Mapping[str, object],
    parsed: Parsed,
) -> dict[str, list[dict[str, str]]]:
    groups: defaultdict[str, list[dict[str, str]]] = defaultdict(list)
    if role not in parts:
        return groups
    part = parts[role]
    for _line, row in dict_rows(part.text, source=part.name, required=COLUMNS[role]):
        unique_id = clean(row["unique_id"])
        if unique_id in subjects:
            groups[unique_id].append(row)
        else:
            parsed.skip(f"{role}_without_subject")
    return groups
