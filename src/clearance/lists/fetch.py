"""Download a list file over HTTPS (httpx), to a file, with a size limit and a checksum.

Plain http is refused except to a loopback host (127.0.0.1, ::1, localhost), which is what the
tests serve from. Redirects are followed, and the final URL is held to the same rule. The file is
written to a temporary name and renamed into place only when complete.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx

from clearance.domain.errors import InputError, UnavailableError

MAX_DOWNLOAD = 512 << 20  # the full CSL JSON is about 32 MB
TIMEOUT = httpx.Timeout(60.0, connect=15.0)
USER_AGENT = "clearance-lists/0.1"


class FetchError(UnavailableError):
    """A download that failed: network error, HTTP error status, or a body over the limit."""

    def __str__(self) -> str:
        return f"download failed: {super().__str__()}"


@dataclass(frozen=True, slots=True)
class Download:
    url: str
    path: Path
    sha256: str
    size: int


def check_url(url: str) -> None:
    """Accept https URLs, and http only to a loopback host; anything else is bad input."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname and _is_loopback(parts.hostname):
        return
    raise InputError(
        f"refusing {url!r}: list feeds are fetched over https (http only to a loopback host)",
        field="url",
    )


def file_name(url: str) -> str:
    """The file name a download is saved under: the last segment of the URL path."""
    name = Path(unquote(urlsplit(url).path)).name
    return name if name and name not in (".", "..") else "download"


def download(
    url: str,
    directory: Path,
    *,
    client: httpx.Client | None = None,
    on_bytes: Callable[[int, int | None], None] | None = None,
    max_bytes: int = MAX_DOWNLOAD,
) -> Download:
    """Fetch `url` into `directory`; `on_bytes(done, total)` reports progress."""
    check_url(url)
    own = client is None
    http = client or httpx.Client(
        follow_redirects=True, timeout=TIMEOUT, headers={"User-Agent": USER_AGENT}
    )
    target = directory / file_name(url)
    try:
        with http.stream("GET", url) as response:
            check_url(str(response.url))
            if response.status_code != 200:
                raise FetchError(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
            encoded = "content-encoding" in response.headers  # httpx decodes it for us
            if encoded:
                target = target.with_name(target.name.removesuffix(".gz"))
            total = None if encoded else int(response.headers.get("content-length", "0")) or None
            digest, size = _save(response, target, max_bytes, total, on_bytes)
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None
    finally:
        if own:
            http.close()
    if total is not None and size != total:
        target.unlink(missing_ok=True)
        raise FetchError(f"{url}: received {size} bytes, the server announced {total}")
    return Download(url=url, path=target, sha256=digest, size=size)


def _save(
    response: httpx.Response,
    target: Path,
    max_bytes: int,
    total: int | None,
    on_bytes: Callable[[int, int | None], None] | None,
) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{response.url}: larger than {max_bytes} bytes; refused")
                digest.update(chunk)
                fh.write(chunk)
                if on_bytes is not None:
                    on_bytes(size, total)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return digest.hexdigest(), size


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
