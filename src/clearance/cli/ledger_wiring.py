"""Wiring for the ledger commands: the database, the unit-of-work factory, the context, output.

Every ledger command brings the schema up to date first (`db upgrade` is the same step, run on
its own), so a fresh data directory works at once.
"""

from __future__ import annotations

import getpass
import json
import os
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import typer

from clearance.domain.hit import ScreeningHit
from clearance.domain.party import Party
from clearance.settings import get_settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from clearance.services.ledger_decide import LedgerContext
    from clearance.store.ledger_store import SqlLedger

IDEMPOTENCY_HELP = "A key: a retry with the same key returns the first result, never twice."


def engine(upgrade: bool = True) -> Engine:
    from sqlalchemy.pool import NullPool

    from clearance.store.db import make_engine, migrate

    # One command, a few transactions: no pool, so every connection closes with its session.
    eng = make_engine(get_settings().resolved_database_url, poolclass=NullPool)
    if upgrade:
        migrate(eng)
    return eng


def ledger() -> SqlLedger:
    from clearance.store.ledger_store import SqlLedger

    return SqlLedger(engine())


class LazyScreener:
    """Builds the screener (imported lists, else the bundled sample) on first use only; with
    imported lists it applies the stored review verdicts."""

    def __init__(self) -> None:
        self._screener: Any = None

    @property
    def snapshot(self) -> str | None:
        return None if self._screener is None else str(self._screener.snapshot)

    def screen_party(self, role: str, party: Party) -> list[ScreeningHit]:
        if self._screener is None:
            from .wiring import ScreenAgainst, party_screener

            self._screener = party_screener(ScreenAgainst.AUTO)
        hits: list[ScreeningHit] = self._screener.screen_party(role, party)
        return hits


def actor() -> str:
    try:
        return os.environ.get("CLEARANCE_ACTOR") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def context() -> LedgerContext:
    from clearance.services.ledger_decide import LedgerContext
    from clearance.services.ruleset import bundled_ruleset

    return LedgerContext(
        ruleset=bundled_ruleset(),
        screener=LazyScreener(),
        actor=actor(),
        now=lambda: datetime.now(UTC),
    )


def emit(value: Any, json_out: bool, text: str | None = None) -> None:
    """One JSON object or list with --json; else the text (or compact JSON when none)."""
    if json_out or text is None:
        typer.echo(json.dumps(value, indent=2, ensure_ascii=False, default=str))
    else:
        typer.echo(text)


def cleared_line(result: dict[str, Any]) -> str:
    redecided = result.get("redecided", [])
    cleared = result.get("cleared", [])
    line = f"re-decided {len(redecided)} held shipment(s)"
    return line + (f"; cleared: {', '.join(cleared)}" if cleared else "; none cleared")


def redecide_after_screening(party: str | None, trigger: str) -> None:
    """After a review verdict or a list import: re-decide the held shipments it touches."""
    from clearance.services.ledger_facts import screening_changed

    result = screening_changed(ledger(), context(), party, trigger)
    if result["redecided"]:
        typer.echo(f"ledger: {cleared_line(result)}")
