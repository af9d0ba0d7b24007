"""OFAC legacy CSV: sdn + add + alt + comments, joined by ent_num."""

from __future__ import annotations

from pathlib import Path

import pytest

from clearance.domain.errors import ListFormatError
from clearance.domain.listing import EntryType
from clearance.lists import ofac_csv
from clearance.lists.parsed import Part


def parts(directory: Path, **names: str) -> dict[str, Part]:
    out = {}
    for role, name in names.items():
        text = (directory / name).read_bytes().decode("latin-1")
        out[role] = Part(name, text)
    return out


def sample(fixtures: Path) -> dict[str, Part]:
    return parts(
        fixtures / "ofac",
        primary="sdn.csv",
        address="add.csv",
        alt="alt.csv",
        comments="sdn_comments.csv",
    )


def test_the_parts_are_joined_by_ent_num(fixtures: Path) -> None:
    parsed = ofac_csv.read(sample(fixtures), consolidated=False)
    by_id = {e.entry_id: e for e in parsed.entries}
    assert list(by_id) == ["36", "306", "7157", "9647", "15036"]
    assert {e.source_list for e in parsed.entries} == {"SDN"}
    bank = by_id["306"]
    assert bank.aliases == ("NATIONAL BANK OF CUBA",)
    assert bank.countries == ("CH", "CU")
    assert bank.addresses[0] == "Zweierstrasse 35, Zurich CH-8022, Switzerland"
    assert by_id["36"].entry_type is EntryType.ENTITY  # "-0-" type: an entity
    assert by_id["9647"].entry_type is EntryType.PERSON
    assert by_id["15036"].entry_type is EntryType.VESSEL
    assert by_id["7157"].programs == ("NPWMD", "IFSR")
    assert by_id["7157"].countries == ("CN", "HK")


def test_identifiers_come_from_remarks_and_comments(fixtures: Path) -> None:
    parsed = ofac_csv.read(sample(fixtures), consolidated=False)
    by_id = {e.entry_id: e for e in parsed.entries}
    assert by_id["7157"].identifiers == (
        "Registration Number 310000400432938 (China)",
        "Tax ID No. 3101137417580",
        "Unified Social Credit Code (USCC) 913100007178893915 (China)",  # from sdn_comments
    )
    assert by_id["9647"].identifiers == ("Passport 1084010 (Egypt)", "Passport 19820215")
    assert by_id["15036"].identifiers == ("Vessel Registration Identification IMO 9116412",)


def test_rows_without_a_primary_record_are_skipped_and_counted(fixtures: Path) -> None:
    parsed = ofac_csv.read(sample(fixtures), consolidated=False)
    assert parsed.skipped == {
        "address_without_primary": 1,
        "alt_without_primary": 1,
        "comments_without_primary": 1,
    }


def test_the_primary_file_alone_is_enough(fixtures: Path) -> None:
    parsed = ofac_csv.read(parts(fixtures / "ofac", primary="sdn.csv"), consolidated=False)
    assert len(parsed.entries) == 5
    assert all(not e.aliases and not e.addresses for e in parsed.entries)


def test_without_the_primary_file() -> None:
    with pytest.raises(ListFormatError, match="needs the primary file"):
        ofac_csv.read({"address": Part("add.csv", "36,25,-0- ,x,Cuba,-0- \n")}, consolidated=False)


def test_non_sdn_records_get_their_csl_code() -> None:
    rows = [
        '17015,"VEB","-0- ","UKRAINE-EO13662] [RUSSIA-EO14024",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-',
        '9639,"HANIYA, Ismail","individual","NS-PLC",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-',
        '30882,"China Telecom","-0- ","CMIC-EO13959",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-',
        '15268,"BANK OF KUNLUN","-0- ","561-Related",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-',
        '40000,"X","-0- ","RUSSIA-EO14024",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-',
    ]
    parsed = ofac_csv.read({"primary": Part("cons_prim.csv", "\n".join(rows))}, consolidated=True)
    assert [e.source_list for e in parsed.entries] == ["SSI", "PLC", "CMIC", "CAP", "MBS"]
    assert parsed.entries[0].source_url == ofac_csv.CONSOLIDATED_URL


def test_a_row_of_the_wrong_width_names_file_and_line() -> None:
    text = '36,"A",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n37,"B",-0-\n'
    with pytest.raises(ListFormatError, match="expected 12 fields, found 3") as caught:
        ofac_csv.read({"primary": Part("sdn.csv", text)}, consolidated=False)
    assert caught.value.source == "sdn.csv"
    assert caught.value.field == "line 2"


def test_ent_num_must_be_a_number() -> None:
    text = 'X1,"A",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
    with pytest.raises(ListFormatError, match="ent_num") as caught:
        ofac_csv.read({"primary": Part("sdn.csv", text)}, consolidated=False)
    assert caught.value.field == "line 1, ent_num"


def test_a_repeated_ent_num_is_an_error() -> None:
    row = '36,"A",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
    with pytest.raises(ListFormatError, match="occurs twice"):
        ofac_csv.read({"primary": Part("sdn.csv", row + row)}, consolidated=False)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("sdn.csv", "primary"),
        ("add.csv", "address"),
        ("alt.csv", "alt"),
        ("sdn_comments.csv", "comments"),
    ],
)
def test_the_role_of_a_file_follows_from_its_width(fixtures: Path, name: str, role: str) -> None:
    assert ofac_csv.role_of((fixtures / "ofac" / name).read_text(encoding="latin-1")) == role
