"""The explanation of a hit: one `Feature` per thing the scorer compared, saying what it saw."""

from __future__ import annotations

from clearance.domain.hit import Feature
from clearance.domain.listing import EntryType, ListEntry
from clearance.screening.background import INSIDE_FACTOR
from clearance.screening.index import IndexedName
from clearance.screening.legal_forms import compare_forms
from clearance.screening.normalize import NameForm
from clearance.screening.score import Alignment
from clearance.screening.variants import (
    PHONETIC_SIMILARITY,
    ROMANISATION_SIMILARITY,
    sound_similarity,
)

_SOUND = {ROMANISATION_SIMILARITY: "romanisation variant", PHONETIC_SIMILARITY: "sounds alike"}


def _relation(left: str, right: str, sim: float) -> str:
    """How a fuzzy pair was made: "(0.83)", or "(0.95 romanisation variant)"."""
    how = _SOUND.get(sim) if "+" not in left + right else None
    if how is not None and sound_similarity(left, right) == sim:
        return f" ({sim:.2f} {how})"
    return f" ({sim:.2f})"


def _pairs(query: NameForm, listed: NameForm, alignment: Alignment) -> str:
    shown = []
    for qi, ci, sim in alignment.pairs:
        left = "+".join(query.core[i] for i in qi)
        right = "+".join(listed.core[j] for j in ci)
        relation = "=" if sim == 1.0 else "~"
        shown.append(
            f"{left}{relation}{right}" + ("" if sim == 1.0 else _relation(left, right, sim))
        )
    return ", ".join(shown) or "none"


def _unmatched(tokens: tuple[str, ...], used: set[int]) -> str:
    return " ".join(token for i, token in enumerate(tokens) if i not in used) or "-"


def _said(query: NameForm, given: bool) -> str:
    if given or not query.legal_forms:
        return ""
    return f" (it states the legal form {', '.join(query.legal_forms)})"


def name_feature(query: NameForm, listed: NameForm, alignment: Alignment) -> Feature:
    used_q = {i for qi, _, _ in alignment.pairs for i in qi}
    used_c = {j for _, ci, _ in alignment.pairs for j in ci}
    detail = (
        f"'{query.folded}' vs '{listed.folded}': paired {_pairs(query, listed, alignment)}; "
        f"unpaired query: {_unmatched(query.core, used_q)}; "
        f"unpaired list: {_unmatched(listed.core, used_c)}; "
        f"weighted coverage query {alignment.query_coverage:.2f}, "
        f"list {alignment.list_coverage:.2f}"
    )
    return Feature("name", round(alignment.score, 4), detail)


def explain(
    *,
    query: NameForm,
    listed: IndexedName,
    alignment: Alignment,
    query_country: str | None,
    query_type: EntryType | None,
    entry: ListEntry,
    country_penalty: float,
    type_penalty: float,
    generic: tuple[float, float] = (1.0, 0.0),
    places: tuple[str, ...] = (),
    entry_type: EntryType | None = None,
    entry_type_given: bool = True,
) -> tuple[Feature, ...]:
    features = [name_feature(query, listed.form, alignment)]
    if places:
        detail = (
            f"the query holds the listed name's core '{' '.join(query.core)}' "
            f"plus the place {', '.join(repr(p) for p in places)}"
        )
        if query.legal_forms:
            detail += f" and the legal form {', '.join(query.legal_forms)}"
        features.append(Feature("listed_name_inside", INSIDE_FACTOR, detail))
    factor, share = generic
    if share > 0.0:
        detail = f"{share:.0%} of the matched weight is words common in company names"
        features.append(Feature("generic_words", round(factor, 4), f"{detail}: x{factor:.2f}"))
    factor, detail = compare_forms(query.legal_forms, listed.form.legal_forms)
    features.append(Feature("legal_form", factor, detail))
    for side, form in (("query", query), ("list name", listed.form)):
        if form.method:
            features.append(
                Feature("transliteration", 1.0, f"{side} {form.method}: '{form.folded}'")
            )
    if query_country and entry.countries:
        if query_country in entry.countries:
            features.append(Feature("country", 1.0, f"{query_country} is an entry country"))
        else:
            listed_in = ", ".join(entry.countries)
            detail = f"{query_country} not among the entry's countries ({listed_in})"
            features.append(Feature("country", 0.0, f"{detail}: -{country_penalty:.2f}"))
    listed_type = entry_type or entry.entry_type
    if query_type not in (None, EntryType.UNKNOWN) and listed_type != EntryType.UNKNOWN:
        if query_type == listed_type:
            features.append(Feature("entity_type", 1.0, f"both {listed_type.value}"))
        else:
            shape = "" if listed_type is entry.entry_type else " (written SURNAME, Given)"
            detail = f"query {query_type}{_said(query, entry_type_given)}"
            detail += f" vs entry {listed_type.value}{shape}"
            features.append(Feature("entity_type", 0.0, f"{detail}: -{type_penalty:.2f}"))
    return tuple(features)
