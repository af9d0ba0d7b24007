"""Settings: the only reader of the environment (variables prefixed CLEARANCE_).

CLEARANCE_DATA_DIR      where Clearance keeps its data (default: the user data directory)
CLEARANCE_DATABASE_URL  SQLAlchemy URL (default: a SQLite file in the data directory)
CLEARANCE_SHARED_DATA   the folder of real list copies used by tests and benchmarks
CLEARANCE_EXACT_CONFIRM when an exact name match counts as confirmed without review:
                        "distinctive" (default: not for short or common names), "always", "never"
CLEARANCE_API_MAX_BODY_BYTES    largest request body the API accepts (default 4 MiB)
CLEARANCE_API_MAX_UPLOAD_BYTES  largest list upload `POST /api/lists/import` accepts (512 MiB)
CLEARANCE_WEBHOOK_INTERVAL      seconds between webhook delivery rounds in the server (0: off)
CLEARANCE_API_TOKEN_CACHE_SECONDS  how long a worker trusts a checked token (default 2; 0: never)

Plain standard library: every command reads these at start-up, and a settings framework would
cost more than the lookup itself (empty values count as unset).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PREFIX = "CLEARANCE_"
MAX_BODY_BYTES = 4 * 1024 * 1024
MAX_UPLOAD_BYTES = 512 * 1024 * 1024
WEBHOOK_INTERVAL = 2.0
TOKEN_CACHE_SECONDS = 2.0


def _default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("clearance"))


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path = field(default_factory=_default_data_dir)
    database_url: str = ""
    shared_data: Path | None = None
    exact_confirm: str = "distinctive"
    api_max_body_bytes: int = MAX_BODY_BYTES
    api_max_upload_bytes: int = MAX_UPLOAD_BYTES
    webhook_interval: float = WEBHOOK_INTERVAL
    api_token_cache_seconds: float = TOKEN_CACHE_SECONDS

    @property
    def resolved_database_url(self) -> str:
        """`database_url`, or the embedded default: a SQLite file in the data directory."""
        return self.database_url or f"sqlite:///{self.data_dir / 'clearance.sqlite3'}"

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        def value(name: str) -> str:
            return environ.get(PREFIX + name, "").strip()

        def number(name: str, default: float, low: float, high: float) -> float:
            text = value(name)
            if not text:
                return default
            try:
                parsed = float(text)
            except ValueError:
                raise ValueError(f"{PREFIX}{name}: not a number: {text!r}") from None
            if not low <= parsed <= high:
                raise ValueError(f"{PREFIX}{name}: {text} is outside [{low:g}, {high:g}]")
            return parsed

        data_dir, shared = value("DATA_DIR"), value("SHARED_DATA")
        return cls(
            data_dir=Path(data_dir) if data_dir else _default_data_dir(),
            database_url=value("DATABASE_URL"),
            shared_data=Path(shared) if shared else None,
            exact_confirm=value("EXACT_CONFIRM") or "distinctive",
            api_max_body_bytes=int(number("API_MAX_BODY_BYTES", MAX_BODY_BYTES, 1, 2**40)),
            api_max_upload_bytes=int(number("API_MAX_UPLOAD_BYTES", MAX_UPLOAD_BYTES, 1, 2**40)),
            webhook_interval=number("WEBHOOK_INTERVAL", WEBHOOK_INTERVAL, 0, 3600),
            api_token_cache_seconds=number("API_TOKEN_CACHE_SECONDS", TOKEN_CACHE_SECONDS, 0, 60),
        )


def get_settings() -> Settings:
    """Read the environment now (not at import time), so tests can set variables first."""
    return Settings.from_environment()
