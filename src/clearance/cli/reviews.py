"""`clearance reviews list|undo`: reviewers' verdicts on hits, and withdrawing one."""

from __future__ import annotations

import getpass
import json
from collections.abc import Mapping
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from clearance.domain.errors import InputError
from clearance.domain.listing import ListEntry
from clearance.services.reviews import review_view, undo_review
from clearance.services.screening_memory import party_key

from .exit_codes import handle_errors
from .options import country_option
from .wiring import ScreenAgainst, screening_memory, screening_source

app = typer.Typer(help="Reviews of screening hits: list them, undo one.", no_args_is_help=True)


def _current_entries() -> Mapping[str, ListEntry]:
    """The entries of the current snapshots (none before any import)."""
    from clearance.services.party_screening import ListScreener

    try:
        source = screening_source(ScreenAgainst.LISTS)
    except InputError:
        return {}
    return ListScreener(source.screener, source.label).entries_by_key


@app.command("list")
@handle_errors
def list_reviews(
    party: Annotated[
        str | None, typer.Option("--party", help="Only this party's reviews (its name).")
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="With --party: its country (code or name).")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Every review, oldest first: its state (effective, pending, undone, stale) and why."""
    key = None
    if party is not None:
        code = country_option(country)
        key = party_key(party, code)
    entries = _current_entries()
    views = [review_view(r, entries) for r in screening_memory().all_reviews(key)]
    if json_out:
        typer.echo(json.dumps(views, ensure_ascii=False, indent=2))
        return
    if not views:
        typer.echo("no reviews yet" + (f" for {party}" if party else ""))
        return
    table = Table(title=f"{len(views)} review(s)")
    for column in ("id", "party", "entry", "verdict", "state", "reviewer", "reason"):
        table.add_column(column, overflow="fold")
    for v in views:
        state = str(v["state"])
        if v["second_reviewer"]:
            state += f" (second: {v['second_reviewer']})"
        if v["entry_changes"]:
            state += "\n" + "\n".join(str(c) for c in v["entry_changes"])  # type: ignore[attr-defined]
        table.add_row(
            str(v["id"]), str(v["party"]), str(v["entry"]), str(v["verdict"]), state,
            f"{v['reviewer']}\n{str(v['reviewed_at'])[:16]}", str(v["reason"]),
        )  # fmt: skip
    Console().print(table)


@app.command("undo")
@handle_errors
def undo(
    review_id: Annotated[int, typer.Argument(help="The review's id (see `reviews list`).")],
    by: Annotated[
        str | None, typer.Option("--by", help="Who undoes it (default: the user).")
    ] = None,
) -> None:
    """Withdraw a verdict: the hit is reviewed again (or the earlier verdict applies)."""
    undone = undo_review(screening_memory(), review_id, by=by or getpass.getuser())
    typer.echo(
        f"review {undone.id} undone: {undone.verdict.value} {undone.party_key} / "
        f"{undone.entry_key} no longer applies"
    )
