"""tools/build_country_groups.py: the committed table is what the tool makes of the eCFR copy;
a country name the names file lacks stops it, naming the country."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TOOL = REPO / "tools" / "build_country_groups.py"
COMMITTED = REPO / "src" / "clearance" / "rules" / "packs" / "us" / "country-groups.yaml"


def _run(table: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(TOOL), str(table)], capture_output=True, text=True, check=False
    )


def test_the_committed_table_is_regenerated_byte_for_byte() -> None:
    shared = Path(os.environ.get("CLEARANCE_SHARED_DATA") or REPO.parent / "shared" / "data")
    table = shared / "ear" / "country-groups.json"
    if not table.is_file():
        pytest.skip(f"no eCFR country-group table at {table}")
    result = _run(table)
    assert result.returncode == 0, result.stderr
    assert result.stdout == COMMITTED.read_text(encoding="utf-8")


def test_an_unknown_country_name_is_named(tmp_path: Path) -> None:
    table = tmp_path / "groups.json"
    table.write_text(
        json.dumps(
            {
                "groups": {"D:5": ["China (PRC)", "Atlantis"]},
                "source": {"url": "https://www.ecfr.gov/"},
            }
        ),
        encoding="utf-8",
    )
    result = _run(table)
    assert result.returncode != 0
    assert "Atlantis" in result.stderr
    assert "China" not in result.stderr
