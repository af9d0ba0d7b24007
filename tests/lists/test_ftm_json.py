"""FollowTheMoney JSON lines (OpenSanctions entity format)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clearance.domain.errors import ListFormatError
from clearance.domain.listing import EntryType
from clearance.lists import ftm_json


def test_sample(fixtures: Path) -> None:
    parsed = ftm_json.read((fixtures / "entities.ftm.json").read_text(), source="e.json")
    assert parsed.skipped == {"not_a_party": 1, "no_name": 1}
    assert [e.source_list for e in parsed.entries] == ["SDN", "UN", "SOME_NEW_DATASET"]
    company, person, vessel = parsed.entries
    assert company.entry_id == "NK-4cC6vCvRxDsh9UKJbZmgy8"
    assert company.entry_type is EntryType.ENTITY
    assert company.countries == ("CN",)
    assert company.identifiers == ("310000400432938",)
    assert company.programs == ("NPWMD",)
    assert company.source_url == "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=7157"
    assert person.name == "Ayman al-Zawahiri"
    assert person.aliases == ("Ayman AL-ZAWAHIRI", "Abu Muhammad")  # more names, then aliases
    assert person.countries == ("EG",)  # "suhh" (Soviet Union) is not ISO 3166-1
    assert vessel.entry_type is EntryType.VESSEL
    assert parsed.latest_date == date(2025, 11, 2)


def test_a_bad_line_is_named() -> None:
    good = '{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}'
    with pytest.raises(ListFormatError, match="not valid JSON") as caught:
        ftm_json.read(good + "\n{oops\n", source="e.json")
    assert caught.value.field == "line 2"


def test_an_entity_without_an_id() -> None:
    with pytest.raises(ListFormatError, match="id") as caught:
        ftm_json.read('{"schema": "Person", "properties": {"name": ["A"]}}', source="e.json")
    assert caught.value.field == "line 1, id"


def test_a_property_that_is_not_a_list() -> None:
    line = '{"id": "a", "schema": "Person", "properties": {"name": "A"}}'
    with pytest.raises(ListFormatError, match="expected a list") as caught:
        ftm_json.read(line, source="e.json")
    assert caught.value.field == "line 1, name"


def test_unicode_line_separators_inside_a_name_do_not_split_the_line() -> None:
    line = '{"id": "a", "schema": "Person", "properties": {"name": ["A\u2028B\u0085C"]}}\r\n'
    parsed = ftm_json.read(line + line.replace('"a"', '"b"'), source="e.json")
    assert [e.entry_id for e in parsed.entries] == ["a", "b"]
    assert parsed.entries[0].name == "A B C"
