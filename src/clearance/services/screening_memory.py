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


@dataclass(frozen=True, slots=True)
class ScreenedParty:
    key: str
    name: str
    country: str | None
    last_screened_at: datetime


@dataclass(frozen=True, slots=True)
class HitReview:
    """A reviewer's verdict on one hit; it lasts while the entry's fingerprint is unchanged."""

    party_key: str
    source_list: str
    entry_id: str
    entry_fingerprint: str
    verdict: Verdict
    reason: str
    reviewer: str
    reviewed_at: datetime

    @property
    def entry_key(self) -> str:
        return f"{self.source_list}:{self.entry_id}"


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
    change: str  # "new" | "cleared"
    source_list: str
    entry_id: str
    entry_name: str
    score: float


class ScreeningMemory(Protocol):
    def remember_party(self, party: ScreenedParty) -> None: ...

    def parties(self) -> list[ScreenedParty]: ...

    def reviews_for(self, party_key: str) -> list[HitReview]:
        """Every review of this party's hits, newest last."""
        ...

    def save_review(self, review: HitReview) -> None: ...

    def hits_for(self, party_key: str) -> list[HitRecord]: ...

    def replace_hits(self, party_key: str, hits: list[HitRecord]) -> None: ...

    def record_rescreen(
        self, snapshot: str, at: datetime, parties: int, changes: list[RescreenChange]
    ) -> int:
        """Store one re-screening run and its changes; returns the run id."""
        ...
