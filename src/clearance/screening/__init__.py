"""Restricted-party screening: normalisation, transliteration, the candidate index, scoring.

    from clearance.screening import Screener
    screener = Screener.build(entries)          # ListEntry values, any list
    hits = screener.screen("北京算能科技有限公司", country="CN")

Pure: no I/O, no clock, no environment, no logging. See docs/screening.md.
"""

from clearance.screening.pair import PairScore, score_pair
from clearance.screening.screener import (
    DEFAULT_LIMIT,
    DEFAULT_THRESHOLD,
    Screener,
    ScreeningQuery,
)

__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_THRESHOLD",
    "PairScore",
    "Screener",
    "ScreeningQuery",
    "score_pair",
]
