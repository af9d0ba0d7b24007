"""Scoring one query name against one list name, from named features.

The name feature aligns the core tokens of the two names (order-insensitive), one to one, best
pairs first. Two tokens pair when they are equal, when one is a one-letter initial of the other,
or when they are close in spelling: D_k(a) & D_k(b) is non-empty, where D_k(x) is x and every
string made by deleting up to k of its letters (k = 1 for tokens of 3 to 5 letters, 2 from 6
letters; shorter tokens and tokens with digits pair only when equal), and the similarity
1 - edit distance / longer length is at least `MIN_TOKEN_SIMILARITY`. Two adjacent tokens of one
name also pair, exactly, with one token of the other ("Deep Seek" = "DeepSeek").

Each token carries a weight (rare tokens identify, "technology" hardly does): the screener uses
the inverse document frequency over the list, the pair scorer `default_weight`. The aligned
masses then make the name score (see `formula`).

A list-side initial ("A. Khamenei") credits only the list side, so that every pair crediting the
query side is one the candidate index (see `index`) can look up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from clearance.screening.formula import name_score
from clearance.screening.variants import sound_similarity

MIN_TOKEN_SIMILARITY = 0.6
INITIAL_SIMILARITY = 0.7
# Typing slips rarely hit a word's first letter: a spelling match that differs there loses this.
FIRST_LETTER_PENALTY = 0.05
# One slip in a word of four letters or fewer more often makes another word ("Nike", "Nile").
SHORT_WORD_PENALTY = 0.05
SHORT_WORD = 4

# Low weights for the pair scorer when no list is at hand to measure how common a word is
# (the screener weighs by inverse document frequency over the indexed list instead).
GENERIC_TOKENS: frozenset[str] = frozenset((
    "technology", "group", "holding", "international", "industry", "industrial", "information",
    "electronic", "trading", "trade", "import", "export", "development", "science",
    "engineering", "service", "system", "solution", "enterprise", "investment", "energy",
    "global", "bank", "national", "research", "institute", "center", "university", "academy",
    "intelligent", "equipment", "manufacturing", "material", "network", "software",
    "communication", "semiconductor", "shipping", "logistic", "resource", "china", "beijing",
    "shanghai", "shenzhen", "hong", "kong", "al", "bin", "bint", "abu", "abd", "de", "da", "di",
    "du", "la", "le", "van", "von", "der", "den", "y", "e",
))  # fmt: skip
GENERIC_WEIGHT = 0.3


def default_weight(token: str) -> float:
    if len(token) == 1:
        return GENERIC_WEIGHT
    return GENERIC_WEIGHT if token in GENERIC_TOKENS else 1.0


def fuzz_depth(token: str) -> int:
    """How many deletions D_k allows for this token (0: it pairs only when equal)."""
    if len(token) < 3 or not token.isalpha():
        return 0
    return 1 if len(token) <= 5 else 2


def deletions(token: str, depth: int) -> set[str]:
    """D_k(token): the token and every string made by deleting up to `depth` (<= 2) characters."""
    n = len(token)
    keys = {token}
    if depth >= 1:
        keys.update([token[:i] + token[i + 1 :] for i in range(n)])
    if depth >= 2:
        keys.update(
            [
                token[:i] + token[i + 1 : j] + token[j + 1 :]
                for i in range(n)
                for j in range(i + 1, n)
            ]
        )
    return keys


def spelling_similarity(a: str, b: str) -> float:
    """1 - edit distance / longer length, or 0.0 below `MIN_TOKEN_SIMILARITY`.

    The distance is the optimal string alignment distance: Levenshtein with adjacent
    transpositions counted as one edit ("Atra" for "Tara" is one slip of the keyboard). Two
    tokens that differ in their first letter lose FIRST_LETTER_PENALTY ("Snow" ~ "Dnow").
    """
    sim: float = OSA.normalized_similarity(a, b)
    if sim < MIN_TOKEN_SIMILARITY:
        return 0.0
    if a[:1] != b[:1]:
        sim -= FIRST_LETTER_PENALTY
    if min(len(a), len(b)) <= SHORT_WORD:
        sim -= SHORT_WORD_PENALTY
    return sim


def close_similarity(a: str, b: str) -> float:
    """`token_similarity` for two tokens already known to share a D_k string (or be equal)."""
    if a == b:
        return 1.0
    depth_a, depth_b = fuzz_depth(a), fuzz_depth(b)
    if not (depth_a and depth_b):
        return 0.0
    return spelling_similarity(a, b)


def token_similarity(a: str, b: str) -> float:
    """Similarity of two single tokens; 0.0 when the scorer does not pair them.

    The better of the spelling relation (shared D_k string) and the sound relation
    (`variants.sound_similarity`: romanisation variants, phonetic keys).
    """
    if a == b:
        return 1.0
    return max(_spelling_relation(a, b), sound_similarity(a, b))


def _spelling_relation(a: str, b: str) -> float:
    depth_a, depth_b = fuzz_depth(a), fuzz_depth(b)
    if not (depth_a and depth_b) or abs(len(a) - len(b)) > max(depth_a, depth_b):
        return 0.0
    if deletions(a, depth_a).isdisjoint(deletions(b, depth_b)):
        return 0.0
    return close_similarity(a, b)


# A unit is a token (one index) or two adjacent tokens joined (two indexes).
Unit = tuple[str, tuple[int, ...]]


_ONE = tuple((i,) for i in range(256))
_TWO = tuple((i, i + 1) for i in range(256))


def units_of(tokens: Sequence[str], joins: Sequence[str] | None = None) -> tuple[Unit, ...]:
    """The tokens, then each adjacent pair run together (`NameForm.joins`, or concatenated)."""
    n = len(tokens)
    if joins is None or len(joins) != max(n - 1, 0):
        joins = [tokens[i] + tokens[i + 1] for i in range(n - 1)]
    if n > len(_ONE):
        return (
            *((token, (i,)) for i, token in enumerate(tokens)),
            *((join, (i, i + 1)) for i, join in enumerate(joins)),
        )
    return (*zip(tokens, _ONE, strict=False), *zip(joins, _TWO, strict=False))


def unit_similarity(q: Unit, c: Unit) -> float:
    """The relation between units: token~token (fuzzy), join==token and token==join (exact)."""
    if len(q[1]) == 1 and len(c[1]) == 1:
        return token_similarity(q[0], c[0])
    if len(q[1]) == 2 and len(c[1]) == 2:
        return 0.0
    return 1.0 if q[0] == c[0] else 0.0


@dataclass(frozen=True, slots=True)
class Side:
    """One name's core tokens with their weights, ready to align."""

    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    total: float
    units: tuple[Unit, ...]
    unit_weights: tuple[float, ...]
    initials: tuple[int, ...]  # positions of one-letter tokens


