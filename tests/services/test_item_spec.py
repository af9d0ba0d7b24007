"""The item-spec file format: what loads, and a clear InputError for everything that does not."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from clearance.domain.errors import InputError
from clearance.domain.item import HbmSpec, ItemForm, Precision
from clearance.services.item_spec import (
    item_spec_json_schema,
    load_item_spec,
    parse_item_spec,
    read_document,
)

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = ROOT / "docs" / "schemas" / "item-spec.schema.json"
EXAMPLES = sorted((ROOT / "examples" / "specs").glob("*.yaml"))


def _valid(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "H200 SXM 141GB",
        "vendor": "NVIDIA",
        "form": "ic",
        "datacenter": True,
        "rates": {"fp8": 1979, "fp16": 989.5},
        "applicable_die_area_mm2": 814,
        "dram_bandwidth_gbs": 4800,
        "io_bandwidth_gbs": 900,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not ...}


def _error(data: object) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_item_spec(data, source="spec.yaml")
    return caught.value


def test_a_valid_spec() -> None:
    spec = parse_item_spec(_valid(), source="spec.yaml")
    assert spec.name == "H200 SXM 141GB"
    assert spec.form is ItemForm.IC
    assert spec.rates == {Precision.FP8: 1979.0, Precision.FP16: 989.5}
    assert all(type(v) is float for v in spec.rates.values())
    assert spec.applicable_die_area_mm2 == 814
    assert spec.source == "spec.yaml"


def test_defaults_and_optional_fields() -> None:
    spec = parse_item_spec(
        {"name": "x", "vendor": "y", "datacenter": False, "rates": {"int8": 10}}, source="s"
    )
    assert spec.form is ItemForm.IC
    assert spec.ics_per_unit == 1
    assert spec.applicable_die_area_mm2 is None
    assert spec.hbm is None


def test_an_hbm_stack() -> None:
    data = _valid(rates=..., hbm={"bandwidth_gbs": 1200, "package_area_mm2": 110})
    spec = parse_item_spec(data, source="s")
    assert spec.hbm == HbmSpec(1200, 110)
    assert spec.is_memory_stack


def test_a_board() -> None:
    spec = parse_item_spec(_valid(form="board", ics_per_unit=8), source="s")
    assert spec.form is ItemForm.BOARD
    assert spec.ics_per_unit == 8


def test_names_are_nfc_normalised_and_stripped() -> None:
    spec = parse_item_spec(_valid(name="  Cafe\u0301 Accelerator ", vendor="華為"), source="s")
    assert spec.name == "Caf\u00e9 Accelerator"
    assert spec.vendor == "華為"


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"rates": {"fp9": 100}}, "rates.fp9", "unknown precision 'fp9'"),
        ({"rates": {"FP8": 100}}, "rates.FP8", "lower case: 'fp8'"),
        ({"rates": {"fp8_sparse": 3958}}, "rates.fp8_sparse", "dense rate"),
        ({"rates": {"fp8": "1979"}}, "rates.fp8", "must be a number (got '1979')"),
        ({"rates": {"fp8": "lots"}}, "rates.fp8", "must be a number"),
        ({"rates": {"fp8": True}}, "rates.fp8", "not a boolean"),
        ({"rates": {"fp8": None}}, "rates.fp8", "must be a number"),
        ({"rates": {"fp8": -1979}}, "rates.fp8", "greater than 0 (got -1979)"),
        ({"rates": {"fp8": 0}}, "rates.fp8", "greater than 0"),
        ({"rates": {"fp8": float("nan")}}, "rates.fp8", "finite"),
        ({"rates": {"fp8": float("inf")}}, "rates.fp8", "finite"),
        ({"rates": {"fp8": 2e7}}, "rates.fp8", "less than or equal to 10000000"),
        ({"rates": {"fp8": [1979]}}, "rates.fp8", "must be a number"),
        ({"rates": []}, "rates", "dictionary"),
        ({"applicable_die_area_mm2": 0}, "applicable_die_area_mm2", "greater than 0"),
        ({"applicable_die_area_mm2": 1e6}, "applicable_die_area_mm2", "less than or equal"),
        ({"applicable_die_area_mm2": False}, "applicable_die_area_mm2", "not a boolean"),
        ({"dram_bandwidth_gbs": -5}, "dram_bandwidth_gbs", "greater than 0"),
        ({"io_bandwidth_gbs": "900 GB/s"}, "io_bandwidth_gbs", "must be a number"),
        ({"datacenter": "yes"}, "datacenter", "must be true or false (got 'yes')"),
        ({"datacenter": 1}, "datacenter", "must be true or false"),
        ({"datacenter": ...}, "datacenter", "required field is missing"),
        ({"name": ...}, "name", "required field is missing"),
        ({"name": ""}, "name", "must not be empty"),
        ({"name": "   "}, "name", "must not be empty"),
        ({"name": 42}, "name", "string"),
        ({"name": "H200\x00"}, "name", "U+0000"),
        ({"name": "H200\nSXM"}, "name", "U+000A"),
        ({"vendor": "NVIDIA\u202e"}, "vendor", "U+202E"),
        ({"name": "x" * 201}, "name", "at most 200"),
        ({"form": "chip"}, "form", "'ic', 'board' or 'server'"),
        ({"ics_per_unit": 8}, None, "ics_per_unit is for a board or server"),
        ({"form": "board", "ics_per_unit": 0}, "ics_per_unit", "greater than or equal to 1"),
        ({"form": "board", "ics_per_unit": 2.5}, "ics_per_unit", "must be a number"),
        ({"form": "server"}, None, "a server states ics_per_unit: how many controlled ICs"),
        ({"tpp": 15832}, "tpp", "unknown field"),
        ({"rates": {}}, None, "at least one dense rate"),
        ({"hbm": {"bandwidth_gbs": 1200, "package_area_mm2": 110}}, None, "no processing rates"),
        ({"rates": ..., "hbm": {"bandwidth_gbs": 1200}}, "hbm.package_area_mm2", "missing"),
        (
            {"rates": ..., "hbm": {"bandwidth_gbs": 1, "package_area_mm2": -1}},
            "hbm.package_area_mm2",
            "greater than 0",
        ),
    ],
)
def test_bad_fields_name_the_file_the_field_and_the_value(
    changes: dict[str, Any], field: str | None, fragment: str
) -> None:
    error = _error(_valid(**changes))
    assert error.source == "spec.yaml"
    assert error.field == field
    assert fragment in error.detail, error.detail
    assert str(error).startswith("spec.yaml: ")


def test_several_problems_are_all_named() -> None:
    error = _error(_valid(rates={"fp9": 1, "fp8": -1}, datacenter="no"))
    assert "also check:" in error.detail


def test_a_spec_must_be_a_mapping() -> None:
    assert "mapping" in _error(["name", "x"]).detail
    assert "mapping" in _error("H200").detail


# --- read_document -------------------------------------------------------------------------


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _read_error(path: Path, **kw: Any) -> InputError:
    with pytest.raises(InputError) as caught:
        read_document(path, **kw)
    assert caught.value.source is not None
    assert str(path) in caught.value.source
    return caught.value


def test_reads_yaml_and_json(tmp_path: Path) -> None:
    data = _valid()
    assert read_document(_write(tmp_path, "a.json", json.dumps(data))) == data
    yaml_text = "name: H200\nvendor: NVIDIA\ndatacenter: true\nrates: {fp8: 1979}\n"
    assert read_document(_write(tmp_path, "a.yaml", yaml_text))["rates"] == {"fp8": 1979}
    # no known extension: YAML (which also reads JSON)
    assert read_document(_write(tmp_path, "spec", json.dumps(data))) == data


def test_yaml_exponent_floats_are_numbers(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.yaml", "rates: {fp8: 1.979e3, int8: 2e3, fp16: 9.895E+2}\n")
    assert read_document(path) == {"rates": {"fp8": 1979.0, "int8": 2000.0, "fp16": 989.5}}


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    assert read_document(_write(tmp_path, "a.yaml", b"\xef\xbb\xbfname: x\n")) == {"name": "x"}


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in _read_error(tmp_path / "nope.yaml").detail


def test_directory(tmp_path: Path) -> None:
    assert "directory" in _read_error(tmp_path).detail


def test_a_huge_file_fails_fast_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # sparse: 100 MB on paper, nothing on disk
        handle.seek(100 * 1024 * 1024 - 1)
        handle.write(b"\0")
    start = time.perf_counter()
    error = _read_error(path)
    assert time.perf_counter() - start < 0.5
    assert "104,857,600 bytes" in error.detail
    assert "5,000,000" in error.detail


def test_the_size_limit_is_configurable(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.yaml", "name: " + "x" * 100 + "\n")
    assert "limit" in _read_error(path, max_bytes=50).detail


def test_non_utf8_names_the_line(tmp_path: Path) -> None:
    error = _read_error(_write(tmp_path, "a.yaml", b"name: x\nvendor: \xff\xfe\n"))
    assert "not UTF-8" in error.detail
    assert error.source is not None
    assert error.source.endswith(", line 2")


@pytest.mark.parametrize(
    ("name", "content", "fragment", "line"),
    [
        ("a.yaml", "name: x\nrates: {fp8: 3\n", "not valid YAML", 3),
        ("a.yaml", "name: x\n  bad: indent\n", "not valid YAML", 2),
        ("a.yaml", "name: x\n---\nname: y\n", "single document", 2),
        ("a.yaml", "name: x\nvendor: y\nname: z\n", "duplicate key 'name'", 3),
        ("a.yaml", "rates:\n  fp8: 1\n  fp8: 2\n", "duplicate key 'fp8'", 3),
        ("a.json", '{"name": "x",\n "rates": {"fp8": 3,}}', "not valid JSON", 2),
        ("a.json", '{"name": "x", "name": "y"}', "duplicate key 'name'", None),
        ("a.json", "[" * 100_000 + "]" * 100_000, "not valid JSON", None),
    ],
)
def test_malformed_documents(
    tmp_path: Path, name: str, content: str, fragment: str, line: int | None
) -> None:
    error = _read_error(_write(tmp_path, name, content))
    assert fragment in error.detail, error.detail
    if line is not None:
        assert error.source is not None
        assert error.source.endswith(f", line {line}")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("", "empty"),
        ("# just a comment\n", "empty"),
        ("- a\n- b\n", "not a list"),
        ("just text\n", "not text"),
        ("42\n", "not a number"),
    ],
)
def test_the_top_level_must_be_a_mapping(tmp_path: Path, content: str, fragment: str) -> None:
    assert fragment in _read_error(_write(tmp_path, "a.yaml", content)).detail


def test_a_top_level_list_when_the_caller_allows_it(tmp_path: Path) -> None:
    assert read_document(_write(tmp_path, "a.yaml", "- a\n"), allow_list=True) == ["a"]


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    deep = "a: " + "[" * 100 + "]" * 100 + "\n"
    assert "nested" in _read_error(_write(tmp_path, "a.yaml", deep)).detail


def test_an_alias_bomb_stays_cheap(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    start = time.perf_counter()
    data = read_document(_write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n"))
    assert time.perf_counter() - start < 2
    with pytest.raises(InputError):
        parse_item_spec(data, source="bomb.yaml")


def test_load_item_spec_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.yaml", "name: x\nvendor: y\ndatacenter: true\nrates: {fp9: 3}\n")
    with pytest.raises(InputError) as caught:
        load_item_spec(path)
    assert caught.value.source == str(path)
    assert caught.value.field == "rates.fp9"


# --- the examples and the JSON Schema ------------------------------------------------------


def test_the_committed_schema_is_the_generated_one() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == item_spec_json_schema(), (
        "regenerate: python -c 'from clearance.services.item_spec import "
        "write_item_spec_json_schema as w; w()'"
    )


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(item_spec_json_schema())


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_loads_and_matches_the_schema(path: Path) -> None:
    spec = load_item_spec(path)
    assert spec.source == str(path)
    jsonschema.validate(read_document(path), item_spec_json_schema())


def test_the_schema_rejects_what_the_loader_rejects() -> None:
    schema = item_spec_json_schema()
    for bad in (
        _valid(rates={"fp9": 1}),
        _valid(rates={"fp8": -1}),
        _valid(rates={"fp8": True}),
        _valid(datacenter="yes"),
        _valid(extra=1),
        _valid(datacenter=...),
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
