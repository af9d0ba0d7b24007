"""`clearance lists import|show|diff|update|pin|unpin|remove`: restricted-party list snapshots.

Snapshots are stored under the data directory (CLEARANCE_DATA_DIR, else the user data
directory). Bad input (a file, a field, an option) exits with code 2 and one line on stderr that
names the file and the field; a feed that cannot be fetched exits with code 1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
)

from clearance.domain.listing import ListEntry
from clearance.lists import parse_format
from clearance.lists.feeds import DEFAULT_FEEDS
from clearance.lists.fetch import Download, download
from clearance.services import list_import, list_state
from clearance.services.list_import import SnapshotDiff, SnapshotInfo
from clearance.services.screening_source import current_state
from clearance.settings import get_settings
from clearance.store.snapshot_files import FileSnapshotRepository

from .exit_codes import handle_errors
from .review import print_rescreen
from .wiring import ScreenAgainst, index_store, note, party_screener, screening_memory

app = typer.Typer(help="Restricted-party lists: import, show, diff, update.", no_args_is_help=True)


def _repo() -> FileSnapshotRepository:
    return FileSnapshotRepository(get_settings().data_dir)


def _progress_bar(*columns: ProgressColumn) -> Progress:
    """Rich progress on stderr, shown only on a terminal (pipes and CI logs stay clean)."""
    console = Console(stderr=True)
    return Progress(*columns, console=console, transient=True, disable=not console.is_terminal)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[str], None]]:
    """A Rich progress bar on stderr; yields the callback that advances it, one file a step."""
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn())
    with _progress_bar(*columns) as progress:
        task = progress.add_task("reading", total=total)
        seen: list[str] = []

        def step(name: str) -> None:
            if seen:
                progress.advance(task)
            seen.append(name)
            progress.update(task, description=f"reading {Path(name).name}")

        yield step


@app.command("import")
@handle_errors
def import_lists(
    paths: Annotated[
        list[Path], typer.Argument(help="List files; OFAC's sdn/add/alt go together.")
    ],
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="The format of every file (detected when omitted)."),
    ] = None,
) -> None:
    """Read list files into snapshots and store them; print the entries per list."""
    chosen = parse_format(fmt) if fmt else None
    with _progress(len(paths)) as step:
        results = list_state.import_lists(
            _repo(), index_store(), paths, chosen, on_file=step, on_build=note
        )
    _print_results(results)


@app.command("show")
@handle_errors
def show() -> None:
    """The stored snapshots, oldest first, with their entries per list; which are current."""
    repo = _repo()
    infos = list_import.show(repo)
    if not infos:
        typer.echo("no snapshots yet: run `clearance lists import PATH...` or `lists update`")
        return
    state = {c.id: c for c in current_state(repo).values()}
    for info in infos:
        held = state.get(info.id)
        status = "superseded" if held is None else "current, pinned" if held.pinned else "current"
        _print_info(info, status)


@app.command("pin")
@handle_errors
def pin(
    snapshot: Annotated[str, typer.Argument(help="Snapshot id (or unique prefix).")],
) -> None:
    """Screen against this snapshot for its source, even when newer ones are imported."""
    info = list_state.pin(_repo(), index_store(), snapshot, on_build=note)
    typer.echo(f"{info.id}  current, pinned (`clearance lists unpin {info.id}` to follow releases)")


@app.command("unpin")
@handle_errors
def unpin(
    snapshot: Annotated[str, typer.Argument(help="Snapshot id (or prefix) of the source.")],
) -> None:
    """Let the snapshot's source follow its newest release again."""
    current = list_state.unpin(_repo(), index_store(), snapshot, on_build=note)
    typer.echo(f"{current.id}  current" if current else "no snapshot of that source is stored")


@app.command("remove")
@handle_errors
def remove(
    snapshot: Annotated[str, typer.Argument(help="Snapshot id (or unique prefix).")],
) -> None:
    """Delete a stored snapshot; if it was current, the newest other release takes its place."""
    info, current = list_state.remove(_repo(), index_store(), snapshot, on_build=note)
    typer.echo(f"{info.id}  removed")
    if current is not None:
        typer.echo(f"{current.id}  current for its source")


