"""BIS Denied Persons List, tab-delimited dpl.txt."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clearance.domain.errors import ListFormatError
from clearance.lists import bis_dpl


def test_sample(fixtures: Path) -> None:
    text = (fixtures / "dpl_sample.txt").read_text(encoding="latin-1")
    parsed = bis_dpl.read(text, source="dpl.txt")
    assert [e.name for e in parsed.entries] == [
        "BEIJING TRADING CO.",
        "BEIJING TRADING CO.",
        "AARON ABRAHAM VILLA",
    ]
    beijing, hong_kong, villa = parsed.entries
    assert beijing.countries == ("CN",)
    assert hong_kong.countries == ("HK",)
    assert beijing.entry_id != hong_kong.entry_id  # one row per address: the id includes it
    assert beijing.federal_register_notice == "88 F.R. 80000 11/20/2023"
    assert villa.countries == ()
    assert villa.addresses == ("3415 RIVERA AVENUE, EL PASO, TX, 79905",)
    assert {e.source_list for e in parsed.entries} == {"DPL"}
    # The latest Effective_Date; the Last_Update typo 3033-11-20 is not used.
    assert parsed.latest_date == date(2023, 11, 16)


def test_a_comma_file_is_not_the_dpl() -> None:
    with pytest.raises(ListFormatError, match="missing column"):
        bis_dpl.read("Name,Street_Address,City\nA,B,C\n", source="dpl.txt")
