"""The candidate index as flat tables, and an index that reads them in place.

`pack(index)` turns a built `NameIndex` into named sections: typed arrays (`array.array`) and
UTF-8 blobs. `PackedIndex(sections, meta)` answers every look-up the screener makes straight
from those sections (memoryviews over a memory-mapped file, say), decoding a list name only when
a query reaches it, so that loading costs milliseconds instead of the seconds a build takes.

    units         the unit texts (tokens and joins), UTF-8, one after the other
    unit_start    per unit: where its text starts in units (+ one end); a unit's id is its rank
    unit_table    an open-addressing hash table, unit text -> id + 1 (0: empty slot)
    weight        per unit: its inverse document frequency
    unit_weight   per unit: the most it weighs in any name
    post_start    per unit: where its posting list starts in post_ids/post_sizes (+ one end)
    post_ids      name ids, each unit's list sorted by name size
    post_sizes    the size of each name in post_ids
    tokens        unit ids of the core tokens
    spell_hash    sorted 64-bit hashes of the spelling keys (`score.deletions`)
    spell_token   for each hash, the unit id of a token having that key
    sound_hash    sorted 64-bit hashes of the sound keys (`variants.sound_keys`)
    sound_token   for each hash, the unit id of a token having that key
    repeats       names in which a unit text occurs twice
    name_entry    per name: the entry position
    name_start    per name: where its record starts in name_blob (+ one end)
    name_blob     per name: a JSON list [text, NameForm fields...]

A key hash is a look-up key, not a proof: every token found through it is checked to have the
key (its spelling keys or sound keys are computed again), so the answers equal `NameIndex`'s.
`LAYOUT` names the format; `layout_key()` adds the NameForm fields, so a change to either makes
stored indexes stale.
"""

from __future__ import annotations

import json
import zlib
from abc import abstractmethod
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import fields
from typing import Any, TypeVar, Union, overload

from clearance.screening.index import IndexedName, NameIndex, indexed_name
from clearance.screening.normalize import NameForm
from clearance.screening.score import deletions, fuzz_depth
from clearance.screening.variants import sound_keys

LAYOUT = 1
T = TypeVar("T")
V = TypeVar("V")
Section = Union["array[Any]", bytes]
ARRAYS = {
    "unit_start": "Q",
    "unit_table": "I",
    "weight": "d",
    "unit_weight": "d",
    "post_start": "Q",
    "post_ids": "I",
    "post_sizes": "d",
    "tokens": "I",
    "spell_hash": "Q",
    "spell_token": "I",
    "sound_hash": "Q",
    "sound_token": "I",
    "repeats": "I",
    "name_entry": "I",
    "name_start": "Q",
}
BLOBS = ("units", "name_blob")
_FORM_FIELDS = tuple(f.name for f in fields(NameForm))


def layout_key() -> str:
    return f"{LAYOUT}:" + ",".join(_FORM_FIELDS)


def key_hash(key: str) -> int:
    raw = key.encode("utf-8")
    return (zlib.crc32(raw) << 32) | zlib.adler32(raw)


