"""The candidate index: which list names can reach the threshold for a query, without a scan.

Built once from the analysed list names:

* postings: unit -> the names holding it, for every core token and every join of two adjacent
  core tokens ("deep"+"seek" -> "deepseek"), each list sorted by the name's total weight;
* spelling keys: for every token that may pair fuzzily, each string of D_k(token) -> the tokens
  having it (`score.deletions`), so a query token finds all its fuzzy partners with a handful
  of dictionary look-ups instead of a pass over the vocabulary;
* weights: the inverse document frequency of every unit, log(1 + N / df).

Blocking is exact with respect to the scorer (`score`), by two bounds.

1. Prefix. A name can score >= t only if its query-side matched mass M_q reaches
   `min_query_coverage(t) * W_q`, and every pair crediting the query side is one the index can
   look up (token ~ token, join = token, token = join; query initials are never looked up).
   Rank the query's tokens by weight, heaviest first, and take them until the weight left over
   is below that need: every name that can reach t pairs with a token of that prefix.
2. Size. A name first reached through the prefix token of rank r misses every heavier prefix
   token, so U_r (their weight) is unmatched on the query side and M_q <= R_r = W_q - U_r. Its
   list-side matched mass is at most the sum, over the query units it can still pair with, of
   their heaviest partner (Mc_r). The score formula then caps how much of the list name may
   stay unmatched (`formula.list_slack`), so only names with total weight <= Mc_r + uc_max can
   reach t: a bisection in the sorted posting list. (List-side initials credit the list side on
   their own; the sort key is the total weight less those initials.)

When the prefix cannot be closed (a query made of initials) every name is a candidate.
`tests/screening/test_index.py` checks the result against a brute-force scan of all names.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from clearance.screening.formula import list_slack, min_query_coverage, score_bound
from clearance.screening.normalize import NameForm
from clearance.screening.score import (
    INITIAL_SIMILARITY,
    MIN_TOKEN_SIMILARITY,
    Side,
    deletions,
    fuzz_depth,
    side,
    spelling_similarity,
    units_of,
)
from clearance.screening.variants import sound_keys, sound_similarity


@dataclass(frozen=True, slots=True)
class IndexedName:
    """One list name in one rendering, ready to be scored."""

    entry: int  # position of the entry in the screener's entry tuple
    text: str  # the list name as written (primary name or alias)
    form: NameForm
    side: Side
    texts: frozenset[str]  # its distinct unit texts, for quick intersections


def indexed_name(entry: int, text: str, form: NameForm, weight: Mapping[str, float]) -> IndexedName:
    """One list name weighed by the index's unit weights (at build time and when loaded)."""
    name_side = side(form.core, [weight[token] for token in form.core], form.joins)
    return IndexedName(entry, text, form, name_side, frozenset(unit[0] for unit in name_side.units))


# The query side of a look-up: list-unit text -> (query unit position, similarity).
MatchTable = dict[str, list[tuple[int, float]]]


@dataclass(frozen=True, slots=True)
class QueryPlan:
    side: Side
    table: MatchTable
    partners: tuple[dict[str, float], ...]  # per query unit: indexed unit -> similarity
    prefix: tuple[int, ...] | None  # token positions that block; None: every name is a candidate
    gains: tuple[float, ...]  # per query token: the most list-side weight it can bring
    gain_q: dict[str, float]  # per list unit text: the most query-side weight it can credit
    best: dict[str, float]  # per list unit text: its best similarity to a query unit


LETTER_WEIGHT = 2.0  # the most a one-letter token (an initial, "J" of "J & C") weighs


def weigh(text: str, count: int, size: int) -> float:
    """Inverse document frequency, log(1 + N / df); one letter weighs at most LETTER_WEIGHT."""
    weight = math.log1p(size / count)
    return min(weight, LETTER_WEIGHT) if len(text) == 1 else weight


_CACHE = 1 << 16  # query tokens whose partners are remembered
_FEW = 48  # up to this many: scan a posting list, sum a name's units; beyond: set operations


