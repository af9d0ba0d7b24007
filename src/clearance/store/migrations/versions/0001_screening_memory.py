"""Screening memory: screened parties, their hits, reviews, re-screening runs.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "screened_party",
        sa.Column("key", sa.String(600), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("country", sa.String(2), nullable=True),
        sa.Column("first_screened_at", TS, nullable=False),
        sa.Column("last_screened_at", TS, nullable=False),
    )
    op.create_table(
        "party_hit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "party_key",
            sa.String(600),
            sa.ForeignKey("screened_party.key", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("source_list", sa.String(20), nullable=False),
        sa.Column("entry_id", sa.String(200), nullable=False),
        sa.Column("entry_name", sa.String(600), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("snapshot", sa.String(100), nullable=False),
        sa.UniqueConstraint("party_key", "source_list", "entry_id"),
    )
    op.create_index("ix_party_hit_party_key", "party_hit", ["party_key"])
    op.create_table(
        "hit_review",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("party_key", sa.String(600), nullable=False),
        sa.Column("source_list", sa.String(20), nullable=False),
        sa.Column("entry_id", sa.String(200), nullable=False),
        sa.Column("entry_fingerprint", sa.String(64), nullable=False),
        sa.Column("verdict", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("reviewed_at", TS, nullable=False),
    )
    op.create_index("ix_hit_review_party_key", "hit_review", ["party_key"])
    op.create_table(
        "rescreen_run",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("snapshot", sa.String(100), nullable=False),
        sa.Column("ran_at", TS, nullable=False),
        sa.Column("parties", sa.Integer, nullable=False),
        sa.Column("new_hits", sa.Integer, nullable=False),
        sa.Column("cleared_hits", sa.Integer, nullable=False),
    )
    op.create_table(
        "rescreen_change",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "run_id",
            sa.Integer,
            sa.ForeignKey("rescreen_run.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("party_key", sa.String(600), nullable=False),
        sa.Column("party_name", sa.String(300), nullable=False),
        sa.Column("change", sa.String(10), nullable=False),
        sa.Column("source_list", sa.String(20), nullable=False),
        sa.Column("entry_id", sa.String(200), nullable=False),
        sa.Column("entry_name", sa.String(600), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
    )
    op.create_index("ix_rescreen_change_run_id", "rescreen_change", ["run_id"])


def downgrade() -> None:
    op.drop_table("rescreen_change")
    op.drop_table("rescreen_run")
    op.drop_table("hit_review")
    op.drop_table("party_hit")
    op.drop_table("screened_party")
