"""The keys of a snapshot's counts: list codes, `skipped.<reason>` and `note.<what>`."""

from __future__ import annotations

from collections.abc import Mapping

SKIPPED = "skipped."
NOTE = "note."


def list_counts(counts: Mapping[str, int]) -> dict[str, int]:
    """The entry counts by list code, from a snapshot's counts (without skipped./note. keys)."""
    return {k: v for k, v in counts.items() if not k.startswith((SKIPPED, NOTE))}
