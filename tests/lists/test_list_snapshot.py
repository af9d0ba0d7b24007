"""From files to snapshots: grouping, unique keys, counts, checksum, data date."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from clearance.domain.errors import ListFormatError
from clearance.lists import ListFormat, list_counts, read_snapshots

OFAC = ["ofac/sdn.csv", "ofac/add.csv", "ofac/alt.csv", "ofac/sdn_comments.csv"]


def test_one_snapshot_per_list_and_one_for_the_ofac_parts(fixtures: Path) -> None:
    paths = [
        fixtures / "csl_sample.json",
        *(fixtures / p for p in OFAC),
        fixtures / "un_sample.xml",
    ]
    snapshots = read_snapshots(paths)
    assert [s.format for s in snapshots] == ["csl-json", "ofac-sdn", "un-xml"]
    ofac = snapshots[1]
    assert ofac.source == "sdn.csv, add.csv, alt.csv, sdn_comments.csv"
    assert ofac.counts == {
        "SDN": 5,
        "skipped.address_without_primary": 1,
        "skipped.alt_without_primary": 1,
        "skipped.comments_without_primary": 1,
    }


def test_the_order_of_the_ofac_parts_does_not_matter(fixtures: Path) -> None:
    one = read_snapshots([fixtures / p for p in OFAC])[0]
    other = read_snapshots([fixtures / p for p in reversed(OFAC)])[0]
    assert one.checksum == other.checksum
    assert one.entries == other.entries
    assert one.source == other.source


def test_the_checksum_of_one_file_is_its_sha256(fixtures: Path) -> None:
    path = fixtures / "un_sample.xml"
    [snapshot] = read_snapshots([path])
    assert snapshot.checksum == hashlib.sha256(path.read_bytes()).hexdigest()


def test_repeated_keys_get_a_suffix_and_a_note(fixtures: Path) -> None:
    [snapshot] = read_snapshots([fixtures / "csl_projection_sample.csv"])
    keys = [e.key for e in snapshot.entries]
    assert len(keys) == len(set(keys)) == 6
    assert sum(1 for k in keys if k.endswith("~2")) == 1
    assert snapshot.counts["note.duplicate_ids"] == 1
    assert list_counts(snapshot.counts) == {"CMIC": 1, "DPL": 1, "EL": 3, "SDN": 1}


def test_data_date_declared_then_file_name_then_latest_record(
    fixtures: Path, tmp_path: Path
) -> None:
    [declared] = read_snapshots([fixtures / "un_sample.xml"])
    assert declared.data_date == date(2026, 2, 27)
    named = tmp_path / "kaist_2026-08-18.csv"
    named.write_bytes((fixtures / "kaist_sample.csv").read_bytes())
    assert read_snapshots([named])[0].data_date == date(2026, 8, 18)
    [latest] = read_snapshots([fixtures / "dpl_sample.txt"])
    assert latest.data_date == date(2023, 11, 16)
    [undated] = read_snapshots([fixtures / "kaist_sample.csv"])
    assert undated.data_date is None


def test_all_or_nothing(fixtures: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("source,name,alt_names\n")  # detected as CSL, but columns are missing
    with pytest.raises(ListFormatError, match=r"bad\.csv"):
        read_snapshots([fixtures / "un_sample.xml", bad])


def test_a_given_format_applies_to_every_file(fixtures: Path) -> None:
    with pytest.raises(ListFormatError):
        read_snapshots([fixtures / "un_sample.xml"], ListFormat.CSL_CSV)


def test_two_files_of_one_ofac_part(fixtures: Path) -> None:
    with pytest.raises(ListFormatError, match="two address files"):
        read_snapshots(
            [fixtures / "ofac/sdn.csv", fixtures / "ofac/add.csv", fixtures / "ofac/add.csv"]
        )


def test_no_paths() -> None:
    with pytest.raises(ListFormatError, match="no list files"):
        read_snapshots([])
