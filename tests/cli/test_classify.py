"""`clearance classify`: JSON and human output, exit codes, one clear message for bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clearance.cli.app import app

SPECS = Path(__file__).resolve().parents[2] / "examples" / "specs"
runner = CliRunner()

VALID = "name: Probe\nvendor: Test\ndatacenter: true\nrates: {fp8: 1979}\n"


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["classify", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_output() -> None:
    code, out, _ = _run(str(SPECS / "h200-sxm.yaml"), "--as-of", "2026-07-23", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["control_code"] == "3A090.a"
    assert data["paragraph"] == "3A090.a.1"
    assert data["tpp"] == 15832
    assert round(data["pd"], 2) == 19.45
    assert data["as_of"] == "2026-07-23"
    assert data["classified"] is True
    assert data["missing"] == []
    assert len(data["ruleset_hash"]) == 64
    assert data["reasons"][0]["rule_id"] == "us.ear.3a090.classification.2024"
    assert {"rule_id", "message", "citation", "evidence"} <= set(data["reasons"][0])


@pytest.mark.parametrize(
    ("spec", "as_of", "code", "paragraph"),
    [
        ("a800-sxm.yaml", "2023-06-01", None, None),
        ("a800-sxm.yaml", "2023-11-17", "3A090.a", "3A090.a.1"),
        ("h800-sxm.yaml", "2023-06-01", None, None),
        ("a100-sxm4-80gb.yaml", "2023-06-01", "3A090.a", "3A090.a"),
        ("rtx-4090d.yaml", "2026-07-23", None, "Note 2 to 3A090"),
        ("l4.yaml", "2026-07-23", "3A090.a", "3A090.a.2"),
        ("b200.yaml", "2026-07-23", "3A090.a", "3A090.a.1"),
        ("h20.yaml", "2026-07-23", None, None),
        ("hgx-h200-8gpu.yaml", "2026-07-23", "4A090.a", "3A090.a.1"),
        ("hbm-stack.yaml", "2026-07-23", "3A090.c", "3A090.c"),
    ],
)
def test_json_control_codes(spec: str, as_of: str, code: str | None, paragraph: str | None) -> None:
    exit_code, out, _ = _run(str(SPECS / spec), "--as-of", as_of, "--json")
    assert exit_code == 0
    data = json.loads(out)
    assert (data["control_code"], data["paragraph"]) == (code, paragraph)


def test_human_output() -> None:
    code, out, _ = _run(str(SPECS / "rtx-4090.yaml"), "--as-of", "2026-07-23")
    assert code == 0
    for fragment in (
        "GeForce RTX 4090",
        "3A090.a",
        "3A090.a.1",
        "5,284.8",
        "8.68",
        "us.ear.3a090.classification.2024",
        "15 CFR 774",
        "TPP[fp8] = 660.6 x 8 = 5284.8",
        "NAC/ACA",
    ):
        assert fragment in out, fragment


def test_human_output_for_an_unclassifiable_spec(tmp_path: Path) -> None:
    spec = tmp_path / "mid.yaml"
    spec.write_text("name: Mid\nvendor: T\ndatacenter: true\nrates: {fp8: 250}\n")
    code, out, _ = _run(str(spec), "--as-of", "2026-07-23")
    assert code == 0
    assert "not classified" in out
    assert "pd" in out


def test_markup_in_names_is_printed_literally(tmp_path: Path) -> None:
    spec = tmp_path / "m.yaml"
    spec.write_text("name: '[bold]x[/] [/]'\nvendor: T\ndatacenter: true\nrates: {fp8: 1}\n")
    code, out, _ = _run(str(spec), "--as-of", "2026-07-23")
    assert code == 0
    assert "[bold]x[/] [/]" in out


def test_default_as_of_is_today() -> None:
    code, out, _ = _run(str(SPECS / "h20.yaml"), "--json")
    assert code == 0
    assert json.loads(out)["as_of"] == date.today().isoformat()


def test_help_documents_the_exit_codes() -> None:
    result = runner.invoke(app, ["classify", "--help"])
    assert result.exit_code == 0
    assert "Exit codes" in result.stdout
    assert "bad input" in result.stdout


def _huge(tmp_path: Path) -> Path:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.seek(100 * 1024 * 1024 - 1)
        handle.write(b"\0")
    return path


BAD = [
    ("malformed.yaml", "name: x\nrates: {fp8: 3\n", "not valid YAML", "line 3"),
    ("malformed.json", '{"name": "x",\n "rates": {"fp8": 3,}}', "not valid JSON", "line 2"),
    ("precision.yaml", VALID.replace("fp8", "fp9"), "rates.fp9", "unknown precision 'fp9'"),
    ("text.yaml", VALID.replace("1979", "'lots'"), "rates.fp8", "must be a number"),
    ("negative.yaml", VALID.replace("1979", "-1979"), "rates.fp8", "-1979"),
    (
        "bool.json",
        json.dumps({"name": "x", "vendor": "y", "datacenter": True, "rates": {"fp8": True}}),
        "rates.fp8",
        "boolean",
    ),
    ("extra.yaml", VALID + "tpp: 15832\n", "tpp", "unknown field"),
    ("list.yaml", "- a\n", "top level", "mapping"),
    ("binary.yaml", b"name: \xff\n", "not UTF-8", "line 1"),
]


@pytest.mark.parametrize(("name", "content", "field", "fragment"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_exits_2_with_one_message(
    tmp_path: Path, name: str, content: str | bytes, field: str, fragment: str
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    code, out, err = _run(str(path), "--json")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1, err
    assert str(path) in err
    assert field in err
    assert fragment in err
    assert "Traceback" not in out + err


def test_missing_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    code, out, err = _run(str(path))
    assert code == 2
    assert f"{path}: no such file" in err
    assert "Traceback" not in out + err


def test_a_100_mb_file_exits_2_fast(tmp_path: Path) -> None:
    path = _huge(tmp_path)
    code, out, err = _run(str(path))
    assert code == 2
    assert str(path) in err
    assert "limit" in err
    assert "Traceback" not in out + err


def test_a_directory_exits_2(tmp_path: Path) -> None:
    code, _, err = _run(str(tmp_path))
    assert code == 2
    assert "directory" in err


@pytest.mark.parametrize("value", ["2023-13-01", "yesterday", "2026/07/23", ""])
def test_a_bad_as_of_exits_2(value: str) -> None:
    code, out, err = _run(str(SPECS / "h20.yaml"), "--as-of", value)
    assert code == 2
    assert "--as-of" in err
    assert "Traceback" not in out + err


def test_a_bad_rules_directory_exits_2(tmp_path: Path) -> None:
    code, _, err = _run(str(SPECS / "h20.yaml"), "--rules", str(tmp_path / "none"))
    assert code == 2
    assert "Traceback" not in err
