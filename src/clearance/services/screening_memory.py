"""What screening remembers between runs: parties screened, their hits, reviewers' verdicts.

A port (`ScreeningMemory`) with the use cases' value types; `clearance.store` implements it in
SQL (SQLite by default, PostgreSQL in production).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from clearance.domain.names import name_key
from clearance.domain.party import Party


def party_key(name: str, country: str | None) -> str:
    """One party across runs: its folded name and its country."""
    return f"{name_key(name)}|{(country or '').upper()}"


def party_key_of(party: Party) -> str:
    return party_key(party.name, party.country)


class Verdict(StrEnum):
    DISMISSED = "dismissed"  # a false positive: ignore this entry for this party
    CONFIRMED = "confirmed"  # the party is the listed entry


class ReviewStatus(StrEnum):
    EFFECTIVE = "effective"  # the verdict applies (while the entry is unchanged)
    PENDING = "pending"  # four-eyes: waits for a second, different reviewer
    UNDONE = "undone"  # withdrawn with `clearance reviews undo`


@dataclass(frozen=True, slots=True)
class ScreenedParty:
    key: str
    name: str
    country: str | None
    last_screened_at: datetime


@dataclass(frozen=True, slots=True)
class HitReview:
    """A reviewer's verdict on one hit; it lasts while the entry's fingerprint is unchanged.

    `entry_content` is the entry as it was reviewed (JSON, see `review_policy.entry_content`),
    so that a changed entry can say what changed.
    """

    party_key: str
    source_list: str
    entry_id: str
    entry_fingerprint: str
    verdict: Verdict
    reason: str
    reviewer: str
    reviewed_at: datetime
    id: int | None = None
    status: ReviewStatus = ReviewStatus.EFFECTIVE
    requires_second: bool = False
    second_reviewer: str | None = None
    seconded_at: datetime | None = None
    undone_by: str | None = None
    undone_at: datetime | None = None
    entry_content: str | None = None

    @property
    def entry_key(self) -> str:
        return f"{self.source_list}:{self.entry_id}"


@dataclass(frozen=True, slots=True)
class WatchedParty:
    """A party enrolled for re-screening on every import (`clearance screen --enrol`)."""

    key: str
    name: str
    country: str | None
    external_id: str | None  # the id the batch file gave it
    origin: str  # where it was enrolled from (the batch file's name)
    enrolled_at: datetime


@dataclass(frozen=True, slots=True)
class HitRecord:
    """A hit as last seen for a party (to tell new hits from cleared ones on re-screening)."""

    party_key: str
    source_list: str
    entry_id: str
    entry_name: str
    score: float
    snapshot: str

    @property
    def entry_key(self) -> str:
        return f"{self.source_list}:{self.entry_id}"


@dataclass(frozen=True, slots=True)
class RescreenChange:
    party_key: str
    party_name: str
    change: str  # "new" | "cleared" | "review lapsed"
    source_list: str
    entry_id: str
    entry_name: str
    score: float
    note: str = ""  # why a verdict lapsed: what changed in the entry


class ScreeningMemory(Protocol):
    def remember_party(self, party: ScreenedParty) -> None: ...

    def parties(self) -> list[ScreenedParty]: ...

    def reviews_for(self, party_key: str) -> list[HitReview]:
        """Every review of this party's hits, newest last."""
        ...

    def save_review(self, review: HitReview) -> int:
        """Store a review; returns its id."""
        ...

    def review(self, review_id: int) -> HitReview | None: ...

    def all_reviews(self, party_key: str | None = None) -> list[HitReview]:
        """Every review (of one party, or of all), oldest first."""
        ...

    def second_review(self, review_id: int, reviewer: str, at: datetime) -> None:
        """A second reviewer agrees: the pending verdict becomes effective."""
        ...

    def undo_review(self, review_id: int, by: str, at: datetime) -> None: ...

    def enrol(self, parties: list[WatchedParty]) -> None:
        """Add parties to the watch-list (an enrolled party keeps its first enrolment)."""
        ...

    def watched(self) -> list[WatchedParty]: ...

    def unwatch(self, key: str) -> bool:
        """Take a party off the watch-list and forget its screening; False if unknown."""
        ...

    def hits_for(self, party_key: str) -> list[HitRecord]: ...

    def replace_hits(self, party_key: str, hits: list[HitRecord]) -> None: ...

    def record_rescreen(
        self, snapshot: str, at: datetime, parties: int, changes: list[RescreenChange]
    ) -> int:
        """Store one re-screening run and its changes; returns the run id."""
        ...
