"""Alembic environment: runs on the connection handed over by clearance.store.db.migrate."""

from __future__ import annotations

from alembic import context

from clearance.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only through clearance.store.db.migrate
    raise RuntimeError("run migrations through clearance.store.db.migrate(engine)")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
