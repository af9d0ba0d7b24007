"""Golden classification cases: an example spec and a date in, control code and figures out.

Each file in `classification/` names a spec under examples/specs/ and the BRIEF §2.7 row it
reproduces. A second test cross-checks the cases against products.csv when the shared domain
data is present.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from clearance.services.classify import classify_item
from clearance.services.item_spec import load_item_spec
from clearance.services.ruleset import bundled_ruleset

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted((Path(__file__).parent / "classification").glob("*.yaml"))
PRODUCTS_CSV = ROOT.parent / "shared" / "domain" / "products.csv"
CURRENT = date(2026, 7, 23)  # the newest eCFR snapshot the BRIEF covers


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _cases() -> list[Any]:
    params = []
    for path in CASES:
        golden = _load(path)
        for case in golden["cases"]:
            params.append(
                pytest.param(golden["spec"], case, id=f"{path.stem}@{case['as_of'].isoformat()}")
            )
    return params


@pytest.mark.parametrize(("spec_path", "case"), _cases())
def test_golden_classification(spec_path: str, case: dict[str, Any]) -> None:
    report = classify_item(load_item_spec(ROOT / spec_path), case["as_of"], bundled_ruleset())
    summary = f"{report.control_code} {report.paragraph} {report.missing} {report.notes}"
    assert report.classified is case.get("classified", True), summary
    assert list(report.missing) == case.get("missing", []), summary
    assert report.control_code == case["control_code"], summary
    assert report.paragraph == case["paragraph"], summary
    if case["tpp"] is None:
        assert report.tpp is None
    else:
        assert report.tpp == pytest.approx(case["tpp"], abs=1)
    if case["pd"] is None:
        assert report.pd is None
    else:
        assert report.pd is not None
        assert round(report.pd, 2) == case["pd"]
    for fragment in case.get("notes_contain", []):
        assert any(fragment in note for note in report.notes), report.notes


def test_every_example_spec_has_a_golden_case() -> None:
    used = {_load(path)["spec"] for path in CASES}
    examples = {f"examples/specs/{p.name}" for p in (ROOT / "examples" / "specs").glob("*.yaml")}
    assert examples == used


def _csv_paragraph(text: str) -> tuple[str | None, str | None]:
    if text.startswith("not 3A090"):
        return None, None
    match = re.match(r"(3A090\.[abc])[^(]*\((a\.[12]|b\.[12])", text)
    assert match, text
    return match.group(1), f"3A090.{match.group(2)}"


@pytest.mark.shared_data
@pytest.mark.skipif(not PRODUCTS_CSV.exists(), reason="shared domain data not present")
def test_golden_cases_cover_products_csv() -> None:
    """Every product with figures has a golden case that agrees with products.csv.

    TPP within 0.05% (the RTX 4090's 5,286 is a reported figure; 660.6 x 8 = 5,284.8) and PD
    within 0.01 (the L4's 6.6 is reported to one decimal; 1936 / 293 = 6.61).
    """
    current = {}
    for path in CASES:
        golden = _load(path)
        current[golden["product"]] = next(c for c in golden["cases"] if c["as_of"] == CURRENT)
    with PRODUCTS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["tpp"]]
    assert len(rows) == 17
    for row in rows:
        case = current.get(row["model"])
        assert case is not None, f"no golden case for {row['model']}"
        assert case["tpp"] == pytest.approx(float(row["tpp"]), rel=5e-4), row["model"]
        assert case["pd"] == pytest.approx(float(row["pd"]), abs=0.0101), row["model"]
        code, paragraph = _csv_paragraph(row["eccn_computed_current"])
        assert case["control_code"] == code, row["model"]
        if code is not None:
            assert case["paragraph"] == paragraph, row["model"]