def pack(index: NameIndex) -> tuple[dict[str, Section], dict[str, Any]]:
    """The index's tables, and the scalars (`meta`) that go with them."""
    units = list(index.postings)
    unit_id = {text: i for i, text in enumerate(units)}
    post_start, post_ids, post_sizes = array("Q", [0]), array("I"), array("d")
    for text in units:
        ids, sizes = index.postings[text]
        post_ids.extend(ids)
        post_sizes.extend(sizes)
        post_start.append(len(post_ids))
    pairs = _sorted_pairs(
        (key, unit_id[token])
        for token in index.tokens
        if fuzz_depth(token)
        for key in deletions(token, fuzz_depth(token))
    )
    sounds = _sorted_pairs(
        (key, unit_id[token]) for token in index.tokens for key in sound_keys(token)
    )
    name_start, blob = array("Q", [0]), bytearray()
    for name in index.names:
        record = [name.text, *(getattr(name.form, f) for f in _FORM_FIELDS)]
        blob += json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        name_start.append(len(blob))
    unit_start, unit_blob = array("Q", [0]), bytearray()
    for text in units:
        unit_blob += text.encode("utf-8")
        unit_start.append(len(unit_blob))
    sections: dict[str, Section] = {
        "units": bytes(unit_blob),
        "unit_start": unit_start,
        "unit_table": _hash_table(units),
        "weight": array("d", (index.weight[t] for t in units)),
        "unit_weight": array("d", (index.unit_weight[t] for t in units)),
        "post_start": post_start,
        "post_ids": post_ids,
        "post_sizes": post_sizes,
        "tokens": array("I", sorted(unit_id[t] for t in index.tokens)),
        "spell_hash": pairs[0],
        "spell_token": pairs[1],
        "sound_hash": sounds[0],
        "sound_token": sounds[1],
        "repeats": array("I", sorted(index.repeats)),
        "name_entry": array("I", (name.entry for name in index.names)),
        "name_start": name_start,
        "name_blob": bytes(blob),
    }
    return sections, {"size": index.size, "layout": layout_key()}


def _sorted_pairs(pairs: Iterator[tuple[str, int]]) -> tuple[array[int], array[int]]:
    """The key hashes, sorted, and the unit id beside each: sorted as single ints (hash << 32 |
    unit), three times faster than a million tuples."""
    packed = sorted((key_hash(key) << 32) | unit for key, unit in pairs)
    return array("Q", (p >> 32 for p in packed)), array("I", (p & 0xFFFFFFFF for p in packed))


def _hash_table(units: Sequence[str]) -> array[int]:
    """Linear probing over a power-of-two table at most half full, slots by CRC-32."""
    size = 1 << max(4, (2 * len(units)).bit_length())
    table = array("I", bytes(4 * size))
    for unit, text in enumerate(units):
        slot = zlib.crc32(text.encode("utf-8")) & (size - 1)
        while table[slot]:
            slot = (slot + 1) & (size - 1)
        table[slot] = unit + 1
    return table


class _Vocabulary(Mapping[str, int]):
    """Unit text -> id, answered from the stored hash table (nothing is built at load)."""

    def __init__(self, s: Mapping[str, Any]) -> None:
        self._blob, self._start, self._table = s["units"], s["unit_start"], s["unit_table"]
        self._mask = len(self._table) - 1

    def text(self, unit: int) -> str:
        return bytes(self._blob[self._start[unit] : self._start[unit + 1]]).decode("utf-8")

    def get(self, text: object, default: Any = None) -> Any:
        if not isinstance(text, str):
            return default
        raw = text.encode("utf-8")
        table, blob, start = self._table, self._blob, self._start
        slot = zlib.crc32(raw) & self._mask
        while found := table[slot]:
            unit = found - 1
            if blob[start[unit] : start[unit + 1]] == raw:
                return unit
            slot = (slot + 1) & self._mask
        return default

    def __getitem__(self, text: str) -> int:
        unit = self.get(text)
        if unit is None:
            raise KeyError(text)
        return int(unit)

    def __contains__(self, text: object) -> bool:
        return self.get(text) is not None

    def __iter__(self) -> Iterator[str]:
        return (self.text(unit) for unit in range(len(self)))

    def __len__(self) -> int:
        return len(self._start) - 1


class _ByUnit(Mapping[str, V]):
    """A table with one row per unit text; `_row` reads a row."""

    def __init__(self, ids: _Vocabulary) -> None:
        self._ids = ids

    @abstractmethod
    def _row(self, unit: int) -> V:
        """The row of `unit` (each subclass reads its own arrays)."""

    def __getitem__(self, text: str) -> V:
        return self._row(self._ids[text])

    def __contains__(self, text: object) -> bool:
        return text in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class _PerUnit(_ByUnit[float]):
    def __init__(self, ids: _Vocabulary, values: Sequence[float]) -> None:
        super().__init__(ids)
        self._values = values

    def _row(self, unit: int) -> float:
        return self._values[unit]


