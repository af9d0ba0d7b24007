"""One input file: its raw bytes (for the checksum), its decompressed bytes and its decoded text.

gzip is handled here, transparently, by its magic number, so a reader never sees it. Every
failure (unreadable path, truncated gzip, bad encoding, empty file) becomes a ListFormatError
naming the file, and the line when it is known.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import zlib
from dataclasses import dataclass
from pathlib import Path

from clearance.domain.errors import ListFormatError

GZIP_MAGIC = b"\x1f\x8b"
# A list is a few tens of MB; refuse anything that inflates beyond this (a gzip bomb).
MAX_BYTES = 1 << 30


@dataclass(frozen=True, slots=True)
class InputFile:
    """A list file as read: `name` is how errors refer to it (the path as given)."""

    name: str
    raw: bytes
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    @property
    def basename(self) -> str:
        return Path(self.name).name

    def text(self, encoding: str = "utf-8") -> str:
        """Decode the whole file; a BOM is dropped; a bad byte names its line."""
        return decode(self.data, encoding=encoding, source=self.name)


def load(path: Path | str) -> InputFile:
    """Read `path` and decompress it when it is gzip."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except IsADirectoryError:
        raise ListFormatError("is a directory, not a list file", source=name) from None
    except OSError as exc:
        raise ListFormatError(
            f"cannot read the file ({exc.strerror or exc})", source=name
        ) from None
    return from_bytes(name, raw)


def from_bytes(name: str, raw: bytes) -> InputFile:
    """Wrap bytes already in memory (e.g. a download) under a display name."""
    if raw[:2] == GZIP_MAGIC:
        data = gunzip(raw, source=name)
    elif name.endswith(".gz"):
        raise ListFormatError("named .gz but is not gzip data", source=name)
    else:
        data = raw
    if not data.strip(b" \t\r\n\x1a\x00"):
        raise ListFormatError("the file is empty", source=name)
    return InputFile(name=name, raw=raw, data=data)


def gunzip(raw: bytes, *, source: str) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as fh:
            data = fh.read(MAX_BYTES + 1)
    except EOFError:
        raise ListFormatError(
            "truncated gzip data (the file ends before the end-of-stream marker)", source=source
        ) from None
    except (OSError, zlib.error) as exc:
        raise ListFormatError(f"corrupt gzip data ({exc})", source=source) from None
    if len(data) > MAX_BYTES:
        raise ListFormatError(f"inflates to more than {MAX_BYTES} bytes", source=source)
    return data


def decode(data: bytes, *, encoding: str, source: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ListFormatError(
            f"not valid {encoding} text: byte {data[exc.start : exc.start + 1]!r} at offset "
            f"{exc.start}",
            source=source,
            field=f"line {line}",
        ) from None
    return text.removeprefix("\ufeff")
