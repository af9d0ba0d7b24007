"""The `clearance` command: one Typer app; each command group lives in its own module."""

from __future__ import annotations

import typer

from clearance import __version__

app = typer.Typer(
    name="clearance",
    help="Clearance: classify AI accelerators, decide shipments, screen parties.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clearance {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Clearance engine for controlled cross-border trade in AI accelerators."""


def _register() -> None:
    # Each command group registers itself here; keep this list sorted.
    from clearance.cli import (
        authorizations,
        check,
        classify,
        db,
        demo,
        items,
        ledger_misc,
        lists,
        review,
        rules,
        screen,
        shipments,
    )

    app.add_typer(ledger_misc.audit_app, name="audit")
    app.add_typer(authorizations.app, name="authorizations")
    app.command("check")(check.check)
    app.command("classify")(classify.classify)
    app.add_typer(authorizations.conditions_app, name="conditions")
    app.add_typer(db.app, name="db")
    app.command("demo")(demo.demo)
    app.add_typer(shipments.evidence_app, name="evidence")
    app.add_typer(shipments.flags_app, name="flags")
    app.command("holds")(shipments.holds)
    app.add_typer(items.app, name="items")
    app.add_typer(lists.app, name="lists")
    app.add_typer(ledger_misc.notices_app, name="notices")
    app.command("replay")(ledger_misc.replay)
    app.command("rescreen")(review.rescreen_command)
    app.command("review")(review.review)
    app.add_typer(rules.app, name="rules")
    app.command("screen")(screen.screen)
    app.add_typer(shipments.app, name="shipments")
    app.add_typer(ledger_misc.volumes_app, name="volumes")


_register()


def main() -> None:
    app()
