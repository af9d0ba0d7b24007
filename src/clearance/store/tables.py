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


class ApiUserRow(Base):
    """A user of the HTTP API: only the SHA-256 of its token is stored."""

    __tablename__ = "api_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(30))
    party: Mapped[str | None] = mapped_column(String(300))
    jurisdiction: Mapped[str | None] = mapped_column(String(2))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AccessRefusalRow(Base):
    __tablename__ = "access_refusal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    action: Mapped[str] = mapped_column(String(50))
    status: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    user_name: Mapped[str | None] = mapped_column(String(100))
    role: Mapped[str | None] = mapped_column(String(30))
    target: Mapped[str | None] = mapped_column(String(500))


class WebhookSubscriberRow(Base):
    __tablename__ = "webhook_subscriber"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    party: Mapped[str] = mapped_column(String(300), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    secret: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class WebhookOutboxRow(Base):
    __tablename__ = "webhook_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subscriber_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_subscriber.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[str] = mapped_column(String(32))
    event_type: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(10), index=True)
    attempts: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    leased_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
