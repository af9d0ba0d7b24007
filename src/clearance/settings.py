"""Settings: the only reader of the environment (variables prefixed CLEARANCE_).

CLEARANCE_DATA_DIR      where Clearance keeps its data (default: the user data directory)
CLEARANCE_DATABASE_URL  SQLAlchemy URL (default: a SQLite file in the data directory)
CLEARANCE_SHARED_DATA   the folder of real list copies used by tests and benchmarks
CLEARANCE_API_MAX_BODY_BYTES    largest request body the API accepts (default 4 MiB)
CLEARANCE_API_MAX_UPLOAD_BYTES  largest list file `POST /api/lists/import` accepts (default 512 MiB)
CLEARANCE_WEBHOOK_INTERVAL      seconds between webhook delivery rounds in the server (0: off)
CLEARANCE_API_TOKEN_CACHE_SECONDS  how long a worker trusts a checked token (default 2; 0: never)
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("clearance"))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLEARANCE_", extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    database_url: str = ""
    shared_data: Path | None = None
    api_max_body_bytes: int = Field(default=4 * 1024 * 1024, gt=0)
    api_max_upload_bytes: int = Field(default=512 * 1024 * 1024, gt=0)
    webhook_interval: float = Field(default=2.0, ge=0)
    api_token_cache_seconds: float = Field(default=2.0, ge=0, le=60)

    @property
    def resolved_database_url(self) -> str:
        """`database_url`, or the embedded default: a SQLite file in the data directory."""
        return self.database_url or f"sqlite:///{self.data_dir / 'clearance.sqlite3'}"


def get_settings() -> Settings:
    """Read the environment now (not at import time), so tests can set variables first."""
    return Settings()
