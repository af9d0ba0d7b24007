"""trade.gov CSL CSV: the reduced projection and the full 29-column file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clearance.domain.errors import ListFormatError
from clearance.domain.listing import EntryType
from clearance.lists import csl_csv
from clearance.lists.csl_csv import address_countries
from clearance.lists.parsed import clean_name, stable_id

PROJECTION_HEADER = (
    "source,entity_number,type,programs,name,alt_names,address_countries,"
    "federal_register_notice,license_requirement,license_policy,source_list_url\n"
)


def test_projection_sample(fixtures: Path) -> None:
    parsed = csl_csv.read((fixtures / "csl_projection_sample.csv").read_text(), source="p.csv")
    by_name = {e.name: e for e in parsed.entries}
    assert [e.source_list for e in parsed.entries] == ["EL", "EL", "EL", "CMIC", "SDN", "DPL"]
    biren = by_name["Beijing Biren Technology Development Co., Ltd."]
    assert biren.countries == ("CN",)
    assert biren.federal_register_notice == "88 FR 71992"
    assert biren.license_policy == "Presumption of denial"
    assert biren.policy_is_denial
    assert biren.entry_id.startswith("h")  # no entity_number outside Treasury: derived
    telecom = by_name["China Telecom Corporation Limited"]
    assert telecom.entry_id == "30882"
    assert telecom.entry_type is EntryType.ENTITY
    assert telecom.aliases == ("CHINA TELECOM", "CHINA TELECOM CO., LTD")
    assert telecom.programs == ("CMIC-EO13959",)


def test_projection_countries_are_mapped_to_iso(fixtures: Path) -> None:
    parsed = csl_csv.read((fixtures / "csl_projection_sample.csv").read_text(), source="p.csv")
    abbas = next(e for e in parsed.entries if e.source_list == "SDN")
    assert abbas.countries == ("SY", "GB", "PS")  # "UK" and "REGION: WEST BANK" mapped


def test_derived_ids_are_stable_and_depend_on_name_and_countries() -> None:
    row = "Entity List (EL) - Bureau of Industry and Security,,,,{name},,{cc},,,,\n"
    one = csl_csv.read(PROJECTION_HEADER + row.format(name="A Co", cc="CN"), source="x")
    same = csl_csv.read(PROJECTION_HEADER + row.format(name="A  co", cc="CN"), source="x")
    other = csl_csv.read(PROJECTION_HEADER + row.format(name="A Co", cc="HK"), source="x")
    assert one.entries[0].entry_id == same.entries[0].entry_id
    assert one.entries[0].entry_id != other.entries[0].entry_id


def test_full_sample(fixtures: Path) -> None:
    parsed = csl_csv.read((fixtures / "csl_full_sample.csv").read_text(), source="f.csv")
    assert [e.source_list for e in parsed.entries] == ["EL", "CMIC", "SDN"]
    plant, huawei, abbas = parsed.entries
    # Not trade.gov's _id (it changes between builds): the stable key of name and countries,
    # the same as the reduced projection gives the entry.
    assert plant.entry_id == stable_id(plant.name, plant.countries)
    assert plant.countries == ("BY",)
    assert plant.aliases == ("Open Joint Stock Company 140 Repair Plant", "JSC 140 Repair Plant")
    assert huawei.countries == ("CN", "HK")  # "..., CN" and "..., Hong Kong"
    assert len(huawei.addresses) == 2
    assert huawei.identifiers == (
        "CN, 91440300746645251H, Unified Social Credit Code (USCC)",
        "Private Company, Target Type",
    )  # "Male, Gender" is not an identifier
    assert abbas.entry_type is EntryType.PERSON
    assert parsed.latest_date is not None
    assert parsed.latest_date.isoformat() == "2022-04-07"


def test_address_countries() -> None:
    assert address_countries(("1 Road, Beijing, CN", "SY", "Wan Chai, Hong Kong", "75159")) == (
        "CN",
        "SY",
        "HK",
    )


def test_missing_columns_are_named() -> None:
    with pytest.raises(ListFormatError, match="missing column") as caught:
        csl_csv.read("source,name\nEL,x\n", source="short.csv")
    assert caught.value.field == "header"
    assert "alt_names" in str(caught.value)
    assert "short.csv" in str(caught.value)


def test_a_row_of_the_wrong_width_names_its_line() -> None:
    text = PROJECTION_HEADER + "Entity List (EL) - Bureau of Industry and Security,,,,A,,CN\n"
    with pytest.raises(ListFormatError, match="expected 11 fields") as caught:
        csl_csv.read(text, source="x.csv")
    assert caught.value.field == "line 2"


def test_an_unknown_source_is_an_error_not_a_guess() -> None:
    text = PROJECTION_HEADER + "Some New List - Nowhere,,,,A,,CN,,,,\n"
    with pytest.raises(ListFormatError, match="unknown CSL source") as caught:
        csl_csv.read(text, source="x.csv")
    assert caught.value.field == "line 2, source"


def test_a_reworded_source_is_mapped_by_its_abbreviation() -> None:
    text = PROJECTION_HEADER + "Entity List (EL) - Commerce,,,,A,,CN,,,,\n"
    parsed = csl_csv.read(text, source="x.csv")
    assert parsed.entries[0].source_list == "EL"


def test_a_row_without_a_name_is_skipped_and_counted() -> None:
    text = PROJECTION_HEADER + "Entity List (EL) - Bureau of Industry and Security,,,,  ,,CN,,,,\n"
    parsed = csl_csv.read(text, source="x.csv")
    assert parsed.entries == []
    assert parsed.skipped == {"no_name": 1}


# Names without footnote markers (those are stripped: see the footnote tests below).
_MARKERS = "*\u2020\u2021\\[]{}()\u00b9\u00b2\u00b3" + "".join(map(chr, range(0x2070, 0x207A)))
_names = st.text(
    st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters=";" + _MARKERS
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: clean_name(s))  # a name that is only a footnote marker is no name


@given(rows=st.lists(st.tuples(_names, st.lists(_names, max_size=3)), min_size=1, max_size=8))
def test_any_names_survive_the_projection_csv(rows: list[tuple[str, list[str]]]) -> None:
    """Names and aliases written the way trade.gov writes them read back (whitespace and
    footnote markers aside)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(PROJECTION_HEADER.strip().split(","))
    for name, aliases in rows:
        source = "Entity List (EL) - Bureau of Industry and Security"
        writer.writerow([source, "", "", "", name, "; ".join(aliases), "CN", "", "", "", ""])
    parsed = csl_csv.read(buffer.getvalue(), source="generated.csv")
    assert [e.name for e in parsed.entries] == [clean_name(name) for name, _ in rows]
    for entry, (_, aliases) in zip(parsed.entries, rows, strict=True):
        expected = {clean_name(a) for a in aliases if clean_name(a)}
        assert set(entry.aliases) == expected


def test_footnote_markers_are_stripped_from_names_and_aliases() -> None:
    text = PROJECTION_HEADER + (
        "Entity List (EL) - Bureau of Industry and Security,,,,"
        '"Huawei Technologies Co., Ltd.\\1\\","Huawei [1]; HiSilicon¹; Kirin *",CN,,,,\n'
    )
    (entry,) = csl_csv.read(text, source="p.csv").entries
    assert entry.name == "Huawei Technologies Co., Ltd."
    assert entry.aliases == ("Huawei", "HiSilicon", "Kirin")


@pytest.mark.parametrize(
    "name", ["Zavod No. 9", "AT&T", "Beijing 8-Star International Co.", "A * B", "CETC-7"]
)
def test_names_without_footnote_markers_are_unchanged(name: str) -> None:
    from clearance.lists.parsed import clean_name

    assert clean_name(name) == name
