"""Use case: re-screen every remembered and watched party against a new snapshot."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from clearance.domain.hit import HitStatus
from clearance.domain.listing import ListEntry

from .party_screening import ListScreener, apply_reviews, latest_reviews, record_of, utc_now
from .reviews import review_state
from .screening_memory import HitReview, RescreenChange, ScreeningMemory


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

    @property
    def lapsed(self) -> tuple[RescreenChange, ...]:
        """Changes whose verdict no longer applies (the entry changed), new or still live."""
        return tuple(c for c in self.changes if c.note)


def rescreen(
    memory: ScreeningMemory, screener: ListScreener, clock: Callable[[], datetime] = utc_now
) -> RescreenReport:
    """Screen every remembered party (screened by `check`, or enrolled on the watch-list)
    again; report hits that are new or gone (cleared), and verdicts that lapsed.

    A verdict lasts while its entry is unchanged: a dismissed hit stays dismissed through any
    number of imports. When the entry's content changed, the verdict lapses and the change is
    reported: a dismissed hit comes back as "new", a confirmed one as "review lapsed", both with
    what changed in the entry.
    """
    parties = memory.parties()
    entries = screener.entries_by_key
    changes: list[RescreenChange] = []
    for party in parties:
        reviews = memory.reviews_for(party.key)
        lapsed = _lapsed(reviews, entries)
        hits = screener.raw_hits("party", party.name, party.country)
        hits = apply_reviews(hits, reviews, entries)
        live = [h for h in hits if h.status is not HitStatus.DISMISSED]
        before = {r.entry_key: r for r in memory.hits_for(party.key)}
        now = {h.key: h for h in live}
        for key, hit in now.items():
            if key not in before or key in lapsed:
                change = "new" if key not in before else "review lapsed"
                changes.append(
                    RescreenChange(
                        party.key,
                        party.name,
                        change,
                        hit.source_list,
                        hit.entry_id,
                        hit.name,
                        hit.score,
                        lapsed.get(key, ""),
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


def _lapsed(reviews: list[HitReview], entries: Mapping[str, ListEntry]) -> dict[str, str]:
    """Entry key -> why the latest verdict on it no longer applies (its entry changed)."""
    notes: dict[str, str] = {}
    for key, review in latest_reviews(reviews).items():
        state, changed = review_state(review, entries)
        if state == "stale":
            notes[key] = (
                f"{review.verdict.value} by {review.reviewer} on "
                f"{review.reviewed_at:%Y-%m-%d} no longer applies: {'; '.join(changed)}"
            )
    return notes
