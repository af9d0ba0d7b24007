"""Technical metrics from an item spec: TPP, performance density, memory bandwidth density."""

from __future__ import annotations

from dataclasses import dataclass

from .item import BIT_LENGTH, ItemSpec, Precision


@dataclass(frozen=True, slots=True)
class Metrics:
    """Computed figures, unrounded. `None` means the spec lacks what the metric needs."""

    tpp: float | None
    tpp_precision: Precision | None
    pd: float | None
    dram_bandwidth_gbs: float | None
    io_bandwidth_gbs: float | None
    memory_bandwidth_density: float | None
    working: tuple[str, ...]  # the computation, step by step, for the explanation

    def value(self, name: str) -> float | None:
        return {
            "tpp": self.tpp,
            "pd": self.pd,
            "dram_bandwidth_gbs": self.dram_bandwidth_gbs,
            "io_bandwidth_gbs": self.io_bandwidth_gbs,
            "memory_bandwidth_density": self.memory_bandwidth_density,
        }[name]


METRIC_UNITS: dict[str, str] = {
    "tpp": "TPP",
    "pd": "TPP/mm2",
    "dram_bandwidth_gbs": "GB/s",
    "io_bandwidth_gbs": "GB/s",
    "memory_bandwidth_density": "GB/s/mm2",
}


def compute_metrics(spec: ItemSpec) -> Metrics:
    """TPP = max over precisions of (dense rate x bit length); PD = TPP / applicable die area.

    The datasheet dense rate at precision p equals 2 x MacTOPS(p), so TPP_p = rate_p x bitlen(p)
    (3A090 Technical Note). The precision that maximises TPP is taken; ties keep the precision
    listed first in `Precision` order, so the result does not depend on the spec's key order.
    """
    working: list[str] = []
    tpp: float | None = None
    best: Precision | None = None
    for precision in Precision:
        rate = spec.rates.get(precision)
        if rate is None:
            continue
        candidate = rate * BIT_LENGTH[precision]
        working.append(f"TPP[{precision}] = {rate:g} x {BIT_LENGTH[precision]} = {candidate:g}")
        if tpp is None or candidate > tpp:
            tpp, best = candidate, precision
    if tpp is not None:
        working.append(f"TPP = max = {tpp:g} ({best})")
    pd: float | None = None
    if tpp is not None and spec.applicable_die_area_mm2:
        pd = tpp / spec.applicable_die_area_mm2
        working.append(f"PD = {tpp:g} / {spec.applicable_die_area_mm2:g} mm2 = {pd:.4f}")
    density: float | None = None
    if spec.hbm is not None:
        density = spec.hbm.bandwidth_gbs / spec.hbm.package_area_mm2
        working.append(
            f"memory bandwidth density = {spec.hbm.bandwidth_gbs:g} GB/s / "
            f"{spec.hbm.package_area_mm2:g} mm2 = {density:.4f} GB/s/mm2"
        )
    return Metrics(
        tpp=tpp,
        tpp_precision=best,
        pd=pd,
        dram_bandwidth_gbs=spec.dram_bandwidth_gbs,
        io_bandwidth_gbs=spec.io_bandwidth_gbs,
        memory_bandwidth_density=density,
        working=tuple(working),
    )
