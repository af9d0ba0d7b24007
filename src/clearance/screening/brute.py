"""The brute-force reference for the candidate index: compare a query with every list unit.

It shares the scorer with the index path but none of the look-up machinery: no spelling keys,
no postings, no blocking. Every indexed token is compared with every query token (rapidfuzz does
the first, vectorised pass at the similarity floor; `token_similarity` then applies the exact
relation), joins are compared for equality, and `Screener.screen_exhaustive` then aligns the
query with every list name. Slow by design: tests and benchmarks use it to check that the index
loses nothing.
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import OSA

from clearance.screening.index import MatchTable, NameIndex
from clearance.screening.score import MIN_TOKEN_SIMILARITY, Side, token_similarity
from clearance.screening.variants import sound_keys


class BruteForce:
    def __init__(self, index: NameIndex) -> None:
        self.units = frozenset(index.postings)
        self.tokens = sorted(index.tokens)
        self.sounds: dict[str, list[str]] = defaultdict(list)
        for token in self.tokens:
            for key in sound_keys(token):
                self.sounds[key].append(token)

    def table(self, query: Side) -> MatchTable:
        found: MatchTable = defaultdict(list)
        for k, (text, positions) in enumerate(query.units):
            if len(positions) == 1:
                close = process.extract(
                    text,
                    self.tokens,
                    scorer=OSA.normalized_similarity,
                    score_cutoff=MIN_TOKEN_SIMILARITY - 0.01,  # a margin: the exact test follows
                    limit=None,
                )
                alike = {t for key in sound_keys(text) for t in self.sounds.get(key, ())}
                for token in sorted({token for token, _, _ in close} | alike - {text}):
                    sim = token_similarity(text, token)
                    if sim > 0.0:
                        found[token].append((k, sim))
            if text in self.units and all(qk != k for qk, _ in found.get(text, ())):
                found[text].append((k, 1.0))
        return dict(found)
