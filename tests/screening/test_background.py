"""The background table of company words: a listed name inside a query, generic damping,
distinctive names, entity type from a legal form, spelling penalties."""

from __future__ import annotations

import pytest

from clearance.domain.listing import EntryType, ListEntry
from clearance.screening import Screener, ScreeningQuery
from clearance.screening.background import (
    COMPANY_WORDS,
    GENERIC_DAMP,
    INSIDE_FACTOR,
    commonness,
    distinctive_name,
    generic_factor,
    inside_form,
)
from clearance.screening.data_files import read_rows
from clearance.screening.normalize import analyse
from clearance.screening.score import spelling_similarity

HUAWEI = ListEntry(
    "EL", "huawei", "Huawei Technologies Co., Ltd.", EntryType.ENTITY, countries=("CN",)
)
GLOBAL = ListEntry("SDN", "gt", "GLOBAL TRADING GROUP", EntryType.ENTITY)
SANTOS = ListEntry("DPL", "santos", "SANTOS, Kirby", EntryType.UNKNOWN)


def test_the_company_words_table_says_where_its_counts_come_from() -> None:
    text = "\n".join("\t".join(row) for row in read_rows("company_words.tsv"))
    assert COMPANY_WORDS["technology"] > COMPANY_WORDS.get("huawei", 0)
    assert "huawei" not in COMPANY_WORDS or COMPANY_WORDS["huawei"] < 40
    from importlib import resources

    header = resources.files("clearance.screening").joinpath("data", "company_words.tsv")
    head = header.read_text("utf-8").splitlines()[:8]
    assert any(line.startswith("# source: gleif") for line in head)
    assert any(line.startswith("# source: sec") for line in head)
    assert any(line.startswith("# names: ") for line in head)
    assert text.startswith("token\tcount")


def test_commonness_grows_with_the_count() -> None:
    assert commonness("global") == 1.0
    assert commonness("zzzqx") == 0.0
    assert 0.0 < commonness("liberty") < 1.0


def test_generic_factor_damps_only_common_words() -> None:
    rare = generic_factor(("sophgo",), (5.0,), [((0,), 1.0)])
    common = generic_factor(("global",), (5.0,), [((0,), 1.0)])
    assert rare == (1.0, 0.0)
    assert common == (pytest.approx(1.0 - GENERIC_DAMP), 1.0)


def test_a_listed_name_inside_a_query_with_a_place_and_a_legal_form_alerts() -> None:
    (hit,) = Screener.build([HUAWEI]).screen("Huawei Technologies Malaysia Sdn. Bhd.")
    assert hit.score >= 0.75
    inside = {f.name: f for f in hit.features}["listed_name_inside"]
    assert inside.score == INSIDE_FACTOR
    assert "'malaysia'" in inside.detail
    assert "sdn bhd" in inside.detail


def test_the_inside_form_needs_something_distinctive_left() -> None:
    (form,) = analyse("Global Trading Malaysia Sdn Bhd")
    assert inside_form(form) is None
    (form,) = analyse("Huawei Technologies Malaysia Sdn Bhd")
    inside = inside_form(form)
    assert inside is not None
    assert inside[0].core == ("huawei", "technology")
    assert inside[1] == ("malaysia",)


def test_inside_forms_keep_the_index_equal_to_brute_force() -> None:
    screener = Screener.build([HUAWEI, GLOBAL, SANTOS])
    for query in ("Huawei Technologies Hong Kong Ltd", "Global Trading Group Dubai LLC"):
        fast = [(h.key, h.score) for h in screener.screen(query, limit=None)]
        slow = [(h.key, h.score) for h in screener.screen_exhaustive(ScreeningQuery(query))]
        assert fast == slow


def test_a_partial_match_on_common_words_is_damped_and_explained() -> None:
    (hit,) = Screener.build([GLOBAL]).screen("Global Trading Group Holdings", threshold=0.3)
    generic = {f.name: f for f in hit.features}["generic_words"]
    assert generic.score < 1.0
    assert "common in company names" in generic.detail


def test_an_organisation_query_against_a_person_entry_loses_the_type_penalty() -> None:
    screener = Screener.build([SANTOS])
    plain = screener.screen("Kirby Santos", threshold=0.3)
    corp = screener.screen("Kirby Santos Corp", threshold=0.3)
    assert plain
    assert corp
    assert corp[0].score < plain[0].score
    feature = {f.name: f for f in corp[0].features}["entity_type"]
    assert "legal form corp" in feature.detail
    assert "SURNAME, Given" in feature.detail


def test_distinctive_names() -> None:
    assert distinctive_name("Sophgo Technologies Ltd.")
    assert distinctive_name("Rosoboronexport")
    assert not distinctive_name("AGI")
    assert not distinctive_name("Global Trading Ltd")


def test_a_changed_first_letter_or_a_short_word_costs_more() -> None:
    assert spelling_similarity("snow", "dnow") < spelling_similarity("snow", "snaw")
    assert spelling_similarity("nike", "nile") < spelling_similarity("nikon", "nilon")
