"""UK Sanctions List (FCDO) ODS: zip + content.xml, read with defusedxml."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from xml.sax.saxutils import escape

import pytest

from clearance.domain.errors import ListFormatError
from clearance.domain.listing import EntryType
from clearance.lists import uk_ods

HEADER = [
    "Unique ID",
    "OFSI Group ID",
    "Name",
    "Regime Name",
    "Type",
    "Designation source",
    "Date Designated",
    "Sanctions Imposed",
]
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def cell(value: str) -> str:
    text = f"<text:p>{escape(value)}</text:p>"
    return f'<table:table-cell office:value-type="string">{text}</table:table-cell>'


def row(values: list[str], repeat: int = 1) -> str:
    attr = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    tail = '<table:table-cell table:number-columns-repeated="16376"/>'
    return f"<table:table-row{attr}>{''.join(cell(v) for v in values)}{tail}</table:table-row>"


def ods(*rows: str, content: str | None = None) -> bytes:
    xml = content or (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}><office:body>'
        f'<office:spreadsheet><table:table table:name="UK_Sanction_List">{"".join(rows)}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", xml)
    return buffer.getvalue()


SAMPLE = ods(
    row(HEADER),
    row(["AFG0001", "12703", "HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE", "Afghanistan",
         "Entity", "UN", "29-06-2012", "Asset freeze"]),
    row(["BEL0174", "16744", "", "Belarus", "Individual", "UK", "27-01-2025", "Travel Ban"]),
    row(["DPR0075", "", "Petrel 8", "Democratic People's Republic of Korea", "Ship", "UN",
         "03-10-2017", "Prohibition of port entry"]),
    row([], repeat=1048000),
)  # fmt: skip


def test_sample() -> None:
    parsed = uk_ods.read(SAMPLE, source="uk.ods")
    assert [e.entry_id for e in parsed.entries] == ["AFG0001", "DPR0075"]
    assert parsed.skipped == {"no_name": 1}
    exchange, ship = parsed.entries
    assert exchange.entry_type is EntryType.ENTITY
    assert exchange.programs == ("Afghanistan",)
    assert exchange.identifiers == ("OFSI Group ID 12703",)
    assert ship.entry_type is EntryType.VESSEL
    assert ship.identifiers == ()
    assert parsed.latest_date == date(2017, 10, 3)
    assert {e.source_list for e in parsed.entries} == {"UK"}


def test_not_a_zip() -> None:
    with pytest.raises(ListFormatError, match="not a valid ODS"):
        uk_ods.read(b"PK\x03\x04 broken", source="uk.ods")


def test_a_zip_without_content_xml() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("other.xml", "<x/>")
    with pytest.raises(ListFormatError, match=r"no content\.xml"):
        uk_ods.read(buffer.getvalue(), source="uk.ods")


def test_missing_columns() -> None:
    with pytest.raises(ListFormatError, match="missing column") as caught:
        uk_ods.read(ods(row(["Unique ID", "Name"]), row(["A", "B"])), source="uk.ods")
    assert caught.value.field == "header"


def test_an_xml_bomb_inside_the_zip() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>'
    )
    with pytest.raises(ListFormatError, match="XML bomb"):
        uk_ods.read(ods(content=bomb), source="uk.ods")


def test_an_empty_unique_id_names_the_row() -> None:
    data = ods(row(HEADER), row(["", "1", "Someone", "Russia", "Individual", "UK", "", ""]))
    with pytest.raises(ListFormatError, match="empty Unique ID") as caught:
        uk_ods.read(data, source="uk.ods")
    assert caught.value.field == "row 2"
