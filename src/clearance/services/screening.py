"""Use cases for screening names: which entries to screen against, batch files, JSON views.

- `entries_from_files(paths)`: list entries read from list files (any format `clearance.lists`
  reads), for `clearance screen --list-file`.
- `read_batch(path)`: the rows of a batch CSV (`id,name` and optional `country,type`), each
  either a query or the reason it is bad, with its line number.
- `screen_batch(screener, rows, ...)`: results in input order; with `workers` > 1 the rows are
  screened in forked worker processes that share the parent's index (built once).
- `hit_dict(hit)`: the JSON form of a hit, as `clearance screen` prints and writes it;
  `BatchWriter`: a batch's results as JSON lines (one object per row) or CSV (one line per hit).
- `parse_country_or_name(value)`: an ISO-2 code from a code or a country name ("China").
"""

from __future__ import annotations

import csv
import json
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from clearance.domain.country import COUNTRY_CODES
from clearance.domain.errors import InputError
from clearance.domain.hit import ScreeningHit
from clearance.domain.listing import EntryType, ListEntry
from clearance.screening import Screener, ScreeningQuery

BATCH_CHUNK = 256  # rows per task handed to a worker


def entries_from_files(paths: Sequence[Path | str]) -> tuple[ListEntry, ...]:
    """Every entry of every snapshot read from the files (a bad file raises ListFormatError)."""
    from clearance.lists import read_snapshots  # the readers only when files are given

    entries: list[ListEntry] = []
    for snapshot in read_snapshots(list(paths)):
        entries.extend(snapshot.entries)
    return tuple(entries)


def parse_country_or_name(value: str, *, source: str | None = None, field: str = "country") -> str:
    """The ISO-2 code of a code ("cn") or a country name as the lists write it ("China")."""
    if value.strip().upper() in COUNTRY_CODES:
        return value.strip().upper()
    from clearance.lists.country_name import country_code  # the list readers only for names

    code = country_code(value)
    if code is None:
        raise InputError(
            f"unknown country {value!r} (expected an ISO 3166-1 alpha-2 code such as CN, or a "
            "country name such as China)",
            source=source,
            field=field,
        )
    return code


def parse_entry_type(value: str, *, source: str | None = None) -> EntryType:
    try:
        return EntryType(value.strip().lower())
    except ValueError:
        known = ", ".join(t.value for t in EntryType if t is not EntryType.UNKNOWN)
        raise InputError(
            f"unknown type {value!r} (expected {known})", source=source, field="type"
        ) from None


@dataclass(frozen=True, slots=True)
class BatchRow:
    line: int  # line number in the file (the header is line 1)
    id: str
    query: ScreeningQuery | None
    error: str | None = None


def read_batch(path: Path) -> list[BatchRow]:
    """The rows of a batch file; a bad row carries its error and no query."""
    source = str(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            columns = {name.strip().lower() for name in reader.fieldnames or ()}
            if not {"id", "name"} <= columns:
                raise InputError(
                    "a batch file needs the columns id,name (optional: country,type)",
                    source=source,
                    field="header",
                )
            return [_row(reader.line_num, row, source) for row in reader]
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})", source=source) from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"not a UTF-8 CSV file ({exc})", source=source) from None


def _row(line: int, raw: dict[str | None, Any], source: str) -> BatchRow:
    row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k}
    ident = row.get("id", "")
    if None in raw:
        return BatchRow(line, ident, None, "more fields than the header has")
    name = row.get("name", "")
    if not ident:
        return BatchRow(line, ident, None, "empty id")
    if not name:
        return BatchRow(line, ident, None, "empty name")
    try:
        country = (
            parse_country_or_name(row["country"], source=source) if row.get("country") else None
        )
        kind = parse_entry_type(row["type"], source=source) if row.get("type") else None
    except InputError as exc:
        return BatchRow(line, ident, None, f"{exc.field}: {exc.detail}")
    return BatchRow(line, ident, ScreeningQuery(name, country, kind))


