"""Use cases for list snapshots: import, show, resolve, diff, update."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from clearance.domain.errors import InputError, ListFormatError, NotFoundError
from clearance.domain.listing import Snapshot
from clearance.lists.fetch import Download, FetchError
from clearance.services import list_import
from clearance.services.list_import import SnapshotInfo, SnapshotRepository
from clearance.store.snapshot_files import FileSnapshotRepository

FIXTURES = Path(__file__).parents[1] / "lists" / "fixtures"
OFAC = [FIXTURES / "ofac" / n for n in ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")]


class MemoryRepository:
    """The port, in memory: what any SnapshotRepository must do."""

    def __init__(self) -> None:
        self.stored: dict[str, tuple[SnapshotInfo, Snapshot]] = {}

    def save(self, info: SnapshotInfo, snapshot: Snapshot) -> None:
        self.stored[info.id] = (info, snapshot)

    def infos(self) -> list[SnapshotInfo]:
        return sorted((i for i, _ in self.stored.values()), key=lambda i: i.imported_at)

    def find(self, snapshot_id: str) -> SnapshotInfo | None:
        found = self.stored.get(snapshot_id)
        return found[0] if found else None

    def load(self, snapshot_id: str) -> Snapshot:
        if snapshot_id not in self.stored:
            raise NotFoundError(snapshot_id)
        return self.stored[snapshot_id][1]


@pytest.fixture(params=["memory", "files"])
def repo(request: pytest.FixtureRequest, tmp_path: Path) -> SnapshotRepository:
    if request.param == "memory":
        return MemoryRepository()
    return FileSnapshotRepository(tmp_path / "data")


def clock(*stamps: int) -> list[datetime]:
    return [datetime(2026, 8, 1, 12, minute, tzinfo=UTC) for minute in stamps]


def test_import_stores_one_snapshot_per_list(repo: SnapshotRepository) -> None:
    times = iter(clock(0, 1))
    results = list_import.import_paths(
        repo, [FIXTURES / "csl_sample.json", *OFAC], now=lambda: next(times)
    )
    assert [r.unchanged for r in results] == [False, False]
    csl, ofac = (r.info for r in results)
    assert csl.id.startswith("csl-json-")
    assert len(csl.id) == len("csl-json-") + 12
    assert csl.list_counts == {"CMIC": 1, "EL": 1, "SDN": 1}
    assert csl.counts["skipped.no_name"] == 1
    assert ofac.entry_count == 5
    assert list_import.show(repo) == [csl, ofac]
    assert len(repo.load(ofac.id).entries) == 5


def test_importing_the_same_content_again_changes_nothing(repo: SnapshotRepository) -> None:
    [first] = list_import.import_paths(repo, [FIXTURES / "un_sample.xml"])
    [again] = list_import.import_paths(repo, [FIXTURES / "un_sample.xml"])
    assert again.unchanged
    assert again.info == first.info
    assert len(list_import.show(repo)) == 1


def test_a_bad_file_imports_nothing(repo: SnapshotRepository, tmp_path: Path) -> None:
    [kept] = list_import.import_paths(repo, [FIXTURES / "un_sample.xml"])
    before = repo.load(kept.info.id)
    bad = tmp_path / "bad.csv.gz"
    bad.write_bytes((FIXTURES / "csl_projection_sample.csv").read_bytes()[:50])  # not gzip
    with pytest.raises(ListFormatError, match=r"bad\.csv\.gz"):
        list_import.import_paths(repo, [FIXTURES / "kaist_sample.csv", bad])
    assert list_import.show(repo) == [kept.info]
    assert repo.load(kept.info.id) == before


def test_resolve_by_id_prefix_or_path(repo: SnapshotRepository) -> None:
    [un] = list_import.import_paths(repo, [FIXTURES / "un_sample.xml"])
    assert list_import.resolve(repo, un.info.id) == repo.load(un.info.id)
    assert list_import.resolve(repo, un.info.id[:12]) == repo.load(un.info.id)
    from_file = list_import.resolve(repo, str(FIXTURES / "un_sample.xml"))
    assert from_file.entries == repo.load(un.info.id).entries
    with pytest.raises(NotFoundError, match="no snapshot 'nope'"):
        list_import.resolve(repo, "nope")


def test_an_ambiguous_prefix(repo: SnapshotRepository) -> None:
    list_import.import_paths(repo, [FIXTURES / "csl_projection_sample.csv"])
    list_import.import_paths(repo, [FIXTURES / "csl_full_sample.csv"])
    with pytest.raises(InputError, match="matches several"):
        list_import.resolve(repo, "csl-csv-")


def test_diff_by_key(tmp_path: Path) -> None:
    old = list_import.resolve(MemoryRepository(), str(FIXTURES / "csl_sample.json"))
    zhipu, huawei, abbas = old.entries
    new = replace(
        old,
        entries=(
            replace(zhipu, license_policy="Policy of denial.", aliases=zhipu.aliases[:1]),
            huawei,
            replace(abbas, entry_id="99999"),
        ),
    )
    result = list_import.diff(old, new)
    assert result.counts == {"added": 1, "removed": 1, "changed": 1, "unchanged": 1}
    assert [e.key for e in result.added] == ["SDN:99999"]
    assert [e.key for e in result.removed] == ["SDN:21944"]
    [change] = result.changed
    assert change.fields == ("aliases", "license_policy")
    assert list_import.diff(old, old).counts["unchanged"] == 3


def fake_fetch(sources: dict[str, Path]) -> list_import.Downloader:
    def fetch(url: str, directory: Path) -> Download:
        if url not in sources:
            raise FetchError(f"{url}: HTTP 404 Not Found")
        target = directory / sources[url].name
        shutil.copyfile(sources[url], target)
        return Download(url, target, "", target.stat().st_size)

    return fetch


def test_update_downloads_then_imports_together(repo: SnapshotRepository, tmp_path: Path) -> None:
    sources = {f"https://feeds.example/{p.name}": p for p in [*OFAC, FIXTURES / "un_sample.xml"]}
    results = list_import.update(repo, tmp_path / "work", list(sources), fetch=fake_fetch(sources))
    assert [r.info.format for r in results] == ["ofac-sdn", "un-xml"]
    assert list((tmp_path / "work").iterdir()) == []  # the scratch downloads are gone


def test_a_failed_download_imports_nothing(repo: SnapshotRepository, tmp_path: Path) -> None:
    sources = {"https://feeds.example/un.xml": FIXTURES / "un_sample.xml"}
    urls = [*sources, "https://feeds.example/missing.csv"]
    with pytest.raises(FetchError, match="404"):
        list_import.update(repo, tmp_path / "work", urls, fetch=fake_fetch(sources))
    assert list_import.show(repo) == []


def test_update_needs_urls(repo: SnapshotRepository, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no feed URLs"):
        list_import.update(repo, tmp_path, [])
