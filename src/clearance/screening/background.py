"""What is common in company names at large: the background the list's own weights lack.

Token weights come from the list (inverse document frequency), so a word common in company
names but rare on the list ("Liberty", "Star", "Global") weighs as much as a distinctive one.
Two tables correct for that:

* `company_words.tsv` (built by `tools/build_company_words.py` from the GLEIF and SEC names):
  how many of the counted names hold each core token. `commonness(token)` maps that count to
  [0, 1]: 0 below `COMMON_FROM` names, 1 from `COMMON_FULL` names, log-linear between.
* `place_words.txt`: countries, regions and major cities, the words a subsidiary's name adds to
  its group's name ("Huawei Technologies Malaysia").

The screener uses them in two qualifiers (both only ever lower a score, so the candidate
index stays exact, see `screener`): `generic_factor` damps a partial match carried by common
words, and `inside_form` lets a listed organisation's name be found inside a longer query name
that adds a place.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from clearance.screening.data_files import read_rows
from clearance.screening.normalize import NameForm, analyse, core_token

COMMON_FROM = 20  # names holding a token before it counts as common at all
COMMON_FULL = 1000  # names holding a token for it to count as fully common
GENERIC_DAMP = 0.18  # the most a partial match made only of common words loses (x 0.82)
INSIDE_FACTOR = 0.92  # a listed name found inside a query that adds a place
DISTINCTIVE_MAX = 0.5  # a token is distinctive when its commonness is at most this


def _company_words() -> tuple[dict[str, int], int]:
    rows = read_rows("company_words.tsv")
    counts = {token: int(n) for token, n in rows[1:]}  # the first row is the header
    return counts, max(counts.values(), default=1)


COMPANY_WORDS, _ = _company_words()
PLACES: frozenset[tuple[str, ...]] = frozenset(
    tuple(row[0].split()) for row in read_rows("place_words.txt")
)
_PLACE_LENGTH = max(len(place) for place in PLACES)
_SPAN = math.log(COMMON_FULL / COMMON_FROM)


def commonness(token: str) -> float:
    """0 (rare in company names) .. 1 (in at least COMMON_FULL of the counted names)."""
    count = COMPANY_WORDS.get(token, 0)
    if count < COMMON_FROM:
        return 0.0
    return min(1.0, math.log(count / COMMON_FROM) / _SPAN)


def is_distinctive(tokens: Sequence[str]) -> bool:
    """Whether some token is not common in company names (nor a place)."""
    return any(commonness(t) <= DISTINCTIVE_MAX and (t,) not in PLACES for t in tokens)


def generic_factor(
    tokens: Sequence[str], weights: Sequence[float], pairs: Sequence[tuple[tuple[int, ...], float]]
) -> tuple[float, float]:
    """(factor, share): the share of the query's matched weight carried by common words, and
    the factor 1 - GENERIC_DAMP x share. `pairs` are (query positions, similarity)."""
    matched = common = 0.0
    for positions, sim in pairs:
        for i in positions:
            matched += sim * weights[i]
            common += sim * weights[i] * commonness(tokens[i])
    if matched <= 0.0:
        return 1.0, 0.0
    share = common / matched
    return 1.0 - GENERIC_DAMP * share, share


def place_spans(tokens: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of every place phrase in the tokens, longest first, not overlapping."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        for size in range(min(_PLACE_LENGTH, len(tokens) - i), 0, -1):
            if tuple(tokens[i : i + size]) in PLACES:
                spans.append((i, i + size))
                i += size
                break
        else:
            i += 1
    return spans


def inside_form(form: NameForm) -> tuple[NameForm, tuple[str, ...]] | None:
    """The query without its place words, and the places, when what is left is distinctive.

    Places are read on the folded tokens (so "Hong Kong" is one place); the core keeps its
    order. None when the query names no place, or when nothing distinctive would be left.
    """
    spans = place_spans(form.tokens)
    if not spans:
        return None
    inside = {i for start, end in spans for i in range(start, end)}
    places = tuple(" ".join(form.tokens[start:end]) for start, end in spans)
    dropped = {core_token(form.tokens[i]) for i in inside}
    core = tuple(token for token in form.core if token not in dropped)
    if not core or len(core) == len(form.core) or not is_distinctive(core):
        return None
    joins = tuple(core_token(a + b) for a, b in pairwise(core))
    return replace(form, core=core, joins=joins), places


def distinctive_name(name: str, *, min_tokens: int = 2, min_letters: int = 8) -> bool:
    """Whether a name identifies on its own: some core token is not common in company names,
    and the core has at least `min_tokens` tokens or at least `min_letters` letters.

    "Sophgo Technologies Ltd." is distinctive; "AGI", "Dover" and "Global Trading" are not.
    """
    for form in analyse(name):
        letters = sum(len(token) for token in form.core)
        if is_distinctive(form.core) and (len(form.core) >= min_tokens or letters >= min_letters):
            return True
    return False
