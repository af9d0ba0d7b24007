"""Who owns a party, and whether listed parties own 50% or more of it (the affiliates rule).

A party may state its owners with their shares (percent); owners of owners are stated once per
entity in the shipment's ownership table, so chains of any depth (and their cycles) can be
written. An entity is *treated as listed* when it is listed itself, or when owners treated as
listed hold, together, at least the threshold share of it: directly, indirectly (an owner that
is itself treated as listed counts with its whole share) or in aggregate. The chain that makes
it so is kept for the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .errors import InputError
from .names import name_key

# Shares are percentages with at most a few decimals; totals are compared with this tolerance.
_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class Owner:
    name: str
    share: float  # percent of the owned entity, 0 < share <= 100
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Affiliation:
    """Why an entity is treated as listed: the listed owners' aggregate share and the chain."""

    entity: str
    share: float
    chain: str  # e.g. "X <- 60% Y (<- 51% Z [EL])"


@dataclass(frozen=True, slots=True)
class Ownership:
    """Owners by entity (keyed by name_key), validated: shares in range, totals <= 100, no cycle."""

    owners: Mapping[str, tuple[Owner, ...]] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)  # key -> name as written

    def __bool__(self) -> bool:
        return bool(self.owners)

    def all_owners(self) -> tuple[Owner, ...]:
        seen: dict[str, Owner] = {}
        for owners in self.owners.values():
            for owner in owners:
                seen.setdefault(name_key(owner.name), owner)
        return tuple(seen.values())

    def affiliation(
        self,
        entity: str,
        listed: Mapping[str, frozenset[str]],
        lists: frozenset[str],
        at_least: float,
    ) -> Affiliation | None:
        """The entity's affiliation when owners on `lists` hold `at_least` percent; else None."""
        memo: dict[str, tuple[float, str] | None] = {}
        found = self._treated(name_key(entity), listed, lists, at_least, memo, top=True)
        if found is None:
            return None
        share, chain = found
        return Affiliation(entity=entity, share=share, chain=f"{entity}{chain}")

    def _treated(
        self,
        key: str,
        listed: Mapping[str, frozenset[str]],
        lists: frozenset[str],
        at_least: float,
        memo: dict[str, tuple[float, str] | None],
        *,
        top: bool = False,
    ) -> tuple[float, str] | None:
        if key in memo:
            return memo[key]
        on = sorted(listed.get(key, frozenset()) & lists)
        if on and not top:
            memo[key] = (100.0, f" [{', '.join(on)}]")
            return memo[key]
        parts: list[str] = []
        total = 0.0
        for owner in self.owners.get(key, ()):
            found = self._treated(name_key(owner.name), listed, lists, at_least, memo)
            if found is not None:
                total += owner.share
                parts.append(f"{owner.share:g}% {owner.name}{found[1]}")
        result = None
        if total + _EPSILON >= at_least and parts:
            result = (total, f" <- {' + '.join(parts)}" if top else f" (<- {' + '.join(parts)})")
        memo[key] = result
        return result


def build_ownership(
    entries: Iterable[tuple[str, tuple[Owner, ...], str]], *, source: str | None = None
) -> Ownership:
    """Validate (entity name, owners, field) entries into an Ownership, or raise InputError."""
    owners: dict[str, tuple[Owner, ...]] = {}
    names: dict[str, str] = {}
    fields: dict[str, str] = {}
    for entity, stated, where in entries:
        key = name_key(entity)
        if key in owners and owners[key] != stated:
            raise InputError(
                f"the owners of {entity!r} are stated twice, differently (also at {fields[key]})",
                source=source,
                field=where,
            )
        total = 0.0
        seen: set[str] = set()
        for index, owner in enumerate(stated):
            if not 0 < owner.share <= 100:
                raise InputError(
                    f"owner share {owner.share:g}% of {owner.name!r} is not in (0, 100]",
                    source=source,
                    field=f"{where}[{index}].share",
                )
            owner_key = name_key(owner.name)
            if owner_key == key or owner_key in seen:
                why = "owns itself" if owner_key == key else "is listed twice"
                raise InputError(
                    f"{owner.name!r} {why} among the owners of {entity!r}",
                    source=source,
                    field=f"{where}[{index}].name",
                )
            seen.add(owner_key)
            names.setdefault(owner_key, owner.name)
            total += owner.share
        if total > 100 + _EPSILON:
            raise InputError(
                f"the owners of {entity!r} hold {total:g}% in total, more than 100%",
                source=source,
                field=where,
            )
        owners[key], fields[key] = stated, where
        names[key] = entity
    cycle = _cycle(owners, names)
    if cycle:
        raise InputError(
            f"ownership cycle: {' -> '.join(cycle)}",
            source=source,
            field=fields[name_key(cycle[0])],
        )
    return Ownership(owners=owners, names=names)


def _cycle(owners: Mapping[str, tuple[Owner, ...]], names: Mapping[str, str]) -> list[str]:
    """A cycle of ownership (entity, owner, owner's owner, ..., entity) if there is one."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(key: str) -> list[str]:
        state[key] = 1
        path.append(key)
        for owner in owners.get(key, ()):
            nxt = name_key(owner.name)
            if state.get(nxt) == 1:
                loop = [*path[path.index(nxt) :], nxt]
                return [names.get(k, k) for k in loop]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[key] = 2
        return []

    for key in owners:
        if key not in state:
            found = visit(key)
            if found:
                return found
    return []
