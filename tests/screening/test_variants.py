"""Romanisation variants and phonetic keys: the data tables, the relation, the index agreeing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from clearance.domain.listing import EntryType, ListEntry
from clearance.screening import Screener, ScreeningQuery, score_pair
from clearance.screening.score import token_similarity
from clearance.screening.variants import (
    NAME_VARIANTS,
    PHONETIC_SIMILARITY,
    ROMANISATION_RULES,
    ROMANISATION_SIMILARITY,
    romanisation_key,
    sound_similarity,
)


def test_the_tables_are_read_from_the_data_files() -> None:
    assert NAME_VARIANTS["mohammed"] == "muhammad"
    assert NAME_VARIANTS["muhammad"] == "muhammad"
    assert NAME_VARIANTS["yevgeniy"] == "evgeny"
    assert len(ROMANISATION_RULES) >= 10


def test_cyrillic_romanisations_share_a_key() -> None:
    spellings = ("anatolyevich", "anatolijevitch", "anatolievich", "anatolyevitch")
    assert len({romanisation_key(s) for s in spellings}) == 1
    assert romanisation_key("ivanoff") == romanisation_key("ivanov")
    assert romanisation_key("gorbachev") == romanisation_key("gorbachov")
    assert romanisation_key("bout") != romanisation_key("boat")


def test_arabic_romanisations_share_a_key_through_the_variant_table() -> None:
    for spelling in ("mohammed", "mohamed", "muhammed", "mohammad"):
        assert token_similarity(spelling, "muhammad") == ROMANISATION_SIMILARITY
    assert token_similarity("hussein", "husayn") == ROMANISATION_SIMILARITY


def test_short_tokens_have_no_sound_key() -> None:
    assert romanisation_key("ali") is None
    assert sound_similarity("ali", "aly") == 0.0


def test_phonetic_keys_need_the_same_first_letter_and_some_spelling() -> None:
    assert sound_similarity("stephenson", "stevenson") in (
        PHONETIC_SIMILARITY,
        ROMANISATION_SIMILARITY,
    )
    assert sound_similarity("kathryn", "cathryn") == 0.0  # first letters differ


@given(st.from_regex(r"[a-z]{1,12}", fullmatch=True), st.from_regex(r"[a-z]{1,12}", fullmatch=True))
def test_the_sound_relation_is_symmetric(a: str, b: str) -> None:
    assert sound_similarity(a, b) == sound_similarity(b, a)
    assert token_similarity(a, b) == token_similarity(b, a)


def test_bout_patronymic_pairs_as_a_romanisation_variant() -> None:
    scored = score_pair("Viktor Anatolyevich Bout", "BOUT, Viktor Anatolijevitch")
    assert scored.score >= 0.9
    assert score_pair("Mohammed Ali Hassan", "Muhammad Ali Hasan").score >= 0.85


PERSONS = (
    ListEntry("SDN", "bout", "BOUT, Viktor Anatolijevitch", EntryType.PERSON),
    ListEntry("SDN", "prigozhin", "PRIGOZHIN, Yevgeniy Viktorovich", EntryType.PERSON),
    ListEntry("SDN", "hussein", "HUSSEIN, Mohammed Abdullah", EntryType.PERSON),
    ListEntry("SDN", "stevenson", "STEVENSON, Katherine", EntryType.PERSON),
)


def test_the_index_finds_sound_alike_partners_as_the_brute_force_scan_does() -> None:
    screener = Screener.build(PERSONS)
    queries = (
        "Viktor Anatolyevich Bout",
        "Evgeny Viktorovitch Prigojin",
        "Muhammad Abdallah Husayn",
        "Katherine Stephenson",
        "Wiktor Bout",
    )
    for query in queries:
        fast = [(h.key, h.score) for h in screener.screen(query, limit=None)]
        slow = [(h.key, h.score) for h in screener.screen_exhaustive(ScreeningQuery(query))]
        assert fast == slow, query
        assert fast, query


def test_the_explanation_says_a_pair_is_a_romanisation_variant() -> None:
    (hit,) = Screener.build(PERSONS[:1]).screen("Viktor Anatolyevich Bout")
    assert "anatolyevich~anatolijevitch (0.90 romanisation variant)" in hit.features[0].detail
