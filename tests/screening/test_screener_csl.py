"""On the real 2026 CSL (skipped without the shared data): scripts and known parties."""

from __future__ import annotations

import pytest

from clearance.screening import Screener

pytestmark = pytest.mark.shared_data


def names_hit(screener: Screener, query: str, **kwargs: object) -> list[str]:
    return [h.name for h in screener.screen(query, **kwargs)]  # type: ignore[arg-type]


def test_chinese_characters_find_sophgo(csl_screener: Screener) -> None:
    assert "Sophgo Technologies Ltd." in names_hit(csl_screener, "北京算能科技有限公司")
    assert "Beijing Zhipu Huazhang Technology Co., Ltd." in names_hit(
        csl_screener, "北京智谱华章科技有限公司"
    )


def test_cyrillic_finds_rotenberg(csl_screener: Screener) -> None:
    assert names_hit(csl_screener, "Ротенберг Аркадий Романович")[0] == (
        "ROTENBERG, Arkady Romanovich"
    )


def test_legal_form_in_russian_finds_the_entity(csl_screener: Screener) -> None:
    assert "Tactical Missiles Corporation JSC" in names_hit(
        csl_screener, "Акционерное общество Tactical Missiles Corporation"
    )


def test_the_h200_buyers_are_not_listed(csl_screener: Screener) -> None:
    for buyer in ("ByteDance Ltd.", "Alibaba Group Holding Limited", "Tencent Holdings Ltd."):
        assert csl_screener.screen(buyer) == [], buyer
