"""`clearance authorizations ...` and `clearance conditions set`: authorizations in the ledger."""

from __future__ import annotations

from pathlib import Path

import typer

from clearance.services import ledger_authorizations as auths
from clearance.services.document import read_document
from clearance.services.ledger_documents import authorization_documents

from .exit_codes import handle_errors
from .ledger_wiring import IDEMPOTENCY_HELP, cleared_line, context, emit, ledger
from .options import parse_date

app = typer.Typer(help="Authorizations in the ledger: add, change, inspect.", no_args_is_help=True)
conditions_app = typer.Typer(help="Set an authorization's conditions.", no_args_is_help=True)

JSON = typer.Option(False, "--json", help="Print one JSON object or list.")
KEY = typer.Option(None, "--idempotency-key", help=IDEMPOTENCY_HELP)


@app.command("add")
@handle_errors
def add(
    file: Path = typer.Argument(..., help="Authorizations file (a YAML/JSON list)."),
    key: str | None = KEY,
    json_out: bool = JSON,
) -> None:
    """Add authorizations; the same content again is a no-op, other content under a known id
    is refused (use `amend`)."""
    documents = authorization_documents(file)
    result = auths.add_authorizations(ledger(), context(), documents, key)
    text = f"added {len(result['added'])}, unchanged {len(result['unchanged'])}"
    if result["cleared"]:
        text += f"; cleared: {', '.join(result['cleared'])}"
    emit(result, json_out, text)


@app.command("list")
@handle_errors
def list_(
    status: str | None = typer.Option(None, "--status", help="Only this status."),
    json_out: bool = JSON,
) -> None:
    """Each authorization with its status and balance."""
    rows = auths.list_authorizations(ledger(), status)
    text = (
        "\n".join(
            f"{r['id']}  {r['status']}  balance {r['balance'] if r['balance'] is not None else '-'}"
            f"/{r['quantity'] if r['quantity'] is not None else '-'}"
            for r in rows
        )
        or "no authorizations"
    )
    emit(rows, json_out, text)


@app.command("show")
@handle_errors
def show(authorization_id: str = typer.Argument(...), json_out: bool = JSON) -> None:
    """Status, quantity, used, balance, conditions, history and drawdowns."""
    emit(auths.show_authorization(ledger(), authorization_id), json_out)


def _change(action: str):  # type: ignore[no-untyped-def]
    @handle_errors
    def command(
        authorization_id: str = typer.Argument(...),
        on: str | None = typer.Option(None, "--on", help="The date (default: today)."),
        note: str | None = typer.Option(None, "--note", help="A note for the history."),
        key: str | None = KEY,
        json_out: bool = JSON,
    ) -> None:
        result = auths.change_status(
            ledger(), context(), authorization_id, action, parse_date(on, option="--on"), note, key
        )
        emit(result, json_out, f"{authorization_id}: {result['status']}; {cleared_line(result)}")

    command.__doc__ = f"{action.capitalize()} an authorization; held shipments are re-decided."
    return command


for _action in ("grant", "suspend", "revoke"):
    app.command(_action)(_change(_action))


@app.command("amend")
@handle_errors
def amend(
    authorization_id: str = typer.Argument(...),
    file: Path = typer.Argument(..., help="A file with the one amended authorization."),
    key: str | None = KEY,
    json_out: bool = JSON,
) -> None:
    """Replace an authorization's content (its used units stay)."""
    result = auths.amend_authorization(
        ledger(), context(), authorization_id, authorization_documents(file), key
    )
    emit(result, json_out, f"{authorization_id} amended; {cleared_line(result)}")


@conditions_app.command("set")
@handle_errors
def set_conditions(
    authorization_id: str = typer.Argument(...),
    file: Path = typer.Argument(..., help="Conditions: a list, or {on, conditions, note}."),
    key: str | None = KEY,
    json_out: bool = JSON,
) -> None:
    """Set the conditions (e.g. the NDRC's); held shipments are re-decided."""
    data = read_document(file, allow_list=True)
    result = auths.set_conditions(ledger(), context(), authorization_id, data, str(file), key)
    emit(result, json_out, f"{authorization_id}: conditions set; {cleared_line(result)}")
