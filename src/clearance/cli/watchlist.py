"""`clearance watchlist list|remove`: the parties re-screened on every import."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from clearance.services.screening_memory import party_key
from clearance.services.watchlist import remove as remove_party
from clearance.services.watchlist import watchlist

from .exit_codes import handle_errors
from .options import country_option
from .wiring import screening_memory

app = typer.Typer(
    help="The watch-list: parties re-screened on every import (enrol with screen --enrol).",
    no_args_is_help=True,
)


@app.command("list")
@handle_errors
def list_parties(json_out: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Every party re-screened on import: enrolled from a batch, or screened by check."""
    views = watchlist(screening_memory())
    if json_out:
        rows = [
            {
                "key": v.key,
                "name": v.name,
                "country": v.country,
                "origin": v.origin,
                "last_screened_at": v.last_screened_at.isoformat(),
                "hits": v.hits,
            }
            for v in views
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not views:
        typer.echo(
            "the watch-list is empty: enrol parties with `clearance screen --input F --enrol`"
        )
        return
    table = Table(title=f"{len(views)} parties re-screened on every import")
    for column in ("key", "name", "country", "origin", "last screened", "hits"):
        table.add_column(column, overflow="fold")
    for v in views:
        table.add_row(
            v.key, v.name, v.country or "", v.origin, f"{v.last_screened_at:%Y-%m-%d %H:%M}Z",
            str(v.hits),
        )  # fmt: skip
    Console().print(table)


@app.command("remove")
@handle_errors
def remove(
    party: Annotated[str, typer.Argument(help="The party's name (or its key from `list`).")],
    country: Annotated[
        str | None, typer.Option("--country", help="The party's country (code or name).")
    ] = None,
) -> None:
    """Stop re-screening a party; its reviews are kept."""
    if "|" in party and country is None:
        key = party
    else:
        code = country_option(country)
        key = party_key(party, code)
    remove_party(screening_memory(), key)
    typer.echo(f"removed {key} from the watch-list")