class NameIndex:
    def __init__(self, forms: Sequence[tuple[int, str, NameForm]]) -> None:
        self._init_caches()
        raw: dict[str, list[int]] = defaultdict(list)
        tokens: set[str] = set()
        repeats: set[int] = set()  # names in which a unit text occurs twice
        for name_id, (_, _, form) in enumerate(forms):
            tokens.update(form.core)
            texts = [unit[0] for unit in units_of(form.core, form.joins)]
            distinct = dict.fromkeys(texts)
            if len(distinct) < len(texts):
                repeats.add(name_id)
            for text in distinct:
                raw[text].append(name_id)
        self._repeats = frozenset(repeats)
        self.size = len(forms)
        self._tokens: frozenset[str] = frozenset(tokens)
        self.max_weight = self.max_weight_of(self.size)
        self.weight: Mapping[str, float] = {
            text: weigh(text, len(ids), self.size) for text, ids in raw.items()
        }
        self._spelling: dict[str, str] = {}
        self._spelling_shared: dict[str, list[str]] = {}
        self._add_spelling_keys(tokens)
        self._sounds: dict[str, list[str]] = defaultdict(list)  # sound key -> tokens having it
        for token in sorted(tokens):
            for key in sound_keys(token):
                self._sounds[key].append(token)
        self.names: Sequence[IndexedName] = []
        self.unit_weight: Mapping[str, float] = {}
        sizes = self._add_names(forms)
        postings: dict[str, tuple[Sequence[int], Sequence[float]]] = {}
        for text, ids in raw.items():
            ids.sort(key=sizes.__getitem__)  # stable: equal sizes stay in name order
            postings[text] = (tuple(ids), tuple(map(sizes.__getitem__, ids)))
        self.postings: Mapping[str, tuple[Sequence[int], Sequence[float]]] = postings

    def _init_caches(self) -> None:
        self._partners: dict[str, dict[str, float]] = {}
        self._sets: dict[str, frozenset[int]] = {}  # long posting lists as sets, made on use

    @staticmethod
    def max_weight_of(size: int) -> float:
        return math.log1p(max(size, 1))

    @property
    def tokens(self) -> frozenset[str]:
        """Every core token of the indexed names."""
        return self._tokens

    @property
    def repeats(self) -> frozenset[int]:
        """The names in which a unit text occurs twice (as a token and as a join)."""
        return self._repeats

    def _add_spelling_keys(self, tokens: Iterable[str]) -> None:
        """Spelling key -> the token having it; the rare keys that several tokens share also
        map to all of them in `_spelling_shared` (a list per key would cost seconds)."""
        spelling, shared = self._spelling, self._spelling_shared
        for token in tokens:
            depth = fuzz_depth(token)
            if depth:
                for key in deletions(token, depth):
                    first = spelling.setdefault(key, token)
                    if first is not token:
                        shared.setdefault(key, [first]).append(token)

    def _add_names(self, forms: Sequence[tuple[int, str, NameForm]]) -> list[float]:
        """Weigh every name; return each name's size (its weight less its initials)."""
        sizes: list[float] = []
        unit_weight: dict[str, float] = {}  # the most a unit weighs in any name
        weight = self.weight
        names: list[IndexedName] = []
        for entry, text, form in forms:
            indexed = indexed_name(entry, text, form, weight)
            name_side = indexed.side
            names.append(indexed)
            initials = sum(name_side.weights[i] for i in name_side.initials)
            sizes.append(name_side.total - initials)
            for unit, unit_w in zip(name_side.units, name_side.unit_weights, strict=True):
                if unit_w > unit_weight.get(unit[0], 0.0):
                    unit_weight[unit[0]] = unit_w
        self.names, self.unit_weight = names, unit_weight
        return sizes

    def partners(self, token: str) -> dict[str, float]:
        """Every indexed unit pairing with a query token, with its similarity (remembered)."""
        found = self._partners.get(token)
        if found is None:
            if len(self._partners) >= _CACHE:
                self._partners.clear()
            found = self._partners[token] = self._find_partners(token)
        return found

    def _find_partners(self, token: str) -> dict[str, float]:
        found: dict[str, float] = {}
        if token in self.postings:
            found[token] = 1.0
        for key in sound_keys(token):  # romanisation variants and phonetic keys
            for other in self._sounded(key):
                sim = sound_similarity(token, other) if other != token else 0.0
                if sim > found.get(other, 0.0):
                    found[other] = sim
        depth = fuzz_depth(token)
        if not depth:
            return found
        # Every token sharing a D_k string is fuzzable and close enough in length by
        # construction, so only the similarity floor remains to check.
        close = self._close_tokens(deletions(token, depth))
        close.discard(token)
        # One vectorised pass at a hair under the floor, then the exact floor (rapidfuzz treats
        # a similarity equal to its cutoff as below it).
        for unit, sim, _ in process.extract(
            token, close, scorer=OSA.normalized_similarity,
            score_cutoff=MIN_TOKEN_SIMILARITY - 0.01, limit=None,
        ):  # fmt: skip
            if sim >= MIN_TOKEN_SIMILARITY:
                sim = spelling_similarity(token, unit)
                if sim > found.get(unit, 0.0):
                    found[unit] = sim
        return found

    def _sounded(self, key: str) -> Sequence[str]:
        """The indexed tokens having this sound key (`variants.sound_keys`)."""
        return self._sounds.get(key, ())

    def _close_tokens(self, keys: set[str]) -> set[str]:
        """Every indexed token having one of these spelling keys."""
        spelling, shared = self._spelling, self._spelling_shared
        close: set[str] = set()
        for key in keys:
            first = spelling.get(key)
            if first is not None:
                if key in shared:
                    close.update(shared[key])
                else:
                    close.add(first)
        return close

    @property
    def spelling_key_count(self) -> int:
        return len(self._spelling)

    def query_weight(self, token: str, partners: dict[str, float]) -> float:
        """A query token weighs what its closest indexed partner weighs; unknown: the most."""
        if token in self.weight:
            return self.weight[token]
        if partners:
            best = max(partners, key=lambda unit: (partners[unit], unit))
            return self.weight[best]
        return weigh(token, 1, self.size)

    def plan(self, form: NameForm, threshold: float) -> QueryPlan:
        tokens = form.core
        units = units_of(tokens, form.joins)
        found: list[dict[str, float]] = []
        weights: list[float] = []
        for text, positions in units:
            if len(positions) == 1:
                partners = self.partners(text)
                weights.append(self.query_weight(text, partners))
            else:
                partners = {text: 1.0} if text in self.postings else {}
            found.append(partners)
        query = side(tokens, weights, form.joins)
        table: MatchTable = defaultdict(list)
        gain_q: dict[str, float] = {}
        best: dict[str, float] = {}
        gains = [0.0] * len(tokens)
        for position in query.initials:  # an initial pairs with any list token
            gains[position] = INITIAL_SIMILARITY * self.max_weight
        unit_weight = self.unit_weight
        for k, partners in enumerate(found):
            credit = query.unit_weights[k]
            most = 0.0
            for partner, sim in partners.items():
                table[partner].append((k, sim))
                if sim * credit > gain_q.get(partner, 0.0):
                    gain_q[partner] = sim * credit
                if sim > best.get(partner, 0.0):
                    best[partner] = sim
                if sim * unit_weight[partner] > most:
                    most = sim * unit_weight[partner]
            for position in units[k][1]:
                if most > gains[position]:
                    gains[position] = most
        need = min_query_coverage(threshold) * query.total
        left = query.total
        prefix: list[int] = []
        for position in sorted(range(len(tokens)), key=lambda i: (-weights[i], i)):
            if left < need:
                break
            if position not in query.initials:
                prefix.append(position)
                left -= weights[position]
        blocking = tuple(prefix) if left < need else None
        return QueryPlan(query, dict(table), tuple(found), blocking, tuple(gains), gain_q, best)

    def candidates(self, plan: QueryPlan, threshold: float) -> list[int] | range:
        """Every name that can score at or above the threshold (and a few that cannot)."""
        if plan.prefix is None:
            return range(self.size)
        reached = self._reached(plan, threshold)
        if len(reached) <= 8:
            return sorted(reached)
        return self._refine(plan, reached, threshold)

    def _reached(self, plan: QueryPlan, threshold: float) -> set[int]:
        """Names pairing with a prefix token (bound 1), limited by size (bound 2).

        A name first reached through a unit whose credit (similarity x its query weight) is
        below the need must pair with another unit as well, one that touches neither this
        token nor a heavier prefix token: names holding none of those are left out.
        """
        query = plan.side
        assert plan.prefix is not None
        gains = plan.gains
        need = min_query_coverage(threshold) * query.total - 1e-9
        initials = INITIAL_SIMILARITY * sum(query.weights[i] for i in query.initials)
        found: set[int] = set()
        missed = 0.0
        reach = sum(gains)
        excluded: set[int] = set()
        for position in plan.prefix:
            weight = query.weights[position]
            others: set[int] | None = None  # names pairing with some other remaining unit
            for k, unit in enumerate(query.units):
                if position not in unit[1]:
                    continue
                for partner, sim in plan.partners[k].items():
                    ids, sizes = self.postings[partner]
                    # A name reached here pairs this token at best with `sim`.
                    lost = (1.0 - sim) * weight
                    own = reach - gains[position] + sim * self.unit_weight[partner]
                    slack = list_slack(query.total - missed - lost, missed + lost, threshold)
                    chunk = ids[: bisect_right(sizes, own + slack + 1e-9)]
                    if sim * query.unit_weights[k] + initials >= need or len(chunk) <= _FEW:
                        found.update(chunk)
                        continue
                    if others is None:
                        others = self._holders(plan, excluded | {position})
                    found.update(others.intersection(chunk))
            missed += weight
            reach -= gains[position]
            excluded.add(position)
        return found

    def _holders(self, plan: QueryPlan, avoid: set[int]) -> set[int]:
        """Every name holding a partner of a query unit that touches no position in `avoid`."""
        held: set[int] = set()
        for unit, partners in zip(plan.side.units, plan.partners, strict=True):
            if avoid.isdisjoint(unit[1]):
                for partner in partners:
                    held.update(self.postings[partner][0])
        return held

    def _refine(self, plan: QueryPlan, reached: set[int], threshold: float) -> list[int]:
        """Bound 3: the score of over-estimated matched masses, per reached name.

        Many names: first a coarse pass partner by partner (`_masses`), then, for the names it
        keeps, the tight per-name bound (`_tight`).
        """
        query = plan.side
        gain_q, best = plan.gain_q, plan.best
        initials_q = INITIAL_SIMILARITY * sum(query.weights[i] for i in query.initials)
        need_q = min_query_coverage(threshold) * query.total - initials_q - 1e-9
        candidates: list[int] = []
        if len(reached) > _FEW:
            for name_id, (mass_q, mass_c) in self._masses(plan, reached, gain_q, best).items():
                if mass_q < need_q:
                    continue  # bound 1 again, now with every query token counted
                listed = self.names[name_id].side
                if self._passes(query, listed, mass_q + initials_q, mass_c, threshold):
                    candidates.append(name_id)
        else:
            names = self.names
            paired = frozenset(gain_q)
            for name_id in reached:  # the same coarse test, over the name's units
                held = names[name_id].texts & paired
                mass_q = sum(gain_q[text] for text in held)
                if name_id in self._repeats:
                    mass_q *= 2
                if mass_q >= need_q:
                    candidates.append(name_id)
        return sorted(n for n in candidates if self._tight(plan, n, threshold))

    def _passes(
        self, query: Side, listed: Side, mass_q: float, mass_c: float, threshold: float
    ) -> bool:
        if listed.initials:
            mass_c += sum(listed.weights[j] for j in listed.initials)
        if query.initials:
            mass_c += len(query.initials) * INITIAL_SIMILARITY * max(listed.weights)
        total_q, total_c = query.total, listed.total
        bound = score_bound(min(mass_q, total_q), total_q, min(mass_c, total_c), total_c)
        return bound >= threshold - 1e-9

    def _tight(self, plan: QueryPlan, name_id: int, threshold: float) -> bool:
        """Per token: the best similarity any pairing unit could give it, on both sides."""
        query = plan.side
        listed = self.names[name_id].side
        best_q = [
            INITIAL_SIMILARITY if i in query.initials else 0.0 for i in range(len(query.tokens))
        ]
        best_c = [0.0] * len(listed.tokens)
        table = plan.table
        q_units = query.units
        for text, positions in listed.units:
            pairs = table.get(text)
            if not pairs:
                continue
            for k, sim in pairs:
                for i in q_units[k][1]:
                    if sim > best_q[i]:
                        best_q[i] = sim
                for j in positions:
                    if sim > best_c[j]:
                        best_c[j] = sim
        mass_q = sum(w * s for w, s in zip(query.weights, best_q, strict=True))
        mass_c = sum(w * s for w, s in zip(listed.weights, best_c, strict=True))
        return self._passes(query, listed, mass_q, mass_c, threshold)

    def _masses(
        self, plan: QueryPlan, reached: set[int], gain_q: dict[str, float], best: dict[str, float]
    ) -> dict[int, tuple[float, float]]:
        """The same sums, partner by partner (set intersections): faster for many names."""
        mass_q: dict[int, float] = {}
        mass_c: dict[int, float] = {}
        for text in plan.table:
            gain, gain_c = gain_q[text], best[text] * self.unit_weight[text]
            for name_id in self._holding(text, reached):
                # A text occurs once in a name, or twice (as a token and a join) in `_repeats`.
                times = 2 if name_id in self._repeats else 1
                mass_q[name_id] = mass_q.get(name_id, 0.0) + times * gain
                mass_c[name_id] = mass_c.get(name_id, 0.0) + times * gain_c
        return {name_id: (mass, mass_c[name_id]) for name_id, mass in mass_q.items()}

    def _holding(self, text: str, among: set[int]) -> Iterable[int]:
        """The names among `among` that hold the unit `text`."""
        ids = self.postings[text][0]
        if len(ids) <= _FEW:
            return [name_id for name_id in ids if name_id in among]
        held = self._sets.get(text)
        if held is None:
            held = self._sets[text] = frozenset(ids)
        return among.intersection(held)
