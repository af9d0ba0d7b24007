"""Settings: the only reader of the environment (variables prefixed CLEARANCE_).

CLEARANCE_DATA_DIR      where Clearance keeps its data (default: the user data directory)
CLEARANCE_DATABASE_URL  SQLAlchemy URL (default: a SQLite file in the data directory)
CLEARANCE_SHARED_DATA   the folder of real list copies used by tests and benchmarks
CLEARANCE_EXACT_CONFIRM when an exact name match counts as confirmed without review:
                        "distinctive" (default: not for short or common names), "always", "never"

Plain standard library: every command reads these at start-up, and a settings framework would
cost more than the lookup itself (empty values count as unset).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PREFIX = "CLEARANCE_"


def _default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("clearance"))


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path = field(default_factory=_default_data_dir)
    database_url: str = ""
    shared_data: Path | None = None
    exact_confirm: str = "distinctive"

    @property
    def resolved_database_url(self) -> str:
        """`database_url`, or the embedded default: a SQLite file in the data directory."""
        return self.database_url or f"sqlite:///{self.data_dir / 'clearance.sqlite3'}"

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        def value(name: str) -> str:
            return environ.get(PREFIX + name, "").strip()

        data_dir, shared = value("DATA_DIR"), value("SHARED_DATA")
        return cls(
            data_dir=Path(data_dir) if data_dir else _default_data_dir(),
            database_url=value("DATABASE_URL"),
            shared_data=Path(shared) if shared else None,
            exact_confirm=value("EXACT_CONFIRM") or "distinctive",
        )


def get_settings() -> Settings:
    """Read the environment now (not at import time), so tests can set variables first."""
    return Settings.from_environment()
