"""`clearance review` and `clearance rescreen`: reviewers' verdicts on hits, and re-screening."""

from __future__ import annotations

import getpass
import json

import typer
from rich.console import Console
from rich.table import Table

from clearance.services.rescreen import RescreenReport, rescreen, review_hit
from clearance.services.screening_memory import Verdict

from .exit_codes import fail, handle_errors
from .ledger_wiring import redecide_after_screening
from .wiring import ScreenAgainst, party_screener, screening_memory


@handle_errors
def review(
    name: str = typer.Argument(..., help="The party's name, as screened."),
    entry: str = typer.Option(..., "--entry", help="The hit's list entry: LIST:ENTRY_ID."),
    country: str | None = typer.Option(None, "--country", help="The party's country (ISO-2)."),
    dismiss: bool = typer.Option(False, "--dismiss", help="A false positive."),
    confirm: bool = typer.Option(False, "--confirm", help="The party is the listed entry."),
    reason: str = typer.Option(..., "--reason", help="Why (kept with the verdict)."),
    reviewer: str | None = typer.Option(None, "--reviewer", help="Who (default: the user)."),
) -> None:
    """Record a verdict on a screening hit; it lasts until the list entry changes."""
    if dismiss == confirm:
        raise fail("give exactly one of --dismiss or --confirm")
    screener = party_screener(ScreenAgainst.LISTS, remember=False)
    verdict = Verdict.DISMISSED if dismiss else Verdict.CONFIRMED
    saved = review_hit(
        screening_memory(),
        screener,
        name=name,
        country=country,
        entry_key=entry,
        verdict=verdict,
        reason=reason,
        reviewer=reviewer or getpass.getuser(),
    )
    typer.echo(
        f"{saved.verdict.value}: {name} / {saved.entry_key} "
        f"(entry fingerprint {saved.entry_fingerprint[:12]})"
    )
    redecide_after_screening(name, f"screening.{saved.verdict.value}:{saved.entry_key}")


def print_rescreen(report: RescreenReport, *, as_json: bool = False) -> None:
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "run_id": report.run_id,
                    "snapshot": report.snapshot,
                    "parties": report.parties,
                    "changes": [
                        {
                            "party": c.party_name,
                            "change": c.change,
                            "list": c.source_list,
                            "entry_id": c.entry_id,
                            "name": c.entry_name,
                            "score": round(c.score, 4),
                        }
                        for c in report.changes
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    console = Console()
    console.print(
        f"re-screened {report.parties} parties against {report.snapshot}: "
        f"{len(report.new)} new hits, {len(report.cleared)} cleared"
    )
    if report.changes:
        table = Table()
        for column in ("change", "party", "list", "entry", "score"):
            table.add_column(column, overflow="fold")
        for c in report.changes:
            table.add_row(c.change, c.party_name, c.source_list, c.entry_name, f"{c.score:.2f}")
        console.print(table)


@handle_errors
def rescreen_command(json_out: bool = typer.Option(False, "--json")) -> None:
    """Screen every party screened before against the imported lists; report what changed."""
    report = rescreen(screening_memory(), party_screener(ScreenAgainst.LISTS, remember=False))
    print_rescreen(report, as_json=json_out)