def side(
    tokens: Sequence[str], weights: Sequence[float], joins: Sequence[str] | None = None
) -> Side:
    weights = tuple(weights)
    pairs = tuple(weights[i] + weights[i + 1] for i in range(len(weights) - 1))
    return Side(
        tokens=tuple(tokens),
        weights=weights,
        total=sum(weights),
        units=units_of(tokens, joins),
        unit_weights=weights + pairs,
        initials=tuple(i for i, token in enumerate(tokens) if len(token) == 1 and token.isalpha()),
    )


# List-unit text -> the query units (by position in Side.units) pairing with it, and how well.
Table = Mapping[str, Sequence[tuple[int, float]]]


def direct_table(q: Side, c: Side) -> dict[str, list[tuple[int, float]]]:
    """The table for one pair of names, computed unit by unit (no index)."""
    table: dict[str, list[tuple[int, float]]] = {}
    for c_unit in c.units:
        for k, q_unit in enumerate(q.units):
            sim = unit_similarity(q_unit, c_unit)
            if sim > 0.0:
                table.setdefault(c_unit[0], []).append((k, sim))
    return table


@dataclass(frozen=True, slots=True)
class Alignment:
    """How two names' core tokens were paired, and the resulting name score."""

    score: float
    query_coverage: float
    list_coverage: float
    pairs: tuple[tuple[tuple[int, ...], tuple[int, ...], float], ...]  # (q idx, c idx, sim)