@app.command("diff")
@handle_errors
def diff(
    old: Annotated[str, typer.Argument(help="Snapshot id (or unique prefix) or a list file.")],
    new: Annotated[str, typer.Argument(help="Snapshot id (or unique prefix) or a list file.")],
    limit: Annotated[
        int, typer.Option("--limit", min=0, help="Entries shown per kind of change.")
    ] = 20,
) -> None:
    """Entries added, removed and changed between two snapshots (matched by list:id)."""
    repo = _repo()
    result = list_import.diff(list_import.resolve(repo, old), list_import.resolve(repo, new))
    _print_diff(result, limit)


@app.command("update")
@handle_errors
def update(
    urls: Annotated[
        list[str] | None,
        typer.Option(
            "--url", help="A feed URL (repeatable); default: the official CSL, OFAC and UN feeds."
        ),
    ] = None,
) -> None:
    """Download the feeds over HTTPS, check them, and import them as snapshots."""
    chosen = tuple(urls) if urls else DEFAULT_FEEDS
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn())
    with _progress_bar(*columns) as progress:

        def fetch(url: str, directory: Path) -> Download:
            task = progress.add_task(f"fetching {url}", total=None)

            def on_bytes(done: int, total: int | None) -> None:
                progress.update(task, completed=done, total=total)

            return download(url, directory, on_bytes=on_bytes)

        results = list_state.update_lists(
            _repo(), index_store(), get_settings().data_dir, chosen, fetch=fetch, on_build=note
        )
    _print_results(results)


def _print_results(results: list[list_state.Imported]) -> None:
    for done in results:
        result = done.result
        _print_info(result.info, "unchanged (already stored)" if result.unchanged else "imported")
        typer.echo(f"    {done.placed.message}")
        if not done.placed.became_current:
            typer.echo(
                f"note: {result.info.id} is not screened against: {done.placed.message}", err=True
            )
    _rescreen_after(results)


def _rescreen_after(results: list[list_state.Imported]) -> None:
    """A new current snapshot re-screens every party screened before and reports changes."""
    if not any(done.placed.changed_state for done in results):
        return
    from .ledger_wiring import redecide_after_screening

    redecide_after_screening(None, "lists.import")
    memory = screening_memory()
    if not memory.parties():
        return
    from clearance.services.rescreen import rescreen

    print_rescreen(rescreen(memory, party_screener(ScreenAgainst.LISTS, remember=False)))


def _print_info(info: SnapshotInfo, status: str | None = None) -> None:
    date = info.data_date.isoformat() if info.data_date else "unknown"
    head = f"{info.id}  {status + '  ' if status else ''}{info.entry_count:,} entries"
    typer.echo(f"{head}  data date {date}  imported {info.imported_at:%Y-%m-%d %H:%M}Z")
    typer.echo(f"    source: {info.source}")
    width = max((len(key) for key in info.counts), default=0)
    for key, count in info.counts.items():
        typer.echo(f"    {key:<{width}}  {count:>8,}")


def _print_diff(result: SnapshotDiff, limit: int) -> None:
    counts = result.counts
    typer.echo(
        f"added {counts['added']:,}  removed {counts['removed']:,}  "
        f"changed {counts['changed']:,}  unchanged {counts['unchanged']:,}"
    )
    for sign, entries in (("+", result.added), ("-", result.removed)):
        for entry in entries[:limit]:
            typer.echo(f"{sign} {_line(entry)}")
        if len(entries) > limit:
            typer.echo(f"{sign} ... and {len(entries) - limit:,} more")
    for change in result.changed[:limit]:
        typer.echo(f"~ {_line(change.new)}  [{', '.join(change.fields)}]")
    if len(result.changed) > limit:
        typer.echo(f"~ ... and {len(result.changed) - limit:,} more")


def _line(entry: ListEntry) -> str:
    countries = f" ({', '.join(entry.countries)})" if entry.countries else ""
    return f"{entry.key}  {entry.name}{countries}"
