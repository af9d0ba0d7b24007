"""The classify form: datasheet figures typed in a browser -> an item spec -> the report."""

from __future__ import annotations

from datetime import date
from typing import Any

from clearance.domain.errors import ClearanceError
from clearance.domain.rule import RuleSet
from clearance.services.classify import classify_item, report_to_dict
from clearance.services.item_spec import parse_item_spec

RATE_FIELDS = ("fp4", "int4", "fp8", "int8", "fp16", "bf16", "tf32", "fp32", "fp64")
NUMBER_FIELDS = ("applicable_die_area_mm2", "dram_bandwidth_gbs", "io_bandwidth_gbs")


def _number(text: str, field: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ClearanceError(f"{field}: not a number: {text!r}") from None


def spec_from_form(form: dict[str, str]) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "name": form.get("name", "").strip(),
        "vendor": form.get("vendor", "").strip(),
        "form": form.get("form", "ic") or "ic",
        "datacenter": form.get("datacenter") == "on",
        "rates": {},
    }
    for rate in RATE_FIELDS:
        if form.get(rate, "").strip():
            spec["rates"][rate] = _number(form[rate].strip(), rate)
    for field in NUMBER_FIELDS:
        if form.get(field, "").strip():
            spec[field] = _number(form[field].strip(), field)
    if form.get("ics_per_unit", "").strip():
        spec["ics_per_unit"] = int(_number(form["ics_per_unit"], "ics_per_unit"))
    return spec


def classify_form(
    form: dict[str, str], ruleset: RuleSet
) -> tuple[dict[str, Any] | None, str | None]:
    """(report as a dict, None) or (None, the one error line naming the field)."""
    try:
        day = date.fromisoformat(form["as_of"]) if form.get("as_of") else date.today()
    except ValueError:
        return None, f"as_of: not a date (YYYY-MM-DD): {form.get('as_of')!r}"
    try:
        spec = parse_item_spec(spec_from_form(form), source="form")
        return report_to_dict(classify_item(spec, day, ruleset)), None
    except ClearanceError as exc:
        return None, str(exc)
