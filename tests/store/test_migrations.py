"""The migrations build exactly the schema the tables declare, on every backend."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from clearance.store.db import migrate
from clearance.store.schema import metadata


def test_migrations_match_the_tables(engine: Engine) -> None:
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_migrating_twice_is_a_no_op(engine: Engine) -> None:
    before = sorted(inspect(engine).get_table_names())
    migrate(engine)
    assert sorted(inspect(engine).get_table_names()) == before
    assert "screened_party" in before


def test_0002_keeps_the_reviews_of_the_first_schema(engine: Engine) -> None:
    """Down to 0001, a review written there, up again: it reads back as an effective verdict."""
    from datetime import UTC, datetime

    from alembic import command
    from sqlalchemy import text

    from clearance.services.screening_memory import ReviewStatus, Verdict
    from clearance.store.db import alembic_config
    from clearance.store.screening_memory import SqlScreeningMemory

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    assert "watched_party" not in inspect(engine).get_table_names()
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO hit_review (party_key, source_list, entry_id, entry_fingerprint, "
                "verdict, reason, reviewer, reviewed_at) VALUES ('acme|CN', 'EL', 'x', 'f', "
                "'dismissed', 'LEI differs', 'ann', :at)"
            ),
            {"at": datetime(2026, 1, 5, tzinfo=UTC)},
        )
    migrate(engine)
    (review,) = SqlScreeningMemory(engine).all_reviews()
    assert review.verdict is Verdict.DISMISSED
    assert review.status is ReviewStatus.EFFECTIVE
    assert not review.requires_second
    assert review.reason == "LEI differs"
    assert review.entry_content is None


def test_upgrading_a_screening_memory_database_keeps_its_rows(blank_engine: Engine) -> None:
    from datetime import UTC, datetime

    from clearance.services.screening_memory import ScreenedParty
    from clearance.store.screening_memory import SqlScreeningMemory

    migrate(blank_engine, "0001")
    assert "shipment" not in inspect(blank_engine).get_table_names()
    memory = SqlScreeningMemory(blank_engine)
    at = datetime(2026, 1, 16, tzinfo=UTC)
    memory.remember_party(ScreenedParty("acme|cn", "Acme Ltd.", "CN", at))
    migrate(blank_engine)
    assert {"shipment", "decision", "audit_event"} <= set(inspect(blank_engine).get_table_names())
    assert [p.name for p in SqlScreeningMemory(blank_engine).parties()] == ["Acme Ltd."]
    with blank_engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def test_0005_fills_the_exporter_of_volume_lines_booked_from_shipments(
    blank_engine: Engine,
) -> None:
    """A 0004 ledger with a shipment's volume line and a recorded one, up to the newest: the
    shipment's line names its exporter, the recorded one none; the totals index is there."""
    from datetime import UTC, date, datetime

    from sqlalchemy import text

    migrate(blank_engine, "0004")
    assert "exporter" not in {c["name"] for c in inspect(blank_engine).get_columns("volume")}
    at = datetime(2026, 3, 20, tzinfo=UTC)
    day = date(2026, 3, 20)
    with blank_engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO shipment (id, content_hash, document, state, ship_date, exporter, "
                "to_country, submitted_at, state_since) VALUES ('S-1', 'h', '{}', 'cleared', "
                ":day, 'NVIDIA Corporation', 'MO', :at, :at)"
            ),
            {"day": day, "at": at},
        )
        for source in ("shipment:S-1", "recorded", "shipment:GONE"):
            conn.execute(
                text(
                    "INSERT INTO volume (product, market, period_start, period_end, units, tpp, "
                    "source, at) VALUES ('H200', 'MO', :day, :day, 7, 0.0, :source, :at)"
                ),
                {"day": day, "source": source, "at": at},
            )
    migrate(blank_engine)
    with blank_engine.connect() as conn:
        rows = conn.execute(text("SELECT source, exporter FROM volume ORDER BY id")).all()
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    assert [tuple(r) for r in rows] == [
        ("shipment:S-1", "NVIDIA Corporation"),
        ("recorded", None),
        ("shipment:GONE", None),
    ]
    indexes = {i["name"] for i in inspect(blank_engine).get_indexes("volume")}
    assert "ix_volume_product_exporter_market" in indexes
