"""`clearance demo --db` (and `serve --demo`): the scenario's timeline played as events through
the ledger."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from clearance.services.exact_screener import ExactNameScreener
from clearance.services.ledger_decide import LedgerContext
from clearance.services.ledger_timeline import Step, TimelineFile, play
from clearance.services.ruleset import bundled_ruleset
from clearance.services.sample_parties import sample_entries

from .exit_codes import fail
from .ledger_wiring import actor

if TYPE_CHECKING:
    from sqlalchemy import Engine


def play_in_ledger(scenario: Path) -> None:
    from sqlalchemy.pool import NullPool

    from clearance.store.db import make_engine

    url = os.environ.get("CLEARANCE_DATABASE_URL")
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(url or f"sqlite:///{Path(tmp) / 'demo.sqlite3'}", poolclass=NullPool)
        try:
            timeline, steps = load_scenario(engine, scenario)
        finally:
            engine.dispose()
        console = Console()
        console.print(f"[bold]{timeline.title}[/]")
        for number, step in enumerate(steps, start=1):
            _print_step(console, number, step)


def load_scenario(engine: Engine, scenario: Path) -> tuple[TimelineFile, list[Step]]:
    """Play the scenario's timeline through the ledger's use cases into `engine`, which is
    brought to the newest schema first and must hold no data (`demo --db`, `serve --demo`)."""
    if not (scenario / "timeline.yaml").is_file():
        raise fail(f"{scenario}: no timeline.yaml here; pass --scenario DIR")
    from clearance.store.db import migrate
    from clearance.store.ledger_store import SqlLedger, table_counts

    migrate(engine)
    if any(n for t, n in table_counts(engine).items() if t != "alembic_version"):
        raise fail("the demo needs an empty database: CLEARANCE_DATABASE_URL holds data")
    ctx = LedgerContext(
        ruleset=bundled_ruleset(),
        screener=ExactNameScreener(sample_entries()),
        actor=actor(),
        now=lambda: datetime.now(UTC),
    )
    return play(SqlLedger(engine), ctx, scenario)


def _print_step(console: Console, number: int, step: Step) -> None:
    console.print(f"\n[bold][{number}] {step.on}[/] {step.label}", highlight=False)
    decided = ", ".join(f"{d['shipment_id']} {d['outcome']}" for d in step.decided)
    if decided:
        console.print(f"  decided: {decided}", highlight=False)
    console.print(
        "  cleared: " + (", ".join(step.cleared) if step.cleared else "none"), highlight=False
    )
    if step.balances:
        console.print(
            "  balances: "
            + "; ".join(f"{a} {b:,}/{q:,}" for a, (b, q) in sorted(step.balances.items())),
            highlight=False,
        )
    g = step.gauge
    console.print(
        f"  China-share gauge ({g['product']}, {g['period']}): China+Macau {g['china_macau']:,}"
        f" of {g['allowed']:,.0f} allowed (0.5 x {g['us']:,} US); {g['held']} held",
        highlight=False,
    )
