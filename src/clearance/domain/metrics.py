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
        working.append(
            f"TPP[{precision}] = {_num(rate)} x {BIT_LENGTH[precision]} = {_num(candidate)}"
        )
        if tpp is None or candidate > tpp:
            tpp, best = candidate, precision
    if tpp is not None:
        working.append(f"TPP = max = {_num(tpp)} ({best})")
    pd: float | None = None
    if tpp is not None and spec.applicable_die_area_mm2:
        pd = tpp / spec.applicable_die_area_mm2
        area = spec.applicable_die_area_mm2
        working.append(f"PD = {_num(tpp)} / {_num(area)} mm2 = {_num(pd)}")
    density: float | None = None
    if spec.hbm is not None:
        density = spec.hbm.bandwidth_gbs / spec.hbm.package_area_mm2
        working.append(
            f"memory bandwidth density = {_num(spec.hbm.bandwidth_gbs)} GB/s / "
            f"{_num(spec.hbm.package_area_mm2)} mm2 = {_num(density)} GB/s/mm2"
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


def _num(value: float) -> str:
    """Enough digits that a value just under a threshold never prints as the threshold itself
    (`:g` shows 4799.999 as 4800), without float noise (20919.199999999997 -> 20919.2)."""
    return f"{value:.12g}"
