"""Wiring for the commands: settings -> stores -> screeners. The only place that builds them."""

from __future__ import annotations

from enum import StrEnum

import typer

from clearance.domain.errors import InputError
from clearance.services.party_screening import ListScreener
from clearance.services.screening_source import ScreeningSource, imported_source, sample_source
from clearance.settings import get_settings
from clearance.store.db import make_engine, migrate
from clearance.store.screening_memory import SqlScreeningMemory
from clearance.store.snapshot_files import FileSnapshotRepository


class ScreenAgainst(StrEnum):
    AUTO = "auto"  # the imported lists when there are any, else the sample
    LISTS = "lists"
    SAMPLE = "sample"


def snapshot_repository() -> FileSnapshotRepository:
    return FileSnapshotRepository(get_settings().data_dir)


def screening_memory() -> SqlScreeningMemory:
    engine = make_engine(get_settings().resolved_database_url)
    migrate(engine)
    return SqlScreeningMemory(engine)


def screening_source(against: ScreenAgainst) -> ScreeningSource:
    if against is ScreenAgainst.SAMPLE:
        return sample_source()
    imported = imported_source(snapshot_repository())
    if imported is not None:
        return imported
    if against is ScreenAgainst.LISTS:
        raise InputError(
            "no lists imported yet: run `clearance lists import` or `clearance lists update` first"
        )
    return sample_source()


def party_screener(against: ScreenAgainst, *, remember: bool = True) -> ListScreener:
    """A screener over the chosen entries; it remembers parties only for imported lists."""
    source = screening_source(against)
    if source.is_sample:
        typer.echo(
            "note: screening against the bundled sample of Entity List entries; "
            "import the real lists with `clearance lists update`",
            err=True,
        )
    memory = screening_memory() if remember and not source.is_sample else None
    return ListScreener.over(source.entries, source.label, memory)
