"""Reviews: four-eyes, undo, the entry's content at review time; the watch-list; notes on
re-screening changes (a lapsed verdict says what changed).

Existing reviews keep their data and become effective verdicts that asked for no second
reviewer (the only kind there was).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("hit_review") as batch:
        batch.add_column(
            sa.Column("status", sa.String(20), nullable=False, server_default="effective")
        )
        batch.add_column(
            sa.Column("requires_second", sa.Boolean, nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("second_reviewer", sa.String(200), nullable=True))
        batch.add_column(sa.Column("seconded_at", TS, nullable=True))
        batch.add_column(sa.Column("undone_by", sa.String(200), nullable=True))
        batch.add_column(sa.Column("undone_at", TS, nullable=True))
        batch.add_column(sa.Column("entry_content", sa.Text, nullable=True))
    with op.batch_alter_table("rescreen_change") as batch:
        batch.alter_column(
            "change", existing_type=sa.String(10), type_=sa.String(20), existing_nullable=False
        )
        batch.add_column(sa.Column("note", sa.Text, nullable=True))
    op.create_table(
        "watched_party",
        sa.Column("key", sa.String(600), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("country", sa.String(2), nullable=True),
        sa.Column("external_id", sa.String(200), nullable=True),
        sa.Column("origin", sa.String(300), nullable=False),
        sa.Column("enrolled_at", TS, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("watched_party")
    with op.batch_alter_table("rescreen_change") as batch:
        batch.drop_column("note")
        batch.alter_column(
            "change", existing_type=sa.String(20), type_=sa.String(10), existing_nullable=False
        )
    with op.batch_alter_table("hit_review") as batch:
        for column in (
            "entry_content",
            "undone_at",
            "undone_by",
            "seconded_at",
            "second_reviewer",
            "requires_second",
            "status",
        ):
            batch.drop_column(column)
