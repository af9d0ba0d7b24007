"""`clearance review` and `clearance rescreen`: reviewers' verdicts on hits, and re-screening."""

from __future__ import annotations

import getpass
import json

import typer
from rich.console import Console
from rich.table import Table

from clearance.services.rescreen import RescreenReport, rescreen
from clearance.services.reviews import review_hit
from clearance.services.screening_memory import Verdict

from .exit_codes import fail, handle_errors
from .ledger_wiring import redecide_after_screening
from .options import country_option
from .wiring import ScreenAgainst, party_screener, screening_memory


@handle_errors
def review(
    name: str = typer.Argument(..., help="The party's name, as screened."),
    entry: str = typer.Option(..., "--entry", help="The hit's list entry: LIST:ENTRY_ID."),
    country: str | None = typer.Option(
        None, "--country", help="The party's country, as screened (ISO-2 code or name)."
    ),
    dismiss: bool = typer.Option(False, "--dismiss", help="A false positive."),
    confirm: bool = typer.Option(False, "--confirm", help="The party is the listed entry."),
    reason: str = typer.Option(..., "--reason", help="Why (kept with the verdict)."),
    reviewer: str | None = typer.Option(None, "--reviewer", help="Who (default: the user)."),
    require_second: bool = typer.Option(
        False,
        "--require-second",
        help="Four-eyes: the verdict takes effect once a second, different reviewer agrees.",
    ),
) -> None:
    """Record a verdict on a hit the party has; it lasts until the list entry changes.

    A second reviewer agrees by recording the same verdict on the same hit.
    """
    if dismiss == confirm:
        raise fail("give exactly one of --dismiss or --confirm")
    code = country_option(country)
    screener = party_screener(ScreenAgainst.LISTS, remember=False)
    verdict = Verdict.DISMISSED if dismiss else Verdict.CONFIRMED
    result = review_hit(
        screening_memory(),
        screener,
        name=name,
        country=code,
        entry_key=entry,
        verdict=verdict,
        reason=reason,
        reviewer=reviewer or getpass.getuser(),
        require_second=require_second,
    )
    saved = result.review
    what = {
        "recorded": "recorded",
        "pending": "pending: needs a second, different reviewer",
        "seconded": f"seconded by {saved.second_reviewer}: in effect",
    }[result.action]
    typer.echo(
        f"review {saved.id}: {saved.verdict.value} {name} / {saved.entry_key} ({what}; "
        f"entry fingerprint {saved.entry_fingerprint[:12]})"
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
                            "note": c.note,
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
        f"{len(report.new)} new hits, {len(report.cleared)} cleared, "
        f"{len(report.lapsed)} verdicts lapsed"
    )
    if report.changes:
        table = Table()
        for column in ("change", "party", "entry id", "entry", "score", "note"):
            table.add_column(column, overflow="fold")
        for c in report.changes:
            key = f"{c.source_list}:{c.entry_id}"
            table.add_row(c.change, c.party_name, key, c.entry_name, f"{c.score:.2f}", c.note)
        console.print(table)


@handle_errors
def rescreen_command(json_out: bool = typer.Option(False, "--json")) -> None:
    """Screen every party screened before against the imported lists; report what changed."""
    report = rescreen(screening_memory(), party_screener(ScreenAgainst.LISTS, remember=False))
    print_rescreen(report, as_json=json_out)
