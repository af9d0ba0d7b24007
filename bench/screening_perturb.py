"""Perturbed queries made from real list names: each must find the entry it was made from.

Kinds: legal-form variant, typo, token order, spacing, diacritics, dropped token (never a
legal-form word, never the name's rarest word: dropping "Additive" from "Additive Technology
Group" leaves a different name), and Chinese characters.

The last renders a romanised Chinese name (CN entries only) back into characters: known company
words through the transliterator's own vocabulary, inverted (technology -> 科技, co ltd ->
有限公司), every other word split into pinyin syllables, each written with a character of that
single reading, and a two-word personal name surname first. That tests the Chinese path end to
end, but against the project's own vocabulary: real Chinese-character names are harder.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from clearance.domain.listing import EntryType, ListEntry
from clearance.screening.legal_forms import LEGAL_WORDS
from clearance.screening.transliterate import HAN_WORDS

LEGAL_GROUPS: tuple[tuple[str, ...], ...] = (
    ("S.A. de C.V.", "SA de CV", "Sociedad Anónima de Capital Variable"),
    ("Limited Liability Company", "LLC", "L.L.C."),
    ("Closed Joint Stock Company", "CJSC", "ZAO"),
    ("Joint Stock Company", "JSC", "AO"),
    ("Co., Ltd.", "Company Limited", "Co. Limited", "Co Ltd", "Company Ltd."),
    ("Pte. Ltd.", "Private Limited", "Pte Ltd"),
    ("Ltd.", "Limited", "LTD"),
    ("Inc.", "Incorporated", "INC"),
    ("Corp.", "Corporation", "CORP"),
    ("GmbH", "Gesellschaft mit beschränkter Haftung"),
    ("AG", "Aktiengesellschaft"),
    ("S.A.", "SA", "Sociedad Anónima", "Société Anonyme"),
    ("OOO", "ООО", "Obshchestvo s Ogranichennoy Otvetstvennostyu"),
    ("PJSC", "Public Joint Stock Company", "PAO"),
    ("PLC", "Public Limited Company"),
    ("Co.", "Company"),
)
_ACCENTS = {"a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü", "c": "ç", "n": "ñ", "s": "ş"}


@dataclass(frozen=True, slots=True)
class Probe:
    kind: str
    query: str
    entry_key: str
    source: str  # the list name it was made from


# Every spelling of a legal form, longest first, so "Limited Liability Company" is one form.
_SPELLINGS = sorted(
    ((variant, group) for group in LEGAL_GROUPS for variant in group),
    key=lambda item: -len(item[0]),
)


def _find_form(name: str) -> tuple[re.Match[str], tuple[str, ...]] | None:
    for variant, group in _SPELLINGS:
        pattern = re.compile(rf"(?<![\w.]){re.escape(variant)}(?![\w])", re.IGNORECASE)
        found = pattern.search(name)
        if found:
            return found, group
    return None


def _legal_form(name: str, rng: random.Random) -> str | None:
    found = _find_form(name)
    if found is None:
        return None
    match, group = found
    other = rng.choice([v for v in group if v.lower() != match.group(0).lower()])
    return name[: match.start()] + other + name[match.end() :]


def _typo(name: str, rng: random.Random) -> str | None:
    words = list(re.finditer(r"[^\W\d_]{4,}", name))
    if not words:
        return None
    word = rng.choice(words)
    text, start = word.group(0), word.start()
    i = rng.randrange(1, len(text) - 1)
    op = rng.choice(("delete", "insert", "substitute", "transpose"))
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    if text[i].isupper():
        letter = letter.upper()  # a slip of the keyboard keeps the case of the word
    if op == "delete":
        new = text[:i] + text[i + 1 :]
    elif op == "insert":
        new = text[:i] + letter + text[i:]
    elif op == "substitute":
        new = text[:i] + (letter if letter.lower() != text[i].lower() else "x") + text[i + 1 :]
    else:
        new = text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]
    return name[:start] + new + name[word.end() :]


def _order(name: str, rng: random.Random) -> str | None:
    """Swap "LAST, First"; move a legal form from the front to the back or back to front."""
    if name.count(",") == 1:
        last, first = (part.strip() for part in name.split(","))
        if last and first:
            return f"{first} {last}"
    found = _find_form(name)
    if found is not None:
        match = found[0]
        rest = (name[: match.start()] + name[match.end() :]).strip(" ,")
        if rest:
            first = match.start() <= len(name) - match.end()
            return f"{rest} {match.group(0)}" if first else f"{match.group(0)} {rest}"
    words = name.split()
    if len(words) < 2:
        return None
    cut = rng.randrange(1, len(words))
    return " ".join(words[cut:] + words[:cut])


def _spacing(name: str, rng: random.Random) -> str | None:
    spaces = [m.start() for m in re.finditer(r"(?<=\w) (?=\w)", name)]
    if spaces:
        at = rng.choice(spaces)
        return name[:at] + name[at + 1 :]
    long = list(re.finditer(r"[^\W\d_]{8,}", name))
    if not long:
        return None
    word = rng.choice(long)
    middle = word.start() + len(word.group(0)) // 2
    return name[:middle] + " " + name[middle:]


def _diacritics(name: str, rng: random.Random) -> str | None:
    places = [i for i, char in enumerate(name) if char.lower() in _ACCENTS]
    if not places:
        return None
    chars = list(name)
    for i in rng.sample(places, min(2, len(places))):
        accented = _ACCENTS[chars[i].lower()]
        chars[i] = accented.upper() if chars[i].isupper() else accented
    return unicodedata.normalize("NFC", "".join(chars))


def _drop(name: str, rng: random.Random, rarity: dict[str, int]) -> str | None:
    """Drop one word, never a legal-form word nor the name's rarest word in the list."""
    words = name.replace(",", " ").split()
    keys = [re.sub(r"[^a-z0-9]", "", word.lower()) for word in words]
    core = [i for i, key in enumerate(keys) if key not in LEGAL_WORDS and len(key) > 1]
    if len(core) < 3:
        return None
    rarest = min(core, key=lambda i: (rarity.get(keys[i], 0), i))
    drop = rng.choice([i for i in core if i != rarest])
    return " ".join(word for i, word in enumerate(words) if i != drop)


