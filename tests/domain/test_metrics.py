"""compute_metrics: TPP is the maximum over precisions of dense rate x bit length; PD = TPP/area."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from clearance.domain.item import BIT_LENGTH, HbmSpec, ItemForm, ItemSpec, Precision
from clearance.domain.metrics import compute_metrics


def _spec(rates: dict[Precision, float], **kw: Any) -> ItemSpec:
    return ItemSpec(
        name="test", vendor="test", form=ItemForm.IC, datacenter=True, rates=rates, **kw
    )


def test_h200_tpp_and_pd() -> None:
    m = compute_metrics(
        _spec(
            {Precision.FP8: 1979, Precision.FP16: 989.5, Precision.INT8: 1979},
            applicable_die_area_mm2=814,
        )
    )
    assert m.tpp == 15832
    assert m.pd is not None
    assert round(m.pd, 2) == 19.45
    assert m.working[-1].startswith("PD = 15832 / 814 mm2 = 19.449")


def test_the_precision_that_maximises_tpp_is_taken() -> None:
    # FP16 312 x 16 = 4992 beats INT4 1000 x 4 = 4000 and FP64 19.5 x 64 = 1248.
    m = compute_metrics(_spec({Precision.FP64: 19.5, Precision.FP16: 312, Precision.INT4: 1000}))
    assert m.tpp == 4992
    assert m.tpp_precision is Precision.FP16


def test_pd_needs_the_die_area() -> None:
    m = compute_metrics(_spec({Precision.FP8: 250}))
    assert m.tpp == 2000
    assert m.pd is None


def test_memory_bandwidth_density() -> None:
    m = compute_metrics(_spec({}, hbm=HbmSpec(bandwidth_gbs=1200, package_area_mm2=110)))
    assert m.tpp is None
    assert m.memory_bandwidth_density == 1200 / 110


def test_working_never_rounds_a_value_onto_a_threshold() -> None:
    m = compute_metrics(_spec({Precision.FP16: 299.9999375}))
    assert m.tpp is not None
    assert m.tpp < 4800
    assert "4800 " not in " ".join(m.working) + " "
    assert "4799.999" in m.working[-1]


rates_strategy = st.dictionaries(
    st.sampled_from(list(Precision)),
    st.floats(min_value=1e-3, max_value=1e6, allow_nan=False, allow_infinity=False),
    min_size=1,
)


@given(rates=rates_strategy, seed=st.integers(0, 2**32 - 1))
def test_tpp_is_the_max_over_precisions_whatever_the_key_order(
    rates: dict[Precision, float], seed: int
) -> None:
    expected = max(rate * BIT_LENGTH[p] for p, rate in rates.items())
    keys = list(rates)
    random.Random(seed).shuffle(keys)
    shuffled = {k: rates[k] for k in keys}
    first, second = compute_metrics(_spec(rates)), compute_metrics(_spec(shuffled))
    assert first.tpp == expected
    assert second.tpp == expected
    assert first.tpp_precision == second.tpp_precision
    assert first.tpp_precision is not None
    assert rates[first.tpp_precision] * BIT_LENGTH[first.tpp_precision] == expected


@given(rates=rates_strategy, area=st.floats(min_value=1, max_value=1e5))
def test_pd_is_tpp_over_area(rates: dict[Precision, float], area: float) -> None:
    m = compute_metrics(_spec(rates, applicable_die_area_mm2=area))
    assert m.tpp is not None
    assert m.pd == m.tpp / area
