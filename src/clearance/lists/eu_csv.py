"""EU Financial Sanctions File merged with the EU travel bans (a derived CSV, R-style: "NA").

One row per designation and one name per row. The columns read: `Entity_logical_id...2`
(else `logicalId`) as the id, `Naal_wholename` (else `nameAlias.wholeName`) as the name,
`Subject_type` (else `subjectType.classificationCode`) P | E, `Programme`, `EU_ref_num`,
`Addr_country`, `Birt_country`, `citizenship.countryDescription` (names, mapped to ISO-2),
`Leba_publication_date` and `Leba_url`.
"""

from __future__ import annotations

from clearance.domain.listing import ListEntry

from .country_name import countries_of
from .parsed import Parsed, clean, derived_id, entry_type, parse_date
from .table import dict_rows

COLUMNS = ("Entity_logical_id...2", "Subject_type", "Programme", "Naal_wholename", "EU_ref_num")
SOURCE_URL = "https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions"


def na(value: str | None) -> str:
    text = clean(value)
    return "" if text in ("NA", "N/A") else text


def read(text: str, *, source: str) -> Parsed:
    parsed = Parsed()
    for _line, row in dict_rows(text, source=source, required=COLUMNS):
        name = na(row["Naal_wholename"]) or na(row.get("nameAlias.wholeName"))
        if not name:
            parsed.skip("no_name")
            continue
        reference = na(row["EU_ref_num"])
        countries = countries_of(
            na(row.get(k))
            for k in ("Addr_country", "citizenship.countryDescription", "Birt_country")
        )
        programme = na(row["Programme"])
        parsed.entries.append(
            ListEntry(
                source_list="EU",
                entry_id=na(row["Entity_logical_id...2"])
                or na(row.get("logicalId"))
                or derived_id(name, reference),
                name=name,
                entry_type=entry_type(
                    na(row["Subject_type"]) or na(row.get("subjectType.classificationCode"))
                ),
                countries=countries,
                identifiers=(f"EU reference {reference}",) if reference else (),
                programs=(programme,) if programme else (),
                source_url=na(row.get("Leba_url")) or SOURCE_URL,
            )
        )
        parsed.note_date(parse_date(na(row.get("Leba_publication_date"))))
    return parsed
