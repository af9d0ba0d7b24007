"""`clearance check SHIPMENT`: decide one shipment, explain why, exit with the outcome."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import typer
from rich.console import Console

from clearance.domain.context import LetterScope
from clearance.domain.item_record import with_declarations
from clearance.services.authorization_file import load_authorizations
from clearance.services.clearing import CheckOptions, check_shipment, validate_red_flags
from clearance.services.decision_meta import DecisionMeta, input_hash, snapshot_ids
from clearance.services.decision_view import decision_dict
from clearance.services.item_master import declared_items
from clearance.services.ruleset import bundled_ruleset, ruleset_from_directory
from clearance.services.shipment_file import load_shipment

from .exit_codes import OUTCOME_EXIT, handle_errors
from .options import ReportedPolicy, parse_date
from .render_decision import render_decision
from .wiring import ScreenAgainst, item_master, party_screener


@handle_errors
def check(
    shipment: Path = typer.Argument(..., help="Shipment file (YAML or JSON)."),
    authorizations: Path | None = typer.Option(
        None, "--authorizations", "-a", help="Authorizations file (a YAML/JSON list)."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Decide as of YYYY-MM-DD (default: the shipment's date)."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print the decision as one JSON object."),
    reported: ReportedPolicy = typer.Option(
        ReportedPolicy.BIND,
        "--reported",
        help="bind: rules resting on reported facts bind (default); inform: warnings only.",
    ),
    informed_letters: LetterScope = typer.Option(
        LetterScope.ADDRESSEES,
        "--informed-letters",
        help="addressees: a letter informing named exporters binds them only (default); "
        "all-vendors: apply such letters to every exporter.",
    ),
    rules: Path | None = typer.Option(
        None, "--rules", help="Use the rule packs in DIR instead of the bundled ones."
    ),
    screen: ScreenAgainst = typer.Option(
        ScreenAgainst.AUTO,
        "--screen",
        help="Screen the parties against the imported lists (lists), the bundled sample "
        "(sample), or the imported lists when there are any (auto).",
    ),
) -> None:
    """Decide a shipment: cleared (exit 0), hold (exit 10) or denied (exit 20); bad input 2."""
    ruleset = ruleset_from_directory(rules) if rules else bundled_ruleset()
    request = with_declarations(load_shipment(shipment), declared_items(item_master()))
    # Fail fast, naming the file, before the screening index is built (check_shipment checks
    # again for callers that come without a file).
    validate_red_flags(request, ruleset, source=str(shipment))
    held = load_authorizations(authorizations) if authorizations else []
    options = CheckOptions(
        as_of=parse_date(as_of),
        reported_binds=reported is ReportedPolicy.BIND,
        informed_letters=informed_letters,
    )
    screener = party_screener(screen)
    decision = check_shipment(request, held, ruleset, screener, options)
    if json_out:
        meta = DecisionMeta(
            input_hash=input_hash(
                request,
                held,
                options.as_of,
                options.reported_binds,
                informed_letters=informed_letters.value,
            ),
            list_snapshot_ids=snapshot_ids(screener.snapshot),
            decided_at=datetime.now(UTC),
        )
        typer.echo(json.dumps(decision_dict(decision, meta), indent=2, ensure_ascii=False))
    else:
        render_decision(Console(), decision)
    raise typer.Exit(OUTCOME_EXIT[decision.outcome.value])
