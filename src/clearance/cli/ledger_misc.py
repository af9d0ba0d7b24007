"""`clearance volumes|notices|audit|replay`: the volume ledger, notices, the audit trail."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from clearance.domain.errors import InputError
from clearance.services import ledger_audit as audit
from clearance.services import ledger_facts as facts
from clearance.services.audit_chain import Anchor
from clearance.services.ledger_replay import replay as replay_decisions
from clearance.services.ruleset import bundled_ruleset

from .exit_codes import fail, handle_errors
from .ledger_wiring import IDEMPOTENCY_HELP, cleared_line, context, emit, ledger
from .options import parse_date

volumes_app = typer.Typer(help="The volume ledger for share caps.", no_args_is_help=True)
notices_app = typer.Typer(help="Notices of authorization changes.", no_args_is_help=True)
audit_app = typer.Typer(help="The hash-chained audit trail.", no_args_is_help=True)

JSON = typer.Option(False, "--json", help="Print one JSON object or list.")
KEY = typer.Option(None, "--idempotency-key", help=IDEMPOTENCY_HELP)


@volumes_app.command("record")
@handle_errors
def record(
    product: str = typer.Option(..., "--product", help="The item's name, e.g. 'H200 SXM 141GB'."),
    market: str = typer.Option(..., "--market", help="US (or CN, MO)."),
    units: int = typer.Option(..., "--units", help="Units delivered in the period."),
    period: str = typer.Option(..., "--period", help="2026-Q1, 2026-03 or 2026."),
    exporter: str | None = typer.Option(
        None,
        "--exporter",
        help="Whose volume (the exporter's name as its shipments carry it); without it the "
        "volume counts only toward caps in total scope.",
    ),
    key: str | None = KEY,
    json_out: bool = JSON,
) -> None:
    """Record volume delivered outside the ledger; held capped shipments are re-decided."""
    result = facts.record_volume(ledger(), context(), product, market, units, period, key, exporter)
    whose = f" by {exporter.strip()}" if exporter else ""
    emit(
        result,
        json_out,
        f"recorded {units} {product} to {market}{whose} in {period}; " + cleared_line(result),
    )


@volumes_app.command("show")
@handle_errors
def show(json_out: bool = JSON) -> None:
    """Net units per product, market and exporter ('-': recorded without an exporter)."""
    rows = facts.volume_totals(ledger())
    text = (
        "\n".join(
            f"{r['product']}  {r['market']}  {r['exporter'] or '-'}  {r['units']}" for r in rows
        )
        or "no volume"
    )
    emit(rows, json_out, text)


@notices_app.command("list")
@handle_errors
def list_notices(
    party: str | None = typer.Option(None, "--party", help="Only notices to this party."),
    unread: bool = typer.Option(False, "--unread", help="Only notices not acknowledged."),
    json_out: bool = JSON,
) -> None:
    """Notices sent on authorization changes."""
    rows = facts.list_notices(ledger(), party, unread)
    text = (
        "\n".join(
            f"{r['id']}  {r['party']}  {r['message']}"
            + ("" if r["acked_on"] is None else " (read)")
            for r in rows
        )
        or "no notices"
    )
    emit(rows, json_out, text)


@notices_app.command("ack")
@handle_errors
def ack(
    notice_id: int = typer.Argument(...),
    on: str | None = typer.Option(None, "--on", help="Date acknowledged (default: today)."),
    key: str | None = KEY,
    json_out: bool = JSON,
) -> None:
    """Acknowledge a notice (an approval's notice is then import_approval_notice evidence)."""
    result = facts.ack_notice(ledger(), context(), notice_id, parse_date(on, option="--on"), key)
    emit(result, json_out, f"notice {notice_id} acknowledged; {cleared_line(result)}")


@audit_app.command("verify")
@handle_errors
def verify(
    anchor_file: Path | None = typer.Option(
        None,
        "--anchor",
        help="A file keeping the head seen last time, outside the database: the chain must "
        "still hold it (a cut tail is found), and on success the new head is written to it.",
        dir_okay=False,
    ),
    json_out: bool = JSON,
) -> None:
    """Recompute the chain; name the first event changed, removed, inserted or reordered."""
    anchor = _read_anchor(anchor_file)
    report = audit.verify_audit(ledger(), anchor)
    value = {
        "ok": report.ok,
        "events": report.events,
        "head": report.head,
        "first_bad_seq": report.first_bad_seq,
        "problem": report.problem,
    }
    if report.ok:
        if anchor_file is not None:
            _write_anchor(anchor_file, audit.anchor_text(report.anchor))
            value["anchor"] = str(anchor_file)
        emit(value, json_out, f"ok: {report.events} events, head {report.head}")
        return
    if json_out:
        emit(value, True)
    raise fail(f"audit chain broken at seq {report.first_bad_seq}: {report.problem}", 1)


def _read_anchor(path: Path | None) -> Anchor | None:
    if path is None or not path.exists():
        return None  # the first run: the head is written at the end
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the anchor file ({exc})", source=str(path)) from None
    return audit.parse_anchor(text, str(path))


def _write_anchor(path: Path, text: str) -> None:
    """Written beside, then renamed over: a crash never leaves half an anchor."""
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError as exc:
        raise InputError(f"cannot write the anchor file ({exc})", source=str(path)) from None


@audit_app.command("export")
@handle_errors
def export(
    fmt: str = typer.Option("jsonl", "--format", help="jsonl or csv."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write here (default: stdout)."
    ),
) -> None:
    """Every audit event, as JSON lines or CSV."""
    text = audit.export_audit(ledger(), fmt)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


@audit_app.command("hold")
@handle_errors
def hold(
    subject: str = typer.Argument(..., help="A shipment id or SUBJECT like shipment:ID."),
    reason: str = typer.Option(..., "--reason", help="Why the records must be kept."),
    key: str | None = KEY,
    json_out: bool = JSON,
) -> None:
    """Put a legal hold on a subject: no purge removes its records."""
    result = audit.hold_subject(ledger(), context(), subject, reason, key)
    emit(result, json_out, f"legal hold on {result['subject']}")


@audit_app.command("purge")
@handle_errors
def purge(
    before: str = typer.Option(..., "--before", help="Purge records whose retention ended."),
    yes: bool = typer.Option(False, "--yes", help="Really purge (default: a dry run)."),
    key: str | None = KEY,
    json_out: bool = JSON,
) -> None:
    """Remove records whose retention date is before DATE (never held ones); dry run unless
    --yes."""
    day = parse_date(before, option="--before")
    assert day is not None
    result = audit.purge(ledger(), context(), day, yes, key)
    ids = result.get("purged", result.get("would_purge", []))
    verb = "purged" if yes else "would purge (dry run; --yes to purge)"
    emit(
        result,
        json_out,
        f"{verb}: {len(ids)} shipment(s); kept on hold: {len(result['kept_on_hold'])}",
    )


@handle_errors
def replay(
    decision_id: int | None = typer.Argument(None, help="A decision id."),
    all_: bool = typer.Option(False, "--all", help="Replay every stored decision."),
    json_out: bool = JSON,
) -> None:
    """Decide stored decisions again from their recorded inputs; exit 1 if any differs."""
    if (decision_id is None) == (not all_):
        raise fail("give a DECISION_ID or --all (one of them)")
    rows = replay_decisions(ledger(), [bundled_ruleset()], None if all_ else decision_id)
    differ = [r for r in rows if r["status"] not in ("same", "purged")]
    text = f"{len(rows)} replayed, {len(rows) - len(differ)} same" + "".join(
        f"\n  decision {r['decision_id']} ({r['shipment_id']}): {r['status']}" for r in differ
    )
    emit(rows, json_out, text)
    if differ:
        raise typer.Exit(1)
