"""UN Security Council Consolidated List XML, parsed safely."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clearance.domain.errors import ListFormatError
from clearance.domain.listing import EntryType
from clearance.lists import un_xml

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol4;</FIRST_NAME></INDIVIDUAL>
</INDIVIDUALS></CONSOLIDATED_LIST>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&secret;</FIRST_NAME></INDIVIDUAL>
</INDIVIDUALS></CONSOLIDATED_LIST>
"""


def test_sample(fixtures: Path) -> None:
    parsed = un_xml.read((fixtures / "un_sample.xml").read_bytes(), source="un.xml")
    assert parsed.data_date == date(2026, 2, 27)
    assert [e.entry_id for e in parsed.entries] == ["KPi.067", "CDi.002", "KPe.001"]
    ri, frank, komid = parsed.entries
    assert ri.name == "RI WON HO"
    assert ri.entry_type is EntryType.PERSON
    assert ri.aliases == ("리원호",)  # the name in its original script
    assert ri.countries == ("CN", "KP")  # address first, then nationality
    assert ri.identifiers == ("Passport 381310014 (Democratic People's Republic of Korea)",)
    assert ri.programs == ("DPRK",)
    assert frank.aliases == ("FRANK KAKORERE", "AIGLE BLANC")
    assert komid.entry_type is EntryType.ENTITY
    assert komid.countries == ("KP", "HK")
    assert {e.source_list for e in parsed.entries} == {"UN"}


def test_an_xml_bomb_is_refused_with_a_clear_error() -> None:
    with pytest.raises(ListFormatError, match="XML bomb") as caught:
        un_xml.read(BILLION_LAUGHS, source="bomb.xml")
    assert caught.value.source == "bomb.xml"


def test_an_external_entity_is_refused() -> None:
    with pytest.raises(ListFormatError, match="refused unsafe XML"):
        un_xml.read(EXTERNAL_ENTITY, source="xxe.xml")


def test_malformed_xml_names_line_and_column() -> None:
    with pytest.raises(ListFormatError, match="not well-formed") as caught:
        un_xml.read(b"<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n</CONSOLIDATED_LIST>", source="x.xml")
    assert caught.value.field is not None
    assert caught.value.field.startswith("line 3")


def test_another_xml_document_is_not_the_un_list() -> None:
    with pytest.raises(ListFormatError, match="CONSOLIDATED_LIST") as caught:
        un_xml.read(b"<sdnList/>", source="sdn.xml")
    assert caught.value.field == "root"
