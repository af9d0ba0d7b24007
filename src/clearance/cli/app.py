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
        check,
        classify,
        demo,
        items,
        lists,
        review,
        rules,
        screen,
        serve,
        users,
    )

    app.command("check")(check.check)
    app.command("classify")(classify.classify)
    app.command("demo")(demo.demo)
    app.add_typer(items.app, name="items")
    app.add_typer(lists.app, name="lists")
    app.command("rescreen")(review.rescreen_command)
    app.command("review")(review.review)
    app.add_typer(rules.app, name="rules")
    app.command("screen")(screen.screen)
    app.command("serve")(serve.serve)
    app.add_typer(users.app, name="users")


_register()


def main() -> None:
    app()
