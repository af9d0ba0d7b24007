"""The derived CSVs: EU FSF merged with travel bans, and the KAIST compilation."""

from __future__ import annotations

from pathlib import Path

import pytest

from clearance.domain.errors import ListFormatError
from clearance.domain.listing import EntryType
from clearance.lists import eu_csv, kaist_csv


def test_eu_sample(fixtures: Path) -> None:
    parsed = eu_csv.read((fixtures / "eu_sample.csv").read_text(), source="eu.csv")
    assert parsed.skipped == {"no_name": 1}
    saddam, travel_ban = parsed.entries
    assert saddam.entry_id == "13"
    assert saddam.entry_type is EntryType.PERSON
    assert saddam.programs == ("IRQ",)
    assert saddam.identifiers == ("EU reference EU.27.28",)
    assert saddam.countries == ()  # "NA" is R's missing value here, not Namibia
    assert travel_ban.entry_id == "7031"  # no Entity_logical_id: the logicalId
    assert travel_ban.name == "Augusto MÁRIO CÓ"
    assert travel_ban.countries == ("RU",)  # "RUSSIAN FEDERATION"
    assert {e.source_list for e in parsed.entries} == {"EU"}


def test_kaist_sample(fixtures: Path) -> None:
    parsed = kaist_csv.read((fixtures / "kaist_sample.csv").read_text(), source="k.csv")
    assert [e.source_list for e in parsed.entries] == ["1260H", "JP-EUL", "JP-EUL", "NEW-LIST"]
    inspur = parsed.entries[0]
    assert inspur.aliases == ("Inspur", "Inspur Group", "浪潮集团有限公司")
    assert inspur.countries == ("CN",)
    assert parsed.entries[1].countries == ("AE", "NA")  # an ISO code here: Namibia


def test_kaist_missing_columns() -> None:
    with pytest.raises(ListFormatError, match="countries_iso2"):
        kaist_csv.read("id,list_id,name,name_native,aliases\n", source="k.csv")


def test_kaist_empty_list_id_names_line_and_column() -> None:
    text = "id,list_id,name,name_native,aliases,countries_iso2\nrpl-1,,A,,,CN\n"
    with pytest.raises(ListFormatError, match="empty list_id") as caught:
        kaist_csv.read(text, source="k.csv")
    assert caught.value.field == "line 2, list_id"
