"""Name normalisation: from a raw party or list name to the tokens the scorer compares.

Steps, in order (each one is idempotent, so `analyse` of an already-folded name is stable):

1. Unicode NFKC (full-width letters, ligatures, compatibility forms).
2. Transliteration to Latin (`transliterate.render`): Chinese by vocabulary + pinyin, every other
   script and every diacritic by anyascii. A name in Chinese characters gets two renderings.
3. Abbreviations are closed up: dotted ("S.A." -> "SA", "p.l.c." -> "plc") and single letters
   or letter groups joined by "&", "/" or "+" ("S & T" -> "ST", "AT&T" -> "ATT"); "J. Smith"
   keeps its initial, "Procter & Gamble" its words.
4. camelCase is split ("DeepSeek" -> "Deep Seek", "SiemensAG" -> "Siemens AG") in words that
   are mostly lower case (not "SHIkRAZI"); the scorer also joins adjacent tokens, so "Deepseek"
   and "Deep Seek" still meet.
5. Case folding; apostrophes are dropped ("Xi'an" -> "xian"), "&" reads "and", every other
   character that is not a letter or a digit separates tokens.
6. Legal forms are standardised and set apart, stop words dropped (`legal_forms`).
7. Core tokens: spelling variants unified ("intl" -> "international", "ibn" -> "bin"), a light
   plural stem ("technologies" -> "technology"), repeated tokens kept once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from clearance.screening.legal_forms import split_legal_forms, unglue
from clearance.screening.transliterate import render

# Bump when the normalisation changes what a name folds to (stored indexes are then rebuilt;
# they also follow any change to this package's source, see `clearance.store.index_files`).
NORMALISER_VERSION = 1

_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}|\b[A-Za-z](?:\.[A-Za-z])+\b")
_LETTERS = re.compile(
    r"\b[A-Za-z](?:\s*[&/+]\s*[A-Za-z]\b)+|\b[A-Za-z]{1,3}(?:[&/+][A-Za-z]{1,3})+\b"
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z]{3})(?=[A-Z][a-z])")  # "DeepSeek", "OAOElektro"
_WORD = re.compile(r"[A-Za-z]+")
_APOSTROPHES = re.compile(r"['`]")
_SEPARATORS = re.compile(r"[^a-z0-9]+")
# Spelling variants that carry no difference: name particles ("ibn" = "bin", "el" = "al"),
# common abbreviations of company words ("intl" = "international"), British spellings.
_VARIANTS = {
    "ibn": "bin", "el": "al", "ul": "al", "intl": "international", "mfg": "manufacturing",
    "natl": "national", "tech": "technology", "univ": "university", "inst": "institute",
    "dept": "department", "assn": "association", "assoc": "association", "grp": "group",
    "hldg": "holding", "hldgs": "holding", "svc": "service", "svcs": "service",
    "mgmt": "management", "engg": "engineering", "ctr": "center", "centre": "center",
    "bros": "brother", "labour": "labor", "sci": "science",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class NameForm:
    """One analysed rendering of a name."""

    text: str  # the name as given
    tokens: tuple[str, ...]  # every folded token, in order
    core: tuple[str, ...]  # the tokens that identify: no legal forms, stop words or repeats
    legal_forms: tuple[str, ...]  # canonical legal forms ("co ltd", "gmbh", ...)
    method: str = ""  # how the name was rendered in Latin; "" when it already was
    joins: tuple[str, ...] = ()  # core tokens i and i+1 run together, one per adjacent pair

    @property
    def folded(self) -> str:
        return " ".join(self.tokens)


def fold(text: str) -> str:
    """Fold one Latin rendering to lower-case ASCII words separated by single spaces."""
    if not text.isascii():
        text = render(unicodedata.normalize("NFKC", text))[0].text
    if "." in text:
        text = _DOTTED.sub(_close_up, text)
    if "&" in text or "/" in text or "+" in text:
        text = _LETTERS.sub(_close_up, text)
    if not (text.isupper() or text.islower() or text.istitle()) and _CAMEL.search(text):
        text = _WORD.sub(_split_camel, text)
    text = text.lower()
    if "'" in text or "`" in text:
        text = _APOSTROPHES.sub("", text)
    if "&" in text:
        text = text.replace("&", " and ")
    return _SEPARATORS.sub(" ", text).strip()


def _close_up(match: re.Match[str]) -> str:
    return re.sub(r"[\s.&/+]", "", match.group(0))


def _split_camel(match: re.Match[str]) -> str:
    """Split a camelCase word ("DeepSeek"), not a capitalised word with a stray small letter."""
    word = match.group(0)
    lower = sum(map(str.islower, word))
    return _CAMEL.sub(" ", word) if 2 * lower > len(word) else word


def tokens_of(text: str) -> tuple[str, ...]:
    return tuple(fold(text).split())


def stem(token: str) -> str:
    """A light English plural stem: "technologies" -> "technology", "systems" -> "system"."""
    if len(token) < 6 or not token.isalpha():
        return token
    if token.endswith("ies"):
        return token[:-3] + "y"
    if token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


@lru_cache(maxsize=1 << 16)
def core_token(token: str) -> str:
    token = _VARIANTS.get(token, token)
    return _VARIANTS.get(stem(token), stem(token))


def _form(text: str, latin: str, method: str) -> NameForm:
    tokens: tuple[str, ...] = ()
    for token in fold(latin).split():
        tokens += unglue(token)
    raw, forms = split_legal_forms(tokens)
    kept: dict[str, str] = {}  # core token -> its first raw spelling
    for token in raw:
        kept.setdefault(core_token(token), token)
    spellings = list(kept.values())
    return NameForm(
        text=text,
        tokens=tokens,
        core=tuple(kept),
        legal_forms=forms,
        method=method,
        # Adjacent tokens run together, read as one token would be: "Asol Ipes" = "ASOLIPES".
        joins=tuple(core_token(a + b) for a, b in pairwise(spellings)),
    )


def analyse(text: str) -> tuple[NameForm, ...]:
    """Every rendering of a name, analysed; empty when the name has no letters or digits."""
    normal = unicodedata.normalize("NFKC", text)
    forms: dict[tuple[str, ...], NameForm] = {}
    for rendering in render(normal):
        form = _form(text, rendering.text, rendering.method)
        if form.tokens and form.tokens not in forms:
            forms[form.tokens] = form
    return tuple(forms.values())
