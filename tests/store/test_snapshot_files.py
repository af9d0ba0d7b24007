"""The file-based snapshot store: round trip, atomic writes, a failed write changes nothing."""

from __future__ import annotations

import gzip
import hashlib
import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clearance.domain.errors import NotFoundError
from clearance.domain.listing import EntryType, ListEntry, Snapshot
from clearance.services.list_import import SnapshotInfo, snapshot_id
from clearance.store import snapshot_files
from clearance.store.snapshot_files import FileSnapshotRepository, SnapshotStoreError

ENTRIES = (
    ListEntry(
        source_list="EL",
        entry_id="h1",
        name="Sophgo Technologies Ltd.",
        entry_type=EntryType.ENTITY,
        aliases=("SOPHGO", "算能"),
        countries=("CN", "HK"),
        federal_register_notice="90 FR 1234",
        license_policy="Presumption of denial",
    ),
    ListEntry(source_list="SDN", entry_id="21944", name="'ABBAS, Rim"),
)


def snapshot(entries: tuple[ListEntry, ...] = ENTRIES, checksum: str = "ab" * 32) -> Snapshot:
    counts = {"EL": 1, "SDN": 1, "skipped.no_name": 3}
    return Snapshot("csl.csv", date(2026, 7, 31), checksum, entries, counts, "csl-csv")


def info(snap: Snapshot) -> SnapshotInfo:
    return SnapshotInfo(
        id=snapshot_id(snap),
        source=snap.source,
        format=snap.format,
        data_date=snap.data_date,
        checksum=snap.checksum,
        imported_at=datetime(2026, 8, 1, 12, 0, tzinfo=UTC),
        entry_count=len(snap.entries),
        counts=dict(snap.counts),
    )


def test_round_trip(tmp_path: Path) -> None:
    repo = FileSnapshotRepository(tmp_path)
    snap = snapshot()
    repo.save(info(snap), snap)
    assert repo.infos() == [info(snap)]
    assert repo.find(snapshot_id(snap)) == info(snap)
    assert repo.load(snapshot_id(snap)) == snap
    names = sorted(p.name for p in (tmp_path / "snapshots").iterdir())
    assert names == [f"{snapshot_id(snap)}.json", f"{snapshot_id(snap)}.jsonl.gz"]


def test_unknown_ids(tmp_path: Path) -> None:
    repo = FileSnapshotRepository(tmp_path)
    assert repo.infos() == []
    assert repo.find("csl-csv-000000000000") is None
    assert repo.find("../../etc/passwd") is None
    with pytest.raises(NotFoundError):
        repo.load("csl-csv-000000000000")


def test_a_failed_write_leaves_the_previous_snapshot_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = FileSnapshotRepository(tmp_path)
    first = snapshot()
    repo.save(info(first), first)
    before = {p.name: p.read_bytes() for p in (tmp_path / "snapshots").iterdir()}

    def broken(*args: object, **kwargs: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(snapshot_files.os, "replace", broken)
    second = snapshot(ENTRIES[:1], checksum="cd" * 32)
    with pytest.raises(OSError, match="No space"):
        repo.save(info(second), second)
    monkeypatch.undo()
    after = {p.name: p.read_bytes() for p in (tmp_path / "snapshots").iterdir()}
    assert after == before  # no temporary file, no half snapshot
    assert repo.infos() == [info(first)]
    assert repo.load(snapshot_id(first)) == first


def test_a_failure_while_writing_the_manifest_removes_the_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = FileSnapshotRepository(tmp_path)
    real = os.replace
    calls: list[str] = []

    def second_fails(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(5, "I/O error")
        real(src, dst)

    monkeypatch.setattr(snapshot_files.os, "replace", second_fails)
    with pytest.raises(OSError, match="I/O error"):
        repo.save(info(snapshot()), snapshot())
    assert list((tmp_path / "snapshots").iterdir()) == []


def test_a_changed_entries_file_is_detected(tmp_path: Path) -> None:
    repo = FileSnapshotRepository(tmp_path)
    snap = snapshot()
    repo.save(info(snap), snap)
    path = tmp_path / "snapshots" / f"{snapshot_id(snap)}.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"source_list":"EL","entry_id":"x","name":"Other"}\n'))
    with pytest.raises(SnapshotStoreError, match="sha256"):
        repo.load(snapshot_id(snap))


def test_a_broken_manifest_is_named(tmp_path: Path) -> None:
    repo = FileSnapshotRepository(tmp_path)
    snap = snapshot()
    repo.save(info(snap), snap)
    manifest = tmp_path / "snapshots" / f"{snapshot_id(snap)}.json"
    manifest.write_text("{not json")
    with pytest.raises(SnapshotStoreError, match=manifest.name):
        repo.infos()


def test_entries_are_stored_without_empty_fields(tmp_path: Path) -> None:
    repo = FileSnapshotRepository(tmp_path)
    snap = snapshot()
    repo.save(info(snap), snap)
    raw = gzip.decompress((tmp_path / "snapshots" / f"{snapshot_id(snap)}.jsonl.gz").read_bytes())
    second = raw.decode().splitlines()[1]
    assert second == (
        '{"source_list":"SDN","entry_id":"21944","name":"\'ABBAS, Rim","entry_type":"unknown"}'
    )


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
_entries = st.builds(
    ListEntry,
    source_list=st.sampled_from(["EL", "SDN", "UN", "1260H"]),
    entry_id=st.text("abcdef0123456789~-", min_size=1, max_size=12),
    name=_text,
    entry_type=st.sampled_from(list(EntryType)),
    aliases=st.lists(_text, max_size=3).map(tuple),
    countries=st.lists(st.sampled_from(["CN", "HK", "RU", "US"]), max_size=2).map(tuple),
    identifiers=st.lists(_text, max_size=2).map(tuple),
    license_policy=st.none() | _text,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entries=st.lists(_entries, max_size=5).map(tuple))
def test_any_entries_round_trip(tmp_path: Path, entries: tuple[ListEntry, ...]) -> None:
    repo = FileSnapshotRepository(tmp_path)
    snap = snapshot(entries, checksum=hashlib.sha256(repr(entries).encode()).hexdigest())
    repo.save(info(snap), snap)
    assert repo.load(snapshot_id(snap)).entries == entries
