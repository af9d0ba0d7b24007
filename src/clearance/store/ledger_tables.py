"""The ledger's tables: authorizations, shipments, decisions, drawdowns, volumes, evidence,
red-flag resolutions, notices, the audit chain, legal holds and idempotency keys.

JSON documents are stored as canonical text (sorted keys, no spaces) so that what was hashed is
what is stored. Dates that take part in a hash (audit `at`) are stored as ISO text for the same
reason. Balances carry CHECK constraints: whatever a writer does, `quantity_used` stays within
`0..quantity`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from .tables import Base

TS = DateTime(timezone=True)


class PartyRow(Base):
    __tablename__ = "ledger_party"

    key: Mapped[str] = mapped_column(String(600), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2))


class ItemSpecRow(Base):
    __tablename__ = "item_spec"

    content_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    document: Mapped[str] = mapped_column(Text)


class AuthorizationRow(Base):
    __tablename__ = "authorization_record"
    __table_args__ = (
        CheckConstraint("quantity_used >= 0", name="ck_authorization_used_nonnegative"),
        CheckConstraint(
            "quantity IS NULL OR quantity_used <= quantity", name="ck_authorization_balance"
        ),
    )

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    jurisdiction: Mapped[str] = mapped_column(String(2))
    kind: Mapped[str] = mapped_column(String(30))
    holder: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(40), index=True)
    quantity: Mapped[int | None] = mapped_column(Integer)
    quantity_used: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    document: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(TS)


class AuthorizationChangeRow(Base):
    """The dated history of what happened to an authorization in the ledger."""

    __tablename__ = "authorization_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    authorization_id: Mapped[str] = mapped_column(ForeignKey("authorization_record.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(TS)


class ShipmentRow(Base):
    __tablename__ = "shipment"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    document: Mapped[str | None] = mapped_column(Text)  # None once purged
    state: Mapped[str] = mapped_column(String(20), index=True)
    ship_date: Mapped[date] = mapped_column(Date)
    exporter: Mapped[str] = mapped_column(String(300))
    to_country: Mapped[str] = mapped_column(String(2))
    submitted_at: Mapped[datetime] = mapped_column(TS)
    state_since: Mapped[datetime] = mapped_column(TS)
    exported_on: Mapped[date | None] = mapped_column(Date)
    retention_until: Mapped[date | None] = mapped_column(Date)
    last_decision_id: Mapped[int | None] = mapped_column(Integer)


class DecisionRow(Base):
    """Append-only: a new decision is a new row; nothing updates or deletes one but a purge."""

    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    shipment_id: Mapped[str] = mapped_column(ForeignKey("shipment.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(10))
    as_of: Mapped[date] = mapped_column(Date)
    input_hash: Mapped[str] = mapped_column(String(64))
    ruleset_hash: Mapped[str] = mapped_column(String(64))
    reason_ids: Mapped[str] = mapped_column(Text)
    screening: Mapped[str] = mapped_column(Text)
    record: Mapped[str | None] = mapped_column(Text)
    inputs: Mapped[str | None] = mapped_column(Text)
    trigger: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(TS)


class DrawdownRow(Base):
    __tablename__ = "drawdown"
    __table_args__ = (
        CheckConstraint("units > 0", name="ck_drawdown_units_positive"),
        CheckConstraint("kind IN ('draw', 'release')", name="ck_drawdown_kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    authorization_id: Mapped[str] = mapped_column(ForeignKey("authorization_record.id"), index=True)
    shipment_id: Mapped[str] = mapped_column(ForeignKey("shipment.id"), index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"))
    kind: Mapped[str] = mapped_column(String(10))
    units: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(TS)


class VolumeRow(Base):
    """Volume lines for share caps: signed units (a cancellation books a negative line)."""

    __tablename__ = "volume"
    __table_args__ = (
        Index("ix_volume_product_market", "product", "market"),
        Index("ix_volume_product_exporter_market", "product", "exporter", "market"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    product: Mapped[str] = mapped_column(String(300))
    market: Mapped[str] = mapped_column(String(2))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    units: Mapped[int] = mapped_column(Integer)
    tpp: Mapped[float] = mapped_column(Float)  # units x TPP per unit (0 when not known)
    source: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(TS)
    # the exporter's name as its shipment carries it; None: a line counted in total scope only
    exporter: Mapped[str | None] = mapped_column(String(300))


class EvidenceRow(Base):
    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    shipment_id: Mapped[str] = mapped_column(ForeignKey("shipment.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    reference: Mapped[str] = mapped_column(String(300))
    flag: Mapped[str | None] = mapped_column(String(100))
    authorization_id: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
    dated: Mapped[date | None] = mapped_column(Date)
    added_at: Mapped[datetime] = mapped_column(TS)


class FlagResolutionRow(Base):
    __tablename__ = "flag_resolution"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    shipment_id: Mapped[str] = mapped_column(ForeignKey("shipment.id"), index=True)
    flag: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200))
    dated: Mapped[date] = mapped_column(Date)
    at: Mapped[datetime] = mapped_column(TS)


class NoticeRow(Base):
    __tablename__ = "notice"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    authorization_id: Mapped[str] = mapped_column(ForeignKey("authorization_record.id"), index=True)
    party: Mapped[str] = mapped_column(String(300), index=True)
    action: Mapped[str] = mapped_column(String(30))
    message: Mapped[str] = mapped_column(Text)
    on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(TS)
    acked_on: Mapped[date | None] = mapped_column(Date)


class AuditEventRow(Base):
    __tablename__ = "audit_event"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(200), index=True)
    payload: Mapped[str | None] = mapped_column(Text)  # None once purged; its hash stays
    payload_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class LegalHoldRow(Base):
    __tablename__ = "legal_hold"

    subject: Mapped[str] = mapped_column(String(200), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(TS)


class IdempotencyKeyRow(Base):
    __tablename__ = "idempotency_key"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    action: Mapped[str] = mapped_column(String(60))
    response: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(TS)
