"""Loose party-name comparison for matching authorizations to shipment parties."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Case-, accent-, punctuation- and spacing-insensitive key for exact name comparison."""
    text = unicodedata.normalize("NFKD", name).casefold()
    kept = [ch for ch in text if ch.isalnum()]
    return "".join(kept)
