"""Sound-alike tokens: romanisation variants and phonetic keys.

Names romanised from Cyrillic or Arabic are spelled many ways ("Anatolyevich", "Anatolijevitch",
"Anatolievich"; "Mohammed", "Muhammad"). Edit distance misses many of those pairs, so two
more keys pair tokens:

* the **romanisation key**: a name of `name_variants.tsv` stands for its key spelling, then
  the ordered rewrites of `romanisation_rules.tsv` apply (tch -> ch, ij -> y, ye -> e, kh -> h,
  w -> v, ...) and doubled letters are closed up. Tokens of four letters or more with the same
  key pair at `ROMANISATION_SIMILARITY`;
* the **phonetic key**: the Metaphone code (jellyfish). Tokens of five letters or more with
  the same code, the same first letter and a spelling similarity of at least
  `PHONETIC_MIN_SPELLING` pair at `PHONETIC_SIMILARITY`.

Both are keys, so the candidate index looks partners up by them exactly as it looks up spelling
keys (see `index`), and the brute-force reference finds the same pairs by comparing keys.
The two tables are package data (read once, never written); they are reference data, like the
pinyin dictionary.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jellyfish
from rapidfuzz.distance import OSA

from clearance.screening.data_files import read_rows

ROMANISATION_SIMILARITY = 0.9
PHONETIC_SIMILARITY = 0.7
PHONETIC_MIN_SPELLING = 0.6
MIN_ROMANISATION_LENGTH = 4
MIN_PHONETIC_LENGTH = 5

_DOUBLED = re.compile(r"(.)\1+")


def _read_variants() -> dict[str, str]:
    table: dict[str, str] = {}
    for key, others in read_rows("name_variants.tsv"):
        table[key] = key
        for other in others.split(","):
            table.setdefault(other.strip(), key)
    return table


def _read_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    rules = []
    for written, becomes in read_rows("romanisation_rules.tsv"):
        at_end = written.endswith("$")
        pattern = re.escape(written.rstrip("$")) + ("$" if at_end else "")
        rules.append((re.compile(pattern), becomes))
    return tuple(rules)


NAME_VARIANTS: dict[str, str] = _read_variants()
ROMANISATION_RULES = _read_rules()


def _sounded(token: str, least: int) -> bool:
    return len(token) >= least and token.isalpha()


@lru_cache(maxsize=1 << 17)
def romanisation_key(token: str) -> str | None:
    """The token's romanisation key, or None when the token is too short to have one."""
    if not _sounded(token, MIN_ROMANISATION_LENGTH):
        return None
    key = NAME_VARIANTS.get(token, token)
    for pattern, becomes in ROMANISATION_RULES:
        key = pattern.sub(becomes, key)
    return _DOUBLED.sub(r"\1", key)


@lru_cache(maxsize=1 << 17)
def phonetic_key(token: str) -> str | None:
    """The token's Metaphone code prefixed by its first letter, or None when too short."""
    if not _sounded(token, MIN_PHONETIC_LENGTH):
        return None
    code: str = jellyfish.metaphone(token)
    return f"{token[0]}:{code}" if code else None


def sound_similarity(a: str, b: str) -> float:
    """How well two different tokens sound alike: 0.0, PHONETIC_ or ROMANISATION_SIMILARITY."""
    key_a = romanisation_key(a)
    if key_a is not None and key_a == romanisation_key(b):
        return ROMANISATION_SIMILARITY
    code_a = phonetic_key(a)
    if (
        code_a is not None
        and code_a == phonetic_key(b)
        and OSA.normalized_similarity(a, b) >= PHONETIC_MIN_SPELLING
    ):
        return PHONETIC_SIMILARITY
    return 0.0


def sound_keys(token: str) -> tuple[str, ...]:
    """The keys under which the index files a token ("r:" romanisation, "p:" phonetic)."""
    keys = []
    if (key := romanisation_key(token)) is not None:
        keys.append("r:" + key)
    if (code := phonetic_key(token)) is not None:
        keys.append("p:" + code)
    return tuple(keys)
