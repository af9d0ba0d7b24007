"""`clearance rules list|show|packs` and `clearance demo`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from clearance.cli.app import app
from clearance.cli.exit_codes import BAD_INPUT, OK

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_rules_list_as_of_shows_status_of_each_rule() -> None:
    result = runner.invoke(app, ["rules", "list", "--as-of", "2026-02-02", "--json"])
    assert result.exit_code == OK
    rules = {r["id"]: r for r in json.loads(result.stdout)["rules"]}
    assert rules["us.ear.742_6_b_10.3a090a.case_by_case.2026"]["status"] == "in_force"
    assert rules["us.ear.742_6.ai_diffusion_worldwide.2025"]["status"] == "not_enforced"
    assert rules["us.ear.744_11.affiliates_rule.2025"]["status"] == "suspended"
    assert rules["cn.mofcom.import_approval.h200_class.2026"]["provenance"] == "reported"
    assert "us.ear.3a090.classification.2022" not in rules  # out of its window


def test_affiliates_rule_is_back_after_its_suspension() -> None:
    result = runner.invoke(app, ["rules", "list", "--as-of", "2026-11-10", "--json"])
    rules = {r["id"]: r for r in json.loads(result.stdout)["rules"]}
    assert rules["us.ear.744_11.affiliates_rule.2025"]["status"] == "in_force"


def test_rules_list_table() -> None:
    result = runner.invoke(app, ["rules", "list"])
    assert result.exit_code == OK
    assert "us.ear" in result.stdout


def test_rules_show() -> None:
    result = runner.invoke(app, ["rules", "show", "us.ear.742_6_b_10.3a090a.case_by_case.2026"])
    assert result.exit_code == OK
    shown = json.loads(result.stdout)
    assert shown["published_in"].startswith("91 FR 1684")
    assert shown["effective_from"] == "2026-01-15"


def test_rules_show_unknown_id() -> None:
    result = runner.invoke(app, ["rules", "show", "us.nothing"])
    assert result.exit_code == BAD_INPUT
    assert "no rule 'us.nothing'" in result.stderr


def test_rules_from_a_broken_directory(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("id: x\nkind: prohibition\n", encoding="utf-8")
    result = runner.invoke(app, ["rules", "list", "--rules", str(tmp_path)])
    assert result.exit_code == BAD_INPUT
    assert "bad.yaml" in result.stderr


def test_demo_prints_the_scenario() -> None:
    result = runner.invoke(
        app, ["demo", "--scenario", str(ROOT / "examples" / "h200-2026")], env={"COLUMNS": "160"}
    )
    assert result.exit_code == OK, result.stderr
    for shipment in ("SHP-ALI-H200", "SHP-DS-H200", "SHP-SG-H200"):
        assert shipment in result.stdout
    assert "what would clear each hold" in result.stdout
    assert "US licence denial" in result.stdout
    assert "CN approval conditions" in result.stdout
    assert "red flag" in result.stdout
    assert "military_end_use_allegation" in result.stdout


def test_demo_without_a_scenario(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--scenario", str(tmp_path)])
    assert result.exit_code == BAD_INPUT
    assert "scenario.yaml" in result.stderr


def test_demo_db_plays_the_timeline_in_a_fresh_database() -> None:
    result = runner.invoke(
        app,
        ["demo", "--db", "--scenario", str(ROOT / "examples" / "h200-2026")],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == OK, result.stderr
    last = result.stdout.split("[7] 2026-03-16")[1]
    assert "cleared: SHP-ALI-H200\n" in last
    assert "US-BIS-H200-ALIBABA 40,000/50,000" in last
    assert "China+Macau 10,000 of 100,000 allowed" in last


def test_rules_packs_shows_reach_classification_and_dated_members() -> None:
    result = runner.invoke(app, ["rules", "packs", "--json", "--as-of", "2025-06-02"])
    assert result.exit_code == 0
    packs = {p["jurisdiction"]: p for p in json.loads(result.stdout)["packs"]}
    assert set(packs) == {"CN", "US"}
    assert packs["CN"]["classification"] == "US"
    us = packs["US"]["country_groups"]
    assert "AE" in us["members"]["D:4"]
    assert "AE" not in us["members"]["A:5"]
    dated = {(d["group"], d["country"]): d for d in us["dated"]}
    assert dated[("D:4", "AE")]["provenance"] == "unverified"
    assert "BRIEF Q10" in dated[("D:4", "AE")]["assumption"]
    later = runner.invoke(app, ["rules", "packs", "--json", "--as-of", "2026-08-01"])
    members = {p["jurisdiction"]: p for p in json.loads(later.stdout)["packs"]}["US"]
    assert "AE" in members["country_groups"]["members"]["A:5"]
