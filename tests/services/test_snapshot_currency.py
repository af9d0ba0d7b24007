"""Which stored snapshot is current per source: supersede, keep older, pin, unpin, remove."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from clearance.domain.errors import InputError, NotFoundError
from clearance.services.list_import import SnapshotInfo
from clearance.services.snapshot_currency import (
    Current,
    Placement,
    find_info,
    newest_per_source,
    pinned,
    place,
    source_of,
    unpinned,
    without,
)


def _info(id_: str, fmt: str, day: date | None, imported: int = 1) -> SnapshotInfo:
    return SnapshotInfo(
        id=id_,
        source=f"{id_}.csv",
        format=fmt,
        data_date=day,
        checksum=id_,
        imported_at=datetime(2026, 1, imported, tzinfo=UTC),
        entry_count=1,
        counts={"EL": 1},
    )


OLD = _info("csl-csv-old", "csl-csv", date(2022, 5, 1))
NEW = _info("csl-csv-new", "csl-csv", date(2026, 7, 31), imported=2)
UN = _info("un-xml-1", "un-xml", date(2026, 2, 27))
BY_ID = {i.id: i for i in (OLD, NEW, UN)}


def test_the_csl_as_csv_or_json_is_one_source_the_uk_list_another() -> None:
    assert source_of(OLD) == source_of(_info("j", "csl-json", None)) == "csl"
    assert source_of(_info("u", "uk-ods", None)) == source_of(_info("t", "uk-tables", None))
    assert source_of(UN) == "un-xml"


def test_first_release_is_current_and_a_newer_one_supersedes_it() -> None:
    state, placed = place({}, BY_ID, OLD)
    assert placed.placement is Placement.FIRST
    state, placed = place(state, BY_ID, NEW)
    assert placed.placement is Placement.SUPERSEDES
    assert placed.other == OLD
    assert state == {"csl": Current(NEW.id)}
    assert "supersedes csl-csv-old (2022-05-01)" in placed.message


def test_an_older_release_is_kept_but_neither_current_nor_merged() -> None:
    state = {"csl": Current(NEW.id)}
    after, placed = place(state, BY_ID, OLD)
    assert after == state
    assert placed.placement is Placement.OLDER
    assert not placed.became_current
    assert "older than the current csl-csv-new (2026-07-31)" in placed.message
    assert "kept for replay" in placed.message


def test_an_unknown_data_date_counts_as_older_than_a_known_one() -> None:
    undated = _info("csl-csv-undated", "csl-csv", None, imported=3)
    _, placed = place({"csl": Current(NEW.id)}, BY_ID | {undated.id: undated}, undated)
    assert placed.placement is Placement.OLDER


def test_a_pinned_source_keeps_its_snapshot_against_newer_releases() -> None:
    state = pinned({"csl": Current(NEW.id)}, OLD)
    assert state == {"csl": Current(OLD.id, pinned=True)}
    after, placed = place(state, BY_ID, NEW)
    assert after == state
    assert placed.placement is Placement.PINNED
    assert unpinned(state, BY_ID.values(), "csl") == {"csl": Current(NEW.id)}


def test_other_sources_are_kept_side_by_side() -> None:
    state, _ = place({"csl": Current(NEW.id)}, BY_ID, UN)
    assert state == {"csl": Current(NEW.id), "un-xml": Current(UN.id)}


def test_removing_the_current_falls_back_to_the_newest_other_release() -> None:
    state = {"csl": Current(NEW.id), "un-xml": Current(UN.id)}
    assert without(state, BY_ID.values(), NEW) == {"csl": Current(OLD.id), "un-xml": Current(UN.id)}
    assert without(state, BY_ID.values(), OLD) == state  # not current: nothing changes
    assert without(state, [UN], UN) == {"csl": Current(NEW.id)}


def test_a_store_without_a_saved_state_uses_the_newest_release_per_source() -> None:
    assert newest_per_source([NEW, OLD, UN]) == {"csl": Current(NEW.id), "un-xml": Current(UN.id)}


def test_snapshots_are_found_by_id_or_unique_prefix() -> None:
    assert find_info(BY_ID.values(), "un-") == UN
    with pytest.raises(InputError, match="several"):
        find_info(BY_ID.values(), "csl-csv-")
    with pytest.raises(NotFoundError):
        find_info(BY_ID.values(), "nope")
