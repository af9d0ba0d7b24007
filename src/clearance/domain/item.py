"""Item specifications: the datasheet figures classification needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Precision(StrEnum):
    INT4 = "int4"
    FP4 = "fp4"
    INT8 = "int8"
    FP8 = "fp8"
    FP16 = "fp16"
    BF16 = "bf16"
    TF32 = "tf32"
    FP32 = "fp32"
    FP64 = "fp64"


# Bit length of the multiply's inputs (3A090 Technical Note). TF32 is counted as 32 bits: the
# BRIEF (§2.1 note 5) leaves 32 vs 19 open; in practice TF32 never gives the maximum TPP.
BIT_LENGTH: dict[Precision, int] = {
    Precision.INT4: 4,
    Precision.FP4: 4,
    Precision.INT8: 8,
    Precision.FP8: 8,
    Precision.FP16: 16,
    Precision.BF16: 16,
    Precision.TF32: 32,
    Precision.FP32: 32,
    Precision.FP64: 64,
}


class ItemForm(StrEnum):
    IC = "ic"  # an integrated circuit (GPU, TPU, ASIC, ...)
    BOARD = "board"  # an electronic assembly containing ICs (e.g. an HGX board)
    SERVER = "server"  # a computer containing ICs


@dataclass(frozen=True, slots=True)
class HbmSpec:
    """A high-bandwidth-memory stack (3A090.c): bandwidth and package/stack area."""

    bandwidth_gbs: float
    package_area_mm2: float


@dataclass(frozen=True, slots=True)
class ItemSpec:
    """Dense (never sparse) peak rates from the datasheet, in TOPS/TFLOPS, per precision."""

    name: str
    vendor: str
    form: ItemForm
    datacenter: bool
    rates: dict[Precision, float] = field(default_factory=dict)
    applicable_die_area_mm2: float | None = None
    dram_bandwidth_gbs: float | None = None
    io_bandwidth_gbs: float | None = None
    hbm: HbmSpec | None = None
    ics_per_unit: int = 1
    source: str | None = None  # where the spec came from (file path or "inline")
    # codes the user declared in the item master, by classifying jurisdiction: (("US", "3A991"),)
    declared: tuple[tuple[str, str], ...] = ()

    @property
    def is_memory_stack(self) -> bool:
        return self.hbm is not None


def spec_key(spec: ItemSpec) -> tuple[object, ...]:
    """A hashable key of everything classification depends on."""
    return (
        spec.name,
        spec.vendor,
        spec.form,
        spec.datacenter,
        tuple(sorted(spec.rates.items())),
        spec.applicable_die_area_mm2,
        spec.dram_bandwidth_gbs,
        spec.io_bandwidth_gbs,
        spec.hbm,
        spec.ics_per_unit,
    )
