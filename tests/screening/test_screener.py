"""The screener on the bundled sample list: scripts, qualifiers, explanations, batch API."""

from __future__ import annotations

import pytest

from clearance.domain.listing import EntryType
from clearance.screening import DEFAULT_THRESHOLD, Screener, ScreeningQuery
from clearance.screening.sample_list import SAMPLE_ENTRIES


def keys(screener: Screener, name: str, **kwargs: object) -> list[str]:
    return [hit.key for hit in screener.screen(name, **kwargs)]  # type: ignore[arg-type]


def test_sample_list_is_the_entity_list_as_published() -> None:
    assert len(SAMPLE_ENTRIES) >= 30
    assert len({entry.key for entry in SAMPLE_ENTRIES}) == len(SAMPLE_ENTRIES)
    for entry in SAMPLE_ENTRIES:
        assert entry.source_list == "EL"
        assert entry.federal_register_notice
        assert "FR" in entry.federal_register_notice
        assert entry.license_requirement
        assert "EAR" in entry.license_requirement
        assert entry.license_policy


def test_chinese_characters_find_sophgo(sample_screener: Screener) -> None:
    (hit, *_) = sample_screener.screen("北京算能科技有限公司", country="CN")
    assert hit.key == "EL:sophgo-technologies-ltd"
    assert hit.matched_name == "Beijing Suanneng Technology Co., Ltd"
    assert hit.score == 1.0
    assert hit.policy_is_denial
    assert hit.federal_register_notice == "90 FR 4621"
    named = {feature.name: feature for feature in hit.features}
    assert "han" in named["transliteration"].detail
    assert named["country"].score == 1.0


def test_cyrillic_finds_its_entry(sample_screener: Screener) -> None:
    assert keys(sample_screener, "Ротенберг Аркадий Романович")[:1] == ["SDN:rotenberg"]
    assert keys(sample_screener, "ООО «Ромашка»")[:1] == ["SDN:ooo-romashka"]


def test_diacritics_find_their_entry(sample_screener: Screener) -> None:
    assert keys(sample_screener, "ERDOGAN DENIZCILIK A.S.")[:1] == ["SDN:erdogan-shipping"]
    costa_rica = "Huawei Technologies Costa Rica Sociedad Anónima"
    assert keys(sample_screener, costa_rica)[:1] == ["EL:huawei-technologies-costa-rica-sa"]


@pytest.mark.parametrize(
    ("query", "entry_id"),
    [
        ("SMIC", "semiconductor-manufacturing-international-corporation-smic"),
        ("Semiconductor Mfg Intl", "semiconductor-manufacturing-international-corporation-smic"),
        ("Moore Threads", "moore-thread-intelligent-technology-beijing-co-ltd"),
        ("Cambricon Technologies Corp Ltd", "cambricon-technologies-corporation-limited"),
        ("Beijing Zhipu Huazhang Tech. Company Ltd", "beijing-zhipu-huazhang-technology-co-ltd"),
        ("Sugon Information Industry", "sugon"),
        ("Biren Technolgy", "shanghai-biren-intelligent-technology-co-ltd"),
    ],
)  # fmt: skip
def test_variants_find_their_entry(sample_screener: Screener, query: str, entry_id: str) -> None:
    assert f"EL:{entry_id}" in keys(sample_screener, query)


def test_unlisted_buyers_are_not_hit(sample_screener: Screener) -> None:
    for name in ("ByteDance Ltd.", "Alibaba Cloud Computing Ltd.", "Tencent Holdings", "DeepSeek"):
        assert sample_screener.screen(name) == [], name


def test_every_hit_explains_itself(sample_screener: Screener) -> None:
    hits = sample_screener.screen("Huawei Technologies Co Ltd", limit=None)
    assert hits
    for hit in hits:
        assert hit.score >= DEFAULT_THRESHOLD
        named = {feature.name: feature for feature in hit.features}
        assert {"name", "legal_form"} <= named.keys()
        assert "paired" in named["name"].detail
        assert "huawei" in named["name"].detail
        assert 0.0 <= hit.score <= 1.0


def test_hits_come_best_first_and_respect_limit(sample_screener: Screener) -> None:
    hits = sample_screener.screen("National Supercomputing Center", threshold=0.5, limit=None)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert (
        len(sample_screener.screen("National Supercomputing Center", threshold=0.5, limit=2)) == 2
    )


def test_country_and_type_disagreement_lower_the_score(sample_screener: Screener) -> None:
    (agree,) = sample_screener.screen("Ocean Star", entry_type=EntryType.VESSEL)
    (differ,) = sample_screener.screen("Ocean Star", entry_type="person", threshold=0.5)
    assert differ.score < agree.score
    assert any(f.name == "entity_type" and f.score == 0.0 for f in differ.features)
    home = sample_screener.screen("Sophgo Technologies Ltd.", country="CN")[0]
    abroad = sample_screener.screen("Sophgo Technologies Ltd.", country="US")[0]
    assert abroad.score < home.score
    assert any(f.name == "country" and f.score == 0.0 for f in abroad.features)


def test_batch_api_keeps_the_order(sample_screener: Screener) -> None:
    names = ["Sugon", "Nobody At All", "北京算能科技有限公司"]
    results = sample_screener.screen_many(ScreeningQuery(name) for name in names)
    assert [bool(r) for r in results] == [True, False, True]
    assert results[0][0].entry_id == "sugon"


def test_names_without_letters_have_no_hits(sample_screener: Screener) -> None:
    assert sample_screener.screen("") == []
    assert sample_screener.screen(" ,.;- ") == []
