"""`clearance rules list|show|packs`: the rules (windows, enforcement, provenance) and the packs."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from clearance.domain.rule import RuleSet
from clearance.services.pack_view import pack_dict
from clearance.services.rule_view import find_rule, meta_dict, rule_status
from clearance.services.ruleset import bundled_ruleset, ruleset_from_directory

from .exit_codes import handle_errors
from .options import parse_date

app = typer.Typer(help="Inspect the rule packs.", no_args_is_help=True)


def _ruleset(rules: Path | None) -> RuleSet:
    return ruleset_from_directory(rules) if rules else bundled_ruleset()


@app.command("list")
@handle_errors
def list_rules(
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        help="Only rules in their window on YYYY-MM-DD, with their status that day.",
    ),
    json_out: bool = typer.Option(False, "--json"),
    rules: Path | None = typer.Option(None, "--rules", help="Rule-pack directory."),
) -> None:
    """List the rules (all, or those in their window on --as-of)."""
    ruleset = _ruleset(rules)
    day = parse_date(as_of)
    metas = [m for m in ruleset.all_meta() if day is None or m.in_window(day)]
    metas.sort(key=lambda m: (m.jurisdiction, m.id))
    if json_out:
        typer.echo(
            json.dumps(
                {
                    "ruleset_hash": ruleset.content_hash,
                    "as_of": as_of,
                    "rules": [meta_dict(m, day) for m in metas],
                },
                indent=2,
            )
        )
        return
    table = Table(
        title=f"Rules{' on ' + as_of if as_of else ''} (ruleset {ruleset.content_hash[:12]})"
    )
    for column in ("id", "jur.", "from", "to", "status", "provenance"):
        table.add_column(column, overflow="fold")
    for m in metas:
        table.add_row(
            m.id,
            m.jurisdiction,
            str(m.effective_from),
            str(m.effective_to or ""),
            rule_status(m, day),
            m.provenance.value,
        )
    Console().print(table)


@app.command("show")
@handle_errors
def show_rule(
    rule_id: str = typer.Argument(..., help="A rule id, as printed by `rules list`."),
    rules: Path | None = typer.Option(None, "--rules", help="Rule-pack directory."),
) -> None:
    """Show one rule: window, enforcement, provenance, citation, message and file."""
    ruleset = _ruleset(rules)
    meta = find_rule(ruleset, rule_id)
    typer.echo(json.dumps(meta_dict(meta, None), indent=2))


@app.command("impact")
@handle_errors
def impact(
    rules: Path = typer.Option(..., "--rules", help="The candidate rule directory."),
    json_out: bool = typer.Option(False, "--json", help="Print one JSON list."),
) -> None:
    """Which held, cleared-not-exported and future-dated shipments in the ledger would change
    outcome or reasons under the candidate rules, and why (writes nothing)."""
    from .ledger_wiring import emit, ledger

    candidate = ruleset_from_directory(rules)
    from clearance.services.ledger_replay import rules_impact

    rows = rules_impact(ledger(), candidate, date.today())
    text = (
        "\n".join(f"{r['shipment_id']}: {r['now']} -> {r['candidate']} ({r['why']})" for r in rows)
        or "no shipment would change"
    )
    emit(rows, json_out, text)


@app.command("packs")
@handle_errors
def list_packs(
    as_of: str | None = typer.Option(
        None, "--as-of", help="Show country-group membership on YYYY-MM-DD."
    ),
    json_out: bool = typer.Option(False, "--json"),
    rules: Path | None = typer.Option(None, "--rules", help="Rule-pack directory."),
) -> None:
    """List the jurisdiction packs: reach, classification, authorities, groups, dated members."""
    ruleset = _ruleset(rules)
    day = parse_date(as_of)
    packs = [pack_dict(p, day) for _, p in sorted(ruleset.packs.items())]
    if json_out:
        typer.echo(json.dumps({"ruleset_hash": ruleset.content_hash, "packs": packs}, indent=2))
        return
    console = Console()
    for pack in packs:
        console.print(f"[bold]{pack['jurisdiction']}[/] {pack['title']} ({pack['file']})")
        console.print(f"  reach: {pack['touches']}")
        console.print(f"  classification: {pack['classification']}")
        console.print(f"  authorities: {', '.join(pack['authorities'])}")
        if pack["licence_exceptions"]:
            console.print(f"  licence exceptions: {', '.join(pack['licence_exceptions'])}")
        groups = pack["country_groups"]["members"]
        if groups:
            console.print(f"  country groups{' on ' + as_of if as_of else ''}: {len(groups)}")
        for member in pack["country_groups"]["dated"]:
            window = f"{member['effective_from'] or '...'} -> {member['effective_to'] or 'open'}"
            console.print(
                f"    {member['country']} in {member['group']} {window} "
                f"({member['provenance']}: {member['assumption'] or '-'})"
            )
