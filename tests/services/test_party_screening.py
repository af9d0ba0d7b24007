"""Screening parties for decisions: confirmed exact matches, remembered reviews, re-screening."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from clearance.domain.errors import InputError, NotFoundError
from clearance.domain.hit import HitStatus
from clearance.domain.listing import EntryType, ListEntry
from clearance.domain.party import Party
from clearance.services.party_screening import ExactConfirm, ListScreener
from clearance.services.rescreen import rescreen
from clearance.services.reviews import review_hit
from clearance.services.screening_memory import Verdict, party_key
from clearance.store.screening_memory import SqlScreeningMemory

SOPHGO = ListEntry(
    source_list="EL",
    entry_id="sophgo",
    name="Sophgo Technologies Ltd.",
    entry_type=EntryType.ENTITY,
    aliases=("Beijing Suanneng Technology Co., Ltd",),
    countries=("CN",),
    license_requirement="For all items subject to the EAR.",
    license_policy="Presumption of denial.",
)
BIREN = ListEntry(
    source_list="EL",
    entry_id="biren",
    name="Beijing Biren Technology Co., Ltd.",
    entry_type=EntryType.ENTITY,
    countries=("CN",),
    license_requirement="For all items subject to the EAR.",
    license_policy="Presumption of denial.",
)
CLOCK = lambda: datetime(2026, 2, 2, tzinfo=UTC)  # noqa: E731 - a fixed clock


def test_an_exact_match_is_confirmed_a_fuzzy_one_potential() -> None:
    screener = ListScreener.over([SOPHGO], "snap-1")
    exact = screener.screen_party("end_user", Party("Sophgo Technologies Ltd.", "CN"))
    assert [h.status for h in exact] == [HitStatus.CONFIRMED]
    fuzzy = screener.screen_party("end_user", Party("Sophgo Technology Limited", "CN"))
    assert fuzzy
    assert fuzzy[0].status is HitStatus.POTENTIAL
    assert fuzzy[0].features


def test_chinese_name_finds_the_pinyin_alias() -> None:
    hits = ListScreener.over([SOPHGO], "snap-1").screen_party(
        "end_user", Party("北京算能科技有限公司", "CN")
    )
    assert [h.entry_id for h in hits] == ["sophgo"]


def test_a_dismissal_is_remembered_until_the_entry_changes(engine: Engine) -> None:
    memory = SqlScreeningMemory(engine)
    party = Party("Sophgo Technology Limited", "CN")
    screener = ListScreener.over([SOPHGO], "snap-1", memory)
    assert screener.screen_party("end_user", party)[0].status is HitStatus.POTENTIAL
    review_hit(
        memory,
        screener,
        name=party.name,
        country="CN",
        entry_key="EL:sophgo",
        verdict=Verdict.DISMISSED,
        reason="different company (LEI checked)",
        reviewer="analyst",
        clock=CLOCK,
    )
    assert screener.screen_party("end_user", party)[0].status is HitStatus.DISMISSED
    changed = replace(SOPHGO, countries=("CN", "SG"), federal_register_notice="90 FR 4621")
    again = ListScreener.over([changed], "snap-2", memory).screen_party("end_user", party)
    assert again[0].status is HitStatus.POTENTIAL  # the entry changed: review it again


def test_review_needs_a_reason_and_a_known_entry(engine: Engine) -> None:
    memory = SqlScreeningMemory(engine)
    screener = ListScreener.over([SOPHGO], "snap-1", memory)
    with pytest.raises(InputError):
        review_hit(
            memory,
            screener,
            name="x",
            country=None,
            entry_key="EL:sophgo",
            verdict=Verdict.DISMISSED,
            reason=" ",
            reviewer="a",
        )
    with pytest.raises(NotFoundError):
        review_hit(
            memory,
            screener,
            name="x",
            country=None,
            entry_key="EL:nothing",
            verdict=Verdict.DISMISSED,
            reason="r",
            reviewer="a",
        )


def test_rescreening_reports_new_and_cleared_hits(engine: Engine) -> None:
    memory = SqlScreeningMemory(engine)
    first = ListScreener.over([SOPHGO], "snap-1", memory)
    first.screen_party("end_user", Party("Sophgo Technologies Ltd.", "CN"))
    first.screen_party("consignee", Party("Beijing Biren Technology Co., Ltd.", "CN"))
    assert first.screen_party("consignee", Party("Beijing Biren Technology Co., Ltd.", "CN")) == []
    report = rescreen(memory, ListScreener.over([BIREN], "snap-2"), clock=CLOCK)
    assert report.parties == 2
    assert [(c.party_name, c.entry_id) for c in report.new] == [
        ("Beijing Biren Technology Co., Ltd.", "biren")
    ]
    assert [(c.party_name, c.entry_id) for c in report.cleared] == [
        ("Sophgo Technologies Ltd.", "sophgo")
    ]
    assert report.run_id >= 1
    again = rescreen(memory, ListScreener.over([BIREN], "snap-2"), clock=CLOCK)
    assert again.changes == ()
    assert [
        h.entry_id for h in memory.hits_for(party_key("Beijing Biren Technology Co., Ltd.", "CN"))
    ] == ["biren"]


AGI = ListEntry(
    source_list="SDN",
    entry_id="agi",
    name="AGI",
    entry_type=EntryType.ENTITY,
    license_policy="Presumption of denial.",
)


def test_an_exact_match_on_a_short_common_name_is_not_confirmed() -> None:
    hits = ListScreener.over([AGI, SOPHGO], "snap-1").screen_party("end_user", Party("AGI", None))
    assert [(h.entry_id, h.status) for h in hits] == [("agi", HitStatus.POTENTIAL)]


@pytest.mark.parametrize(
    ("mode", "agi", "sophgo"),
    [
        ("distinctive", HitStatus.POTENTIAL, HitStatus.CONFIRMED),
        ("always", HitStatus.CONFIRMED, HitStatus.CONFIRMED),
        ("never", HitStatus.POTENTIAL, HitStatus.POTENTIAL),
    ],
)
def test_exact_match_confirmation_is_configurable(
    mode: str, agi: HitStatus, sophgo: HitStatus
) -> None:
    screener = ListScreener.over([AGI, SOPHGO], "snap-1", exact_confirm=ExactConfirm(mode))
    assert screener.screen_party("end_user", Party("AGI", None))[0].status is agi
    found = screener.screen_party("end_user", Party("Sophgo Technologies Ltd.", "CN"))
    assert found[0].status is sophgo


def test_an_unknown_confirmation_mode_is_refused() -> None:
    with pytest.raises(InputError, match="exact-match confirmation"):
        ExactConfirm("sometimes")
