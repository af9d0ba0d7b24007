"""The item-spec file format (YAML or JSON) -> domain ItemSpec, with clear errors.

One file describes one item: an IC (GPU, accelerator, ASIC), a board or server that contains
such ICs, or an HBM memory stack. Rates are the datasheet's *dense* peak rates (never the sparse
figure), in TOPS or TFLOPS, per precision. See docs/item-spec.md.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from clearance.domain.errors import InputError
from clearance.domain.item import HbmSpec, ItemForm, ItemSpec, Precision
from clearance.rules.file_errors import first_error, short

from .document import read_document

__all__ = [
    "ItemSpecFile",
    "item_spec_json_schema",
    "load_item_spec",
    "parse_item_spec",
    "read_document",
    "write_item_spec_json_schema",
]

SCHEMA_PATH = Path("docs/schemas/item-spec.schema.json")  # relative to the repository root
MAX_RATE = 1e7  # TOPS/TFLOPS; ten million is far beyond any IC: a typo or a unit slip
MAX_AREA_MM2 = 100_000.0  # more than a whole 300 mm wafer (about 70,700 mm2)
MAX_BANDWIDTH_GBS = 1e7  # GB/s
PRECISIONS = tuple(p.value for p in Precision)

# Bidirectional-text controls can make a name display as something else (Trojan Source).
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def _clean(value: str, allowed: str = "") -> str:
    value = unicodedata.normalize("NFC", value).strip()
    for char in value:
        if char in allowed:
            continue
        if unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") or char in _BIDI:
            raise ValueError(f"contains a control or unassigned character U+{ord(char):04X}")
    if not value:
        raise ValueError("must not be empty")
    return value


def _clean_name(value: str) -> str:
    return _clean(value)


def _clean_text(value: str) -> str:
    return _clean(value, allowed="\n\t")


Name = Annotated[str, StringConstraints(strict=True, max_length=200), AfterValidator(_clean_name)]
Note = Annotated[str, StringConstraints(strict=True, max_length=2000), AfterValidator(_clean_text)]
Rate = Annotated[
    float,
    Field(strict=True, gt=0, le=MAX_RATE, allow_inf_nan=False, description="dense TOPS/TFLOPS"),
]
Area = Annotated[float, Field(strict=True, gt=0, le=MAX_AREA_MM2, allow_inf_nan=False)]
Bandwidth = Annotated[float, Field(strict=True, gt=0, le=MAX_BANDWIDTH_GBS, allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HbmFile(_Strict):
    """A high-bandwidth-memory stack or packaged DRAM device (3A090.c)."""

    bandwidth_gbs: Bandwidth = Field(description="memory bandwidth of the stack/package, GB/s")
    package_area_mm2: Area = Field(description="package (or stack) area, mm2")


class ItemSpecFile(_Strict):
    """One item: an IC, a board or server containing ICs, or an HBM stack."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="Clearance item spec",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    name: Name = Field(description="product name, e.g. 'H200 SXM 141GB'")
    vendor: Name = Field(description="manufacturer, e.g. 'NVIDIA'")
    form: ItemForm = Field(
        ItemForm.IC, description="ic, or a board/server containing ICs (classified under 4A090)"
    )
    datacenter: bool = Field(
        strict=True, description="designed or marketed for use in datacenters (Note 2 to 3A090)"
    )
    rates: dict[Precision, Rate] = Field(
        default_factory=dict,
        description="dense (never sparse) peak rate per precision, TOPS or TFLOPS",
    )
    applicable_die_area_mm2: Area | None = Field(
        None, description="sum of the non-planar (FinFET/GAA) logic dies, mm2; needed for PD"
    )
    dram_bandwidth_gbs: Bandwidth | None = Field(None, description="peak DRAM bandwidth, GB/s")
    io_bandwidth_gbs: Bandwidth | None = Field(
        None,
        description="aggregate bidirectional I/O to ICs other than volatile memory, GB/s "
        "(the October 2022 text tests it)",
    )
    hbm: HbmFile | None = Field(None, description="only for a memory stack (3A090.c)")
    ics_per_unit: int | None = Field(
        None,
        strict=True,
        ge=1,
        le=100_000,
        description="controlled ICs in one board or server (required for them; an ic has 1)",
    )
    datasheet: Note | None = Field(None, description="where the figures come from")
    notes: Note | None = Field(None, description="free text for the reader")

    @model_validator(mode="after")
    def _consistent(self) -> ItemSpecFile:
        if self.hbm is not None:
            if self.rates:
                raise ValueError(
                    "hbm describes a memory stack, which has no processing rates; a processor "
                    "with HBM gives rates and dram_bandwidth_gbs instead"
                )
            if self.form != "ic":
                raise ValueError("an hbm memory stack has form 'ic'")
        elif not self.rates:
            raise ValueError("give at least one dense rate in rates (or hbm for a memory stack)")
        if self.form == "ic" and self.ics_per_unit not in (None, 1):
            raise ValueError("ics_per_unit is for a board or server; an ic has 1")
        if self.form != "ic" and self.ics_per_unit is None:
            raise ValueError(
                f"a {self.form} states ics_per_unit: how many controlled ICs one unit holds"
            )
        return self


def parse_item_spec(data: object, *, source: str) -> ItemSpec:
    """An ItemSpec from an already-parsed mapping (a file, or an inline spec in a shipment)."""
    if not isinstance(data, dict):
        raise InputError("an item spec must be a mapping of fields", source=source)
    try:
        model = ItemSpecFile.model_validate(data)
    except ValidationError as exc:
        field, message = first_error(exc, _key_hint)
        raise InputError(message, source=source, field=field) from None
    return to_item_spec(model, source=source)


def load_item_spec(path: Path) -> ItemSpec:
    return parse_item_spec(read_document(path), source=str(path))


def to_item_spec(model: ItemSpecFile, *, source: str | None = None) -> ItemSpec:
    return ItemSpec(
        name=model.name,
        vendor=model.vendor,
        form=ItemForm(model.form),
        datacenter=model.datacenter,
        rates={Precision(key): float(rate) for key, rate in model.rates.items()},
        applicable_die_area_mm2=model.applicable_die_area_mm2,
        dram_bandwidth_gbs=model.dram_bandwidth_gbs,
        io_bandwidth_gbs=model.io_bandwidth_gbs,
        hbm=(
            HbmSpec(model.hbm.bandwidth_gbs, model.hbm.package_area_mm2)
            if model.hbm is not None
            else None
        ),
        ics_per_unit=model.ics_per_unit or 1,
        source=source,
    )


def item_spec_json_schema() -> dict[str, Any]:
    """The JSON Schema of the format, as committed in docs/schemas/item-spec.schema.json."""
    schema = ItemSpecFile.model_json_schema()
    return {"$schema": schema.pop("$schema"), **schema}


def write_item_spec_json_schema(path: Path = SCHEMA_PATH) -> None:
    """Regenerate the committed schema file (run after changing ItemSpecFile)."""
    text = json.dumps(item_spec_json_schema(), indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")


def _key_hint(field: str, key: object) -> str:
    return (
        _unknown_precision(key) if field.split(".")[0] == "rates" else f"unknown key {short(key)}"
    )


def _unknown_precision(value: object) -> str:
    hint = ""
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in PRECISIONS:
            hint = f"; precision keys are lower case: {lowered!r}"
        elif "sparse" in lowered or "dense" in lowered:
            hint = "; give the dense rate under the plain precision key"
    return f"unknown precision {short(value)} (expected one of {', '.join(PRECISIONS)}){hint}"
