"""Volume lines name their exporter (the share cap's `scope: exporter`, BRIEF Q3).

A nullable `exporter` column on `volume`, filled for the lines booked from a shipment (their
`source` is `shipment:<id>`) with that shipment's exporter; recorded lines keep none (they count
toward the `total` scope only). An index on (product, exporter, market) serves the totals query.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-09
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEX = "ix_volume_product_exporter_market"
BACKFILL = sa.text(
    "UPDATE volume SET exporter = (SELECT shipment.exporter FROM shipment "
    "WHERE 'shipment:' || shipment.id = volume.source) "
    "WHERE volume.source LIKE 'shipment:%'"
)


def upgrade() -> None:
    with op.batch_alter_table("volume") as batch:
        batch.add_column(sa.Column("exporter", sa.String(length=300), nullable=True))
    op.execute(BACKFILL)
    with op.batch_alter_table("volume") as batch:
        batch.create_index(INDEX, ["product", "exporter", "market"])


def downgrade() -> None:
    with op.batch_alter_table("volume") as batch:
        batch.drop_index(INDEX)
        batch.drop_column("exporter")
