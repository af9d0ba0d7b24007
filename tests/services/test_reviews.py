"""Reviews: only for a hit the party has, four-eyes, undo, lapsing when the entry changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from clearance.domain.errors import InputError, NotFoundError
from clearance.domain.hit import HitStatus
from clearance.domain.listing import EntryType, ListEntry
from clearance.domain.party import Party
from clearance.services.party_screening import ListScreener
from clearance.services.rescreen import rescreen
from clearance.services.reviews import (
    entry_changes,
    entry_content,
    review_hit,
    review_state,
    undo_review,
)
from clearance.services.screening_memory import ReviewStatus, Verdict
from clearance.store.screening_memory import SqlScreeningMemory

SOPHGO = ListEntry(
    "EL", "sophgo", "Sophgo Technologies Ltd.", EntryType.ENTITY, countries=("CN",),
    license_policy="Presumption of denial.",
)  # fmt: skip
BIREN = ListEntry("EL", "biren", "Beijing Biren Technology Co., Ltd.", EntryType.ENTITY)
PARTY = Party("Sophgo Technology Limited", "CN")
CLOCK = lambda: datetime(2026, 2, 2, tzinfo=UTC)  # noqa: E731 - a fixed clock


def _review(memory, screener, verdict=Verdict.DISMISSED, reviewer="ann", **kw):  # type: ignore[no-untyped-def]
    return review_hit(
        memory, screener, name=PARTY.name, country=PARTY.country,
        entry_key=kw.pop("entry_key", "EL:sophgo"), verdict=verdict, reason="LEI differs",
        reviewer=reviewer, clock=CLOCK, **kw,
    )  # fmt: skip


def test_a_verdict_is_refused_for_an_entry_the_party_does_not_hit(engine: Engine) -> None:
    memory = SqlScreeningMemory(engine)
    screener = ListScreener.over([SOPHGO, BIREN], "snap-1", memory)
    with pytest.raises(InputError, match=r"no hit on EL:biren.*its hits: EL:sophgo"):
        _review(memory, screener, entry_key="EL:biren")
    assert memory.all_reviews() == []
    with pytest.raises(NotFoundError):
        _review(memory, screener, entry_key="EL:nothing")


def test_four_eyes_needs_a_second_different_reviewer(engine: Engine) -> None:
    memory = SqlScreeningMemory(engine)
    screener = ListScreener.over([SOPHGO], "snap-1", memory)
    first = _review(memory, screener, require_second=True)
    assert first.action == "pending"
    assert first.review.status is ReviewStatus.PENDING
    assert screener.screen_party("end_user", PARTY)[0].status is HitStatus.POTENTIAL
    with pytest.raises(InputError, match="second, different reviewer"):
        _review(memory, screener)  # the same reviewer again
    second = _review(memory, screener, reviewer="bob")
    assert second.action == "seconded"
    assert second.review.id == first.review.id
    assert second.review.second_reviewer == "bob"
    assert screener.screen_party("end_user", PARTY)[0].status is HitStatus.DISMISSED


def test_without_four_eyes_a_verdict_takes_effect_at_once(engine: Engine) -> None:
    memory = SqlScreeningMemory(engine)
    screener = ListScreener.over([SOPHGO], "snap-1", memory)
    assert _review(memory, screener).action == "recorded"
    assert screener.screen_party("end_user", PARTY)[0].status is HitStatus.DISMISSED


def test_undo_withdraws_a_verdict_and_the_earlier_one_applies(engine: Engine) -> None:
    memory = SqlScreeningMemory(engine)
    screener = ListScreener.over([SOPHGO], "snap-1", memory)
    confirmed = _review(memory, screener, Verdict.CONFIRMED).review
    dismissed = _review(memory, screener, Verdict.DISMISSED).review
    assert screener.screen_party("end_user", PARTY)[0].status is HitStatus.DISMISSED
    assert dismissed.id is not None
    undone = undo_review(memory, dismissed.id, by="carol", clock=CLOCK)
    assert undone.status is ReviewStatus.UNDONE
    assert undone.undone_by == "carol"
    assert screener.screen_party("end_user", PARTY)[0].status is HitStatus.CONFIRMED
    assert confirmed.id is not None
    undo_review(memory, confirmed.id, by="carol", clock=CLOCK)
    assert screener.screen_party("end_user", PARTY)[0].status is HitStatus.POTENTIAL
    with pytest.raises(InputError, match="already undone"):
        undo_review(memory, confirmed.id, by="carol")
    with pytest.raises(NotFoundError):
        undo_review(memory, 999, by="carol")


def test_a_verdict_survives_an_import_unless_the_entry_changed(engine: Engine) -> None:
    memory = SqlScreeningMemory(engine)
    screener = ListScreener.over([SOPHGO], "snap-1", memory)
    screener.screen_party("end_user", PARTY)
    _review(memory, screener)
    same = rescreen(memory, ListScreener.over([SOPHGO], "snap-2"), clock=CLOCK)
    assert same.changes == ()  # re-imported unchanged: the dismissal stands
    changed = replace(SOPHGO, countries=("CN", "SG"), federal_register_notice="90 FR 4621")
    report = rescreen(memory, ListScreener.over([changed], "snap-3"), clock=CLOCK)
    (change,) = report.changes
    assert change.change == "new"
    assert "dismissed by ann on 2026-02-02 no longer applies" in change.note
    assert "countries: CN -> CN; SG" in change.note
    assert "federal_register_notice: (none) -> 90 FR 4621" in change.note
    (review,) = memory.all_reviews()
    state, changes = review_state(review, {changed.key: changed})
    assert state == "stale"
    assert changes[0] == "countries: CN -> CN; SG"


def test_a_lapsed_confirmation_is_reported_too(engine: Engine) -> None:
    memory = SqlScreeningMemory(engine)
    screener = ListScreener.over([SOPHGO], "snap-1", memory)
    screener.screen_party("end_user", PARTY)
    _review(memory, screener, Verdict.CONFIRMED)
    changed = replace(SOPHGO, license_policy="Case-by-case review.")
    (change,) = rescreen(memory, ListScreener.over([changed], "snap-2"), clock=CLOCK).changes
    assert change.change == "review lapsed"
    assert "license_policy: Presumption of denial. -> Case-by-case review." in change.note


def test_entry_changes_name_each_changed_field() -> None:
    before = entry_content(SOPHGO)
    assert entry_changes(before, SOPHGO) == ["the entry changed"]
    renamed = replace(SOPHGO, name="Sophgo Ltd.", aliases=("Suanneng",))
    assert entry_changes(before, renamed) == [
        "name: Sophgo Technologies Ltd. -> Sophgo Ltd.",
        "aliases: (none) -> Suanneng",
    ]
    assert entry_changes(None, renamed) == ["the entry changed (its reviewed content was not kept)"]
