"""BIS Denied Persons List, tab-delimited `dpl.txt` (quoted fields, a header row, Latin-1).

Columns: `Name, Street_Address, City, State, Country, Postal_Code, Effective_Date (MM/DD/YYYY),
Expiration_Date, Standard_Order, Last_Update (YYYY-MM-DD), Action, FR_Citation`. The list
publishes no id, so the id is derived from name and address (one row per denial order address).
The latest Effective_Date bounds the data date (Last_Update holds typos such as 3033-09-30).
"""

from __future__ import annotations

from clearance.domain.listing import ListEntry

from .country_name import countries_of
from .parsed import Parsed, clean, parse_date, stable_id
from .table import dict_rows

ENCODING = "latin-1"
COLUMNS = ("Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date")
SOURCE_URL = (
    "https://www.bis.gov/licensing/guidance-on-end-user-and-end-use-controls/denied-persons-list"
)
_ADDRESS = ("Street_Address", "City", "State", "Postal_Code", "Country")


def read(text: str, *, source: str) -> Parsed:
    parsed = Parsed()
    for _line, row in dict_rows(text, source=source, required=COLUMNS, delimiter="\t"):
        name = clean(row["Name"])
        if not name:
            parsed.skip("no_name")
            continue
        address = ", ".join(v for v in (clean(row.get(k)) for k in _ADDRESS) if v)
        parsed.entries.append(
            ListEntry(
                source_list="DPL",
                entry_id=stable_id(name, countries_of([clean(row["Country"])])),
                name=name,
                countries=countries_of([clean(row["Country"])]),
                addresses=(address,) if address else (),
                federal_register_notice=clean(row.get("FR_Citation")) or None,
                source_url=SOURCE_URL,
            )
        )
        parsed.note_date(parse_date(row["Effective_Date"], "%m/%d/%Y"))
    return parsed
