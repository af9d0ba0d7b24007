"""`clearance screen`: screen one name, or a batch file, against the restricted-party lists.

    clearance screen "北京算能科技有限公司" --country CN
    clearance screen --input parties.csv --output hits.jsonl --workers 2

Lists: the files given with --list-file (any format `clearance lists import` reads), else the
imported snapshots (`clearance lists update`), else the bundled sample of Entity List entries.
Exit codes: 0 no hit, 1 hits found, 2 bad input (a bad option or file; in batch mode also any
bad row: it is reported with its line number, the other rows are still screened and written).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from clearance.domain.country import parse_country
from clearance.domain.errors import InputError
from clearance.domain.hit import ScreeningHit
from clearance.screening import DEFAULT_THRESHOLD, Screener
from clearance.services.screening import (
    entries_from_files,
    hit_dict,
    parse_entry_type,
    read_batch,
    row_dict,
    screen_batch,
)

from .exit_codes import BAD_INPUT, OK, handle_errors
from .wiring import ScreenAgainst, screening_source

HITS_FOUND = 1


def _screener(list_files: list[Path]) -> Screener:
    if list_files:
        return Screener.build(entries_from_files(list_files))
    source = screening_source(ScreenAgainst.AUTO)
    if source.is_sample:
        typer.echo(
            "note: screening against the bundled sample of Entity List entries; "
            "import the real lists with `clearance lists update`",
            err=True,
        )
    return source.screener


def _threshold(value: float | None) -> float | None:
    if value is not None and not 0.0 < value <= 1.0:
        raise InputError(f"the threshold must be in (0, 1], got {value}", field="--threshold")
    return value


@handle_errors
def screen(
    name: str | None = typer.Argument(None, help="The name to screen (omit with --input)."),
    country: str | None = typer.Option(None, "--country", help="ISO-2 country of the party."),
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
    output: Path | None = typer.Option(None, "--output", help="Batch: write JSON lines here."),
    threshold: float | None = typer.Option(
        None,
        "--threshold",
        help=f"Report hits at or above this score (default {DEFAULT_THRESHOLD}).",
    ),
    workers: int = typer.Option(1, "--workers", min=1, help="Batch: worker processes."),
    limit: int = typer.Option(10, "--limit", min=1, help="At most this many hits per name."),
) -> None:
    """Screen a name (or a batch file) against the lists: exit 0 no hit, 1 hits, 2 bad input."""
    cutoff = _threshold(threshold)
    if input_file is not None or output is not None:
        if name is not None or input_file is None or output is None:
            raise InputError("batch mode takes --input FILE.csv and --output FILE.jsonl, no NAME")
        raise typer.Exit(_batch(input_file, output, list_file, cutoff, workers, limit))
    if name is None or not name.strip():
        raise InputError("give a NAME to screen, or --input FILE.csv --output FILE.jsonl")
    code = parse_country(country, field="--country") if country else None
    entry_type = parse_entry_type(kind, source="--type") if kind else None
    screener = _screener(list_file)
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
    for column in ("score", "list", "entry", "matched name", "why"):
        table.add_column(column, overflow="fold")
    for hit in hits:
        why = "\n".join(f"{f.name} {f.score:.2f}: {f.detail}" for f in hit.features)
        policy = f"\n{hit.license_policy}" if hit.license_policy else ""
        table.add_row(
            f"{hit.score:.3f}", hit.source_list, f"{hit.name}{policy}", hit.matched_name, why
        )
    console.print(table)


def _batch(
    input_file: Path,
    output: Path,
    list_files: list[Path],
    threshold: float | None,
    workers: int,
    limit: int,
) -> int:
    rows = read_batch(input_file)
    screener = _screener(list_files)
    err = Console(stderr=True)
    bad = hits_found = 0
    columns = (TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        out = output.open("w", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write ({exc.strerror or exc})", source=str(output)) from None
    with out, Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("screening", total=len(rows))
        for row, hits in screen_batch(
            screener,
            rows,
            threshold=threshold,
            limit=limit,
            workers=workers,
            progress=lambda n: progress.advance(task, n),
        ):
            if row.error is not None:
                bad += 1
                err.print(
                    f"{input_file}: line {row.line}: {row.error} (row skipped)",
                    markup=False,
                    highlight=False,
                    soft_wrap=True,
                )
            hits_found += bool(hits)
            out.write(json.dumps(row_dict(row, hits), ensure_ascii=False) + "\n")
    err.print(
        f"{len(rows)} rows, {hits_found} with hits, {bad} bad: {output}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if bad:
        return BAD_INPUT
    return HITS_FOUND if hits_found else OK
