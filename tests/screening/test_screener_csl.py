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


def test_bout_is_found_across_romanisations(csl_screener: Screener) -> None:
    hits = csl_screener.screen("Viktor Anatolyevich Bout")
    assert hits[0].name == "BOUT, Viktor Anatolijevitch"
    assert hits[0].score >= 0.75


def test_a_huawei_subsidiary_with_a_place_and_a_legal_form_alerts(csl_screener: Screener) -> None:
    hits = csl_screener.screen("Huawei Technologies Malaysia Sdn. Bhd.")
    assert hits
    assert hits[0].score >= 0.75
    assert "huawei" in hits[0].name.lower()
    assert "listed_name_inside" in {f.name for f in hits[0].features}


@pytest.mark.parametrize(
    "issuer",
    ["DNOW Inc.", "NIKE, Inc.", "Liberty Global Ltd.", "TREX CO INC", "STEPAN CO"],
)
def test_sec_issuers_that_collided_with_one_word_list_names_no_longer_alert(
    csl_screener: Screener, issuer: str
) -> None:
    assert csl_screener.screen(issuer) == [], issuer


def test_exact_matches_on_short_list_names_are_not_distinctive(csl_screener: Screener) -> None:
    from clearance.screening.background import distinctive_name

    for name in ("AGI Inc", "DOVER Corp", "Opera Ltd"):
        (hit, *_) = csl_screener.screen(name)
        assert not distinctive_name(hit.matched_name), hit.matched_name
    (sophgo, *_) = csl_screener.screen("Sophgo Technologies Ltd.")
    assert distinctive_name(sophgo.matched_name)
