"""Fixtures for the list readers: the sample files beside this module and the real lists."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]


def shared_lists_dir() -> Path:
    """CLEARANCE_SHARED_DATA (default ../shared/data beside the repo) + /lists."""
    root = Path(os.environ.get("CLEARANCE_SHARED_DATA") or REPO.parent / "shared" / "data")
    return root / "lists"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def shared_lists() -> Path:
    directory = shared_lists_dir()
    if not directory.is_dir():
        pytest.skip(f"no shared list data at {directory} (set CLEARANCE_SHARED_DATA)")
    return directory
