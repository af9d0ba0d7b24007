"""`clearance serve`: the HTTP API and the dashboard (uvicorn).

    clearance serve --host 127.0.0.1 --port 8000 --workers 2
    clearance serve --demo        # the January 2026 scenario in a fresh SQLite file, one demo
                                  # user per role, the URL and the tokens printed

Several workers share the database (CLEARANCE_DATABASE_URL); each keeps its own screening
index in memory, built from the stored list snapshots.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path

import typer

from clearance.services.access import add_user, load_users_file
from clearance.services.document import read_document

from .exit_codes import fail, handle_errors
from .scenario_path import DEFAULT_SCENARIO, resolve_scenario
from .wiring import user_store

DEMO_USERS = DEFAULT_SCENARIO / "users.yaml"


@handle_errors
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Worker processes."),
    demo: bool = typer.Option(
        False,
        "--demo",
        help="Serve the demo: the scenario's timeline played into a fresh SQLite file, and one "
        "user per role.",
    ),
    scenario: Path = typer.Option(
        DEFAULT_SCENARIO, "--scenario", help="With --demo: the scenario directory (timeline.yaml)."
    ),
    users_file: Path = typer.Option(
        DEMO_USERS, "--demo-users", help="With --demo: the users to create."
    ),
) -> None:
    """Serve the API and the dashboard until interrupted."""
    import uvicorn

    if demo:
        scenario = resolve_scenario(scenario)
        if users_file == DEMO_USERS:
            users_file = scenario / "users.yaml"
        if not users_file.is_file():
            raise fail(f"{users_file}: not found; pass --scenario DIR or --demo-users FILE")
        _demo(users_file, scenario, host, port)
    uvicorn.run(
        "clearance.api.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )


def _demo(users_file: Path, scenario: Path, host: str, port: int) -> None:
    """Point this process (and its workers) at a fresh data directory, play the scenario into
    its ledger (as `demo --db` does), then add the users."""
    from sqlalchemy.pool import NullPool

    from clearance.services.ledger_shipments import list_shipments
    from clearance.store.db import make_engine
    from clearance.store.ledger_store import SqlLedger

    from .demo_ledger import load_scenario

    data_dir = Path(tempfile.mkdtemp(prefix="clearance-demo-"))
    database = data_dir / "clearance.sqlite3"
    os.environ["CLEARANCE_DATA_DIR"] = str(data_dir)
    os.environ["CLEARANCE_DATABASE_URL"] = f"sqlite:///{database}"
    principals = load_users_file(read_document(users_file, allow_list=True), source=str(users_file))
    engine = make_engine(os.environ["CLEARANCE_DATABASE_URL"], poolclass=NullPool)
    try:
        timeline, steps = load_scenario(engine, scenario)
        states = Counter(s["state"] for s in list_shipments(SqlLedger(engine)))
    finally:
        engine.dispose()
    store = user_store()
    url = f"http://{host}:{port}/"
    typer.echo(f"Clearance demo: {database}")
    shipments = ", ".join(f"{n} {state}" for state, n in sorted(states.items()))
    typer.echo(f"Loaded: {timeline.title}: {len(steps)} events; shipments {shipments}")
    typer.echo(f"Dashboard: {url}   OpenAPI: {url}openapi.json")
    typer.echo("Sign in with one of these tokens (shown once):")
    for principal in principals:
        token = add_user(store, principal)
        scope = principal.party or principal.jurisdiction or ""
        typer.echo(f"  {principal.name:<18} {principal.role.value:<19} {scope:<30} {token}")
    typer.echo("Serving until interrupted (Ctrl-C).")
