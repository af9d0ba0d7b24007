"""UK Sanctions List normalised into CSV tables (subjects, names, countries)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clearance.domain.errors import ListFormatError
from clearance.domain.listing import EntryType
from clearance.lists import uk_tables
from clearance.lists.parsed import Part


def sample(fixtures: Path) -> dict[str, Part]:
    files = {
        "subjects": "uk_subjects.csv",
        "names": "uk_subject_names.csv",
        "countries": "uk_subject_countries.csv",
    }
    return {role: Part(name, (fixtures / "uk" / name).read_text()) for role, name in files.items()}


def test_sample(fixtures: Path) -> None:
    parsed = uk_tables.read(sample(fixtures))
    assert [e.entry_id for e in parsed.entries] == ["CHN0001", "RUS0001"]
    assert parsed.skipped == {"names_without_subject": 1, "no_name": 1}  # DPR0001 has no name
    company, person = parsed.entries
    assert company.name == "SHENZHEN EXAMPLE ELECTRONICS CO LTD"
    assert company.aliases == ("Example Electronics",)
    assert company.countries == ("CN", "HK")
    assert company.entry_type is EntryType.ENTITY
    assert person.aliases == ("Иван ПЕТРОВ",)
    assert person.countries == ("CY", "RU")  # address before birth; unmapped Kosovo dropped
    assert parsed.latest_date == date(2026, 4, 29)


def test_roles_by_header(fixtures: Path) -> None:
    for role, part in sample(fixtures).items():
        assert uk_tables.role_of(part.text) == role
    assert uk_tables.role_of("id,name\n") is None


def test_subjects_and_names_are_required(fixtures: Path) -> None:
    parts = sample(fixtures)
    del parts["names"]
    with pytest.raises(ListFormatError, match="subject_names"):
        uk_tables.read(parts)
