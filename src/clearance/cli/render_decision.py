"""Rich rendering of a decision for people: outcome, requirements, reasons, what would clear it."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from clearance.domain.decision import Decision, Outcome

OUTCOME_STYLE = {
    Outcome.CLEARED: "bold green",
    Outcome.HOLD: "bold yellow",
    Outcome.DENIED: "bold red",
}


def render_decision(console: Console, decision: Decision) -> None:
    style = OUTCOME_STYLE[decision.outcome]
    console.print(
        Panel.fit(
            f"[{style}]{decision.outcome.value.upper()}[/]  shipment {decision.shipment_id}  "
            f"as of {decision.as_of}  (reported rules: {decision.reported_policy}; "
            f"ruleset {decision.ruleset_hash[:12]})"
        )
    )
    for c in decision.classifications:
        tpp = f"{c.metrics.tpp:,.0f}" if c.metrics.tpp is not None else "?"
        pd = f"{c.metrics.pd:.2f}" if c.metrics.pd is not None else "?"
        code = c.control_code or "no control code"
        declared = " declared" if c.declared else ""
        console.print(
            f"  {c.item} ({c.jurisdiction}): [bold]{code}[/]{declared} "
            f"({c.paragraph or '-'}; TPP {tpp}, PD {pd})"
        )
    for j in decision.jurisdictions:
        grounds = "; ".join(
            f"line {line + 1}: {ground or '[yellow]no ground[/]'}"
            for line, ground in zip(j.lines, j.grounds, strict=True)
        )
        console.print(
            f"  {j.jurisdiction} [{OUTCOME_STYLE[j.outcome]}]{j.outcome.value}[/]: {grounds}"
        )
    if decision.requirements:
        table = Table(title="Authorizations required", show_lines=False)
        for column in ("jurisdiction", "authority", "kind", "policy", "held", "state"):
            table.add_column(column)
        for req in decision.requirements:
            missing = f": {', '.join(req.missing)} missing" if req.missing else ""
            table.add_row(
                req.jurisdiction,
                req.authority,
                req.kind,
                req.review_policy,
                req.satisfied_by or "-",
                f"{req.state} ({req.status}{missing})" + ("" if req.binding else " (warning)"),
            )
        console.print(table)
    reasons = Table(title="Reasons", show_lines=True)
    for column in ("outcome", "rule", "message", "citation", "provenance"):
        reasons.add_column(column, overflow="fold")
    for r in decision.reasons:
        reasons.add_row(
            f"[{OUTCOME_STYLE[r.outcome]}]{r.outcome.value}[/]",
            r.rule_id,
            r.message,
            r.citation,
            r.provenance,
        )
    console.print(reasons)
    for w in decision.warnings:
        console.print(f"[yellow]warning[/] ({w.provenance}, not binding): {w.rule_id}: {w.message}")
    for p in decision.problems:
        console.print(f"[yellow]problem[/] {p.rule_id}: {p.message}")
    if decision.clears_by:
        console.print("[bold]What would clear it:[/]")
        for step in dict.fromkeys(decision.clears_by):
            console.print(f"  - {step}")
