"""Use cases for the watch-list: the parties re-screened on every import.

Every party screened by `clearance check` is remembered (the ledger's parties); a batch screened
with `clearance screen --input ... --enrol` enrols its parties too. After each import that
brings a new snapshot, `rescreen` screens them all again (see `rescreen`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from clearance.domain.errors import NotFoundError
from clearance.domain.hit import HitStatus, ScreeningHit
from clearance.domain.listing import ListEntry

from .party_screening import apply_reviews, record_of, utc_now
from .screening import BatchRow
from .screening_memory import ScreenedParty, ScreeningMemory, WatchedParty, party_key


def enrol_batch(
    memory: ScreeningMemory,
    results: Iterable[tuple[BatchRow, Sequence[ScreeningHit]]],
    *,
    snapshot: str,
    entries: Mapping[str, ListEntry],
    origin: str,
    clock: Callable[[], datetime] = utc_now,
) -> int:
    """Enrol every good row's party with its hits as screened now; returns how many."""
    now = clock()
    enrolled: list[WatchedParty] = []
    for row, hits in results:
        if row.query is None:
            continue
        query = row.query
        key = party_key(query.name, query.country)
        memory.remember_party(ScreenedParty(key, query.name, query.country, now))
        reviewed = apply_reviews(list(hits), memory.reviews_for(key), entries)
        live = [h for h in reviewed if h.status is not HitStatus.DISMISSED]
        memory.replace_hits(key, [record_of(key, h, snapshot) for h in live])
        enrolled.append(WatchedParty(key, query.name, query.country, row.id, origin, now))
    memory.enrol(enrolled)
    return len(enrolled)


@dataclass(frozen=True, slots=True)
class WatchedView:
    key: str
    name: str
    country: str | None
    origin: str  # "batch FILE (id X)" or "screened by check"
    last_screened_at: datetime
    hits: int


def watchlist(memory: ScreeningMemory) -> list[WatchedView]:
    """Every party re-screened on import, with where it came from and its live hits."""
    enrolled = {w.key: w for w in memory.watched()}
    views = []
    for party in memory.parties():
        watched = enrolled.get(party.key)
        origin = (
            f"batch {watched.origin}"
            + (f" (id {watched.external_id})" if watched.external_id else "")
            if watched is not None
            else "screened by check"
        )
        views.append(
            WatchedView(
                party.key,
                party.name,
                party.country,
                origin,
                party.last_screened_at,
                len(memory.hits_for(party.key)),
            )
        )
    return views


def remove(memory: ScreeningMemory, key: str) -> None:
    """Stop re-screening a party (its reviews are kept)."""
    if not memory.unwatch(key):
        raise NotFoundError(f"no party {key!r} on the watch-list")
