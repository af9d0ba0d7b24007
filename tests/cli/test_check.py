"""`clearance check`: exit codes per outcome, JSON output, and bad input of every kind."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clearance.cli.app import app
from clearance.cli.exit_codes import BAD_INPUT, DENIED, HOLD, OK

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "examples" / "specs"
SCENARIO = ROOT / "examples" / "h200-2026"
runner = CliRunner()

SHIPMENT = f"""\
id: T-1
date: 2026-02-02
exporter:  {{name: NVIDIA Corporation, country: US}}
consignee: {{name: Example Rechenzentrum GmbH, country: DE}}
end_user:  {{name: Example Rechenzentrum GmbH, country: DE, headquarters_country: DE}}
end_use: datacenter
from_country: US
to_country: DE
lines:
  - {{item: {SPECS / "h200-sxm.yaml"}, quantity: 10}}
"""


def _write(tmp_path: Path, text: str, name: str = "shipment.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cleared_exit_code_and_json(tmp_path: Path) -> None:
    code, out, _ = _run("check", str(_write(tmp_path, SHIPMENT)), "--json")
    assert code == OK
    decision = json.loads(out)
    assert decision["outcome"] == "cleared"
    assert decision["reason_ids"] == ["engine.no_authorization_required"]
    assert decision["classifications"][0]["control_code"] == "3A090.a"
    assert len(decision["ruleset_hash"]) == 64


def test_as_of_overrides_the_shipment_date(tmp_path: Path) -> None:
    china = SHIPMENT.replace("country: DE", "country: CN").replace(
        "to_country: DE", "to_country: CN"
    )
    path = _write(tmp_path, china)
    assert _run("check", str(path))[0] == HOLD
    code, out, _ = _run("check", str(path), "--as-of", "2025-12-01", "--json")
    assert code == DENIED
    assert json.loads(out)["as_of"] == "2025-12-01"


def test_human_output_names_what_would_clear(tmp_path: Path) -> None:
    china = SHIPMENT.replace("country: DE", "country: CN").replace(
        "to_country: DE", "to_country: CN"
    )
    code, out, _ = _run("check", str(_write(tmp_path, china)))
    assert code == HOLD
    assert "HOLD" in out
    assert "What would clear it" in out


def test_scenario_shipment_with_authorizations() -> None:
    code, out, _ = _run(
        "check",
        str(SCENARIO / "shipments" / "alibaba-h200.yaml"),
        "--authorizations",
        str(SCENARIO / "authorizations.yaml"),
        "--as-of",
        "2026-03-16",
        "--json",
    )
    assert code == OK, out
    assert json.loads(out)["outcome"] == "cleared"


def test_reported_inform_moves_china_side_to_warnings() -> None:
    args = (
        "check",
        str(SCENARIO / "shipments" / "alibaba-h200.yaml"),
        "--authorizations",
        str(SCENARIO / "authorizations.yaml"),
        "--as-of",
        "2026-02-20",
        "--json",
    )
    bind = json.loads(_run(*args)[1])
    inform = json.loads(_run(*args, "--reported", "inform")[1])
    assert any(r["jurisdiction"] == "CN" for r in bind["reasons"])
    assert not any(r["jurisdiction"] == "CN" for r in inform["reasons"])
    assert any(w["jurisdiction"] == "CN" for w in inform["warnings"])
    assert inform["reported_policy"] == "inform"


BAD = {
    "malformed_yaml": ("id: [T-1\n", "not valid YAML"),
    "unknown_country": (SHIPMENT.replace("to_country: DE", "to_country: XX"), "to_country"),
    "unknown_end_use": (SHIPMENT.replace("end_use: datacenter", "end_use: picnic"), "end_use"),
    "negative_quantity": (SHIPMENT.replace("quantity: 10", "quantity: -5"), "lines[0].quantity"),
    "absurd_quantity": (
        SHIPMENT.replace("quantity: 10", "quantity: 99999999999"),
        "lines[0].quantity",
    ),
    "fractional_quantity": (SHIPMENT.replace("quantity: 10", "quantity: 2.5"), "lines[0].quantity"),
    "missing_item_file": (SHIPMENT.replace("h200-sxm.yaml", "no-such-spec.yaml"), "no such file"),
    "unknown_field": (SHIPMENT + "colour: red\n", "colour"),
    "bad_date": (SHIPMENT.replace("date: 2026-02-02", "date: 2026-02-30"), "date"),
    "control_character": (
        SHIPMENT.replace("name: NVIDIA Corporation", "name: NVIDIA\u202eCorp"),
        "exporter.name",
    ),
    "yaml_forbidden_character": (
        SHIPMENT.replace("name: NVIDIA Corporation", "name: NV\x07"),
        "not valid YAML",
    ),
    "unknown_red_flag": (SHIPMENT + "red_flags: [made_up_flag]\n", "red_flags[0]"),
    "not_a_mapping": ("- just\n- a list\n", "mapping"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input(tmp_path: Path, case: str) -> None:
    text, needle = BAD[case]
    path = _write(tmp_path, text)
    before = sorted(os.listdir(tmp_path))
    code, out, err = _run("check", str(path))
    assert code == BAD_INPUT, (out, err)
    assert needle in err
    assert str(path) in err or "no such file" in err
    assert "Traceback" not in out + err
    assert len(err.strip().splitlines()) == 1
    assert sorted(os.listdir(tmp_path)) == before  # nothing written


def test_bad_json(tmp_path: Path) -> None:
    path = _write(tmp_path, '{"id": "T-1", ', name="shipment.json")
    code, _, err = _run("check", str(path))
    assert code == BAD_INPUT
    assert "JSON" in err


def test_a_100_megabyte_file_fails_fast(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.seek(100 * 1024 * 1024)
        handle.write(b"\n")
    code, _, err = _run("check", str(path))
    assert code == BAD_INPUT
    assert "limit" in err


def test_bad_as_of(tmp_path: Path) -> None:
    code, _, err = _run("check", str(_write(tmp_path, SHIPMENT)), "--as-of", "yesterday")
    assert code == BAD_INPUT
    assert "--as-of" in err


def test_bad_authorizations_file(tmp_path: Path) -> None:
    auth = _write(tmp_path, "- {id: A, jurisdiction: US}\n", name="auth.yaml")
    code, _, err = _run("check", str(_write(tmp_path, SHIPMENT)), "--authorizations", str(auth))
    assert code == BAD_INPUT
    assert "auth.yaml" in err
    assert "[0]" in err


H20_BY_RESELLER = f"""\
id: T-H20
date: 2025-09-01
exporter:  {{name: Example Server Reseller Inc., country: US}}
consignee: {{name: "Example Cloud Co., Ltd.", country: CN}}
end_user:  {{name: "Example Cloud Co., Ltd.", country: CN, headquarters_country: CN}}
end_use: datacenter
from_country: US
to_country: CN
lines:
  - {{item: {SPECS / "h20.yaml"}, quantity: 10}}
