"""`clearance classify SPEC`: classify one item spec under the US rule in force on a date."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from clearance.domain.item_record import item_key
from clearance.services.classify import ClassificationReport, classify_item, report_to_dict
from clearance.services.item_master import declared_items
from clearance.services.item_spec import load_item_spec
from clearance.services.ruleset import bundled_ruleset, ruleset_from_directory

from .exit_codes import OK, handle_errors
from .options import parse_date
from .wiring import item_master


@handle_errors
def classify(
    spec: Annotated[Path, typer.Argument(help="Item spec file (YAML or JSON).")],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Classify as of YYYY-MM-DD (default: today).")
    ] = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print the report as one JSON object.")
    ] = False,
    rules: Annotated[
        Path | None,
        typer.Option("--rules", help="Use the rule packs in DIR instead of the bundled ones."),
    ] = None,
) -> None:
    """Classify an item spec (YAML or JSON) under 3A090/4A090 as of a date.

    Shows TPP and PD with their computation, the control code and paragraph,
    the rule and its citation, the evidence and notes.
    The file format is described in docs/item-spec.md.

    Exit codes:
    0  the spec was read and classified; if it lacks a figure the rule needs,
       the report says "not classified" (JSON: classified false, missing [...]);
    2  bad input: a missing, unreadable or invalid spec, a bad --as-of date or
       a bad --rules directory (one message on stderr).
    """
    day = parse_date(as_of) or date.today()  # the CLI may read the clock; the core never does
    item = load_item_spec(spec)
    records = declared_items(item_master())
    record = records.get(item_key(item.vendor, item.name))
    if record is not None:
        item = replace(item, declared=record.classifications)
    ruleset = ruleset_from_directory(rules) if rules else bundled_ruleset()
    report = classify_item(item, day, ruleset)
    if json_out:
        typer.echo(json.dumps(report_to_dict(report), indent=2, ensure_ascii=False))
    else:
        render_report(Console(), report)
    raise typer.Exit(OK)


def render_report(console: Console, report: ClassificationReport) -> None:
    """A Rich panel: verdict, figures, computation, evidence and notes."""
    spec = report.spec
    metrics = report.classification.metrics
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column(overflow="fold")
    facts.add_row("item", escape(f"{spec.vendor} {spec.name}"))
    kind = f"{spec.form.value}, {'datacenter' if spec.datacenter else 'not datacenter'}"
    facts.add_row("form", kind)
    facts.add_row("as of", report.as_of.isoformat())
    facts.add_row("control code", _verdict(report))
    facts.add_row("paragraph", escape(report.paragraph or "-"))
    facts.add_row("TPP", _figure(metrics.tpp, ",.1f", metrics.tpp_precision))
    facts.add_row("PD", _figure(metrics.pd, ".2f", None, "TPP/mm2"))
    if metrics.memory_bandwidth_density is not None:
        density = _figure(metrics.memory_bandwidth_density, ".2f", None, "GB/s/mm2")
        facts.add_row("memory bandwidth density", density)
    if report.rule is not None:
        rule = f"{report.rule.id} ({report.rule.provenance.value})\n{report.rule.citation}"
        facts.add_row("rule", escape(rule))
    facts.add_row("ruleset", report.ruleset_hash[:16])
    parts: list[Table | Text] = [facts]
    if metrics.working:
        parts.append(Text("\ncomputation", style="bold"))
        parts.append(Text("\n".join(f"  {line}" for line in metrics.working)))
    for reason in report.reasons:
        if reason.evidence:
            evidence = Table(title="evidence", title_justify="left", expand=False)
            for column in ("fact", "observed", "test", "result"):
                evidence.add_column(column)
            for obs in reason.evidence:
                verdict = {True: "yes", False: "no", None: "unknown"}[obs.result]
                evidence.add_row(escape(obs.fact), escape(obs.observed), escape(obs.test), verdict)
            parts.append(evidence)
    if report.notes:
        parts.append(Text("notes", style="bold"))
        parts.append(Text("\n".join(f"  - {note}" for note in report.notes)))
    console.print(Panel(Group(*parts), title=escape(spec.name), expand=False))


def _verdict(report: ClassificationReport) -> str:
    if not report.classified:
        return f"[bold yellow]not classified[/] (missing {escape(', '.join(report.missing))})"
    if report.control_code is None:
        return "[bold green]not 3A090/4A090[/]"
    return f"[bold red]{escape(report.control_code)}[/]"


def _figure(value: float | None, fmt: str, precision: object, unit: str = "") -> str:
    if value is None:
        return "not given"
    text = format(value, fmt) + (f" {unit}" if unit else "")
    return text + (f" (at {precision})" if precision is not None else "")
