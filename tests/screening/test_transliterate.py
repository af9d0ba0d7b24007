"""Transliteration: Chinese through the company vocabulary and pinyin, Cyrillic, others."""

from __future__ import annotations

from clearance.screening.normalize import analyse
from clearance.screening.transliterate import render, script_of


def test_chinese_company_words_become_english_and_the_brand_pinyin() -> None:
    english, pinyin = analyse("北京算能科技有限公司")
    assert english.core == ("beijing", "suanneng", "technology")
    assert english.legal_forms == ("co ltd",)
    assert pinyin.core == ("beijing", "suan", "neng", "keji")
    assert english.method.startswith("han")


def test_a_three_character_name_reads_surname_first() -> None:
    assert analyse("习近平")[0].core == ("xi", "jinping")


def test_cyrillic_and_greek_are_romanised() -> None:
    assert analyse("Ротенберг Аркадий")[0].core == ("rotenberg", "arkadiy")
    assert analyse("Θεσσαλονίκη")[0].core == ("thessaloniki",)
    assert script_of("Ротенберг") == "cyrillic"


def test_ascii_is_left_alone() -> None:
    (rendering,) = render("Sophgo Technologies Ltd.")
    assert rendering.method == ""
    assert rendering.text == "Sophgo Technologies Ltd."