EMPTY = Alignment(0.0, 0.0, 0.0, ())

# Pair candidates: (sim, combined weight, q indexes, c indexes, credits the query side).
_Pair = tuple[float, float, tuple[int, ...], tuple[int, ...], bool]


def align(q: Side, c: Side, table: Table) -> Alignment:
    """Greedy one-to-one alignment of the two names' tokens, best pairs first."""
    pairs: list[_Pair] = []
    q_units, q_unit_weights = q.units, q.unit_weights
    for k, (text, c_pos) in enumerate(c.units):
        found = table.get(text)
        if not found:
            continue
        c_join = len(c_pos) == 2
        for qk, sim in found:
            q_pos = q_units[qk][1]
            q_join = len(q_pos) == 2
            if (c_join or q_join) and (sim < 1.0 or c_join == q_join):
                continue  # a join pairs with a single token, and only when equal
            pairs.append((sim, q_unit_weights[qk] + c.unit_weights[k], q_pos, c_pos, True))
    if q.initials or c.initials:
        pairs.extend(_initial_pairs(q, c))
    if not pairs:
        return EMPTY
    pairs.sort(key=lambda pair: (-pair[0], -pair[1], pair[2], pair[3]))
    used_q: set[int] = set()
    used_c: set[int] = set()
    matched_q = matched_c = paired_q = paired_c = 0.0
    taken: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    q_weights, c_weights = q.weights, c.weights
    for sim, _, q_pos, c_pos, credit_q in pairs:
        if used_q.intersection(q_pos) or used_c.intersection(c_pos):
            continue
        used_q.update(q_pos)
        used_c.update(c_pos)
        weight_q = sum(q_weights[i] for i in q_pos)
        weight_c = sum(c_weights[j] for j in c_pos)
        paired_q += weight_q
        paired_c += weight_c
        if credit_q:
            matched_q += sim * weight_q
        matched_c += sim * weight_c
        taken.append((q_pos, c_pos, sim))
    paired_q, paired_c = min(paired_q, q.total), min(paired_c, c.total)
    matched_q, matched_c = min(matched_q, paired_q), min(matched_c, paired_c)
    return Alignment(
        name_score(matched_q, paired_q, q.total, matched_c, paired_c, c.total),
        matched_q / q.total,
        matched_c / c.total,
        tuple(taken),
    )


def _initial_pairs(q: Side, c: Side) -> list[_Pair]:
    pairs: list[_Pair] = []
    for i in q.initials:
        for j, token in enumerate(c.tokens):
            if len(token) > 1 and token[0] == q.tokens[i]:
                weight = q.weights[i] + c.weights[j]
                pairs.append((INITIAL_SIMILARITY, weight, (i,), (j,), True))
    for j in c.initials:
        for i, token in enumerate(q.tokens):
            if len(token) > 1 and token[0] == c.tokens[j]:
                weight = q.weights[i] + c.weights[j]
                pairs.append((INITIAL_SIMILARITY, weight, (i,), (j,), False))
    return pairs


def score_tokens(
    q_tokens: Sequence[str],
    c_tokens: Sequence[str],
    weight: Callable[[str], float] = default_weight,
    q_joins: Sequence[str] | None = None,
    c_joins: Sequence[str] | None = None,
) -> Alignment:
    """Align two token sequences with the pair-by-pair relation (no index)."""
    if not q_tokens or not c_tokens:
        return EMPTY
    q = side(q_tokens, [weight(token) for token in q_tokens], q_joins)
    c = side(c_tokens, [weight(token) for token in c_tokens], c_joins)
    return align(q, c, direct_table(q, c))
