"""Wiring: settings -> engine, stores, the gate, the live screening index. Built once per app."""

from __future__ import annotations

import gc
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine

from clearance.domain.item_record import ItemRecord
from clearance.domain.rule import RuleSet
from clearance.services.access import Gate
from clearance.services.item_master import declared_items
from clearance.services.ledger_decide import LedgerContext
from clearance.services.live_index import LiveIndex
from clearance.services.ruleset import bundled_ruleset
from clearance.services.screening_source import ScreeningSource, imported_source, sample_source
from clearance.services.webhooks import Sender
from clearance.settings import Settings
from clearance.store.access import SqlRefusalLog, SqlUserStore
from clearance.store.db import make_engine, migrate
from clearance.store.index_files import IndexFiles
from clearance.store.item_master_files import FileItemMaster
from clearance.store.ledger_store import SqlLedger
from clearance.store.snapshot_files import FileSnapshotRepository
from clearance.store.webhooks import HttpxSender, SqlWebhookStore


@dataclass
class ApiContext:
    settings: Settings
    engine: Engine
    users: SqlUserStore
    refusals: SqlRefusalLog
    gate: Gate
    snapshots: FileSnapshotRepository
    index: LiveIndex
    webhooks: SqlWebhookStore
    sender: Sender
    ruleset: RuleSet
    ledger: SqlLedger
    declared: Mapping[tuple[str, str], ItemRecord] = field(default_factory=dict)

    def ledger_context(self, actor: str) -> LedgerContext:
        """What a ledger use case runs with for this request: the bundled rules, the live
        index's party screener (the index in use when the request started), the signed-in
        user as the actor, and the item master's declarations (as `check` applies them)."""
        return LedgerContext(
            ruleset=self.ruleset,
            screener=self.index.current().parties,
            actor=actor,
            now=lambda: datetime.now(UTC),
            declared=self.declared,
        )


def settle_heap() -> None:
    """After an index swap: collect once, then freeze what is left out of the cyclic GC.

    The index over the real lists is hundreds of thousands of long-lived objects; a full
    collection that walks them stalls every request for up to a second. Frozen objects are
    still freed by reference counting when the next swap drops them; the collect here runs
    once per swap (a list import), not during requests.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def build_context(settings: Settings, *, sender: Sender | None = None) -> ApiContext:
    engine = make_engine(settings.resolved_database_url)
    migrate(engine)
    users = SqlUserStore(engine)
    refusals = SqlRefusalLog(engine)
    snapshots = FileSnapshotRepository(settings.data_dir)
    indexes = IndexFiles(settings.data_dir)

    def load() -> ScreeningSource:
        return imported_source(snapshots, indexes) or sample_source()

    return ApiContext(
        settings=settings,
        engine=engine,
        users=users,
        refusals=refusals,
        gate=Gate(users, refusals, cache_seconds=settings.api_token_cache_seconds),
        snapshots=snapshots,
        index=LiveIndex(load, after_swap=settle_heap),
        webhooks=SqlWebhookStore(engine),
        sender=sender or HttpxSender(),
        ruleset=bundled_ruleset(),
        ledger=SqlLedger(engine),
        declared=declared_items(FileItemMaster(settings.data_dir)),
    )
