"""The bundled scenario is found from any working directory; an explicit path is taken as given."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from clearance.cli.app import app
from clearance.cli.scenario_path import DEFAULT_SCENARIO, resolve_scenario

runner = CliRunner()


def test_default_scenario_is_found_outside_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    found = resolve_scenario(DEFAULT_SCENARIO)
    assert found.is_absolute()
    assert (found / "timeline.yaml").is_file()
    assert (found / "users.yaml").is_file()


def test_an_explicit_missing_path_is_kept_for_the_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert resolve_scenario(missing) == missing


def test_demo_runs_from_another_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "H200" in result.output


def test_serve_demo_names_a_missing_users_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--demo", "--scenario", str(tmp_path), "--port", "1"])
    assert result.exit_code == 2
    assert "users.yaml: not found" in result.output
