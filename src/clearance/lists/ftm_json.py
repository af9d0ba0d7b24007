"""FollowTheMoney entities as JSON lines (the OpenSanctions export format).

One object a line: `{"id", "schema", "properties": {"name": [...], "alias": [...], "country":
[...], ...}, "datasets": [...]}`. Only parties are read (Person, Organization, Company,
LegalEntity, PublicBody, Vessel, Airplane); other schemata (Address, Sanction, ...) are skipped
and counted. FtM country codes are lower-case ISO-2 ("cn"); codes outside ISO 3166-1 are dropped.
The list code comes from the first dataset (`us_ofac_sdn` -> SDN, ...), else "FTM".
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from clearance.domain.country import COUNTRY_CODES
from clearance.domain.errors import ListFormatError
from clearance.domain.listing import EntryType, ListEntry

from .parsed import Parsed, clean, parse_date, unique

SCHEMATA = {
    "Person": EntryType.PERSON,
    "Organization": EntryType.ENTITY,
    "Company": EntryType.ENTITY,
    "LegalEntity": EntryType.ENTITY,
    "PublicBody": EntryType.ENTITY,
    "Vessel": EntryType.VESSEL,
    "Airplane": EntryType.AIRCRAFT,
}
DATASETS = {
    "us_ofac_sdn": "SDN",
    "us_ofac_cons": "OFAC-CONS",
    "us_bis_denied": "DPL",
    "us_trade_csl": "CSL",
    "un_sc_sanctions": "UN",
    "gb_fcdo_sanctions": "UK",
    "gb_hmt_sanctions": "UK",
    "eu_fsf": "EU",
}
_ALIASES = ("alias", "previousName", "weakAlias")
_COUNTRIES = ("country", "nationality", "citizenship", "jurisdiction", "mainCountry")
_IDENTIFIERS = (
    "idNumber",
    "registrationNumber",
    "taxNumber",
    "leiCode",
    "swiftBic",
    "innCode",
    "ogrnCode",
    "imoNumber",
    "mmsi",
    "passportNumber",
)


def read(text: str, *, source: str) -> Parsed:
    parsed = Parsed()
    # "\n" only: str.splitlines() would also split on U+2028 or U+0085 inside a name.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            entity = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ListFormatError(
                f"not valid JSON ({exc.msg})", source=source, field=where
            ) from None
        if not isinstance(entity, dict):
            raise ListFormatError("expected a JSON object", source=source, field=where)
        entry_type = SCHEMATA.get(str(entity.get("schema")))
        if entry_type is None:
            parsed.skip("not_a_party")
            continue
        entry = _entry(entity, entry_type, source=source, where=where)
        if entry is None:
            parsed.skip("no_name")
            continue
        parsed.entries.append(entry)
        parsed.note_date(
            parse_date(str(entity.get("last_change") or entity.get("last_seen") or ""))
        )
    return parsed


def _entry(
    entity: Mapping[str, Any], entry_type: EntryType, *, source: str, where: str
) -> ListEntry | None:
    entity_id = entity.get("id")
    if not isinstance(entity_id, str) or not entity_id.strip():
        raise ListFormatError("missing the entity id", source=source, field=f"{where}, id")
    properties = entity.get("properties", {})
    if not isinstance(properties, dict):
        raise ListFormatError("expected an object", source=source, field=f"{where}, properties")

    def values(*keys: str) -> tuple[str, ...]:
        found: list[str] = []
        for key in keys:
            value = properties.get(key, [])
            if not isinstance(value, list):
                raise ListFormatError("expected a list", source=source, field=f"{where}, {key}")
            found.extend(clean(item) for item in value if isinstance(item, str))
        return unique(found)

    names = values("name")
    if not names:
        return None
    datasets = entity.get("datasets") or []
    code = next((DATASETS.get(d, d.upper()) for d in datasets if isinstance(d, str)), "FTM")
    countries = (c.upper() for c in values(*_COUNTRIES))
    return ListEntry(
        source_list=code,
        entry_id=entity_id.strip(),
        name=names[0],
        entry_type=entry_type,
        aliases=tuple(a for a in unique([*names[1:], *values(*_ALIASES)]) if a != names[0]),
        countries=unique(c for c in countries if c in COUNTRY_CODES),
        addresses=values("address"),
        identifiers=values(*_IDENTIFIERS),
        programs=values("program"),
        source_url=next(iter(values("sourceUrl")), None),
    )
