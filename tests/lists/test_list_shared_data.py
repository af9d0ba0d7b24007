"""Every real list file in ../shared/data/lists imports with the counts its README gives.

Skipped cleanly when the folder is absent (CLEARANCE_SHARED_DATA overrides the location).
Where our count differs from the README on purpose, the comment says why.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from clearance.domain.listing import EntryType, Snapshot
from clearance.lists import list_counts, read_snapshots, source
from clearance.lists.table import plain_rows

pytestmark = pytest.mark.shared_data


def one(paths: list[Path]) -> Snapshot:
    [snapshot] = read_snapshots(paths)
    keys = [entry.key for entry in snapshot.entries]
    assert len(keys) == len(set(keys))
    return snapshot


def with_country(snapshot: Snapshot, code: str) -> int:
    return sum(1 for entry in snapshot.entries if code in entry.countries)


def ofac_rows(path: Path) -> int:
    text = source.load(path).text("latin-1")
    return sum(1 for _ in plain_rows(text, source=str(path), widths=range(1, 20)))


def test_csl_projection_2026(shared_lists: Path) -> None:
    started = time.perf_counter()
    snapshot = one([shared_lists / "us_csl/csl_projection_2026-07-31.csv.gz"])
    elapsed = time.perf_counter() - started
    assert len(snapshot.entries) == 25_921
    assert list_counts(snapshot.counts) == {
        "SDN": 19_181, "EL": 3_420, "DPL": 1_596, "DTC": 787, "SSI": 286, "UVL": 222,
        "ISN": 161, "PLC": 78, "MEU": 70, "CMIC": 68, "MBS": 51, "CAP": 1,
    }  # fmt: skip
    assert snapshot.data_date == date(2026, 7, 31)
    # README: CN 2,575 by exact "CN" codes; "PRC" and "REGION: CHINA" also map to CN here.
    assert with_country(snapshot, "CN") == 2_578
    assert with_country(snapshot, "HK") == 331
    assert elapsed < 5.0, f"reading the 2026 projection took {elapsed:.1f} s"


def test_csl_full_2022(shared_lists: Path) -> None:
    snapshot = one([shared_lists / "us_csl/consolidated_2022-05.csv.gz"])
    assert len(snapshot.entries) == 14_160
    assert list_counts(snapshot.counts) == {
        "SDN": 10_026, "EL": 2_001, "DTC": 727, "DPL": 462, "SSI": 290, "UVL": 201,
        "ISN": 163, "PLC": 78, "MEU": 71, "CMIC": 68, "CAP": 53, "MBS": 17, "FSE": 3,
    }  # fmt: skip
    assert snapshot.data_date == date(2022, 4, 21)  # the latest start_date
    # README: 983 / 142 rows with an address ending ", CN" / ", HK"; country-only addresses
    # ("CN") and spelled-out countries ("..., Hong Kong") count here too.
    assert with_country(snapshot, "CN") >= 983
    assert with_country(snapshot, "HK") >= 142


def test_ofac_sdn_2024_with_2025_addresses_and_aliases(shared_lists: Path) -> None:
    ofac = shared_lists / "ofac"
    files = ["sdn_2024-05-03.csv.gz", "add_2025-12.csv.gz", "alt_2025-12.csv.gz"]
    files.append("sdn_comments_2025-12.csv")
    snapshot = one([ofac / name for name in files])
    assert len(snapshot.entries) == 14_965
    types = Counter(entry.entry_type for entry in snapshot.entries)
    assert types == {
        EntryType.ENTITY: 6_884,
        EntryType.PERSON: 6_854,
        EntryType.VESSEL: 851,
        EntryType.AIRCRAFT: 376,
    }
    assert with_country(snapshot, "CN") == 543
    assert with_country(snapshot, "HK") == 69
    assert snapshot.data_date == date(2024, 5, 3)
    # The README's row counts: each row is joined or counted as skipped (no primary record).
    assert ofac_rows(ofac / "add_2025-12.csv.gz") == 24_244
    assert ofac_rows(ofac / "alt_2025-12.csv.gz") == 20_107
    assert ofac_rows(ofac / "sdn_comments_2025-12.csv") == 28
    assert snapshot.counts["skipped.address_without_primary"] == 4_893  # 4,253 entities
    assert snapshot.counts["skipped.alt_without_primary"] == 2_460
    assert snapshot.counts["skipped.comments_without_primary"] == 6


def test_ofac_consolidated_non_sdn(shared_lists: Path) -> None:
    ofac = shared_lists / "ofac"
    parts = ["cons_prim", "cons_add", "cons_alt", "cons_comments"]
    snapshot = one([ofac / f"{part}_2025-12.csv" for part in parts])
    assert len(snapshot.entries) == 442
    assert list_counts(snapshot.counts) == {"SSI": 286, "PLC": 78, "CMIC": 68, "MBS": 9, "CAP": 1}
    assert not [key for key in snapshot.counts if key.startswith("skipped.")]
    assert with_country(snapshot, "CN") == 71
    assert with_country(snapshot, "HK") == 1
    rows = {part: ofac_rows(ofac / f"{part}_2025-12.csv") for part in parts}
    assert rows == {"cons_prim": 442, "cons_add": 574, "cons_alt": 1_073, "cons_comments": 10}


def test_bis_dpl_2023(shared_lists: Path) -> None:
    snapshot = one([shared_lists / "bis/dpl_2023-11.txt"])
    assert len(snapshot.entries) == 665
    assert snapshot.data_date == date(2023, 11, 16)
    # README: Country "CN" 13; the two "PRC" rows map to CN as well.
    assert with_country(snapshot, "CN") == 15
    assert with_country(snapshot, "HK") == 0


def test_un_consolidated_2026(shared_lists: Path) -> None:
    snapshot = one([shared_lists / "un/un_consolidated_2026-02-27.xml.gz"])
    assert len(snapshot.entries) == 1_003
    types = Counter(entry.entry_type for entry in snapshot.entries)
    assert types == {EntryType.PERSON: 730, EntryType.ENTITY: 273}
    assert snapshot.data_date == date(2026, 2, 27)


def test_uk_fcdo_ods_2025(shared_lists: Path) -> None:
    snapshot = one([shared_lists / "uk/FCDO_UK_Sanctions_List_2025-08-11.ods"])
    # README: 5,302 rows; two of them have an empty Name cell (e.g. BEL0174) and are skipped.
    assert len(snapshot.entries) == 5_300
    assert snapshot.counts["skipped.no_name"] == 2
    assert snapshot.data_date == date(2025, 8, 11)


def test_uk_tables_2026(shared_lists: Path) -> None:
    uk = shared_lists / "uk"
    parts = ["subjects", "subject_names", "subject_countries", "subject_identifiers"]
    snapshot = one([uk / f"uk_sanctions_2026-04-29_{part}.csv.gz" for part in parts])
    assert len(snapshot.entries) == 6_046
    types = Counter(entry.entry_type for entry in snapshot.entries)
    assert types == {EntryType.PERSON: 3_883, EntryType.ENTITY: 1_531, EntryType.VESSEL: 632}
    assert with_country(snapshot, "CN") == 126
    assert with_country(snapshot, "HK") == 0
    assert snapshot.data_date == date(2026, 4, 29)
    assert sum(1 + len(entry.aliases) for entry in snapshot.entries) <= 15_050


def test_eu_merged_2022(shared_lists: Path) -> None:
    snapshot = one([shared_lists / "eu/eu_fsf_travelbans_merged_2022-09-13.csv.gz"])
    # README: 3,547 rows; 9 have no name in either name column and are skipped.
    assert len(snapshot.entries) + snapshot.counts["skipped.no_name"] == 3_547
    assert len(snapshot.entries) == 3_538
    assert snapshot.data_date == date(2022, 9, 13)


def test_kaist_compilation_2026(shared_lists: Path) -> None:
    snapshot = one([shared_lists / "compiled/kaist_restricted_parties_2026-08-18.csv.gz"])
    assert len(snapshot.entries) == 4_940
    assert list_counts(snapshot.counts) == {
        "EL": 3_420, "JP-EUL": 835, "1260H": 188, "UFLPA": 144, "1286": 130, "CA-NRO": 103,
        "CMIC": 64, "MEU": 56,
    }  # fmt: skip
    assert with_country(snapshot, "CN") == 1_857
    assert with_country(snapshot, "HK") == 256


def test_footnote_stripping_leaves_the_real_csl_names_alone(shared_lists: Path) -> None:
    from clearance.lists.parsed import clean, clean_name

    snapshot = one([shared_lists / "us_csl" / "csl_projection_2026-07-31.csv.gz"])
    names = [name for entry in snapshot.entries for name in entry.names]
    assert all(clean_name(name) == clean(name) for name in names)
