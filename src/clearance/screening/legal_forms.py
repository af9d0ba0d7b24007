"""Legal-form standardisation: `Co., Ltd.` = `Company Limited` = `有限公司` -> "co ltd".

Names arrive here already folded to lower-case ASCII tokens (see `normalize`), so the table is
written in that form: "S.A." is the token "sa", "Sp. z o.o." is "sp z oo", "ООО" is "ooo",
"有限公司" was rendered "co ltd" by the transliterator. A legal form is recognised anywhere in the
name (prefix "OOO Romashka", suffix "Siemens AG", middle "X Co., Ltd. Beijing Branch"), longest
phrase first. The forms are kept apart from the core of the name: they say little about identity
(lists spell them inconsistently), so they are compared as a separate, light feature.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

# Canonical form -> the phrases (space-separated folded tokens) that mean it.
_FORMS: dict[str, tuple[str, ...]] = {
    # English
    "co ltd": ("co ltd", "company limited", "co limited", "company ltd", "limited company",
               "ltd co", "limited liability co ltd", "youxian gongsi", "gufen youxian gongsi",
               "youxian zeren gongsi"),
    "ltd": ("ltd", "limited", "ltda", "limitada"),
    "llc": ("llc", "l l c", "limited liability company", "limited liability co",
            "limited liability partnership", "llp", "tov", "too", "mchj",
            "ltd liability company", "ltd liability co", "ltd liability partnership"),
    "inc": ("inc", "incorporated"),
    "corp": ("corp", "corporation", "corpn"),
    "co": ("co", "company", "cie", "compania", "compagnie"),
    "plc": ("plc", "public limited company", "public co ltd", "public company limited"),
    "pte ltd": ("pte ltd", "pte", "private limited", "pvt ltd", "pvt", "pty ltd", "pty"),
    "sdn bhd": ("sdn bhd", "sendirian berhad", "bhd", "berhad"),  # Malaysia
    "lp": ("lp", "limited partnership"),
    # German
    "gmbh": ("gmbh", "gesellschaft mit beschrankter haftung", "mbh", "gesmbh", "ggmbh"),
    "ag": ("ag", "aktiengesellschaft"),
    "kg": ("kg", "kommanditgesellschaft", "gmbh co kg", "ohg"),
    "se": ("se", "societas europaea"),
    # French, Spanish, Portuguese, Italian
    "sa": ("sa", "societe anonyme", "sociedad anonima", "s a", "sae", "saa"),
    "sa de cv": ("sa de cv", "s a de c v", "sab de cv", "sapi de cv", "sociedad anonima de cv",
                 "sociedad anonima de capital variable", "s de rl de cv", "s de r l de c v",
                 "sociedad de responsabilidad limitada de capital variable", "spr de rl",
                 "spr de ri", "s p r de r l"),
    "sarl": ("sarl", "societe a responsabilite limitee", "eurl"),
    "sas": ("sas", "sasu", "societe par actions simplifiee"),
    "srl": ("srl", "sociedad de responsabilidad limitada", "sl", "s de rl",
            "societatea cu raspundere limitata", "societate cu raspundere limitata"),
    "spa": ("spa", "societa per azioni"),
    # Dutch, Nordic, Polish, Turkish
    "bv": ("bv", "besloten vennootschap"),
    "nv": ("nv", "naamloze vennootschap"),
    "ua": ("ua", "u a"),
    "ab": ("ab", "aktiebolag", "asa", "oy", "oyj", "a s", "aps"),
    "sp zoo": ("sp zoo", "sp z oo", "spolka z ograniczona odpowiedzialnoscia"),
    "as": ("anonim sirketi", "as"),
    # Russian and other post-Soviet forms, transliterated from Cyrillic
    "ooo": ("ooo", *(f"obshchestvo s ogranichenn{a} otvetstvennost{b}"
                     for a in ("oy", "oi", "oj") for b in ("yu", "iu", "ju", "u")),
            # the words of that phrase on their own, as in a name whose words were reordered
            "obshchestvo", *(f"ogranichenn{a}" for a in ("oy", "oi", "oj")),
            *(f"otvetstvennost{b}" for b in ("yu", "iu", "ju"))),
    "jsc": ("jsc", "joint stock company", "joint stock co", "joint stock", "ao", "jsco", "ojsc",
            "oao", "cjsc", "zao", "pjsc", "pao", "jv", "open joint stock company", "open jsc",
            "closed jsc", "public jsc",
            "closed joint stock company", "public joint stock company",
            *(f"{kind}aktsionern{end} obshchestvo" for kind in ("", "otkrytoe ", "zakrytoe ",
              "publichnoe ", "nepublichnoe ") for end in ("oe", "oye", "oie")),
            "akcionernoe obshchestvo"),
    "fgup": ("fgup", "gup", "fgbu", "federal state unitary enterprise", "state unitary enterprise"),
    # Japanese
    "kk": ("kk", "kabushiki kaisha", "kabushikigaisha", "godo kaisha", "yugen kaisha"),
}  # fmt: skip

# Families for comparison: two different forms of one family are near-equivalent
# (a "Co., Ltd." and an "LLC" are both limited companies).
_FAMILY: dict[str, str] = {
    **dict.fromkeys(
        (
            "co ltd",
            "ltd",
            "llc",
            "pte ltd",
            "sdn bhd",
            "gmbh",
            "sarl",
            "srl",
            "bv",
            "sp zoo",
            "ooo",
            "sa de cv",
        ),
        "limited",
    ),
    **dict.fromkeys(
        ("inc", "corp", "co", "plc", "ag", "se", "sa", "sas", "spa", "nv", "ab", "as", "jsc", "kk"),
        "stock",
    ),
    **dict.fromkeys(("lp", "kg", "ua"), "partnership"),
    "fgup": "state",
}


def _glued(words: list[str]) -> list[tuple[str, ...]]:
    """A phrase and every spelling of it with adjacent words run together ("jointstock")."""
    spellings: list[tuple[str, ...]] = [(words[0],)]
    for word in words[1:]:
        spellings = [(*s, word) for s in spellings] + [(*s[:-1], s[-1] + word) for s in spellings]
    return spellings


_PHRASES: dict[tuple[str, ...], str] = {}
for _canonical, _phrases in _FORMS.items():
    for _phrase in _phrases:
        for _spelling in _glued(_phrase.split()):
            _PHRASES.setdefault(_spelling, _canonical)
_MAX_LEN = max(len(phrase) for phrase in _PHRASES)
_STARTS = frozenset(phrase[0] for phrase in _PHRASES)

# Words that carry no identity at all and are dropped from the core (titles, articles).
STOPWORDS: frozenset[str] = frozenset(
    ("the", "and", "of", "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "messrs")
)

LEGAL_WORDS: frozenset[str] = frozenset(word for phrase in _PHRASES for word in phrase)
# The longer words of legal forms, found again under one slip of the keyboard ("Limitd", "Stcok").
_LONG_WORDS = frozenset(word for word in LEGAL_WORDS if len(word) >= 5)


def _one_deletion(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


_SLIPS: dict[str, str] = {}
for _word in sorted(_LONG_WORDS):
    for _key in _one_deletion(_word):
        _SLIPS.setdefault(_key, _word)


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or transposition."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )  # fmt: skip
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


# One edit leaves a word of five letters or more either its first two or its last two letters.
_ENDS = frozenset(w[:2] for w in _LONG_WORDS) | frozenset("~" + w[-2:] for w in _LONG_WORDS)


@lru_cache(maxsize=1 << 16)
def _legal_word(token: str) -> str:
    """The legal-form word a token is one edit away from, or the token itself."""
    if len(token) < 5 or token in _LONG_WORDS:
        return token
    if token[:2] not in _ENDS and "~" + token[-2:] not in _ENDS:
        return token
    for key in _one_deletion(token):
        word = _SLIPS.get(key)
        if word is not None and _one_edit(token, word):
            return word
    return token


# Legal words found glued to the name: "GOLDLIMITED", "ANKOROOO" at the end, "LLCALFA" at the
# start: the longer legal words and a few distinctive short ones; some short ones only at the end
# ("VOSTOKLLP", "VSKPAO"), because names start with them ("Zaozerny", "Pteris").
_GLUED_SHORT = ("ltd", "llc", "inc", "corp", "gmbh", "ooo", "jsc", "plc", "ojsc", "cjsc", "pjsc")
_GLUED_AT_END = frozenset(("llp", "pte", "srl", "pao", "oao", "zao"))
_GLUED = frozenset(
    {word for word in _LONG_WORDS if len(word) >= 6} | set(_GLUED_SHORT) | _GLUED_AT_END
)
_GLUED_LENGTHS = tuple(sorted({len(word) for word in _GLUED}, reverse=True))
_GLUED_ENDS = frozenset(word[-3:] for word in _GLUED)
_GLUED_STARTS = frozenset(word[:3] for word in _GLUED)


@lru_cache(maxsize=1 << 16)
def unglue(token: str) -> tuple[str, ...]:
    """Split a legal word off the end or the start of a token it is glued to ("GOLDLIMITED").

    Only from tokens of six letters or more, leaving at least three letters (four next to a
    short legal word: "Bancorp" stays whole).
    """
    if len(token) < 6 or not token.isalpha() or token in _LONG_WORDS:
        return (token,)
    if token[-3:] not in _GLUED_ENDS and token[:3] not in _GLUED_STARTS:
        return (token,)
    for size in _GLUED_LENGTHS:
        if len(token) - size >= (3 if size >= 6 else 4):  # "GAMLIMITED", not "BANCORP"
            if token[-size:] in _GLUED:
                return (token[:-size], token[-size:])
            if token[:size] in _GLUED and token[:size] not in _GLUED_AT_END:
                return (token[:size], token[size:])
    return (token,)


def split_legal_forms(tokens: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split tokens into (core tokens, canonical legal forms), both in order of appearance.

    If nothing but legal forms and stop words remains ("The Company"), the core keeps the
    original tokens, so that every name keeps something to compare.
    """
    core: list[str] = []
    forms: list[str] = []
    words = [_legal_word(token) for token in tokens]
    i = 0
    n = len(tokens)
    while i < n:
        if words[i] not in _STARTS:
            if tokens[i] not in STOPWORDS:
                core.append(tokens[i])
            i += 1
            continue
        for size in range(min(_MAX_LEN, n - i), 0, -1):
            canonical = _PHRASES.get(tuple(words[i : i + size]))
            if canonical is not None:
                forms.append(canonical)
                i += size
                break
        else:
            if tokens[i] not in STOPWORDS:
                core.append(tokens[i])
            i += 1
    if not core:
        core = [token for token in tokens if token not in STOPWORDS] or list(tokens)
    return tuple(core), tuple(dict.fromkeys(forms))


def family(form: str) -> str:
    """The family of a canonical legal form ("limited", "stock", "partnership", "state")."""
    return _FAMILY.get(form, form)


def compare_forms(query: Sequence[str], candidate: Sequence[str]) -> tuple[float, str]:
    """A factor in (0, 1] and its explanation; 1.0 when either side states no legal form."""
    if not query or not candidate:
        return 1.0, "not compared: a side states no legal form"
    if set(query) & set(candidate):
        return 1.0, f"same legal form: {', '.join(sorted(set(query) & set(candidate)))}"
    if {family(f) for f in query} & {family(f) for f in candidate}:
        return 0.98, f"same family: {' '.join(query)} ~ {' '.join(candidate)}"
    return 0.95, f"different legal forms: {' '.join(query)} vs {' '.join(candidate)}"
