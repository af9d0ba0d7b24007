"""`clearance demo`: replay the January 2026 H200 scenario (date x shipment -> outcome)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from clearance.domain.decision import Decision, Outcome
from clearance.services.exact_screener import ExactNameScreener
from clearance.services.ruleset import bundled_ruleset
from clearance.services.sample_parties import sample_entries
from clearance.services.scenario import ScenarioRun, run_scenario

from .exit_codes import fail, handle_errors
from .render_decision import OUTCOME_STYLE
from .scenario_path import DEFAULT_SCENARIO, resolve_scenario

_KIND = {
    "export_licence": "licence",
    "import_approval": "approval",
    "licence_exception": "exception",
    "notification": "notice",
}
_STATUS = {
    "missing": "missing",
    "pending": "pending",
    "satisfied": "ok",
    "conditions_unmet": "conditions",
    "notification_required": "notify",
}
_OTHER = {"prohibition": "prohibited", "red_flag": "red flag", "screening": "screening hit"}


def summary(decision: Decision) -> list[str]:
    """The main reasons in a few words: each jurisdiction's authorization, then other blocks."""
    lines = set()
    for r in decision.requirements:
        status = _STATUS.get(r.status, r.status)
        if r.status == "missing" and r.review_policy == "presumption_of_denial":
            status = "denial"
        lines.add(
            f"{r.jurisdiction} {_KIND.get(r.kind, r.kind)} {status}"
            + ("" if r.binding else " (warning)")
        )
    out = sorted(lines, key=lambda line: (not line.startswith("US"), line))
    blocking = {r.kind for r in decision.reasons if r.outcome is not Outcome.CLEARED}
    out.extend(label for kind, label in _OTHER.items() if kind in blocking)
    if decision.problems:
        out.append("facts missing")
    return out


@handle_errors
def demo(
    scenario: Path = typer.Option(
        DEFAULT_SCENARIO, "--scenario", help="Scenario directory (with scenario.yaml)."
    ),
    inform: bool = typer.Option(
        False, "--reported-inform", help="Treat rules resting on reported facts as warnings only."
    ),
    db: bool = typer.Option(
        False,
        "--db",
        help="Play the scenario's timeline as events through the ledger, in a fresh database "
        "(CLEARANCE_DATABASE_URL, else a new SQLite file in a temporary directory).",
    ),
) -> None:
    """Replay the H200 scenario of January 2026 and show what would clear each hold."""
    scenario = resolve_scenario(scenario)
    if db:
        from .demo_ledger import play_in_ledger

        play_in_ledger(scenario)
        return
    if not (scenario / "scenario.yaml").is_file():
        raise fail(
            f"{scenario}: no scenario.yaml here; pass --scenario DIR (the scenario directory)"
        )
    run = run_scenario(
        scenario, bundled_ruleset(), ExactNameScreener(sample_entries()), reported_binds=not inform
    )
    console = Console()
    _table(console, run)
    for number, day in enumerate(run.dates, start=1):
        console.print(f"  [{number}] {day.date}: {day.label}", highlight=False)
    _last_day(console, run)


def _table(console: Console, run: ScenarioRun) -> None:
    table = Table(title=run.title, show_lines=True)
    table.add_column("shipment", no_wrap=True)
    for number, day in enumerate(run.dates, start=1):
        table.add_column(f"[{number}] {day.date}", overflow="fold")
    for shipment_id in run.shipment_ids:
        cells = []
        for day in run.dates:
            decision = run.decisions[(shipment_id, day.date)]
            style = OUTCOME_STYLE[decision.outcome]
            cells.append("\n".join([f"[{style}]{decision.outcome.value}[/]", *summary(decision)]))
        table.add_row(shipment_id, *cells)
    console.print(table)


def _last_day(console: Console, run: ScenarioRun) -> None:
    last = run.dates[-1].date
    console.print(f"\n[bold]Main reason, and what would clear each hold, on {last}:[/]")
    for shipment_id in run.shipment_ids:
        decision = run.decisions[(shipment_id, last)]
        main = decision.main_reason
        style = OUTCOME_STYLE[decision.outcome]
        console.print(
            f"  [bold]{shipment_id}[/] [{style}]{decision.outcome.value}[/]"
            + (f": {main.rule_id}: {main.message}" if main else "")
        )
        if decision.outcome is not Outcome.HOLD:
            continue
        for step in dict.fromkeys(decision.clears_by):
            console.print(f"    - {step}")
        for problem in decision.problems:
            console.print(f"    - give {', '.join(problem.missing)} ({problem.rule_id})")
