"""The screener: list entries in, an index built once, explained hits out.

    screener = Screener.build(entries)
    hits = screener.screen("北京算能科技有限公司", country="CN")

The final score of a (query, list name) pair is

    name score (see `score`) x legal-form factor (see `legal_forms`)
      x generic factor   a partial match carried by words common in company names is damped
                         (see `background.generic_factor`)
      x INSIDE_FACTOR    when the list name was found inside the query without its places
      - COUNTRY_PENALTY  when the query's country is not among the entry's countries
      - TYPE_PENALTY     when the query's entity type and the entry's known type differ (a
                         query that states a legal form is an organisation)

A hit is reported when the final score reaches the threshold, `DEFAULT_THRESHOLD` unless the
caller says otherwise. Qualifiers only ever lower a score, so the index's bound stays exact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from clearance.domain.hit import ScreeningHit
from clearance.domain.listing import EntryType, ListEntry
from clearance.screening.background import INSIDE_FACTOR, generic_factor, inside_form
from clearance.screening.brute import BruteForce
from clearance.screening.explain import explain
from clearance.screening.index import IndexedName, NameIndex
from clearance.screening.legal_forms import compare_forms
from clearance.screening.normalize import NameForm, analyse
from clearance.screening.score import Alignment, Side, align

DEFAULT_THRESHOLD = 0.75
COUNTRY_PENALTY = 0.05
TYPE_PENALTY = 0.10
DEFAULT_LIMIT = 10

_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_PERSON_SHAPE = re.compile(r"^[^\W\d][^,\d]*, [^\W\d][^,\d]*$")
_SUBORDINATE = re.compile(r"\.\s*(?:Affiliated Entity:|Subordinate Institution\s*-)\s*", re.I)


@dataclass(frozen=True, slots=True)
class ScreeningQuery:
    """One name to screen, with the optional qualifiers."""

    name: str
    country: str | None = None
    entry_type: EntryType | None = None
    party_role: str = "party"


@dataclass(frozen=True, slots=True)
class Scored:
    """The best pairing of a query with one entry, before it becomes a hit."""

    score: float
    name_id: int
    query_form: NameForm
    alignment: Alignment
    legal_factor: float
    generic: tuple[float, float] = (1.0, 0.0)  # (factor, share of common words)
    places: tuple[str, ...] = ()  # the places set apart, when found inside the query


def name_variants(name: str) -> tuple[str, ...]:
    """The list name, without parenthesised parts, and the part after "Affiliated Entity:"."""
    variants = [name]
    bare = _PARENTHESES.sub("", name).strip(" ,.")
    if bare and bare != name:
        variants.append(bare)
    parts = _SUBORDINATE.split(name)
    if len(parts) == 2 and parts[1].strip():
        variants.append(parts[1].strip())
    return tuple(dict.fromkeys(variants))


class Screener:
    """Screens names against a fixed set of list entries. Build once, screen many times."""

    def __init__(
        self,
        entries: Sequence[ListEntry],
        index: NameIndex,
        keys: Mapping[str, int] | None = None,
        kinds: Sequence[EntryType] | None = None,
    ) -> None:
        self.entries = entries
        self.index = index
        self._keys = keys  # entry key -> position; made on first use when not given
        # Each entry's type as the screener reads it (stored with a saved index).
        self.kinds: Sequence[EntryType] = (
            tuple(entry_kind(entry) for entry in entries) if kinds is None else kinds
        )
        self._brute: BruteForce | None = None

    @classmethod
    def build(cls, entries: Iterable[ListEntry]) -> Screener:
        kept = tuple(entries)
        forms: list[tuple[int, str, NameForm]] = []
        analysed: dict[str, tuple[NameForm, ...]] = {}  # lists repeat names across entries
        for position, entry in enumerate(kept):
            seen: set[tuple[str, ...]] = set()
            for text in dict.fromkeys(entry.names):
                for variant in name_variants(text):
                    if variant not in analysed:
                        analysed[variant] = analyse(variant)
                    for form in analysed[variant]:
                        if form.core and form.core not in seen:
                            seen.add(form.core)
                            forms.append((position, text, form))
        return cls(kept, NameIndex(forms))

    def __len__(self) -> int:
        return len(self.entries)

    def entry(self, key: str) -> ListEntry | None:
        """The entry of a key (LIST:ENTRY_ID), or None."""
        if self._keys is None:
            self._keys = {entry.key: i for i, entry in enumerate(self.entries)}
        position = self._keys.get(key)
        return None if position is None else self.entries[position]

    @property
    def name_count(self) -> int:
        return self.index.size

    def screen(
        self,
        name: str,
        country: str | None = None,
        entry_type: EntryType | str | None = None,
        threshold: float | None = None,
        limit: int | None = DEFAULT_LIMIT,
        party_role: str = "party",
    ) -> list[ScreeningHit]:
        """Hits at or above the threshold, best first (at most `limit`; None: all)."""
        kind = EntryType(entry_type) if entry_type is not None else None
        query = ScreeningQuery(name, country.upper() if country else None, kind, party_role)
        return self._screen(query, threshold, limit, exhaustive=False)

    def screen_many(
        self,
        queries: Iterable[ScreeningQuery],
        threshold: float | None = None,
        limit: int | None = DEFAULT_LIMIT,
    ) -> list[list[ScreeningHit]]:
        """The batch API: one list of hits per query, in order."""
        return [self._screen(query, threshold, limit, exhaustive=False) for query in queries]

    def screen_exhaustive(
        self, query: ScreeningQuery, threshold: float | None = None, limit: int | None = None
    ) -> list[ScreeningHit]:
        """The brute-force reference: score every list name, no index. For tests and benches."""
        return self._screen(query, threshold, limit, exhaustive=True)

    def _screen(
        self, query: ScreeningQuery, threshold: float | None, limit: int | None, *, exhaustive: bool
    ) -> list[ScreeningHit]:
        cutoff = DEFAULT_THRESHOLD if threshold is None else threshold
        best: dict[int, Scored] = {}
        for form, places in self._forms(query.name):
            for scored in self._score_form(form, query, cutoff, places, exhaustive=exhaustive):
                entry = self.index.names[scored.name_id].entry
                held = best.get(entry)
                if held is None or (scored.score, -scored.name_id) > (held.score, -held.name_id):
                    best[entry] = scored
        ranked = sorted(best.items(), key=lambda item: (-item[1].score, item[0]))
        if limit is not None:
            ranked = ranked[:limit]
        return [self._hit(query, entry, scored) for entry, scored in ranked]

    @staticmethod
    def _forms(name: str) -> list[tuple[NameForm, tuple[str, ...]]]:
        """Every rendering of the query, and each one's core without its places (if distinctive)."""
        forms: list[tuple[NameForm, tuple[str, ...]]] = []
        for form in analyse(name):
            if form.core:
                forms.append((form, ()))
                inside = inside_form(form)
                if inside is not None:
                    forms.append(inside)
        return forms

    def _score_form(
        self,
        form: NameForm,
        query: ScreeningQuery,
        cutoff: float,
        places: tuple[str, ...] = (),
        *,
        exhaustive: bool,
    ) -> Iterable[Scored]:
        # Qualifiers only lower the score: the index's candidates are those of the name score.
        outer = INSIDE_FACTOR if places else 1.0
        if outer < cutoff:
            return
        plan = self.index.plan(form, cutoff / outer)
        names = self.index.names
        if exhaustive:
            if self._brute is None:
                self._brute = BruteForce(self.index)
            table = self._brute.table(plan.side)
            candidates: Iterable[int] = range(self.index.size)
        else:
            table = plan.table
            candidates = self.index.candidates(plan, cutoff)
        reach = cutoff / outer
        for name_id in candidates:
            indexed = names[name_id]
            alignment = align(plan.side, indexed.side, table)
            if alignment.score < reach:
                continue
            legal, _ = compare_forms(form.legal_forms, indexed.form.legal_forms)
            generic = self._generic(plan.side, alignment)
            kind = query_kind(query, form)
            score = alignment.score * legal * generic[0] * outer
            score -= self._penalty(query.country, kind, indexed)
            if score >= cutoff:
                yield Scored(score, name_id, form, alignment, legal, generic, places)

    @staticmethod
    def _generic(query: Side, alignment: Alignment) -> tuple[float, float]:
        """The generic-words damping, for a partial match only (an exact full match stands)."""
        if alignment.score >= 1.0:
            return 1.0, 0.0
        pairs = [(q_pos, sim) for q_pos, _, sim in alignment.pairs]
        return generic_factor(query.tokens, query.weights, pairs)

    def _penalty(self, country: str | None, kind: EntryType | None, indexed: IndexedName) -> float:
        entry = self.entries[indexed.entry]
        penalty = 0.0
        if country and entry.countries and country not in entry.countries:
            penalty += COUNTRY_PENALTY
        if kind not in (None, EntryType.UNKNOWN) and self.kinds[indexed.entry] not in (
            EntryType.UNKNOWN,
            kind,
        ):
            penalty += TYPE_PENALTY
        return penalty

    def _hit(self, query: ScreeningQuery, position: int, scored: Scored) -> ScreeningHit:
        entry = self.entries[position]
        indexed = self.index.names[scored.name_id]
        return ScreeningHit(
            party_role=query.party_role,
            party_name=query.name,
            source_list=entry.source_list,
            entry_id=entry.entry_id,
            name=entry.name,
            matched_name=indexed.text,
            score=round(max(0.0, min(1.0, scored.score)), 4),
            features=explain(
                query=scored.query_form,
                listed=indexed,
                alignment=scored.alignment,
                query_country=query.country,
                query_type=query_kind(query, scored.query_form),
                entry=entry,
                country_penalty=COUNTRY_PENALTY,
                type_penalty=TYPE_PENALTY,
                generic=scored.generic,
                places=scored.places,
                entry_type=self.kinds[position],
                entry_type_given=query.entry_type is not None,
            ),
            license_requirement=entry.license_requirement,
            license_policy=entry.license_policy,
            federal_register_notice=entry.federal_register_notice,
            countries=entry.countries,
            sources=entry.sources,
        )


def entry_kind(entry: ListEntry) -> EntryType:
    """The entry's type: as listed, else "person" for a name written "SURNAME, Given" with no
    legal form in any of its names (the lists without a type column write persons so)."""
    if entry.entry_type is not EntryType.UNKNOWN:
        return entry.entry_type
    if _PERSON_SHAPE.match(entry.name) and not any(
        form.legal_forms for name in entry.names for form in analyse(name)
    ):
        return EntryType.PERSON
    return EntryType.UNKNOWN


def query_kind(query: ScreeningQuery, form: NameForm) -> EntryType | None:
    """The query's entity type: as given, else "entity" when the name states a legal form."""
    if query.entry_type is not None:
        return query.entry_type
    return EntryType.ENTITY if form.legal_forms else None


def screen_names(screener: Screener, names: Sequence[str]) -> list[list[ScreeningHit]]:
    """Screen bare names with the default threshold (a convenience for callers and benches)."""
    return screener.screen_many(ScreeningQuery(name) for name in names)
