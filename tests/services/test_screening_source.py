"""Which snapshots a decision screens against."""

from __future__ import annotations

from datetime import UTC, datetime

from clearance.services.list_import import SnapshotInfo
from clearance.services.screening_source import latest_per_source


def _info(id_: str, fmt: str, lists: dict[str, int]) -> SnapshotInfo:
    return SnapshotInfo(
        id=id_,
        source=f"{id_}.csv",
        format=fmt,
        data_date=None,
        checksum=id_,
        imported_at=datetime(2026, 1, 1, tzinfo=UTC),
        entry_count=sum(lists.values()),
        counts=lists,
    )


def test_a_newer_file_of_the_same_list_replaces_the_older() -> None:
    old = _info("csl-old", "csl-csv", {"EL": 10, "SDN": 20})
    new = _info("csl-new", "csl-csv", {"EL": 11, "SDN": 19})
    assert latest_per_source([old, new]) == [new]


def test_different_lists_are_all_kept() -> None:
    sdn = _info("ofac-sdn", "ofac-csv", {"SDN": 100})
    cons = _info("ofac-cons", "ofac-csv", {"SSI": 5, "CMIC": 3})
    un = _info("un", "un-xml", {"UN": 1003})
    assert {i.id for i in latest_per_source([sdn, cons, un])} == {"ofac-sdn", "ofac-cons", "un"}


def test_skip_counts_do_not_split_a_source() -> None:
    old = _info("a", "csl-csv", {"EL": 10, "skipped.no_name": 1})
    new = _info("b", "csl-csv", {"EL": 10})
    assert latest_per_source([old, new]) == [new]
