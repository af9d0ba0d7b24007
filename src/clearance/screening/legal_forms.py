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

# Canonical form -> the phrases (space-separated folded tokens) that mean it.
_FORMS: dict[str, tuple[str, ...]] = {
    # English
    "co ltd": (
        "co ltd",
        "company limited",
        "co limited",
        "company ltd",
        "limited company",
        "ltd co",
        "limited liability co ltd",
    ),
    "ltd": ("ltd", "limited", "ltda", "limitada"),
    "llc": (
        "llc",
        "l l c",
        "limited liability company",
        "limited liability co",
        "limited liability partnership",
        "llp",
        "tov",
        "too",
        "mchj",
    ),
    "inc": ("inc", "incorporated"),
    "corp": ("corp", "corporation", "corpn"),
    "co": ("co", "company", "cie", "compania", "compagnie"),
    "plc": ("plc", "public limited company", "public co ltd", "public company limited"),
    "pte ltd": ("pte ltd", "pte", "private limited", "pvt ltd", "pvt", "pty ltd", "pty"),
    "lp": ("lp", "limited partnership"),
    # German
    "gmbh": ("gmbh", "gesellschaft mit beschrankter haftung", "mbh", "gesmbh", "ggmbh"),
    "ag": ("ag", "aktiengesellschaft"),
    "kg": ("kg", "kommanditgesellschaft", "gmbh co kg", "ohg"),
    "se": ("se", "societas europaea"),
    # French, Spanish, Portuguese, Italian
    "sa": (
        "sa",
        "societe anonyme",
        "sociedad anonima",
        "s a",
        "sa de cv",
        "s a de c v",
        "sab de cv",
        "sae",
        "saa",
    ),
    "sarl": ("sarl", "societe a responsabilite limitee", "eurl"),
    "sas": ("sas", "sasu", "societe par actions simplifiee"),
    "srl": ("srl", "sociedad de responsabilidad limitada", "sl", "s de rl", "s de rl de cv"),
    "spa": ("spa", "societa per azioni"),
    # Dutch, Nordic, Polish, Turkish
    "bv": ("bv", "besloten vennootschap"),
    "nv": ("nv", "naamloze vennootschap"),
    "ua": ("ua", "u a"),
    "ab": ("ab", "aktiebolag", "asa", "oy", "oyj", "a s", "aps"),
    "sp zoo": ("sp zoo", "sp z oo", "spolka z ograniczona odpowiedzialnoscia"),
    "as": ("anonim sirketi", "as"),
    # Russian and other post-Soviet forms, transliterated from Cyrillic
    "ooo": (
        "ooo",
        *(
            f"obshchestvo s ogranichenn{a} otvetstvennost{b}"
            for a in ("oy", "oi", "oj")
            for b in ("yu", "iu", "ju", "u")
        ),
    ),
    "jsc": (
        "jsc",
        "joint stock company",
        "joint stock co",
        "joint stock",
        "ao",
        "aktsionernoe obshchestvo",
        "aktsionernoye obshchestvo",
        "akcionernoe obshchestvo",
        "jsco",
        "ojsc",
        "oao",
        "cjsc",
        "zao",
        "pjsc",
        "pao",
        "open joint stock company",
        "closed joint stock company",
        "public joint stock company",
        "otkrytoe aktsionernoe obshchestvo",
        "zakrytoe aktsionernoe obshchestvo",
        "publichnoe aktsionernoe obshchestvo",
        "jv",
    ),
    "fgup": ("fgup", "gup", "fgbu", "federal state unitary enterprise", "state unitary enterprise"),
    # Japanese
    "kk": ("kk", "kabushiki kaisha", "kabushikigaisha", "godo kaisha", "yugen kaisha"),
}

# Families for comparison: two different forms of one family are near-equivalent
# (a "Co., Ltd." and an "LLC" are both limited companies).
_FAMILY: dict[str, str] = {
    **dict.fromkeys(
        ("co ltd", "ltd", "llc", "pte ltd", "gmbh", "sarl", "srl", "bv", "sp zoo", "ooo"),
        "limited",
    ),
    **dict.fromkeys(
        ("inc", "corp", "co", "plc", "ag", "se", "sa", "sas", "spa", "nv", "ab", "as", "jsc", "kk"),
        "stock",
    ),
    **dict.fromkeys(("lp", "kg", "ua"), "partnership"),
    "fgup": "state",
}

_PHRASES: dict[tuple[str, ...], str] = {
    tuple(phrase.split()): canonical for canonical, phrases in _FORMS.items() for phrase in phrases
}
_MAX_LEN = max(len(phrase) for phrase in _PHRASES)

# Words that carry no identity at all and are dropped from the core (titles, articles).
STOPWORDS: frozenset[str] = frozenset(
    ("the", "and", "of", "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "messrs")
)


def split_legal_forms(tokens: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split tokens into (core tokens, canonical legal forms), both in order of appearance.

    If nothing but legal forms and stop words remains ("The Company"), the core keeps the
    original tokens, so that every name keeps something to compare.
    """
    core: list[str] = []
    forms: list[str] = []
    i = 0
    n = len(tokens)
    while i < n:
        for size in range(min(_MAX_LEN, n - i), 0, -1):
            canonical = _PHRASES.get(tuple(tokens[i : i + size]))
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
