"""SQLAlchemy 2 tables (`...Row`). Timestamps are timezone-aware UTC."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ScreenedPartyRow(Base):
    __tablename__ = "screened_party"

    key: Mapped[str] = mapped_column(String(600), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2))
    first_screened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_screened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PartyHitRow(Base):
    __tablename__ = "party_hit"
    __table_args__ = (UniqueConstraint("party_key", "source_list", "entry_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    party_key: Mapped[str] = mapped_column(
        ForeignKey("screened_party.key", ondelete="CASCADE"), index=True
    )
    source_list: Mapped[str] = mapped_column(String(20))
    entry_id: Mapped[str] = mapped_column(String(200))
    entry_name: Mapped[str] = mapped_column(String(600))
    score: Mapped[float] = mapped_column(Float)
    snapshot: Mapped[str] = mapped_column(String(100))


class HitReviewRow(Base):
    __tablename__ = "hit_review"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    party_key: Mapped[str] = mapped_column(String(600), index=True)
    source_list: Mapped[str] = mapped_column(String(20))
    entry_id: Mapped[str] = mapped_column(String(200))
    entry_fingerprint: Mapped[str] = mapped_column(String(64))
    verdict: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(200))
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20), server_default="effective")
    requires_second: Mapped[bool] = mapped_column(Boolean, server_default=false())
    second_reviewer: Mapped[str | None] = mapped_column(String(200))
    seconded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    undone_by: Mapped[str | None] = mapped_column(String(200))
    undone_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    entry_content: Mapped[str | None] = mapped_column(Text)


class WatchedPartyRow(Base):
    __tablename__ = "watched_party"

    key: Mapped[str] = mapped_column(String(600), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2))
    external_id: Mapped[str | None] = mapped_column(String(200))
    origin: Mapped[str] = mapped_column(String(300))
    enrolled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RescreenRunRow(Base):
    __tablename__ = "rescreen_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    snapshot: Mapped[str] = mapped_column(String(100))
    ran_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    parties: Mapped[int] = mapped_column(Integer)
    new_hits: Mapped[int] = mapped_column(Integer)
    cleared_hits: Mapped[int] = mapped_column(Integer)


class RescreenChangeRow(Base):
    __tablename__ = "rescreen_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("rescreen_run.id", ondelete="CASCADE"), index=True
    )
    party_key: Mapped[str] = mapped_column(String(600))
    party_name: Mapped[str] = mapped_column(String(300))
    change: Mapped[str] = mapped_column(String(20))
    source_list: Mapped[str] = mapped_column(String(20))
    entry_id: Mapped[str] = mapped_column(String(200))
    entry_name: Mapped[str] = mapped_column(String(600))
    score: Mapped[float] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)
