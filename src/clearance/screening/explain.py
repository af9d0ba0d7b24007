"""The explanation of a hit: one `Feature` per thing the scorer compared, saying what it saw."""

from __future__ import annotations

from clearance.domain.hit import Feature
from clearance.domain.listing import EntryType, ListEntry
from clearance.screening.index import IndexedName
from clearance.screening.legal_forms import compare_forms
from clearance.screening.normalize import NameForm
from clearance.screening.score import Alignment


def _pairs(query: NameForm, listed: NameForm, alignment: Alignment) -> str:
    shown = []
    for qi, ci, sim in alignment.pairs:
        left = "+".join(query.core[i] for i in qi)
        right = "+".join(listed.core[j] for j in ci)
        relation = "=" if sim == 1.0 else "~"
        shown.append(f"{left}{relation}{right}" + ("" if sim == 1.0 else f" ({sim:.2f})"))
    return ", ".join(shown) or "none"


def _unmatched(tokens: tuple[str, ...], used: set[int]) -> str:
    return " ".join(token for i, token in enumerate(tokens) if i not in used) or "-"


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
) -> tuple[Feature, ...]:
    features = [name_feature(query, listed.form, alignment)]
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
    if query_type not in (None, EntryType.UNKNOWN) and entry.entry_type != EntryType.UNKNOWN:
        if query_type == entry.entry_type:
            features.append(Feature("entity_type", 1.0, f"both {entry.entry_type.value}"))
        else:
            detail = f"query {query_type} vs entry {entry.entry_type.value}"
            features.append(Feature("entity_type", 0.0, f"{detail}: -{type_penalty:.2f}"))
    return tuple(features)
