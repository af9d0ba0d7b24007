"""An authorization's balance over time, from its drawdown lines.

A draw is dated by the decision that made it (the business date it was decided as of), a
release by the day it was recorded; the series starts at the full quantity on `valid_from`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .ledger_model import DrawdownLine, StoredAuthorization
from .ledger_ports import UnitOfWork


def line_dates(uow: UnitOfWork, lines: list[DrawdownLine]) -> list[date]:
    """The business date of each drawdown line (see the module docstring)."""
    decided: dict[int, date] = {}
    out = []
    for line in lines:
        if line.decision_id is None:
            out.append(line.at.date())
            continue
        if line.decision_id not in decided:
            entry = uow.decisions.get(line.decision_id)
            decided[line.decision_id] = entry.as_of if entry else line.at.date()
        out.append(decided[line.decision_id])
    return out


def signed(line: DrawdownLine) -> int:
    """Units taken from the balance (a release gives them back)."""
    return line.units if line.kind == "draw" else -line.units


def balance_series(
    uow: UnitOfWork, auth: StoredAuthorization, lines: list[DrawdownLine]
) -> list[dict[str, Any]]:
    """[{on, balance}] after each day's drawdowns; empty for an authorization without a
    quantity. The last point is today's balance."""
    if auth.quantity is None:
        return []
    dated = sorted(zip(line_dates(uow, lines), lines, strict=True), key=lambda p: (p[0], p[1].at))
    balance = auth.quantity
    points: dict[str, int] = {str(auth.document.get("valid_from", "")): balance}
    for on, line in dated:
        balance -= signed(line)
        points[on.isoformat()] = balance
    return [{"on": on, "balance": value} for on, value in points.items()]


def balance_on(
    uow: UnitOfWork, auth: StoredAuthorization, lines: list[DrawdownLine], day: date
) -> int | None:
    if auth.quantity is None:
        return None
    used = sum(
        signed(line) for on, line in zip(line_dates(uow, lines), lines, strict=True) if on <= day
    )
    return auth.quantity - used
