"""`clearance items add|list`, and `check` reading the declared classifications."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from clearance.cli.app import app
from clearance.cli.exit_codes import BAD_INPUT, HOLD, OK

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()
H20 = """\
items:
  - vendor: NVIDIA
    name: H20
    classifications: {US: 3A991}
    basis: "test declaration"
"""
SHIPMENT = f"""\
id: T-H20
date: 2025-09-01
exporter:  {{name: NVIDIA Corporation, country: US}}
consignee: {{name: Example Rechenzentrum GmbH, country: DE}}
end_user:  {{name: Example Rechenzentrum GmbH, country: DE, headquarters_country: DE}}
end_use: datacenter
from_country: US
to_country: DE
lines:
  - {{item: {ROOT / "examples/specs/h20.yaml"}, quantity: 10}}
"""


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _file(tmp_path: Path, text: str, name: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _stored() -> Path:
    return Path(os.environ["CLEARANCE_DATA_DIR"]) / "items.json"


def test_add_then_list(tmp_path: Path) -> None:
    code, out, _ = _run("items", "add", _file(tmp_path, H20, "items.yaml"))
    assert (code, out.strip()) == (OK, "1 item(s) added, 0 replaced")
    code, out, _ = _run("items", "list", "--json")
    assert code == OK
    assert json.loads(out) == [
        {
            "vendor": "NVIDIA",
            "name": "H20",
            "classifications": {"US": "3A991"},
            "basis": "test declaration",
            "note": None,
        }
    ]


def test_check_uses_the_declared_classification(tmp_path: Path) -> None:
    shipment = _file(tmp_path, SHIPMENT, "shipment.yaml")
    code, out, _ = _run("check", shipment, "--json", "--screen", "sample")
    assert code == HOLD
    assert json.loads(out)["reason_ids"] == ["engine.classification.needed"]
    _run("items", "add", _file(tmp_path, H20, "items.yaml"))
    code, out, _ = _run("check", shipment, "--json", "--screen", "sample")
    assert code == OK, out
    decision = json.loads(out)
    assert decision["classifications"][0]["control_code"] == "3A991"
    assert decision["classifications"][0]["declared"] is True
    schema = json.loads((ROOT / "docs/schemas/decision.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(decision, schema)


def test_a_changed_declaration_needs_replace(tmp_path: Path) -> None:
    _run("items", "add", _file(tmp_path, H20, "items.yaml"))
    before = _stored().read_bytes()
    changed = _file(tmp_path, H20.replace("3A991", "EAR99"), "changed.yaml")
    code, _, err = _run("items", "add", changed)
    assert code == BAD_INPUT
    assert "use --replace" in err
    assert len(err.strip().splitlines()) == 1
    assert _stored().read_bytes() == before
    code, out, _ = _run("items", "add", changed, "--replace")
    assert (code, out.strip()) == (OK, "0 item(s) added, 1 replaced")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (H20.replace("3A991", "3a991"), "items[0].classifications.US"),
        (H20.replace("US:", "USA:"), "items[0].classifications"),
        (H20.replace('    basis: "test declaration"\n', ""), "items[0].basis"),
        (H20 + H20.replace("items:\n", ""), "is also given as items[0]"),
        (H20.replace("vendor: NVIDIA", "vendor: NVIDIA\n    vendor: AMD"), "duplicate key"),
        ("items: []\n", "items"),
        ("- 1\n", "the top level must be a mapping"),
    ],
)
def test_bad_item_master_input_is_one_line_and_changes_nothing(
    tmp_path: Path, text: str, fragment: str
) -> None:
    _run("items", "add", _file(tmp_path, H20, "items.yaml"))
    before = _stored().read_bytes()
    code, _, err = _run("items", "add", _file(tmp_path, text, "bad.yaml"))
    assert code == BAD_INPUT
    assert fragment in err
    assert len(err.strip().splitlines()) == 1
    assert _stored().read_bytes() == before


def test_an_empty_master_says_how_to_fill_it() -> None:
    code, out, _ = _run("items", "list")
    assert code == OK
    assert "clearance items add FILE" in out


def test_duplicate_keys_in_a_rule_pack_are_one_line_exit_2(tmp_path: Path) -> None:
    import shutil

    packs = tmp_path / "packs"
    shutil.copytree(ROOT / "src/clearance/rules/packs", packs)
    manifest = packs / "us" / "pack.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + "jurisdiction: US\n", encoding="utf-8"
    )
    code, _, err = _run("rules", "list", "--rules", str(packs))
    assert code == BAD_INPUT
    assert "us/pack.yaml, line " in err
    assert "duplicate key 'jurisdiction'" in err
    assert len(err.strip().splitlines()) == 1


def test_the_example_declarations_load_and_match_the_example_specs() -> None:
    import yaml

    code, out, _ = _run("items", "add", str(ROOT / "examples/items/declarations.yaml"))
    assert (code, out.strip()) == (OK, "2 item(s) added, 0 replaced")
    names = {
        yaml.safe_load(p.read_text(encoding="utf-8"))["name"]
        for p in (ROOT / "examples/specs").glob("*.yaml")
    }
    listed = json.loads(_run("items", "list", "--json")[1])
    assert {entry["name"] for entry in listed} <= names
