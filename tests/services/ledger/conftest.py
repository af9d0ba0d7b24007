"""`ledger`: a unit-of-work factory over the parametrised `engine` (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from clearance.store.ledger_store import SqlLedger


@pytest.fixture
def ledger(engine: Engine) -> SqlLedger:
    return SqlLedger(engine)
