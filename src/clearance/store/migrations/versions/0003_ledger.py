"""The ledger: authorizations, shipments, decisions, drawdowns, volumes, evidence, red-flag
resolutions, notices, the audit chain, legal holds, idempotency keys.

Revision ID: 0003
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("payload_hash", sa.String(length=64), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_index("ix_audit_event_subject", "audit_event", ["subject"])

    op.create_table(
        "authorization_record",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("jurisdiction", sa.String(length=2), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("holder", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("quantity_used", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "quantity IS NULL OR quantity_used <= quantity", name="ck_authorization_balance"
        ),
        sa.CheckConstraint("quantity_used >= 0", name="ck_authorization_used_nonnegative"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_authorization_record_status", "authorization_record", ["status"])

    op.create_table(
        "idempotency_key",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "item_spec",
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("content_hash"),
    )
    op.create_table(
        "ledger_party",
        sa.Column("key", sa.String(length=600), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "legal_hold",
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("subject"),
    )
    op.create_table(
        "shipment",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("document", sa.Text(), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("ship_date", sa.Date(), nullable=False),
        sa.Column("exporter", sa.String(length=300), nullable=False),
        sa.Column("to_country", sa.String(length=2), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state_since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("exported_on", sa.Date(), nullable=True),
        sa.Column("retention_until", sa.Date(), nullable=True),
        sa.Column("last_decision_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_shipment_state", "shipment", ["state"])

    op.create_table(
        "volume",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("product", sa.String(length=300), nullable=False),
        sa.Column("market", sa.String(length=2), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("tpp", sa.Float(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_volume_product_market", "volume", ["product", "market"])

    op.create_table(
        "authorization_change",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("authorization_id", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["authorization_id"],
            ["authorization_record.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_authorization_change_authorization_id", "authorization_change", ["authorization_id"]
    )

    op.create_table(
        "decision",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("shipment_id", sa.String(length=100), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("input_hash", sa.String(length=64), nullable=False),
        sa.Column("ruleset_hash", sa.String(length=64), nullable=False),
        sa.Column("reason_ids", sa.Text(), nullable=False),
        sa.Column("screening", sa.Text(), nullable=False),
        sa.Column("record", sa.Text(), nullable=True),
        sa.Column("inputs", sa.Text(), nullable=True),
        sa.Column("trigger", sa.String(length=200), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["shipment_id"],
            ["shipment.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_decision_shipment_id", "decision", ["shipment_id"])

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("shipment_id", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("reference", sa.String(length=300), nullable=False),
        sa.Column("flag", sa.String(length=100), nullable=True),
        sa.Column("authorization_id", sa.String(length=100), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("dated", sa.Date(), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["shipment_id"],
            ["shipment.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_evidence_shipment_id", "evidence", ["shipment_id"])

    op.create_table(
        "flag_resolution",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("shipment_id", sa.String(length=100), nullable=False),
        sa.Column("flag", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("dated", sa.Date(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["shipment_id"],
            ["shipment.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_flag_resolution_shipment_id", "flag_resolution", ["shipment_id"])

    op.create_table(
        "notice",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("authorization_id", sa.String(length=100), nullable=False),
        sa.Column("party", sa.String(length=300), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acked_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["authorization_id"],
            ["authorization_record.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_notice_authorization_id", "notice", ["authorization_id"])
    op.create_index("ix_notice_party", "notice", ["party"])

    op.create_table(
        "drawdown",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("authorization_id", sa.String(length=100), nullable=False),
        sa.Column("shipment_id", sa.String(length=100), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('draw', 'release')", name="ck_drawdown_kind"),
        sa.CheckConstraint("units > 0", name="ck_drawdown_units_positive"),
        sa.ForeignKeyConstraint(
            ["authorization_id"],
            ["authorization_record.id"],
        ),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decision.id"],
        ),
        sa.ForeignKeyConstraint(
            ["shipment_id"],
            ["shipment.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_drawdown_authorization_id", "drawdown", ["authorization_id"])
    op.create_index("ix_drawdown_shipment_id", "drawdown", ["shipment_id"])


def downgrade() -> None:
    op.drop_index("ix_drawdown_shipment_id", table_name="drawdown")
    op.drop_index("ix_drawdown_authorization_id", table_name="drawdown")

    op.drop_table("drawdown")
    op.drop_index("ix_notice_party", table_name="notice")
    op.drop_index("ix_notice_authorization_id", table_name="notice")

    op.drop_table("notice")
    op.drop_index("ix_flag_resolution_shipment_id", table_name="flag_resolution")

    op.drop_table("flag_resolution")
    op.drop_index("ix_evidence_shipment_id", table_name="evidence")

    op.drop_table("evidence")
    op.drop_index("ix_decision_shipment_id", table_name="decision")

    op.drop_table("decision")
    op.drop_index("ix_authorization_change_authorization_id", table_name="authorization_change")

    op.drop_table("authorization_change")
    op.drop_index("ix_volume_product_market", table_name="volume")

    op.drop_table("volume")
    op.drop_index("ix_shipment_state", table_name="shipment")

    op.drop_table("shipment")
    op.drop_table("legal_hold")
    op.drop_table("ledger_party")
    op.drop_table("item_spec")
    op.drop_table("idempotency_key")
    op.drop_index("ix_authorization_record_status", table_name="authorization_record")

    op.drop_table("authorization_record")
    op.drop_index("ix_audit_event_subject", table_name="audit_event")

    op.drop_table("audit_event")
