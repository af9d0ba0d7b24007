"""Downloads: https only (http to loopback for tests), size limit, errors named."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from clearance.domain.errors import InputError
from clearance.lists import fetch


@pytest.mark.parametrize(
    "url",
    [
        "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.json",
        "http://127.0.0.1:8000/sdn.csv",
        "http://localhost/x.csv",
        "http://[::1]:9000/x.csv",
    ],
)
def test_accepted_urls(url: str) -> None:
    fetch.check_url(url)


@pytest.mark.parametrize(
    "url", ["http://example.com/sdn.csv", "ftp://127.0.0.1/x", "file:///etc/passwd", "sdn.csv"]
)
def test_refused_urls(url: str) -> None:
    with pytest.raises(InputError, match="https") as caught:
        fetch.check_url(url)
    assert caught.value.field == "url"


def test_file_name() -> None:
    assert fetch.file_name("https://x.gov/api/exports/SDN.CSV?x=1") == "SDN.CSV"
    assert fetch.file_name("https://x.gov/") == "download"


def test_download_from_a_local_server(
    fixtures: Path, tmp_path: Path, serve: Callable[[Path], str]
) -> None:
    base = serve(fixtures)
    seen: list[int] = []
    result = fetch.download(
        f"{base}/un_sample.xml", tmp_path, on_bytes=lambda done, total: seen.append(done)
    )
    expected = (fixtures / "un_sample.xml").read_bytes()
    assert result.path == tmp_path / "un_sample.xml"
    assert result.path.read_bytes() == expected
    assert result.sha256 == hashlib.sha256(expected).hexdigest()
    assert seen[-1] == result.size == len(expected)
    assert [p.name for p in tmp_path.iterdir()] == ["un_sample.xml"]  # no temp file left


def test_an_http_error_status(fixtures: Path, tmp_path: Path, serve: Callable[[Path], str]) -> None:
    base = serve(fixtures)
    with pytest.raises(fetch.FetchError, match="HTTP 404"):
        fetch.download(f"{base}/missing.csv", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_body_over_the_limit(
    fixtures: Path, tmp_path: Path, serve: Callable[[Path], str]
) -> None:
    base = serve(fixtures)
    with pytest.raises(fetch.FetchError, match="larger than 100 bytes"):
        fetch.download(f"{base}/un_sample.xml", tmp_path, max_bytes=100)
    assert list(tmp_path.iterdir()) == []


def test_a_server_that_is_not_there(tmp_path: Path) -> None:
    with pytest.raises(fetch.FetchError, match="ConnectError"):
        fetch.download("http://127.0.0.1:9/x.csv", tmp_path)