class _Postings(_ByUnit[tuple[Sequence[int], Sequence[float]]]):
    def __init__(self, ids: _Vocabulary, s: Mapping[str, Any]) -> None:
        super().__init__(ids)
        self._start, self._names, self._sizes = s["post_start"], s["post_ids"], s["post_sizes"]

    def _row(self, unit: int) -> tuple[Sequence[int], Sequence[float]]:
        start, end = self._start[unit], self._start[unit + 1]
        return self._names[start:end], self._sizes[start:end]


class Decoded(Sequence[T]):
    """A sequence whose items are decoded on first use (and remembered)."""

    def __init__(self, size: int, decode: Callable[[int], T]) -> None:
        self._size, self._decode = size, decode
        self.cache: dict[int, T] = {}

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[T]: ...
    def __getitem__(self, i: int | slice) -> T | Sequence[T]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._size))]
        if i < 0:
            i += self._size
        if not 0 <= i < self._size:
            raise IndexError(i)
        found = self.cache.get(i)
        if found is None:
            found = self.cache[i] = self._decode(i)
        return found

    def __len__(self) -> int:
        return self._size


def record(blob: Any, start: Sequence[int], i: int) -> Any:
    """The JSON record `i` of a blob whose records start at `start[i]` (and end at i + 1)."""
    return json.loads(bytes(blob[start[i] : start[i + 1]]))


def _tuples(value: Any) -> Any:
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _names(s: Mapping[str, Any], weight: Mapping[str, float]) -> Decoded[IndexedName]:
    """The list names, decoded when a query reaches them."""
    entry, start, blob = s["name_entry"], s["name_start"], s["name_blob"]

    def decode(i: int) -> IndexedName:
        text, *values = record(blob, start, i)
        form = NameForm(**dict(zip(_FORM_FIELDS, map(_tuples, values), strict=True)))
        return indexed_name(entry[i], text, form, weight)

    return Decoded(len(entry), decode)


class PackedIndex(NameIndex):
    """A NameIndex reading `pack`'s sections in place (arrays or memoryviews of their bytes)."""

    def __init__(self, sections: Mapping[str, Any], meta: Mapping[str, Any]) -> None:
        if meta.get("layout") != layout_key():
            raise ValueError(f"index layout {meta.get('layout')!r}, expected {layout_key()!r}")
        self._init_caches()
        ids = self._vocabulary = _Vocabulary(sections)
        self.size = int(meta["size"])
        self.max_weight = NameIndex.max_weight_of(self.size)
        self.weight = _PerUnit(ids, sections["weight"])
        self.unit_weight = _PerUnit(ids, sections["unit_weight"])
        self.postings = _Postings(ids, sections)
        self._token_ids = sections["tokens"]
        self._repeats = frozenset(sections["repeats"])
        self.names = _names(sections, self.weight)
        self._hashes, self._hash_tokens = sections["spell_hash"], sections["spell_token"]
        self._sound_hashes, self._sound_tokens = sections["sound_hash"], sections["sound_token"]

    @property
    def tokens(self) -> frozenset[str]:
        """Made on first use: only the brute-force reference needs them all."""
        if not hasattr(self, "_tokens"):
            self._tokens = frozenset(map(self._vocabulary.text, self._token_ids))
        return self._tokens

    def _hashed(self, hashes: Sequence[int], tokens: Sequence[int], key: str) -> Iterator[str]:
        h = key_hash(key)
        i = bisect_left(hashes, h)
        while i < len(hashes) and hashes[i] == h:
            yield self._vocabulary.text(tokens[i])
            i += 1

    def _close_tokens(self, keys: set[str]) -> set[str]:
        found: set[str] = set()
        for key in keys:
            found.update(self._hashed(self._hashes, self._hash_tokens, key))
        # A hash may be shared by keys that differ: keep the tokens that really have a key.
        return {t for t in found if not deletions(t, fuzz_depth(t)).isdisjoint(keys)}

    def _sounded(self, key: str) -> Sequence[str]:
        found = self._hashed(self._sound_hashes, self._sound_tokens, key)
        return sorted(t for t in set(found) if key in sound_keys(t))

    @property
    def spelling_key_count(self) -> int:
        return len(self._hashes)