"""


def test_informed_letters_option_decides_whom_the_letters_bind(tmp_path: Path) -> None:
    path = str(_write(tmp_path, H20_BY_RESELLER))
    code, out, _ = _run("check", path, "--json")
    decision = json.loads(out)
    assert decision["informed_letters"] == "addressees"
    assert "us.ear.is_informed.h20.2025" not in decision["reason_ids"]
    code, out, _ = _run("check", path, "--json", "--informed-letters", "all-vendors")
    assert code == HOLD
    decision = json.loads(out)
    assert decision["informed_letters"] == "all-vendors"
    assert "us.ear.is_informed.h20.2025" in decision["reason_ids"]
    code, _, _ = _run("check", path, "--informed-letters", "everyone")
    assert code == BAD_INPUT


HGX_TO_CN = f"""\
id: T-HGX
date: 2026-03-16
exporter:  {{name: NVIDIA Corporation, country: US}}
consignee: {{name: Alibaba Cloud Computing Ltd., country: CN}}
end_user:  {{name: Alibaba Cloud Computing Ltd., country: CN, headquarters_country: CN}}
end_use: datacenter
from_country: US
to_country: CN
lines:
  - {{item: {SPECS / "hgx-h200-8gpu.yaml"}, quantity: 10}}
"""
LICENCE = """\
- id: L-1
  jurisdiction: US
  authority: BIS
  kind: export_licence
  holder: NVIDIA Corporation
  parties: [Alibaba Cloud Computing Ltd.]
  valid_from: 2026-01-20
  status: granted
"""


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("  quantity: 100\n  quantity_unit: servers\n", "L-1 counts servers, but the line of"),
        ("  quantity: 100\n", "quantity 100 states no quantity_unit"),
        ("  quantity: 100\n  quantity_unit: racks\n", "quantity_unit"),
        ("  quantity_unit: ics\n", "quantity_unit is given without a quantity"),
        (
            "  quantity: 100\n  quantity_unit: ics\n"
            "  conditions: [{kind: quantity_cap, value: 5}]\n",
            "a quantity_cap states its value and its unit",
        ),
    ],
)
def test_unit_mismatches_and_missing_units_are_bad_input(
    tmp_path: Path, quantity: str, message: str
) -> None:
    auth = _write(tmp_path, LICENCE + quantity, name="auth.yaml")
    shipment = _write(tmp_path, HGX_TO_CN)
    code, out, err = _run("check", str(shipment), "--authorizations", str(auth))
    assert code == BAD_INPUT, (out, err)
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, err
    assert message in errors[0]


@pytest.mark.parametrize(
    ("owners", "message"),
    [
        (
            "[{name: A Ltd., share: 70, country: CN}, {name: B Ltd., share: 40, country: CN}]",
            "hold 110% in total, more than 100%",
        ),
        (
            "[{name: A Ltd., share: -5, country: CN}]",
            "owner share -5% of 'A Ltd.' is not in (0, 100]",
        ),
        ("[{name: A Ltd., share: 60}]", "country"),
    ],
)
def test_bad_owners_are_bad_input(tmp_path: Path, owners: str, message: str) -> None:
    text = SHIPMENT.replace(
        "end_user:  {name: Example Rechenzentrum GmbH, country: DE, headquarters_country: DE}",
        f"end_user:  {{name: Example Rechenzentrum GmbH, country: DE, owners: {owners}}}",
    )
    code, out, err = _run("check", str(_write(tmp_path, text)))
    assert code == BAD_INPUT, (out, err)
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, err
    assert message in errors[0]


def test_an_ownership_cycle_is_bad_input(tmp_path: Path) -> None:
    text = SHIPMENT.replace(
        "end_user:  {name: Example Rechenzentrum GmbH, country: DE, headquarters_country: DE}",
        "end_user:  {name: Example Rechenzentrum GmbH, country: DE, headquarters_country: DE,"
        " owners: [{name: A Ltd., share: 60, country: DE}]}\n"
        "ownership:\n"
        "  - {name: A Ltd., owners: [{name: Example Rechenzentrum GmbH, share: 100, country: DE}]}",
    )
    code, _, err = _run("check", str(_write(tmp_path, text)))
    assert code == BAD_INPUT
    assert (
        "ownership cycle: Example Rechenzentrum GmbH -> A Ltd. -> Example Rechenzentrum GmbH" in err
    )
