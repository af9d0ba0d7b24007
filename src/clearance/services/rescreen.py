"""Use cases: review a hit, and re-screen every remembered party against a new snapshot."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from clearance.domain.errors import InputError, NotFoundError
from clearance.domain.hit import HitStatus

from .party_screening import ListScreener, apply_reviews, record_of, utc_now
from .screening_memory import (
    HitReview,
    RescreenChange,
    ScreeningMemory,
    Verdict,
    party_key,
)


@dataclass(frozen=True, slots=True)
class RescreenReport:
    run_id: int
    snapshot: str
    parties: int
    changes: tuple[RescreenChange, ...]

    @property
    def new(self) -> tuple[RescreenChange, ...]:
        return tuple(c for c in self.changes if c.change == "new")

    @property
    def cleared(self) -> tuple[RescreenChange, ...]:
        return tuple(c for c in self.changes if c.change == "cleared")


def rescreen(
    memory: ScreeningMemory, screener: ListScreener, clock: Callable[[], datetime] = utc_now
) -> RescreenReport:
    """Screen every remembered party again; report hits that are new or gone (cleared).

    Dismissed hits whose entry is unchanged are neither new nor kept: the reviewer's verdict
    stands. A dismissed hit whose entry changed comes back as new.
    """
    parties = memory.parties()
    changes: list[RescreenChange] = []
    for party in parties:
        hits = screener.raw_hits("party", party.name, party.country)
        hits = apply_reviews(hits, memory.reviews_for(party.key), screener.entries_by_key)
        live = [h for h in hits if h.status is not HitStatus.DISMISSED]
        before = {r.entry_key: r for r in memory.hits_for(party.key)}
        now = {h.key: h for h in live}
        for key, hit in now.items():
            if key not in before:
                changes.append(
                    RescreenChange(
                        party.key,
                        party.name,
                        "new",
                        hit.source_list,
                        hit.entry_id,
                        hit.name,
                        hit.score,
                    )
                )
        for key, record in before.items():
            if key not in now:
                changes.append(
                    RescreenChange(
                        party.key,
                        party.name,
                        "cleared",
                        record.source_list,
                        record.entry_id,
                        record.entry_name,
                        record.score,
                    )
                )
        memory.replace_hits(party.key, [record_of(party.key, h, screener.snapshot) for h in live])
    run_id = memory.record_rescreen(screener.snapshot, clock(), len(parties), changes)
    return RescreenReport(run_id, screener.snapshot, len(parties), tuple(changes))


def review_hit(
    memory: ScreeningMemory,
    screener: ListScreener,
    *,
    name: str,
    country: str | None,
    entry_key: str,
    verdict: Verdict,
    reason: str,
    reviewer: str,
    clock: Callable[[], datetime] = utc_now,
) -> HitReview:
    """Record a reviewer's verdict on the hit of `entry_key` (LIST:ENTRY_ID) for a party."""
    if not reason.strip():
        raise InputError("a review needs a reason", field="--reason")
    entry = screener.entry(entry_key)
    if entry is None:
        raise NotFoundError(f"no entry {entry_key!r} in snapshot {screener.snapshot}")
    review = HitReview(
        party_key=party_key(name, country),
        source_list=entry.source_list,
        entry_id=entry.entry_id,
        entry_fingerprint=entry.fingerprint,
        verdict=verdict,
        reason=reason.strip(),
        reviewer=reviewer,
        reviewed_at=clock(),
    )
    memory.save_review(review)
    return review
