"""The small sample restricted-party list the demo and stateless checks screen against."""

from __future__ import annotations

from clearance.domain.listing import ListEntry
from clearance.screening.sample_list import SAMPLE_ENTRIES


def sample_entries() -> tuple[ListEntry, ...]:
    return SAMPLE_ENTRIES
