"""classify() under the bundled US packs: every threshold, inclusive or exclusive as written."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from clearance.domain.active import active_rules
from clearance.domain.classification import Classification, classify
from clearance.domain.item import HbmSpec, ItemForm, ItemSpec, Precision
from clearance.domain.rule import ClassificationRule
from clearance.services.ruleset import bundled_ruleset

CURRENT = date(2026, 7, 23)
OCT_2022 = date(2023, 6, 1)


def _rule(day: date) -> ClassificationRule | None:
    return active_rules(bundled_ruleset(), day).classifications["US"]


def _spec(
    tpp: float | None = None,
    *,
    area: float | None = None,
    datacenter: bool = True,
    form: ItemForm = ItemForm.IC,
    **kw: Any,
) -> ItemSpec:
    # TPP given directly as an FP8 rate x 8 (2 x MacTOPS x bit length).
    rates = {Precision.FP8: tpp / 8} if tpp is not None else {}
    return ItemSpec(
        name="probe",
        vendor="test",
        form=form,
        datacenter=datacenter,
        rates=rates,
        applicable_die_area_mm2=area,
        **kw,
    )


def _classify(spec: ItemSpec, day: date = CURRENT) -> Classification:
    return classify(spec, _rule(day))


@pytest.mark.parametrize(
    ("tpp", "area", "datacenter", "code", "paragraph"),
    [
        # 3A090.a.1: TPP >= 4800
        (4800, 10_000, True, "3A090.a", "3A090.a.1"),
        (4799.999, 10_000, True, None, None),
        (4799.999, 2_000, True, "3A090.b", "3A090.b.1"),  # PD 2.4: b.1 (TPP < 4800)
        # Note 2: not datacenter and TPP < 4800
        (4800, 10_000, False, "3A090.a", "3A090.a.1"),
        (4799.999, 600, False, None, "Note 2 to 3A090"),  # PD 8: would be a.2 but for Note 2
        # 3A090.a.2: TPP >= 1600 and PD >= 5.92
        (1600, 250, True, "3A090.a", "3A090.a.2"),  # PD 6.4
        (1599.99, 250, True, None, None),
        (2960, 500, True, "3A090.a", "3A090.a.2"),  # PD exactly 5.92
        (2960, 500.001, True, "3A090.b", "3A090.b.1"),  # PD just under 5.92, TPP >= 2400
        (1776, 300, True, "3A090.a", "3A090.a.2"),  # PD exactly 5.92
        (1776, 300.001, True, "3A090.b", "3A090.b.2"),  # PD just under 5.92, TPP < 2400
        # 3A090.b.2: TPP >= 1600 and 3.2 <= PD < 5.92
        (2000, 625, True, "3A090.b", "3A090.b.2"),  # PD exactly 3.2
        (2000, 625.001, True, None, None),
        # 3A090.b.1: 2400 <= TPP < 4800 and 1.6 <= PD < 5.92
        (3200, 2000, True, "3A090.b", "3A090.b.1"),  # PD exactly 1.6
        (3200, 2000.001, True, None, None),
        (2400, 1200, True, "3A090.b", "3A090.b.1"),  # TPP exactly 2400, PD 2
        (2399.99, 1200, True, None, None),
    ],
)
def test_thresholds_as_written(
    tpp: float, area: float, datacenter: bool, code: str | None, paragraph: str | None
) -> None:
    result = _classify(_spec(tpp, area=area, datacenter=datacenter))
    assert result.classified
    assert (result.control_code, result.paragraph) == (code, paragraph), result.observations


def test_exact_boundaries_are_exact_in_floating_point() -> None:
    # The parametrised cases rely on these quotients being exactly the threshold.
    assert 2960 / 500 == 5.92
    assert 1776 / 300 == 5.92
    assert 2000 / 625 == 3.2
    assert 3200 / 2000 == 1.6
    assert 600.0 * 8 == 4800


@pytest.mark.parametrize(
    ("bandwidth", "code", "paragraph"),
    [
        (220, None, "not 3A090.c"),  # exactly 2 GB/s/mm2 is NOT 3A090.c (> 2)
        (220.0001, "3A090.c", "3A090.c"),
        (1200, "3A090.c", "3A090.c"),
    ],
)
def test_hbm_density_is_strictly_greater_than_2(
    bandwidth: float, code: str | None, paragraph: str
) -> None:
    spec = _spec(hbm=HbmSpec(bandwidth_gbs=bandwidth, package_area_mm2=110))
    result = _classify(spec)
    assert (result.control_code, result.paragraph) == (code, paragraph)


def test_hbm_before_3a090c_is_not_3a090() -> None:
    spec = _spec(hbm=HbmSpec(bandwidth_gbs=1200, package_area_mm2=110))
    for day in (OCT_2022, date(2024, 12, 1)):
        result = _classify(spec, day)
        assert result.classified
        assert result.control_code is None
        assert result.paragraph == "not 3A090 (memory stack)"


def test_pd_unknown_in_the_density_band_is_not_classified() -> None:
    result = _classify(_spec(2000))
    assert not result.classified
    assert result.missing == ("pd",)
    assert result.control_code is None


def test_pd_unknown_does_not_matter_above_4800_or_for_consumer_items() -> None:
    assert _classify(_spec(4800)).paragraph == "3A090.a.1"
    assert _classify(_spec(2000, datacenter=False)).paragraph == "Note 2 to 3A090"
    assert _classify(_spec(1000)).classified  # below every TPP floor: PD is irrelevant


def test_nothing_is_classified_before_2022_10_07() -> None:
    assert _rule(date(2022, 10, 6)) is None
    result = _classify(_spec(15832, area=814), date(2022, 10, 6))
    assert result.classified
    assert result.control_code is None
    assert result.rule_id is None


@pytest.mark.parametrize(
    ("io", "code"), [(600, "3A090.a"), (599.99, None), (400, None), (900, "3A090.a")]
)
def test_october_2022_text_needs_600_gbs_io(io: float, code: str | None) -> None:
    result = _classify(_spec(4992, area=826, io_bandwidth_gbs=io), OCT_2022)
    assert result.rule_id == "us.ear.3a090.classification.2022"
    assert result.control_code == code


def test_october_2022_text_tpp_threshold_and_missing_io() -> None:
    assert _classify(_spec(4799.999, io_bandwidth_gbs=900), OCT_2022).control_code is None
    missing = _classify(_spec(4992), OCT_2022)
    assert not missing.classified
    assert missing.missing == ("io_bandwidth_gbs",)


def test_october_2022_text_has_no_consumer_carve_out() -> None:
    result = _classify(_spec(5000, datacenter=False, io_bandwidth_gbs=600), OCT_2022)
    assert result.control_code == "3A090.a"


@pytest.mark.parametrize(
    ("tpp", "area", "form", "code", "ic_code"),
    [
        (15832, 814, ItemForm.BOARD, "4A090.a", "3A090.a"),
        (15832, 814, ItemForm.SERVER, "4A090.a", "3A090.a"),
        (2000, 625, ItemForm.SERVER, "4A090.b", "3A090.b"),
        (2368, 814, ItemForm.BOARD, None, None),
    ],
)
def test_boards_and_servers_map_to_4a090(
    tpp: float, area: float, form: ItemForm, code: str | None, ic_code: str | None
) -> None:
    result = _classify(_spec(tpp, area=area, form=form, ics_per_unit=8))
    assert (result.control_code, result.ic_code) == (code, ic_code)


def test_a_board_of_consumer_ics_excluded_by_note_2_is_not_4a090() -> None:
    result = _classify(_spec(4708, area=609, datacenter=False, form=ItemForm.BOARD))
    assert result.control_code is None
    assert result.paragraph == "Note 2 to 3A090"


def test_evidence_records_each_test() -> None:
    result = _classify(_spec(1936, area=293))
    facts = [(o.fact, o.test, o.result) for o in result.observations]
    assert ("pd", ">= 5.92 TPP/mm2", True) in facts
    assert ("tpp", ">= 4800 TPP", False) in facts
