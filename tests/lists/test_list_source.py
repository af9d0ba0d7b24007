"""Loading files: gzip is transparent; every unreadable file is a ListFormatError naming it."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest

from clearance.domain.errors import ListFormatError
from clearance.lists import source


def test_plain_and_gzip_files_give_the_same_text(tmp_path: Path) -> None:
    text = "source,name\nEL,Example\n"
    (tmp_path / "a.csv").write_text(text, encoding="utf-8")
    (tmp_path / "a.csv.gz").write_bytes(gzip.compress(text.encode()))
    plain = source.load(tmp_path / "a.csv")
    zipped = source.load(tmp_path / "a.csv.gz")
    assert plain.text() == zipped.text() == text


def test_the_checksum_is_of_the_bytes_as_stored(tmp_path: Path) -> None:
    raw = gzip.compress(b"x,y\n1,2\n")
    (tmp_path / "a.csv.gz").write_bytes(raw)
    assert source.load(tmp_path / "a.csv.gz").sha256 == hashlib.sha256(raw).hexdigest()


def test_a_truncated_gzip_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(gzip.compress(b"source,name\n" * 1000)[:-20])
    with pytest.raises(ListFormatError, match="truncated gzip") as caught:
        source.load(path)
    assert caught.value.source == str(path)


def test_corrupt_gzip_data(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv.gz"
    path.write_bytes(b"\x1f\x8b" + b"\x00" * 40)
    with pytest.raises(ListFormatError, match="gzip"):
        source.load(path)


def test_a_gz_name_without_gzip_data(tmp_path: Path) -> None:
    path = tmp_path / "fake.csv.gz"
    path.write_text("source,name\n")
    with pytest.raises(ListFormatError, match="not gzip"):
        source.load(path)


@pytest.mark.parametrize("content", [b"", b"\n\r\n  ", b"\x1a"])
def test_an_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(ListFormatError, match="empty"):
        source.load(path)


def test_an_empty_gzip(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv.gz"
    path.write_bytes(gzip.compress(b""))
    with pytest.raises(ListFormatError, match="empty"):
        source.load(path)


def test_bad_encoding_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("source,name\nEL,ok\nEL,M\u00fcller\n".encode("latin-1"))
    with pytest.raises(ListFormatError, match="utf-8") as caught:
        source.load(path).text()
    assert caught.value.field == "line 3"
    assert str(path) in str(caught.value)


def test_a_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfsource,name\n")
    assert source.load(path).text() == "source,name\n"


def test_a_missing_file_and_a_directory(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError, match="cannot read"):
        source.load(tmp_path / "nope.csv")
    with pytest.raises(ListFormatError, match="directory"):
        source.load(tmp_path)


def test_a_gzip_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "MAX_BYTES", 1000)
    path = tmp_path / "bomb.csv.gz"
    path.write_bytes(gzip.compress(b"a" * 5000))
    with pytest.raises(ListFormatError, match="inflates"):
        source.load(path)
