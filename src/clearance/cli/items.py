"""`clearance items add FILE | list`: the item master of declared classifications."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from clearance.services.item_master import add_items

from .exit_codes import handle_errors
from .wiring import item_master

app = typer.Typer(
    help="The item master: control codes you declare for items Clearance cannot compute.",
    no_args_is_help=True,
)


@app.command("add")
@handle_errors
def add(
    file: Path = typer.Argument(..., help="Item-master file (YAML or JSON): one entry or items."),
    replace: bool = typer.Option(
        False, "--replace", help="Change the declaration of an item already in the master."
    ),
) -> None:
    """Add declared classifications (e.g. {US: 3A991}); bad input changes nothing (exit 2)."""
    added, replaced = add_items(item_master(), file, replace=replace)
    typer.echo(f"{added} item(s) added, {replaced} replaced")


@app.command("list")
@handle_errors
def list_items(
    json_out: bool = typer.Option(False, "--json", help="Print the entries as JSON."),
) -> None:
    """List the item master."""
    records = item_master().load()
    if json_out:
        rows = [
            {
                "vendor": r.vendor,
                "name": r.name,
                "classifications": dict(r.classifications),
                "basis": r.basis,
                "note": r.note,
            }
            for r in records
        ]
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("vendor", "name", "classifications", "basis")
    for r in records:
        codes = ", ".join(f"{j}: {c}" for j, c in r.classifications)
        table.add_row(r.vendor, r.name, codes, r.basis)
    Console().print(table)
    if not records:
        typer.echo("the item master is empty: add entries with `clearance items add FILE`")