def hit_dict(hit: ScreeningHit) -> dict[str, Any]:
    return {
        "entry": hit.key,
        "list": hit.source_list,
        "entry_id": hit.entry_id,
        "name": hit.name,
        "matched_name": hit.matched_name,
        "score": hit.score,
        "features": {f.name: {"score": f.score, "detail": f.detail} for f in hit.features},
        "sources": list(hit.sources),  # every snapshot listing the entry
    }


def row_dict(row: BatchRow, hits: Sequence[ScreeningHit]) -> dict[str, Any]:
    if row.error is not None:
        return {"id": row.id, "error": f"line {row.line}: {row.error}", "hits": []}
    return {"id": row.id, "hits": [hit_dict(hit) for hit in hits]}


BATCH_FORMATS = ("jsonl", "csv")
CSV_COLUMNS = ("id", "error", "entry", "list", "entry_id", "name", "matched_name", "score", "why")


class BatchWriter:
    """Writes batch results: JSON lines (one object per input row) or CSV (one line per hit;
    a row without hits, or a bad row, gets one line with the hit columns empty)."""

    def __init__(self, out: TextIO, out_format: str) -> None:
        if out_format not in BATCH_FORMATS:
            raise InputError(f"unknown batch format {out_format!r}", field="--format")
        self._out = out
        self._csv = csv.writer(out, lineterminator="\n") if out_format == "csv" else None
        if self._csv is not None:
            self._csv.writerow(CSV_COLUMNS)

    def write(self, row: BatchRow, hits: Sequence[ScreeningHit]) -> None:
        if self._csv is None:
            self._out.write(json.dumps(row_dict(row, hits), ensure_ascii=False) + "\n")
            return
        error = f"line {row.line}: {row.error}" if row.error is not None else ""
        if not hits:
            self._csv.writerow((row.id, error, "", "", "", "", "", "", ""))
        for hit in hits:
            why = "; ".join(f"{f.name} {f.score:.2f}: {f.detail}" for f in hit.features)
            self._csv.writerow(
                (row.id, error, hit.key, hit.source_list, hit.entry_id, hit.name,
                 hit.matched_name, f"{hit.score:.4f}", why)
            )  # fmt: skip


# The screener a forked worker inherits from its parent (set just before the pool starts).
_WORKER_SCREENER: Screener | None = None


def _screen_chunk(
    queries: list[ScreeningQuery], threshold: float | None, limit: int | None
) -> list[list[ScreeningHit]]:
    assert _WORKER_SCREENER is not None, "worker started without a screener"
    return _WORKER_SCREENER.screen_many(queries, threshold=threshold, limit=limit)


def screen_batch(
    screener: Screener,
    rows: Sequence[BatchRow],
    *,
    threshold: float | None = None,
    limit: int | None = None,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[BatchRow, list[ScreeningHit]]]:
    """(row, hits) for every row, in input order; bad rows come back with no hits."""
    chunks = [list(rows[i : i + BATCH_CHUNK]) for i in range(0, len(rows), BATCH_CHUNK)]
    for chunk, results in zip(
        chunks, _run(screener, chunks, threshold, limit, workers), strict=True
    ):
        yield from zip(chunk, results, strict=True)
        if progress is not None:
            progress(len(chunk))


def _run(
    screener: Screener,
    chunks: list[list[BatchRow]],
    threshold: float | None,
    limit: int | None,
    workers: int,
) -> Iterable[list[list[ScreeningHit]]]:
    def with_gaps(chunk: list[BatchRow], found: list[list[ScreeningHit]]) -> list[list[Any]]:
        hits = iter(found)
        return [next(hits) if row.query is not None else [] for row in chunk]

    queries = [[row.query for row in chunk if row.query is not None] for chunk in chunks]
    if workers <= 1 or len(chunks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for chunk, batch in zip(chunks, queries, strict=True):
            yield with_gaps(chunk, screener.screen_many(batch, threshold=threshold, limit=limit))
        return
    global _WORKER_SCREENER
    _WORKER_SCREENER = screener
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            found = pool.map(
                _screen_chunk, queries, [threshold] * len(queries), [limit] * len(queries)
            )
            for chunk, result in zip(chunks, found, strict=True):
                yield with_gaps(chunk, result)
    finally:
        _WORKER_SCREENER = None
