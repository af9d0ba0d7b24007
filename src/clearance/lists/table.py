"""Delimited text tables (CSV, tab-delimited): rows with their line numbers, checked columns.

Every csv error and every row of the wrong width becomes a ListFormatError that names the file
and the line. The csv field-size limit is left at its default (128 KiB): no real list comes near.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from clearance.domain.errors import ListFormatError


def where(line: int, column: str | None = None) -> str:
    return f"line {line}, {column}" if column else f"line {line}"


def dict_rows(
    text: str, *, source: str, required: Sequence[str], delimiter: str = ","
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line, row) for each data row; the header must hold every `required` column."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise ListFormatError("the file is empty", source=source) from None
    except csv.Error as exc:
        raise ListFormatError(f"unreadable header ({exc})", source=source, field="line 1") from None
    missing = [name for name in required if name not in header]
    if missing:
        raise ListFormatError(
            f"missing column(s) {', '.join(missing)}; the header has {', '.join(header[:12])}"
            + (", ..." if len(header) > 12 else ""),
            source=source,
            field="header",
        )
    width = len(header)
    try:
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) != width:
                raise ListFormatError(
                    f"expected {width} fields as in the header, found {len(row)}",
                    source=source,
                    field=where(reader.line_num),
                )
            yield reader.line_num, dict(zip(header, row, strict=True))
    except csv.Error as exc:
        raise ListFormatError(
            f"malformed row ({exc})", source=source, field=where(reader.line_num)
        ) from None


def header_of(text: str, *, delimiter: str = ",") -> list[str]:
    """The first row of a table, or [] when there is none (used by format detection)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [name.strip() for name in next(reader)]
    except (StopIteration, csv.Error):
        return []


def plain_rows(text: str, *, source: str, widths: Sequence[int]) -> Iterator[tuple[int, list[str]]]:
    """Rows of a header-less table (OFAC legacy CSV). Blank rows and the \\x1a EOF line go."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            if not row or (len(row) == 1 and row[0].strip() in ("", "\x1a")):
                continue
            if len(row) not in widths:
                expected = " or ".join(str(width) for width in widths)
                raise ListFormatError(
                    f"expected {expected} fields, found {len(row)}",
                    source=source,
                    field=where(reader.line_num),
                )
            yield reader.line_num, row
    except csv.Error as exc:
        raise ListFormatError(
            f"malformed row ({exc})", source=source, field=where(reader.line_num)
        ) from None
