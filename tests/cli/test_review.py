"""`clearance check` against imported lists, `clearance review` and `clearance rescreen`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clearance.cli.app import app
from clearance.cli.exit_codes import BAD_INPUT, HOLD, OK

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "lists" / "fixtures" / "csl_projection_sample.csv"
runner = CliRunner()

SHIPMENT = f"""\
id: T-SCREEN
date: 2026-02-02
exporter:  {{name: NVIDIA Corporation, country: US}}
consignee: {{name: "Sophgo Technology Limited", country: CN}}
end_user:  {{name: "Sophgo Technology Limited", country: CN, headquarters_country: CN}}
end_use: datacenter
from_country: US
to_country: CN
lines:
  - {{item: {ROOT / "examples" / "specs" / "h200-sxm.yaml"}, quantity: 10}}
"""


def _check(path: Path) -> dict[str, object]:
    result = runner.invoke(app, ["check", str(path), "--json"])
    assert result.exit_code == HOLD, result.stderr
    decision: dict[str, object] = json.loads(result.stdout)
    return decision


@pytest.fixture
def shipment(tmp_path: Path) -> Path:
    assert runner.invoke(app, ["lists", "import", str(FIXTURE)]).exit_code == OK
    path = tmp_path / "shipment.yaml"
    path.write_text(SHIPMENT, encoding="utf-8")
    return path


def test_check_screens_against_the_imported_lists(shipment: Path) -> None:
    decision = _check(shipment)
    hits = decision["screening_hits"]
    assert isinstance(hits, list)
    assert {h["name"] for h in hits} >= {"Sophgo Technologies Ltd."}
    assert all(h["status"] == "potential" for h in hits)
    assert "screening.potential_match" in decision["reason_ids"]  # type: ignore[operator]


def test_a_dismissal_is_remembered_and_rescreen_reports_no_change(shipment: Path) -> None:
    hits = _check(shipment)["screening_hits"]
    assert isinstance(hits, list)
    for hit in hits:
        result = runner.invoke(
            app,
            [
                "review",
                "Sophgo Technology Limited",
                "--country",
                "CN",
                "--entry",
                f"{hit['list']}:{hit['entry_id']}",
                "--dismiss",
                "--reason",
                "LEI and address differ",
                "--reviewer",
                "qa",
            ],
        )
        assert result.exit_code == OK, result.stderr
    after = _check(shipment)
    assert "screening.potential_match" not in after["reason_ids"]  # type: ignore[operator]
    rescreened = runner.invoke(app, ["rescreen", "--json"])
    assert rescreened.exit_code == OK, rescreened.stderr
    report = json.loads(rescreened.stdout)
    assert report["parties"] >= 2
    assert report["changes"] == []


def test_review_needs_exactly_one_verdict(shipment: Path) -> None:
    result = runner.invoke(app, ["review", "X", "--entry", "EL:x", "--reason", "r"])
    assert result.exit_code == BAD_INPUT
    assert "--dismiss or --confirm" in result.stderr


def test_review_of_an_unknown_entry(shipment: Path) -> None:
    result = runner.invoke(
        app, ["review", "X", "--entry", "EL:nothing", "--dismiss", "--reason", "r"]
    )
    assert result.exit_code == BAD_INPUT
    assert "no entry 'EL:nothing'" in result.stderr


def test_rescreen_without_lists_is_a_clear_error() -> None:
    result = runner.invoke(app, ["rescreen"])
    assert result.exit_code == BAD_INPUT
    assert "no lists imported" in result.stderr


def test_importing_a_new_snapshot_rescreens_known_parties(shipment: Path, tmp_path: Path) -> None:
    _check(shipment)  # remembers the consignee and end user with their hits
    changed = tmp_path / "csl_changed.csv"
    lines = FIXTURE.read_text(encoding="utf-8").splitlines(keepends=True)
    changed.write_text("".join(line for line in lines if "Sophgo" not in line), encoding="utf-8")
    result = runner.invoke(app, ["lists", "import", str(changed)])
    assert result.exit_code == OK, result.stderr
    assert "re-screened" in result.stdout
    assert "cleared" in result.stdout
