"""The stored screening index: what is loaded answers as what was built; damage is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clearance.domain.listing import ListEntry
from clearance.lists import read_snapshots
from clearance.screening import Screener
from clearance.screening.packed import Decoded, PackedIndex
from clearance.screening.sample_list import SAMPLE_ENTRIES
from clearance.store.index_files import IndexFiles, code_version
from clearance.store.snapshot_files import SnapshotStoreError

QUERIES = (
    "Huawei Technologies Co., Ltd.",
    "Huawei Technologies Malaysia Sdn. Bhd.",
    "北京算能科技有限公司",
    "Sophgo",
    "Inspur Group",
    "Viktor Anatolyevich Bout",
    "Rosoboronexport",
    "Mahan Air",
    "J Smith",
    "Acme Widgets GmbH",  # a clean name
)


def hits(screener: Screener, name: str, threshold: float = 0.6) -> list[tuple[object, ...]]:
    found = screener.screen(name, threshold=threshold, limit=None)
    return [(h.key, h.score, h.matched_name, h.sources, h.features) for h in found]


def round_trip(tmp_path: Path, entries: tuple[ListEntry, ...]) -> tuple[Screener, Screener]:
    built = Screener.build(entries)
    store = IndexFiles(tmp_path)
    store.save("k1", built, {"snapshots": ["x"]})
    found = store.load("k1")
    assert found is not None
    loaded, meta = found
    assert meta["snapshots"] == ["x"]
    return built, loaded


def test_a_loaded_sample_index_screens_as_the_built_one(tmp_path: Path) -> None:
    built, loaded = round_trip(tmp_path, SAMPLE_ENTRIES)
    assert isinstance(loaded.index, PackedIndex)
    assert isinstance(loaded.entries, Decoded)
    assert list(loaded.entries) == list(built.entries)
    assert list(loaded.kinds) == list(built.kinds)
    for query in QUERIES:
        assert hits(loaded, query) == hits(built, query), query
    key = SAMPLE_ENTRIES[3].key
    assert loaded.entry(key) == SAMPLE_ENTRIES[3]
    assert loaded.entry("EL:no-such-entry") is None


@pytest.mark.shared_data
def test_a_loaded_csl_index_screens_as_the_built_one(tmp_path: Path, shared_lists: Path) -> None:
    [csl] = read_snapshots([shared_lists / "us_csl" / "csl_projection_2026-07-31.csv.gz"])
    built, loaded = round_trip(tmp_path, csl.entries)
    assert loaded.name_count == built.name_count
    assert loaded.index.spelling_key_count > 0
    for query in QUERIES:
        assert hits(loaded, query) == hits(built, query), query
    # Only what the queries reached was decoded, not every entry.
    assert isinstance(loaded.entries, Decoded)
    assert 0 < len(loaded.entries.cache) < len(csl.entries) / 10


@pytest.fixture(scope="module")
def sample_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Screener, Screener]:
    return round_trip(tmp_path_factory.mktemp("sample"), SAMPLE_ENTRIES)


_LISTED = [name for entry in SAMPLE_ENTRIES for name in entry.names]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.one_of(
        st.sampled_from(_LISTED),
        st.sampled_from(_LISTED).map(lambda n: n[::-1]),
        st.sampled_from(_LISTED).map(lambda n: n.replace("a", "e", 1)),
        st.text(min_size=1, max_size=30),
    ),
    threshold=st.sampled_from([0.5, 0.6, 0.75, 0.9]),
)
def test_loaded_and_built_answer_every_query_alike(
    sample_pair: tuple[Screener, Screener], name: str, threshold: float
) -> None:
    built, loaded = sample_pair
    assert hits(loaded, name, threshold) == hits(built, name, threshold)


def test_no_file_is_none_and_a_damaged_file_is_refused(tmp_path: Path) -> None:
    store = IndexFiles(tmp_path)
    assert store.load("missing") is None
    path = store.save("k1", Screener.build(SAMPLE_ENTRIES), {})
    raw = bytearray(path.read_bytes())
    raw[-20] ^= 0xFF  # one flipped byte in the last section
    path.write_bytes(bytes(raw))
    with pytest.raises(SnapshotStoreError, match="CRC-32"):
        store.load("k1")
    path.write_bytes(bytes(raw[: len(raw) // 2]))  # truncated
    with pytest.raises(SnapshotStoreError):
        store.load("k1")
    path.write_bytes(b"not an index")
    with pytest.raises(SnapshotStoreError, match="not an index"):
        store.load("k1")


def test_a_file_under_another_key_is_refused(tmp_path: Path) -> None:
    store = IndexFiles(tmp_path)
    path = store.save("k1", Screener.build(SAMPLE_ENTRIES), {})
    path.rename(store.path("k2"))
    with pytest.raises(SnapshotStoreError, match="another key"):
        store.load("k2")


def test_keep_only_removes_other_indexes_and_leftover_temporary_files(tmp_path: Path) -> None:
    store = IndexFiles(tmp_path)
    screener = Screener.build(SAMPLE_ENTRIES[:5])
    store.save("keep", screener, {})
    store.save("old", screener, {})
    leftover = store.directory / ".keep.idx.abc.tmp"  # as a killed writer leaves it
    leftover.write_bytes(b"partial")
    store.keep_only({"keep"})
    assert sorted(p.name for p in store.directory.iterdir()) == ["keep.idx"]


def test_the_code_version_is_stable_and_short() -> None:
    assert code_version() == code_version()
    assert len(code_version()) == 16
