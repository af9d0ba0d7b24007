"""Snapshots on the real lists: one current per source, supersede, older kept, pin, remove,
entries merged across sources, and `lists diff` across CSL releases and formats."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from clearance.lists import read_snapshots
from clearance.screening import Screener
from clearance.screening.sample_list import SAMPLE_ENTRIES
from clearance.services import list_import, list_state
from clearance.services.screening_source import (
    current_state,
    imported_source,
    index_key,
    merge_entries,
)
from clearance.services.snapshot_currency import Placement
from clearance.store.snapshot_files import FileSnapshotRepository

pytestmark = pytest.mark.shared_data

CSL_2022 = "us_csl/consolidated_2022-05.csv.gz"
CSL_2026 = "us_csl/csl_projection_2026-07-31.csv.gz"
KAIST = "compiled/kaist_restricted_parties_2026-08-18.csv.gz"


class RecordingStore:
    """A ScreenerStore that builds nothing: it records which keys were asked for and kept."""

    version = "test"

    def __init__(self) -> None:
        self.saved: list[str] = []
        self.kept: set[str] = set()
        self._tiny = Screener.build(SAMPLE_ENTRIES[:3])

    def load(self, key: str) -> tuple[Screener, dict[str, Any]] | None:
        self.saved.append(key)
        return self._tiny, {}

    def save(self, key: str, screener: Screener, meta: dict[str, Any]) -> object:
        raise AssertionError("load never misses here")

    def keep_only(self, keys: set[str]) -> None:
        self.kept = keys


@pytest.fixture
def repo(tmp_path: Path) -> FileSnapshotRepository:
    return FileSnapshotRepository(tmp_path)


def current_ids(repo: FileSnapshotRepository) -> dict[str, str]:
    return {source: c.id for source, c in current_state(repo).items()}


def test_a_newer_csl_supersedes_the_older_which_stays_stored(
    repo: FileSnapshotRepository, shared_lists: Path
) -> None:
    store = RecordingStore()
    [old] = list_state.import_lists(repo, store, [shared_lists / CSL_2022])
    assert old.placed.placement is Placement.FIRST
    [new] = list_state.import_lists(repo, store, [shared_lists / CSL_2026])
    assert new.placed.placement is Placement.SUPERSEDES
    assert new.placed.other == old.result.info
    assert current_ids(repo) == {"csl": new.result.info.id}
    assert {i.id for i in repo.infos()} == {old.result.info.id, new.result.info.id}
    # The index asked for is the one of the new state, and only it is kept.
    assert store.kept == {index_key([new.result.info], "test")}


def test_an_older_csl_imported_after_the_newer_is_not_current_and_says_so(
    repo: FileSnapshotRepository, shared_lists: Path
) -> None:
    store = RecordingStore()
    [new] = list_state.import_lists(repo, store, [shared_lists / CSL_2026])
    [old] = list_state.import_lists(repo, store, [shared_lists / CSL_2022])
    assert old.placed.placement is Placement.OLDER
    assert not old.placed.became_current
    assert f"older than the current {new.result.info.id} (2026-07-31)" in old.placed.message
    assert current_ids(repo) == {"csl": new.result.info.id}
    source = imported_source(repo, store)
    assert source is not None
    assert source.label == new.result.info.id  # not merged with the older release


def test_pin_unpin_and_remove(repo: FileSnapshotRepository, shared_lists: Path) -> None:
    store = RecordingStore()
    [old] = list_state.import_lists(repo, store, [shared_lists / CSL_2022])
    [new] = list_state.import_lists(repo, store, [shared_lists / CSL_2026])
    old_id, new_id = old.result.info.id, new.result.info.id
    list_state.pin(repo, store, old_id[:12])
    assert current_state(repo)["csl"].pinned
    [again] = list_state.import_lists(repo, store, [shared_lists / CSL_2026])
    assert again.placed.placement is Placement.PINNED
    assert current_ids(repo) == {"csl": old_id}
    back = list_state.unpin(repo, store, old_id)
    assert back is not None
    assert back.id == new_id
    removed, now = list_state.remove(repo, store, new_id)
    assert removed.id == new_id
    assert now is not None
    assert now.id == old_id
    assert repo.find(new_id) is None
    assert not list(repo.directory.glob(f"{new_id}*"))
    assert current_ids(repo) == {"csl": old_id}


def test_other_sources_are_current_side_by_side(
    repo: FileSnapshotRepository, shared_lists: Path
) -> None:
    store = RecordingStore()
    done = list_state.import_lists(
        repo, store, [shared_lists / CSL_2026, shared_lists / "bis" / "dpl_2023-11.txt"]
    )
    assert [d.placed.placement for d in done] == [Placement.FIRST, Placement.FIRST]
    assert set(current_ids(repo)) == {"csl", "bis-dpl"}


def test_the_same_entity_list_entry_from_two_sources_is_one_entry_naming_both(
    shared_lists: Path,
) -> None:
    [csl] = read_snapshots([shared_lists / CSL_2026])
    [kaist] = read_snapshots([shared_lists / KAIST])
    el = [("csl", [e for e in csl.entries if e.source_list == "EL"])]
    el.append(("kaist", [e for e in kaist.entries if e.source_list == "EL"]))
    merged = merge_entries(el)
    both = [e for e in merged if e.sources == ("csl", "kaist")]
    assert len(both) > 3000  # of 3,420: the same name and countries give the same key
    assert len(merged) == len(el[0][1]) + len(el[1][1]) - len(both)
    hits = Screener.build(merged).screen("Sophgo Technologies Ltd.", limit=None)
    sophgo = [h for h in hits if h.name == "Sophgo Technologies Ltd."]
    assert len(sophgo) == 1
    assert sophgo[0].sources == ("csl", "kaist")


def test_diff_across_csl_releases_and_formats_matches_entries_by_stable_key(
    shared_lists: Path,
) -> None:
    [old] = read_snapshots([shared_lists / CSL_2022])
    [new] = read_snapshots([shared_lists / CSL_2026])
    counts = list_import.diff(old, new).counts
    # Keys are entity numbers or name+countries in both files, and only the fields both
    # carry are compared (the 2022 file has addresses and ids, the 2026 projection has not).
    assert counts["unchanged"] > 10_000
    assert counts["changed"] + counts["unchanged"] + counts["removed"] == len(old.entries)
