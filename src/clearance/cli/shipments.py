"""`clearance shipments ...`, `evidence add`, `flags resolve`, `holds`: shipments in the ledger."""

from __future__ import annotations

from pathlib import Path

import typer

from clearance.domain.decision import Outcome
from clearance.services import ledger_facts as facts
from clearance.services import ledger_shipments as ships
from clearance.services.document import read_document
from clearance.services.ledger_documents import shipment_document

from .exit_codes import OUTCOME_EXIT, handle_errors
from .ledger_wiring import IDEMPOTENCY_HELP, cleared_line, context, emit, ledger
from .options import parse_date

app = typer.Typer(
    help="Shipments in the ledger: submit, inspect, cancel, export.", no_args_is_help=True
)
evidence_app = typer.Typer(help="Evidence for a shipment in the ledger.", no_args_is_help=True)
flags_app = typer.Typer(help="Red flags on a shipment in the ledger.", no_args_is_help=True)

JSON = typer.Option(False, "--json", help="Print one JSON object or list.")
KEY = typer.Option(None, "--idempotency-key", help=IDEMPOTENCY_HELP)


@app.command("submit")
@handle_errors
def submit(
    file: Path = typer.Argument(..., help="Shipment file (YAML or JSON)."),
    as_of: str | None = typer.Option(None, "--as-of", help="Decide as of YYYY-MM-DD."),
    key: str | None = typer.Option(
        None, "--idempotency-key", help=IDEMPOTENCY_HELP + " Default: shipment id + content hash."
    ),
    json_out: bool = JSON,
) -> None:
    """Decide a shipment against the stored authorizations and record it; exit as `check`."""
    document = shipment_document(file)
    day = parse_date(as_of)
    result = ships.submit_shipment(ledger(), context(), document, as_of=day, key=key)
    drawn = ", ".join(f"{d['units']} from {d['authorization']}" for d in result["drawdowns"])
    emit(
        result,
        json_out,
        f"{result['shipment_id']}: {result['outcome']} (decision {result['decision_id']})"
        + (f"; drew {drawn}" if drawn else ""),
    )
    raise typer.Exit(OUTCOME_EXIT[Outcome(result["outcome"])])


@app.command("list")
@handle_errors
def list_(
    outcome: str | None = typer.Option(None, "--outcome", help="cleared, hold or denied."),
    json_out: bool = JSON,
) -> None:
    """Every shipment with its state and latest outcome."""
    if outcome is not None and outcome not in {o.value for o in Outcome}:
        from clearance.domain.errors import InputError

        raise InputError(f"--outcome {outcome!r}: cleared, hold or denied")
    rows = ships.list_shipments(ledger(), outcome)
    text = "\n".join(f"{r['id']}  {r['state']}  {r['outcome']}" for r in rows) or "no shipments"
    emit(rows, json_out, text)


@app.command("show")
@handle_errors
def show(shipment_id: str = typer.Argument(...), json_out: bool = JSON) -> None:
    """State, decisions, drawdowns and retention date."""
    emit(ships.show_shipment(ledger(), shipment_id), json_out)


@app.command("cancel")
@handle_errors
def cancel(
    shipment_id: str = typer.Argument(...),
    reason: str = typer.Option(..., "--reason", help="Why it is cancelled."),
    key: str | None = KEY,
    json_out: bool = JSON,
) -> None:
    """Cancel a shipment: its units return to their authorizations (audited)."""
    result = ships.cancel_shipment(ledger(), context(), shipment_id, reason, key)
    emit(result, json_out, f"{shipment_id}: cancelled; released {result['released']}")


@app.command("exported")
@handle_errors
def exported(
    shipment_id: str = typer.Argument(...),
    on: str = typer.Option(..., "--on", help="The export date (starts the retention clock)."),
    key: str | None = KEY,
    json_out: bool = JSON,
) -> None:
    """Mark a cleared shipment exported on a date."""
    day = parse_date(on, option="--on")
    assert day is not None
    result = ships.mark_exported(ledger(), context(), shipment_id, day, key)
    emit(result, json_out, f"{shipment_id}: exported; keep until {result['retention_until']}")


@evidence_app.command("add")
@handle_errors
def add_evidence(
    shipment_id: str = typer.Argument(...),
    file: Path = typer.Argument(..., help="Evidence: one entry or a list (shipment format)."),
    key: str | None = KEY,
    json_out: bool = JSON,
) -> None:
    """Add evidence to a shipment; a held one is re-decided."""
    data = read_document(file, allow_list=True)
    result = facts.add_evidence(ledger(), context(), shipment_id, data, str(file), key)
    emit(result, json_out, f"{shipment_id}: {result['added']} evidence; {cleared_line(result)}")


@flags_app.command("resolve")
@handle_errors
def resolve(
    shipment_id: str = typer.Argument(...),
    flag: str = typer.Argument(..., help="The red flag raised on the shipment."),
    reason: str = typer.Option(..., "--reason", help="How it was resolved."),
    key: str | None = KEY,
    json_out: bool = JSON,
) -> None:
    """Record a red flag's resolution; a held shipment is re-decided."""
    result = facts.resolve_flag(ledger(), context(), shipment_id, flag, reason, key)
    emit(result, json_out, f"{shipment_id}: {flag} resolved; {cleared_line(result)}")


@handle_errors
def holds(json_out: bool = JSON) -> None:
    """Each held shipment: its main reason, what would clear it, since when."""
    rows = facts.held_shipments(ledger())
    lines = []
    for r in rows:
        lines.append(f"{r['shipment_id']} (held since {r['since']}): {r['main_reason']}")
        lines.extend(f"  - {step}" for step in r["clears_by"])
    emit(rows, json_out, "\n".join(lines) or "no held shipments")
