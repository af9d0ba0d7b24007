"""`clearance db upgrade|status`: the schema of the configured database."""

from __future__ import annotations

import typer

from .exit_codes import handle_errors
from .ledger_wiring import emit, engine

app = typer.Typer(
    help="The database: bring its schema up to date, show its revision.", no_args_is_help=True
)


@app.command("upgrade")
@handle_errors
def upgrade() -> None:
    """Apply every migration not applied yet (running it again changes nothing)."""
    from clearance.store.db import current_revision

    eng = engine()
    typer.echo(f"database at revision {current_revision(eng)} ({eng.url.render_as_string()})")


@app.command("status")
@handle_errors
def status(json_out: bool = typer.Option(False, "--json", help="Print one JSON object.")) -> None:
    """The revision the database is at, the newest one, and row counts."""
    from clearance.store.db import current_revision, head_revision
    from clearance.store.ledger_store import table_counts

    eng = engine(upgrade=False)
    current, head = current_revision(eng), head_revision()
    counts = table_counts(eng) if current else {}
    value = {
        "url": eng.url.render_as_string(),
        "revision": current,
        "head": head,
        "up_to_date": current == head,
        "rows": counts,
    }
    text = f"revision {current or 'none'} (head {head})" + (
        "" if current == head else ": run `clearance db upgrade`"
    )
    emit(value, json_out, text)
