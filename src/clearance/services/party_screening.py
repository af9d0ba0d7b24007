"""The screening port for decisions: parties screened against list entries, with memory.

- An exact match (the party's name equals an entry's name or alias once case, accents,
  punctuation and spacing are folded) on a distinctive name is treated as confirmed (see
  `ExactConfirm`: "distinctive" by default, or "always" / "never"); any other hit is potential
  and holds the shipment for review. An exact match on a short or common name ("AGI",
  "Global Trading") stays potential: the same name is borne by many companies.
- A reviewer's verdict (dismissed or confirmed) on a hit is remembered for that party and entry
  until the entry changes (its fingerprint), then the hit comes back for review.
- Every party screened is remembered with its hits, so that re-screening on a new snapshot can
  report new and cleared hits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from clearance.domain.errors import InputError
from clearance.domain.hit import HitStatus, ScreeningHit
from clearance.domain.listing import ListEntry
from clearance.domain.names import name_key
from clearance.domain.party import Party
from clearance.screening.background import distinctive_name
from clearance.screening.screener import Screener

from .screening_memory import (
    HitRecord,
    HitReview,
    ReviewStatus,
    ScreenedParty,
    ScreeningMemory,
    Verdict,
    party_key_of,
)


def utc_now() -> datetime:
    return datetime.now(UTC)


EXACT_CONFIRM_MODES = ("distinctive", "always", "never")


@dataclass(frozen=True, slots=True)
class ExactConfirm:
    """When an exact folded match is taken as confirmed without review."""

    mode: str = "distinctive"  # "distinctive" | "always" | "never"
    min_tokens: int = 2  # a distinctive name has this many core tokens ...
    min_letters: int = 8  # ... or this many letters in its core

    def __post_init__(self) -> None:
        if self.mode not in EXACT_CONFIRM_MODES:
            known = ", ".join(EXACT_CONFIRM_MODES)
            raise InputError(
                f"unknown exact-match confirmation {self.mode!r} (expected {known})",
                field="exact_confirm",
            )

    def confirms(self, name: str) -> bool:
        if self.mode == "always":
            return True
        if self.mode == "never":
            return False
        return distinctive_name(name, min_tokens=self.min_tokens, min_letters=self.min_letters)


class ListScreener:
    """PartyScreener over a built index; `memory` is optional (None: stateless)."""

    def __init__(
        self,
        screener: Screener,
        snapshot: str,
        memory: ScreeningMemory | None = None,
        *,
        threshold: float | None = None,
        clock: Callable[[], datetime] = utc_now,
        exact_confirm: ExactConfirm | None = None,
    ) -> None:
        self.screener = screener
        self.exact_confirm = exact_confirm or ExactConfirm()
        self.snapshot = snapshot
        self.memory = memory
        self.threshold = threshold
        self.clock = clock
        self._entries = EntriesByKey(screener)

    @classmethod
    def over(
        cls,
        entries: Iterable[ListEntry],
        snapshot: str,
        memory: ScreeningMemory | None = None,
        *,
        exact_confirm: ExactConfirm | None = None,
    ) -> ListScreener:
        return cls(Screener.build(entries), snapshot, memory, exact_confirm=exact_confirm)

    def entry(self, key: str) -> ListEntry | None:
        return self.screener.entry(key)

    @property
    def entries_by_key(self) -> Mapping[str, ListEntry]:
        return self._entries

    def raw_hits(self, role: str, name: str, country: str | None) -> list[ScreeningHit]:
        hits = self.screener.screen(
            name, country=country, threshold=self.threshold, party_role=role
        )
        folded = name_key(name)
        return [
            replace(h, status=HitStatus.CONFIRMED)
            if name_key(h.matched_name) == folded and self.exact_confirm.confirms(h.matched_name)
            else h
            for h in hits
        ]

    def screen_party(self, role: str, party: Party) -> list[ScreeningHit]:
        hits = self.raw_hits(role, party.name, party.country)
        if self.memory is None:
            return hits
        key = party_key_of(party)
        hits = apply_reviews(hits, self.memory.reviews_for(key), self._entries)
        self.memory.remember_party(
            ScreenedParty(
                key=key, name=party.name, country=party.country, last_screened_at=self.clock()
            )
        )
        live = [h for h in hits if h.status is not HitStatus.DISMISSED]
        self.memory.replace_hits(key, [record_of(key, h, self.snapshot) for h in live])
        return hits


class EntriesByKey(Mapping[str, ListEntry]):
    """The screener's entries by key, looked up one at a time (never all decoded at once)."""

    def __init__(self, screener: Screener) -> None:
        self._screener = screener

    def __getitem__(self, key: str) -> ListEntry:
        entry = self._screener.entry(key)
        if entry is None:
            raise KeyError(key)
        return entry

    def __iter__(self) -> Iterator[str]:
        return (entry.key for entry in self._screener.entries)

    def __len__(self) -> int:
        return len(self._screener.entries)


def latest_reviews(reviews: Iterable[HitReview]) -> dict[str, HitReview]:
    """The latest effective verdict per entry (pending and undone ones do not count)."""
    latest: dict[str, HitReview] = {}
    for review in reviews:  # oldest first: later verdicts replace earlier ones
        if review.status is ReviewStatus.EFFECTIVE:
            latest[review.entry_key] = review
    return latest


def apply_reviews(
    hits: list[ScreeningHit], reviews: Iterable[HitReview], entries: Mapping[str, ListEntry]
) -> list[ScreeningHit]:
    """Give each hit the status of its latest review, if the entry has not changed since."""
    latest = latest_reviews(reviews)
    out: list[ScreeningHit] = []
    for hit in hits:
        review = latest.get(hit.key)
        entry = entries.get(hit.key)
        if (
            review is not None
            and entry is not None
            and review.entry_fingerprint == entry.fingerprint
        ):
            status = (
                HitStatus.DISMISSED if review.verdict is Verdict.DISMISSED else HitStatus.CONFIRMED
            )
            hit = replace(hit, status=status)
        out.append(hit)
    return out


def record_of(party_key: str, hit: ScreeningHit, snapshot: str) -> HitRecord:
    return HitRecord(
        party_key=party_key,
        source_list=hit.source_list,
        entry_id=hit.entry_id,
        entry_name=hit.name,
        score=hit.score,
        snapshot=snapshot,
    )