@lru_cache(maxsize=1)
def _syllable_chars() -> dict[str, str]:
    """pinyin syllable -> a common character with that one reading."""
    from pypinyin import Style, pinyin

    chars: dict[str, str] = {}
    for code in range(0x4E00, 0x9FA6):
        char = chr(code)
        readings = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
        if len(readings) == 1 and len(readings[0]) == 1:
            syllable = readings[0][0]
            if syllable.isascii() and syllable.isalpha():
                chars.setdefault(syllable, char)
    return chars


def _syllables(word: str) -> list[str] | None:
    """Split a romanised word into pinyin syllables (fewest syllables), or None."""
    table = _syllable_chars()
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for size in range(1, min(6, end) + 1):
            start = end - size
            head = best[start]
            if head is not None and word[start:end] in table:
                path = [*head, word[start:end]]
                current = best[end]
                if current is None or len(path) < len(current):
                    best[end] = path
    return best[len(word)]


_ENGLISH = {english: han for han, english in reversed(list(HAN_WORDS.items()))}


def _chinese(name: str, rng: random.Random) -> str | None:
    """The name in characters; a personal name ("Fuyuan Huang", "HUANG, Fuyuan") surname first."""
    if "," in name:
        last, _, first = name.partition(",")
        name = f"{last} {first}"
    elif not _find_form(name) and not any(w in _ENGLISH for w in name.lower().split()):
        words = name.split()
        if len(words) == 2:  # given name first, as Western lists write it
            name = f"{words[1]} {words[0]}"
    words = re.sub(r"[(),.]", " ", name).lower().split()
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        if pair in _ENGLISH:
            out.append(_ENGLISH[pair])
            i += 2
            continue
        word = words[i]
        if word in _ENGLISH:
            out.append(_ENGLISH[word])
        else:
            syllables = _syllables(word)
            if syllables is None:
                return None
            out.extend(_syllable_chars()[s] for s in syllables)
        i += 1
    return "".join(out) if out else None


KINDS: dict[str, Callable[[str, random.Random], str | None]] = {
    "legal form": _legal_form,
    "typo": _typo,
    "token order": _order,
    "spacing": _spacing,
    "diacritics": _diacritics,
    "chinese characters": _chinese,
}


def _rarity(entries: tuple[ListEntry, ...]) -> dict[str, int]:
    """How many list names hold each folded word."""
    counts: dict[str, int] = {}
    for entry in entries:
        for name in entry.names:
            for word in set(re.sub(r"[^a-z0-9 ]", "", name.lower().replace(",", " ")).split()):
                counts[word] = counts.get(word, 0) + 1
    return counts


def make_probes(entries: tuple[ListEntry, ...], per_kind: int, seed: int) -> list[Probe]:
    """Up to `per_kind` probes of each kind, from randomly chosen entries and names."""
    rng = random.Random(seed)
    order = list(entries)
    rarity = _rarity(entries)
    kinds = {**KINDS, "dropped token": lambda name, r: _drop(name, r, rarity)}
    probes: list[Probe] = []
    for kind, perturb in kinds.items():
        rng.shuffle(order)
        made = 0
        for entry in order:
            if made >= per_kind:
                break
            if kind == "chinese characters" and "CN" not in entry.countries:
                continue
            if kind == "legal form" and entry.entry_type == EntryType.PERSON:
                continue
            name = rng.choice(entry.names)
            query = perturb(name, rng)
            if query and query != name:
                probes.append(Probe(kind, query, entry.key, name))
                made += 1
    return probes
