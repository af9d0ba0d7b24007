"""ScreeningMemory in SQL: one short transaction per call."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from clearance.services.screening_memory import (
    HitRecord,
    HitReview,
    RescreenChange,
    ReviewStatus,
    ScreenedParty,
    Verdict,
    WatchedParty,
)

from .tables import (
    HitReviewRow,
    PartyHitRow,
    RescreenChangeRow,
    RescreenRunRow,
    ScreenedPartyRow,
    WatchedPartyRow,
)


def _utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes: they were stored as UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _utc_or_none(value: datetime | None) -> datetime | None:
    return None if value is None else _utc(value)


def _review(r: HitReviewRow) -> HitReview:
    return HitReview(
        party_key=r.party_key,
        source_list=r.source_list,
        entry_id=r.entry_id,
        entry_fingerprint=r.entry_fingerprint,
        verdict=Verdict(r.verdict),
        reason=r.reason,
        reviewer=r.reviewer,
        reviewed_at=_utc(r.reviewed_at),
        id=r.id,
        status=ReviewStatus(r.status),
        requires_second=bool(r.requires_second),
        second_reviewer=r.second_reviewer,
        seconded_at=_utc_or_none(r.seconded_at),
        undone_by=r.undone_by,
        undone_at=_utc_or_none(r.undone_at),
        entry_content=r.entry_content,
    )


class SqlScreeningMemory:
    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def _session(self) -> Session:
        return self._sessions()

    def remember_party(self, party: ScreenedParty) -> None:
        with self._session() as session, session.begin():
            row = session.get(ScreenedPartyRow, party.key)
            if row is None:
                session.add(
                    ScreenedPartyRow(
                        key=party.key,
                        name=party.name,
                        country=party.country,
                        first_screened_at=party.last_screened_at,
                        last_screened_at=party.last_screened_at,
                    )
                )
            else:
                row.name = party.name
                row.last_screened_at = party.last_screened_at

    def parties(self) -> list[ScreenedParty]:
        with self._session() as session:
            rows = session.scalars(select(ScreenedPartyRow).order_by(ScreenedPartyRow.key))
            return [
                ScreenedParty(
                    key=r.key,
                    name=r.name,
                    country=r.country,
                    last_screened_at=_utc(r.last_screened_at),
                )
                for r in rows
            ]

    def reviews_for(self, party_key: str) -> list[HitReview]:
        return self.all_reviews(party_key)

    def all_reviews(self, party_key: str | None = None) -> list[HitReview]:
        query = select(HitReviewRow).order_by(HitReviewRow.reviewed_at, HitReviewRow.id)
        if party_key is not None:
            query = query.where(HitReviewRow.party_key == party_key)
        with self._session() as session:
            return [_review(r) for r in session.scalars(query)]

    def review(self, review_id: int) -> HitReview | None:
        with self._session() as session:
            row = session.get(HitReviewRow, review_id)
            return None if row is None else _review(row)

    def save_review(self, review: HitReview) -> int:
        with self._session() as session, session.begin():
            row = HitReviewRow(
                party_key=review.party_key,
                source_list=review.source_list,
                entry_id=review.entry_id,
                entry_fingerprint=review.entry_fingerprint,
                verdict=review.verdict.value,
                reason=review.reason,
                reviewer=review.reviewer,
                reviewed_at=review.reviewed_at,
                status=review.status.value,
                requires_second=review.requires_second,
                second_reviewer=review.second_reviewer,
                seconded_at=review.seconded_at,
                entry_content=review.entry_content,
            )
            session.add(row)
            session.flush()
            return row.id

    def second_review(self, review_id: int, reviewer: str, at: datetime) -> None:
        self._set(
            review_id,
            status=ReviewStatus.EFFECTIVE.value,
            second_reviewer=reviewer,
            seconded_at=at,
        )

    def undo_review(self, review_id: int, by: str, at: datetime) -> None:
        self._set(review_id, status=ReviewStatus.UNDONE.value, undone_by=by, undone_at=at)

    def _set(self, review_id: int, **values: object) -> None:
        with self._session() as session, session.begin():
            session.execute(
                update(HitReviewRow).where(HitReviewRow.id == review_id).values(**values)
            )

    def enrol(self, parties: list[WatchedParty]) -> None:
        with self._session() as session, session.begin():
            for party in parties:
                if session.get(WatchedPartyRow, party.key) is None:
                    session.add(
                        WatchedPartyRow(
                            key=party.key,
                            name=party.name,
                            country=party.country,
                            external_id=party.external_id,
                            origin=party.origin,
                            enrolled_at=party.enrolled_at,
                        )
                    )
                    session.flush()

    def watched(self) -> list[WatchedParty]:
        with self._session() as session:
            rows = session.scalars(select(WatchedPartyRow).order_by(WatchedPartyRow.key))
            return [
                WatchedParty(
                    key=r.key,
                    name=r.name,
                    country=r.country,
                    external_id=r.external_id,
                    origin=r.origin,
                    enrolled_at=_utc(r.enrolled_at),
                )
                for r in rows
            ]

    def unwatch(self, key: str) -> bool:
        with self._session() as session, session.begin():
            watched = session.execute(delete(WatchedPartyRow).where(WatchedPartyRow.key == key))
            screened = session.execute(delete(ScreenedPartyRow).where(ScreenedPartyRow.key == key))
            session.execute(delete(PartyHitRow).where(PartyHitRow.party_key == key))
            return bool(watched.rowcount or screened.rowcount)  # type: ignore[attr-defined]

    def hits_for(self, party_key: str) -> list[HitRecord]:
        with self._session() as session:
            rows = session.scalars(
                select(PartyHitRow)
                .where(PartyHitRow.party_key == party_key)
                .order_by(PartyHitRow.source_list, PartyHitRow.entry_id)
            )
            return [
                HitRecord(
                    party_key=r.party_key,
                    source_list=r.source_list,
                    entry_id=r.entry_id,
                    entry_name=r.entry_name,
                    score=r.score,
                    snapshot=r.snapshot,
                )
                for r in rows
            ]

    def replace_hits(self, party_key: str, hits: list[HitRecord]) -> None:
        with self._session() as session, session.begin():
            session.execute(delete(PartyHitRow).where(PartyHitRow.party_key == party_key))
            seen: set[str] = set()
            for hit in hits:
                if hit.entry_key in seen:
                    continue
                seen.add(hit.entry_key)
                session.add(
                    PartyHitRow(
                        party_key=party_key,
                        source_list=hit.source_list,
                        entry_id=hit.entry_id,
                        entry_name=hit.entry_name,
                        score=hit.score,
                        snapshot=hit.snapshot,
                    )
                )

    def record_rescreen(
        self, snapshot: str, at: datetime, parties: int, changes: list[RescreenChange]
    ) -> int:
        with self._session() as session, session.begin():
            run = RescreenRunRow(
                snapshot=snapshot,
                ran_at=at,
                parties=parties,
                new_hits=sum(1 for c in changes if c.change == "new"),
                cleared_hits=sum(1 for c in changes if c.change == "cleared"),
            )
            session.add(run)
            session.flush()
            for change in changes:
                session.add(
                    RescreenChangeRow(
                        run_id=run.id,
                        party_key=change.party_key,
                        party_name=change.party_name,
                        change=change.change,
                        source_list=change.source_list,
                        entry_id=change.entry_id,
                        entry_name=change.entry_name,
                        score=change.score,
                        note=change.note or None,
                    )
                )
            return run.id
