"""`clearance demo`: replay the January 2026 H200 scenario (date x shipment -> outcome)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from clearance.domain.decision import Outcome
from clearance.services.exact_screener import ExactNameScreener
from clearance.services.ruleset import bundled_ruleset
from clearance.services.sample_parties import sample_entries

from .exit_codes import fail, handle_errors
from .render_decision import OUTCOME_STYLE

DEFAULT_SCENARIO = Path("examples/h200-2026")


@handle_errors
def demo(
    scenario: Path = typer.Option(
        DEFAULT_SCENARIO, "--scenario", help="Scenario directory (with scenario.yaml)."
    ),
    inform: bool = typer.Option(
        False, "--reported-inform", help="Treat rules resting on reported facts as warnings only."
    ),
) -> None:
    """Replay the H200 scenario of January 2026 and show what would clear each hold."""
    from clearance.services.scenario import run_scenario

    if not (scenario / "scenario.yaml").is_file():
        raise fail(
            f"{scenario}: no scenario.yaml here; run from the repository root or "
            "pass --scenario DIR"
        )
    run = run_scenario(
        scenario, bundled_ruleset(), ExactNameScreener(sample_entries()), reported_binds=not inform
    )
    console = Console()
    table = Table(title=run.title, show_lines=True)
    table.add_column("shipment", no_wrap=True)
    for number, day in enumerate(run.dates, start=1):
        table.add_column(f"[{number}] {day.date}", overflow="fold")
    for shipment_id in run.shipment_ids:
        cells = []
        for day in run.dates:
            decision = run.decisions[(shipment_id, day.date)]
            main = decision.main_reason
            style = OUTCOME_STYLE[decision.outcome]
            cells.append(f"[{style}]{decision.outcome.value}[/]\n{main.rule_id if main else ''}")
        table.add_row(shipment_id, *cells)
    console.print(table)
    for number, day in enumerate(run.dates, start=1):
        console.print(f"  [{number}] {day.date}: {day.label}", highlight=False)
    last = run.dates[-1].date
    console.print(f"\n[bold]What would clear each hold on {last}:[/]")
    for shipment_id in run.shipment_ids:
        decision = run.decisions[(shipment_id, last)]
        if decision.outcome is not Outcome.HOLD:
            continue
        console.print(f"  [bold]{shipment_id}[/]")
        for step in dict.fromkeys(decision.clears_by):
            console.print(f"    - {step}")
        for problem in decision.problems:
            console.print(f"    - give {', '.join(problem.missing)} ({problem.rule_id})")
