"""Use cases for reviewers' verdicts on hits: record (with optional four-eyes), list, undo.

- A verdict is accepted only for a hit the party actually has in the current snapshot.
- `require_second=True` records the verdict as pending; it takes effect when a second,
  different reviewer records the same verdict on the same hit (the entry unchanged).
- A verdict lasts while the entry's content (its fingerprint) is unchanged; the entry as it was
  reviewed is kept, so that when it changes, `review_view` says what changed.
- `undo_review` withdraws a verdict (pending or effective); the previous one, if any, applies.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from clearance.domain.errors import InputError, NotFoundError
from clearance.domain.listing import ListEntry

from .party_screening import ListScreener, utc_now
from .screening_memory import HitReview, ReviewStatus, ScreeningMemory, Verdict, party_key

# The parts of an entry a reviewer looked at, in the order a change is reported.
_CONTENT = (
    "name",
    "entry_type",
    "aliases",
    "countries",
    "addresses",
    "identifiers",
    "programs",
    "federal_register_notice",
    "license_requirement",
    "license_policy",
)


def entry_content(entry: ListEntry) -> str:
    """The reviewed parts of an entry, as JSON."""
    values: dict[str, object] = {}
    for name in _CONTENT:
        value = getattr(entry, name)
        values[name] = list(value) if isinstance(value, tuple) else str(value or "") or None
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def entry_changes(reviewed: str | None, entry: ListEntry) -> list[str]:
    """What changed in the entry since it was reviewed: "countries: CN -> CN, SG", ..."""
    if not reviewed:
        return ["the entry changed (its reviewed content was not kept)"]
    before = json.loads(reviewed)
    after = json.loads(entry_content(entry))
    changes = []
    for name in _CONTENT:
        if before.get(name) != after.get(name):
            changes.append(f"{name}: {_shown(before.get(name))} -> {_shown(after.get(name))}")
    return changes or ["the entry changed"]


def _shown(value: object) -> str:
    if value is None or value == []:
        return "(none)"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


@dataclass(frozen=True, slots=True)
class ReviewResult:
    review: HitReview
    action: str  # "recorded" | "pending" | "seconded"


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
    require_second: bool = False,
    clock: Callable[[], datetime] = utc_now,
) -> ReviewResult:
    """Record a reviewer's verdict on the hit of `entry_key` (LIST:ENTRY_ID) for a party."""
    if not reason.strip():
        raise InputError("a review needs a reason", field="--reason")
    if not reviewer.strip():
        raise InputError("a review needs a reviewer", field="--reviewer")
    entry = screener.entry(entry_key)
    if entry is None:
        raise NotFoundError(f"no entry {entry_key!r} in snapshot {screener.snapshot}")
    hits = screener.raw_hits("party", name, country)
    if entry.key not in {hit.key for hit in hits}:
        found = ", ".join(hit.key for hit in hits) or "none"
        raise InputError(
            f"{name!r} has no hit on {entry.key} in snapshot {screener.snapshot} "
            f"(its hits: {found}); a verdict is only for a hit the party has",
            field="--entry",
        )
    key = party_key(name, country)
    pending = [
        r
        for r in memory.reviews_for(key)
        if r.status is ReviewStatus.PENDING
        and r.entry_key == entry.key
        and r.entry_fingerprint == entry.fingerprint
        and r.verdict is verdict
    ]
    if pending:
        first = pending[-1]
        if first.reviewer == reviewer:
            raise InputError(
                f"review {first.id} by {reviewer} waits for a second, different reviewer",
                field="--reviewer",
            )
        assert first.id is not None
        memory.second_review(first.id, reviewer, clock())
        seconded = memory.review(first.id)
        assert seconded is not None
        _took_effect(memory, seconded)
        return ReviewResult(seconded, "seconded")
    review = HitReview(
        party_key=key,
        source_list=entry.source_list,
        entry_id=entry.entry_id,
        entry_fingerprint=entry.fingerprint,
        verdict=verdict,
        reason=reason.strip(),
        reviewer=reviewer,
        reviewed_at=clock(),
        status=ReviewStatus.PENDING if require_second else ReviewStatus.EFFECTIVE,
        requires_second=require_second,
        entry_content=entry_content(entry),
    )
    review_id = memory.save_review(review)
    saved = memory.review(review_id)
    assert saved is not None
    if not require_second:
        _took_effect(memory, saved)
    return ReviewResult(saved, "pending" if require_second else "recorded")


def _took_effect(memory: ScreeningMemory, review: HitReview) -> None:
    """A dismissed hit is no longer one of the party's live hits (re-screening will not report
    it as cleared)."""
    if review.verdict is not Verdict.DISMISSED:
        return
    held = memory.hits_for(review.party_key)
    kept = [record for record in held if record.entry_key != review.entry_key]
    if len(kept) < len(held):
        memory.replace_hits(review.party_key, kept)


def undo_review(
    memory: ScreeningMemory,
    review_id: int,
    *,
    by: str,
    clock: Callable[[], datetime] = utc_now,
) -> HitReview:
    review = memory.review(review_id)
    if review is None:
        raise NotFoundError(f"no review {review_id}")
    if review.status is ReviewStatus.UNDONE:
        raise InputError(f"review {review_id} was already undone by {review.undone_by}")
    memory.undo_review(review_id, by, clock())
    undone = memory.review(review_id)
    assert undone is not None
    return undone


def review_state(review: HitReview, entries: Mapping[str, ListEntry]) -> tuple[str, list[str]]:
    """(state, what changed): "effective", "pending", "undone", "stale" or "unlisted"."""
    if review.status is ReviewStatus.UNDONE:
        return "undone", []
    entry = entries.get(review.entry_key)
    if entry is None:
        return "unlisted", []
    if entry.fingerprint != review.entry_fingerprint:
        return "stale", entry_changes(review.entry_content, entry)
    return review.status.value, []


def review_view(review: HitReview, entries: Mapping[str, ListEntry]) -> dict[str, object]:
    """One review as `clearance reviews list --json` prints it."""
    state, changes = review_state(review, entries)
    return {
        "id": review.id,
        "party": review.party_key,
        "entry": review.entry_key,
        "verdict": review.verdict.value,
        "state": state,
        "entry_changes": changes,
        "reason": review.reason,
        "reviewer": review.reviewer,
        "reviewed_at": review.reviewed_at.isoformat(),
        "requires_second": review.requires_second,
        "second_reviewer": review.second_reviewer,
        "undone_by": review.undone_by,
    }
