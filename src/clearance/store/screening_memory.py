"""ScreeningMemory in SQL: one short transaction per call."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session, sessionmaker

from clearance.services.screening_memory import (
    HitRecord,
    HitReview,
    RescreenChange,
    ScreenedParty,
    Verdict,
)

from .tables import (
    HitReviewRow,
    PartyHitRow,
    RescreenChangeRow,
    RescreenRunRow,
    ScreenedPartyRow,
)
from .times import utc


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
                    last_screened_at=utc(r.last_screened_at),
                )
                for r in rows
            ]

    def reviews_for(self, party_key: str) -> list[HitReview]:
        with self._session() as session:
            rows = session.scalars(
                select(HitReviewRow)
                .where(HitReviewRow.party_key == party_key)
                .order_by(HitReviewRow.reviewed_at, HitReviewRow.id)
            )
            return [
                HitReview(
                    party_key=r.party_key,
                    source_list=r.source_list,
                    entry_id=r.entry_id,
                    entry_fingerprint=r.entry_fingerprint,
                    verdict=Verdict(r.verdict),
                    reason=r.reason,
                    reviewer=r.reviewer,
                    reviewed_at=utc(r.reviewed_at),
                )
                for r in rows
            ]

    def save_review(self, review: HitReview) -> None:
        with self._session() as session, session.begin():
            session.add(
                HitReviewRow(
                    party_key=review.party_key,
                    source_list=review.source_list,
                    entry_id=review.entry_id,
                    entry_fingerprint=review.entry_fingerprint,
                    verdict=review.verdict.value,
                    reason=review.reason,
                    reviewer=review.reviewer,
                    reviewed_at=review.reviewed_at,
                )
            )

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
                    )
                )
            return run.id
