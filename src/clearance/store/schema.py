"""The whole schema in one MetaData: the screening memory and the ledger."""

from __future__ import annotations

from . import ledger_tables as ledger_tables
from .tables import Base

metadata = Base.metadata

__all__ = ["ledger_tables", "metadata"]
