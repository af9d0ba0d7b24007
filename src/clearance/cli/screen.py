"""`clearance screen`: screen one name, or a batch file, against the restricted-party lists.

    clearance screen "北京算能科技有限公司" --country CN
    clearance screen --input parties.csv --output hits.csv --format csv --enrol

Lists: the files given with --list-file (any format `clearance lists import` reads), else the
imported snapshots (`clearance lists update`), else the bundled sample of Entity List entries.
Exit codes: 0 no hit, 3 hits found, 2 bad input (a bad option or file; in batch mode also any
bad row: it is reported with its line number, the other rows are still screened and written),
1 a list file or a stored snapshot could not be read (see `exit_codes`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from clearance.domain.errors import InputError
from clearance.domain.hit import ScreeningHit
from clearance.screening import DEFAULT_THRESHOLD, Screener
from clearance.services.screening import (
    BATCH_FORMATS,
    BatchRow,
    BatchWriter,
    entries_from_files,
    hit_dict,
    parse_entry_type,
    read_batch,
    screen_batch,
)

from .exit_codes import BAD_INPUT, HITS_FOUND, OK, handle_errors
from .options import country_option
from .wiring import ScreenAgainst, screening_memory, screening_source


def _screener(list_files: list[Path], *, enrol: bool = False) -> tuple[Screener, str]:
    """The screener and the label of what it screens against (the snapshot ids)."""
    if list_files:
        if enrol:
            raise InputError(
                "--enrol screens against the imported lists, not --list-file", field="--enrol"
            )
        return Screener.build(entries_from_files(list_files)), "list files"
    source = screening_source(ScreenAgainst.LISTS if enrol else ScreenAgainst.AUTO)
    if source.is_sample:
        typer.echo(
            "note: screening against the bundled sample of Entity List entries; "
            "import the real lists with `clearance lists update`",
            err=True,
        )
    return source.screener, source.label


def _threshold(value: float | None) -> float | None:
    if value is not None and not 0.0 < value <= 1.0:
        raise InputError(f"the threshold must be in (0, 1], got {value}", field="--threshold")
    return value


@handle_errors
def screen(
    name: str | None = typer.Argument(None, help="The name to screen (omit with --input)."),
    country: str | None = typer.Option(
        None, "--country", help="The party's country: ISO-2 code or name (CN, China)."
    ),
    kind: str | None = typer.Option(
        None, "--type", help="entity, person, vessel or aircraft (a mismatch lowers the score)."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print the hits as one JSON object."),
    list_file: list[Path] = typer.Option(
        [], "--list-file", help="Screen against this list file (repeatable)."
    ),
    input_file: Path | None = typer.Option(
        None, "--input", help="Batch: a CSV file with columns id,name[,country,type]."
    ),
    output: Path | None = typer.Option(None, "--output", help="Batch: write the results here."),
    out_format: str = typer.Option(
        "jsonl", "--format", help="Batch: jsonl (one object per row) or csv (one line per hit)."
    ),
    threshold: float | None = typer.Option(
        None,
        "--threshold",
        help=f"Report hits at or above this score (default {DEFAULT_THRESHOLD}).",
    ),
    workers: int = typer.Option(1, "--workers", min=1, help="Batch: worker processes."),
    enrol: bool = typer.Option(
        False, "--enrol", help="Batch: put the parties on the watch-list (re-screened on import)."
    ),
    limit: int = typer.Option(10, "--limit", min=1, help="At most this many hits per name."),
) -> None:
    """Screen a name (or a batch file) against the lists: exit 0 no hit, 3 hits, 2 bad input."""
    cutoff = _threshold(threshold)
    if out_format not in BATCH_FORMATS:
        known = " or ".join(BATCH_FORMATS)
        raise InputError(f"unknown format {out_format!r} (expected {known})", field="--format")
    if input_file is not None or output is not None:
        if name is not None or input_file is None or output is None:
            raise InputError("batch mode takes --input FILE.csv and --output FILE, no NAME")
        batch = Batch(input_file, output, out_format, list_file, cutoff, workers, limit, enrol)
        raise typer.Exit(_batch(batch))
    if enrol:
        raise InputError("--enrol is for batch mode (--input FILE.csv --output FILE)")
    if name is None or not name.strip():
        raise InputError("give a NAME to screen, or --input FILE.csv --output FILE")
    code = country_option(country)
    entry_type = parse_entry_type(kind, source="--type") if kind else None
    screener, _ = _screener(list_file)
    hits = screener.screen(name, country=code, entry_type=entry_type, threshold=cutoff, limit=limit)
    if json_out:
        document = {"query": name, "hits": [hit_dict(hit) for hit in hits]}
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        _render(Console(), name, hits, cutoff)
    raise typer.Exit(HITS_FOUND if hits else OK)


def _render(console: Console, name: str, hits: list[ScreeningHit], cutoff: float | None) -> None:
    shown = DEFAULT_THRESHOLD if cutoff is None else cutoff
    if not hits:
        console.print(f"No hit for [bold]{name}[/bold] at or above {shown}.")
        return
    table = Table(title=f"{len(hits)} hit(s) for {name} (threshold {shown})", show_lines=True)
    for column in ("score", "entry id", "entry", "matched name", "why"):
        table.add_column(column, overflow="fold")
    for hit in hits:
        why = "\n".join(f"{f.name} {f.score:.2f}: {f.detail}" for f in hit.features)
        policy = f"\n{hit.license_policy}" if hit.license_policy else ""
        # Every snapshot listing the entry, when more than one does.
        sources = "\n" + "\n".join(hit.sources) if len(hit.sources) > 1 else ""
        table.add_row(
            f"{hit.score:.3f}", hit.key + sources, f"{hit.name}{policy}", hit.matched_name, why
        )
    console.print(table)


@dataclass(frozen=True, slots=True)
class Batch:
    input_file: Path
    output: Path
    out_format: str
    list_files: list[Path]
    threshold: float | None
    workers: int
    limit: int
    enrol: bool


def _batch(batch: Batch) -> int:
    input_file, output = batch.input_file, batch.output
    rows = read_batch(input_file)
    screener, label = _screener(batch.list_files, enrol=batch.enrol)
    screened: list[tuple[BatchRow, list[ScreeningHit]]] = []
    err = Console(stderr=True)
    bad = hits_found = 0
    columns = (TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        out = output.open("w", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write ({exc.strerror or exc})", source=str(output)) from None
    writer = BatchWriter(out, batch.out_format)
    with out, Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("screening", total=len(rows))
        for row, hits in screen_batch(
            screener,
            rows,
            threshold=batch.threshold,
            limit=batch.limit,
            workers=batch.workers,
            progress=lambda n: progress.advance(task, n),
        ):
            if batch.enrol:
                screened.append((row, hits))
            if row.error is not None:
                bad += 1
                err.print(
                    f"{input_file}: line {row.line}: {row.error} (row skipped)",
                    markup=False,
                    highlight=False,
                    soft_wrap=True,
                )
            hits_found += bool(hits)
            writer.write(row, hits)
    err.print(
        f"{len(rows)} rows, {hits_found} with hits, {bad} bad: {output}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if batch.enrol:
        from clearance.services.party_screening import ListScreener
        from clearance.services.watchlist import enrol_batch

        entries = ListScreener(screener, label).entries_by_key
        count = enrol_batch(
            screening_memory(), screened, snapshot=label, entries=entries, origin=input_file.name
        )
        err.print(f"{count} parties on the watch-list (re-screened on every import)")
    if bad:
        return BAD_INPUT
    return HITS_FOUND if hits_found else OK
