"""The screener: list entries in, an index built once, explained hits out.

    screener = Screener.build(entries)
    hits = screener.screen("北京算能科技有限公司", country="CN")

The final score of a (query, list name) pair is

    name score (see `score`) x legal-form factor (see `legal_forms`)
      - COUNTRY_PENALTY  when the query's country is not among the entry's countries
      - TYPE_PENALTY     when the query's entity type and the entry's known type differ

A hit is reported when the final score reaches the threshold, `DEFAULT_THRESHOLD` unless the
caller says otherwise. Qualifiers only ever lower a score, so the index's bound stays exact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from clearance.domain.hit import ScreeningHit
from clearance.domain.listing import EntryType, ListEntry
from clearance.screening.brute import BruteForce
from clearance.screening.explain import explain
from clearance.screening.index import IndexedName, NameIndex
from clearance.screening.legal_forms import compare_forms
from clearance.screening.normalize import NameForm, analyse
from clearance.screening.score import Alignment, align

DEFAULT_THRESHOLD = 0.75
COUNTRY_PENALTY = 0.05
TYPE_PENALTY = 0.10
DEFAULT_LIMIT = 10

_PARENTHESES = re.compile(r"\s*\([^()]*\)")
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
    ) -> None:
        self.entries = entries
        self.index = index
        self._keys = keys  # entry key -> position; made on first use when not given
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
        for form in analyse(query.name):
            if not form.core:
                continue
            for scored in self._score_form(form, query, cutoff, exhaustive=exhaustive):
                entry = self.index.names[scored.name_id].entry
                held = best.get(entry)
                if held is None or (scored.score, -scored.name_id) > (held.score, -held.name_id):
                    best[entry] = scored
        ranked = sorted(best.items(), key=lambda item: (-item[1].score, item[0]))
        if limit is not None:
            ranked = ranked[:limit]
        return [self._hit(query, entry, scored) for entry, scored in ranked]

    def _score_form(
        self, form: NameForm, query: ScreeningQuery, cutoff: float, *, exhaustive: bool
    ) -> Iterable[Scored]:
        plan = self.index.plan(form, cutoff)
        names = self.index.names
        if exhaustive:
            if self._brute is None:
                self._brute = BruteForce(self.index)
            table = self._brute.table(plan.side)
            candidates: Iterable[int] = range(self.index.size)
        else:
            table = plan.table
            candidates = self.index.candidates(plan, cutoff)
        for name_id in candidates:
            indexed = names[name_id]
            alignment = align(plan.side, indexed.side, table)
            if alignment.score < cutoff:
                continue
            legal, _ = compare_forms(form.legal_forms, indexed.form.legal_forms)
            score = alignment.score * legal - self._penalty(query, indexed)
            if score >= cutoff:
                yield Scored(score, name_id, form, alignment, legal)

    def _penalty(self, query: ScreeningQuery, indexed: IndexedName) -> float:
        entry = self.entries[indexed.entry]
        penalty = 0.0
        if query.country and entry.countries and query.country not in entry.countries:
            penalty += COUNTRY_PENALTY
        if query.entry_type not in (None, EntryType.UNKNOWN) and entry.entry_type not in (
            EntryType.UNKNOWN,
            query.entry_type,
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
                query_type=query.entry_type,
                entry=entry,
                country_penalty=COUNTRY_PENALTY,
                type_penalty=TYPE_PENALTY,
            ),
            license_requirement=entry.license_requirement,
            license_policy=entry.license_policy,
            federal_register_notice=entry.federal_register_notice,
            countries=entry.countries,
            sources=entry.sources,
        )


def screen_names(screener: Screener, names: Sequence[str]) -> list[list[ScreeningHit]]:
    """Screen bare names with the default threshold (a convenience for callers and benches)."""
    return screener.screen_many(ScreeningQuery(name) for name in names)
