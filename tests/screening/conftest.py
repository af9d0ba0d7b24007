"""Fixtures for the screening tests: the bundled sample list and, when present, the real CSL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clearance.domain.listing import EntryType, ListEntry
from clearance.screening import Screener
from clearance.screening.sample_list import SAMPLE_ENTRIES

REPO = Path(__file__).resolve().parents[2]
CSL = "lists/us_csl/csl_projection_2026-07-31.csv.gz"

# A few entries the sample list lacks: Cyrillic and diacritics, persons, a vessel.
EXTRA = (
    ListEntry("SDN", "rotenberg", "ROTENBERG, Arkadii Romanovich", EntryType.PERSON,
              countries=("RU",)),
    ListEntry("SDN", "erdogan-shipping", "Erdoğan Denizcilik Anonim Şirketi", EntryType.ENTITY,
              countries=("TR",)),
    ListEntry("SDN", "ocean-star", "OCEAN STAR", EntryType.VESSEL),
    ListEntry("SDN", "ooo-romashka", "OOO Romashka", EntryType.ENTITY, countries=("RU",)),
)  # fmt: skip


def shared_data() -> Path:
    return Path(os.environ.get("CLEARANCE_SHARED_DATA") or REPO.parent / "shared" / "data")


@pytest.fixture(scope="session")
def sample_screener() -> Screener:
    return Screener.build((*SAMPLE_ENTRIES, *EXTRA))


@pytest.fixture(scope="session")
def csl_entries() -> tuple[ListEntry, ...]:
    path = shared_data() / CSL
    if not path.is_file():
        pytest.skip(f"no shared CSL at {path} (set CLEARANCE_SHARED_DATA)")
    from clearance.lists import read_snapshots

    (snapshot,) = read_snapshots([path])
    return snapshot.entries


@pytest.fixture(scope="session")
def csl_screener(csl_entries: tuple[ListEntry, ...]) -> Screener:
    return Screener.build(csl_entries)
