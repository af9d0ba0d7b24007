"""UK Sanctions List (FCDO), the official ODS spreadsheet: one sheet, one row per designation.

An ODS file is a zip; the sheet is `content.xml`, read with defusedxml. Columns: `Unique ID,
OFSI Group ID, Name, Regime Name, Type, Designation source, Date Designated (DD-MM-YYYY),
Sanctions Imposed`. Primary names only (no aliases or addresses in this export).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from xml.etree.ElementTree import Element

from clearance.domain.errors import ListFormatError
from clearance.domain.listing import ListEntry

from .parsed import Parsed, clean, entry_type, parse_date
from .xml_safe import parse_xml

SOURCE_URL = "https://www.gov.uk/government/publications/the-uk-sanctions-list"
COLUMNS = ("Unique ID", "Name", "Type")
MAX_CONTENT = 512 << 20  # content.xml is 7 MB for 5,300 rows; refuse a zip bomb
MAX_REPEAT = 1000  # a non-empty row repeated more often than this is not a real list
_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_P = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def content_xml(data: bytes, *, source: str) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            try:
                info = archive.getinfo("content.xml")
            except KeyError:
                raise ListFormatError(
                    "not an OpenDocument spreadsheet (no content.xml)", source=source
                ) from None
            if info.file_size > MAX_CONTENT:
                raise ListFormatError(f"content.xml is over {MAX_CONTENT} bytes", source=source)
            return archive.read(info)
    except zipfile.BadZipFile as exc:
        raise ListFormatError(f"not a valid ODS (zip) file ({exc})", source=source) from None


def sheet_rows(root: Element, *, source: str) -> Iterator[list[str]]:
    """The non-empty rows of the first sheet, as lists of cell texts."""
    table = next(root.iter(f"{_T}table"), None)
    if table is None:
        raise ListFormatError("the spreadsheet has no sheet", source=source)
    width = 64  # cells beyond this are the spreadsheet's empty tail
    for row in table.iter(f"{_T}table-row"):
        cells: list[str] = []
        for cell in row:
            if cell.tag not in (f"{_T}table-cell", f"{_T}covered-table-cell"):
                continue
            text = "\n".join(clean("".join(p.itertext())) for p in cell.iter(f"{_P}p")).strip()
            repeat = int(cell.get(f"{_T}number-columns-repeated", "1"))
            cells.extend([text] * min(repeat, width - len(cells)))
            if len(cells) >= width:
                break
        if not any(cells):
            continue
        repeat = int(row.get(f"{_T}number-rows-repeated", "1"))
        if repeat > MAX_REPEAT:
            raise ListFormatError(f"a row repeated {repeat} times", source=source)
        for _ in range(repeat):
            yield cells


def read(data: bytes, *, source: str) -> Parsed:
    rows = sheet_rows(parse_xml(content_xml(data, source=source), source=source), source=source)
    header = next(rows, None)
    if header is None:
        raise ListFormatError("the sheet is empty", source=source)
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise ListFormatError(
            f"missing column(s) {', '.join(missing)}", source=source, field="header"
        )
    index = {name: header.index(name) for name in header if name}
    parsed = Parsed()
    for number, cells in enumerate(rows, start=2):
        row = {name: cells[i] if i < len(cells) else "" for name, i in index.items()}
        name = clean(row["Name"])
        if not name:
            parsed.skip("no_name")
            continue
        unique_id = clean(row["Unique ID"])
        if not unique_id:
            raise ListFormatError("empty Unique ID", source=source, field=f"row {number}")
        group, regime = clean(row.get("OFSI Group ID")), clean(row.get("Regime Name"))
        parsed.entries.append(
            ListEntry(
                source_list="UK",
                entry_id=unique_id,
                name=name,
                entry_type=entry_type(row["Type"]),
                identifiers=(f"OFSI Group ID {group}",) if group else (),
                programs=(regime,) if regime else (),
                source_url=SOURCE_URL,
            )
        )
        parsed.note_date(parse_date(row.get("Date Designated", ""), "%d-%m-%Y"))
    return parsed
