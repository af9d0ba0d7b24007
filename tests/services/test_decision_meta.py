"""The decision record: input hash, metadata, and the committed JSON Schema."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest
import yaml

from clearance.services.clearing import check_shipment
from clearance.services.decision_meta import DecisionMeta, input_hash, snapshot_ids
from clearance.services.decision_view import decision_dict
from clearance.services.ruleset import bundled_ruleset
from clearance.services.shipment_file import load_shipment

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs/schemas/decision.schema.json").read_text(encoding="utf-8"))
SHIPMENT = ROOT / "examples/h200-2026/shipments/alibaba-h200.yaml"


def test_the_same_input_in_yaml_and_json_hashes_the_same(tmp_path: Path) -> None:
    as_json = tmp_path / "alibaba-h200.json"
    data = yaml.safe_load(SHIPMENT.read_text(encoding="utf-8"))
    for line in data["lines"]:
        line["item"] = str((SHIPMENT.parent / line["item"]).resolve())
    as_json.write_text(json.dumps(data, default=str), encoding="utf-8")
    first, second = load_shipment(SHIPMENT), load_shipment(as_json)
    assert input_hash(first, [], None, True) == input_hash(second, [], None, True)


def test_the_hash_changes_with_what_the_engine_is_given() -> None:
    shipment = load_shipment(SHIPMENT)
    base = input_hash(shipment, [], None, True)
    assert input_hash(shipment, [], None, False) != base
    assert input_hash(replace(shipment, to_country="DE"), [], None, True) != base


def test_snapshot_ids() -> None:
    assert snapshot_ids("csl-2026-07-01+sdn-2026-07-02") == ("csl-2026-07-01", "sdn-2026-07-02")
    assert snapshot_ids(None) == ()


def test_a_record_validates_and_the_schema_can_fail() -> None:
    decision = check_shipment(load_shipment(SHIPMENT), [], bundled_ruleset(), None)
    meta = DecisionMeta("a" * 64, ("sample",), datetime(2026, 2, 2, 12, tzinfo=UTC))
    record = decision_dict(decision, meta)
    jsonschema.validate(record, SCHEMA)
    assert record["schema_version"] == "1.0"
    assert record["decided_at"] == "2026-02-02T12:00:00+00:00"
    for broken in (
        {k: v for k, v in record.items() if k != "schema_version"},
        record | {"input_hash": "not a hash"},
        record | {"outcome": "maybe"},
        record | {"requirements": [record["requirements"][0] | {"state": "perhaps"}]},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCHEMA)
