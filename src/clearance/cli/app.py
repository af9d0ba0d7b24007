"""The `clearance` command: one Typer app; each command group lives in its own module.

Commands are imported when they are called, not when the program starts: `clearance screen`
never imports the rule engine, the HTTP client or SQLAlchemy (`--help` imports them all to list
them). `COMMANDS` says where each one lives.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

import typer
from typer.core import TyperGroup

if TYPE_CHECKING:  # Typer's own copy of Click (importing `click` itself would cost 70 ms)
    from typer._click import Command, Context

from clearance import __version__

# name -> (module, attribute, whether the attribute is a Typer group). Keep this sorted.
COMMANDS: dict[str, tuple[str, str, bool]] = {
    "audit": ("clearance.cli.ledger_misc", "audit_app", True),
    "authorizations": ("clearance.cli.authorizations", "app", True),
    "check": ("clearance.cli.check", "check", False),
    "classify": ("clearance.cli.classify", "classify", False),
    "conditions": ("clearance.cli.authorizations", "conditions_app", True),
    "db": ("clearance.cli.db", "app", True),
    "demo": ("clearance.cli.demo", "demo", False),
    "evidence": ("clearance.cli.shipments", "evidence_app", True),
    "flags": ("clearance.cli.shipments", "flags_app", True),
    "holds": ("clearance.cli.shipments", "holds", False),
    "items": ("clearance.cli.items", "app", True),
    "lists": ("clearance.cli.lists", "app", True),
    "notices": ("clearance.cli.ledger_misc", "notices_app", True),
    "replay": ("clearance.cli.ledger_misc", "replay", False),
    "rescreen": ("clearance.cli.review", "rescreen_command", False),
    "review": ("clearance.cli.review", "review", False),
    "reviews": ("clearance.cli.reviews", "app", True),
    "rules": ("clearance.cli.rules", "app", True),
    "screen": ("clearance.cli.screen", "screen", False),
    "serve": ("clearance.cli.serve", "serve", False),
    "shipments": ("clearance.cli.shipments", "app", True),
    "users": ("clearance.cli.users", "app", True),
    "volumes": ("clearance.cli.ledger_misc", "volumes_app", True),
    "watchlist": ("clearance.cli.watchlist", "app", True),
}


class LazyCommands(TyperGroup):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        found = super().get_command(ctx, cmd_name)
        if found is not None or cmd_name not in COMMANDS:
            return found
        module, attribute, is_group = COMMANDS[cmd_name]
        target = getattr(importlib.import_module(module), attribute)
        if is_group:
            command: Command = typer.main.get_group(target)
        else:
            single = typer.Typer(pretty_exceptions_enable=False)
            single.command(cmd_name)(target)
            command = typer.main.get_command(single)
        command.name = cmd_name
        self.add_command(command, cmd_name)
        return command


app = typer.Typer(
    name="clearance",
    cls=LazyCommands,
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


def main() -> None:
    app()
