"""Wiring for the commands: settings -> stores -> screeners. The only place that builds them.

The heavy imports (SQLAlchemy, Alembic, the screening index) happen inside the functions, so
that `clearance --help` and commands that need none of them start quickly.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

import typer

from clearance.domain.errors import InputError
from clearance.settings import get_settings

if TYPE_CHECKING:
    from clearance.services.party_screening import ListScreener
    from clearance.services.screening_source import ScreeningSource
    from clearance.store.access import SqlUserStore
    from clearance.store.index_files import IndexFiles
    from clearance.store.item_master_files import FileItemMaster
    from clearance.store.screening_memory import SqlScreeningMemory
    from clearance.store.snapshot_files import FileSnapshotRepository


class ScreenAgainst(StrEnum):
    AUTO = "auto"  # the imported lists when there are any, else the sample
    LISTS = "lists"
    SAMPLE = "sample"


def item_master() -> FileItemMaster:
    from clearance.store.item_master_files import FileItemMaster

    return FileItemMaster(get_settings().data_dir)


def snapshot_repository() -> FileSnapshotRepository:
    from clearance.store.snapshot_files import FileSnapshotRepository

    return FileSnapshotRepository(get_settings().data_dir)


def index_store() -> IndexFiles:
    from clearance.store.index_files import IndexFiles

    return IndexFiles(get_settings().data_dir)


def note(message: str) -> None:
    """A progress note on stderr (building an index takes seconds; loading it does not)."""
    typer.echo(f"note: {message}", err=True)


def screening_memory() -> SqlScreeningMemory:
    from clearance.store.db import make_engine, migrate
    from clearance.store.screening_memory import SqlScreeningMemory

    engine = make_engine(get_settings().resolved_database_url)
    migrate(engine)
    return SqlScreeningMemory(engine)


def user_store() -> SqlUserStore:
    from clearance.store.access import SqlUserStore
    from clearance.store.db import make_engine, migrate

    engine = make_engine(get_settings().resolved_database_url)
    migrate(engine)
    return SqlUserStore(engine)


def screening_source(against: ScreenAgainst) -> ScreeningSource:
    from clearance.services.screening_source import imported_source, sample_source

    if against is ScreenAgainst.SAMPLE:
        return sample_source()
    imported = imported_source(snapshot_repository(), index_store(), on_build=note)
    if imported is not None:
        return imported
    if against is ScreenAgainst.LISTS:
        raise InputError(
            "no lists imported yet: run `clearance lists import` or `clearance lists update` first"
        )
    return sample_source()


def party_screener(against: ScreenAgainst, *, remember: bool = True) -> ListScreener:
    """A screener over the chosen entries; it remembers parties only for imported lists."""
    from clearance.services.party_screening import ExactConfirm, ListScreener

    confirm = ExactConfirm(get_settings().exact_confirm.strip().lower())
    source = screening_source(against)
    if source.is_sample:
        typer.echo(
            "note: screening against the bundled sample of Entity List entries; "
            "import the real lists with `clearance lists update`",
            err=True,
        )
    memory = screening_memory() if remember and not source.is_sample else None
    return ListScreener(source.screener, source.label, memory, exact_confirm=confirm)
