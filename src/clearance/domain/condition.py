"""The closed, typed condition union of rule files, and its three-valued evaluation.

No expression language and no eval: each leaf tests one named fact. A fact the request does not
give makes the leaf *unknown* (None); `All`/`Any`/`Not` follow Kleene logic, so an unknown only
matters where it could change the answer. The engine turns an unknown into a problem (HOLD).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any as AnyType
from typing import Union

from .facts import LineFacts
from .metrics import METRIC_UNITS
from .observation import Observation as Observation  # re-exported: conditions observe
from .observation import Tri as Tri
from .party_conditions import AddressedTo as AddressedTo  # re-exported: the condition union
from .party_conditions import DestinationRegionIn as DestinationRegionIn
from .party_conditions import InCountryTransfer as InCountryTransfer
from .party_conditions import OwnedByListed as OwnedByListed
from .party_conditions import (
    addressed_to,
    in_country,
    owned_by_listed,
    region_in,
)

_OPS: dict[str, Callable[[float, float], bool]] = {
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
}
_OP_SYMBOL = {"lt": "<", "le": "<=", "gt": ">", "ge": ">="}


@dataclass(frozen=True, slots=True)
class Metric:
    metric: str
    op: str
    value: float
    unit: str

    def __post_init__(self) -> None:
        if self.metric not in METRIC_UNITS:
            raise ValueError(f"unknown metric {self.metric!r}")
        if self.op not in _OPS:
            raise ValueError(f"unknown comparison {self.op!r}")
        if METRIC_UNITS[self.metric] != self.unit:
            raise ValueError(
                f"{self.metric} is measured in {METRIC_UNITS[self.metric]}, not {self.unit!r}"
            )


@dataclass(frozen=True, slots=True)
class Datacenter:
    value: bool


@dataclass(frozen=True, slots=True)
class MemoryStack:
    value: bool


@dataclass(frozen=True, slots=True)
class FormIn:
    forms: frozenset[str]


@dataclass(frozen=True, slots=True)
class ControlCodeIn:
    """True when the line's control code equals one of `codes` or sits under one (3A090 ⊃ .a)."""

    codes: frozenset[str]


@dataclass(frozen=True, slots=True)
class DestinationIn:
    countries: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ExportedFrom:
    countries: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class HeadquartersIn:
    """The end user's headquarters or ultimate parent is in one of the countries or groups."""

    countries: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class EndUseIn:
    uses: frozenset[str]


@dataclass(frozen=True, slots=True)
class RedFlagRaised:
    flag: str


@dataclass(frozen=True, slots=True)
class All:
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Any:
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Condition


@dataclass(frozen=True, slots=True)
class Always:
    pass


Condition = Union[  # noqa: UP007 - a recursive alias reads better spelled out
    Metric,
    Datacenter,
    MemoryStack,
    FormIn,
    ControlCodeIn,
    DestinationIn,
    ExportedFrom,
    HeadquartersIn,
    EndUseIn,
    RedFlagRaised,
    InCountryTransfer,
    DestinationRegionIn,
    AddressedTo,
    OwnedByListed,
    All,
    Any,
    Not,
    Always,
]


def holds(cond: Condition, facts: LineFacts, seen: list[Observation] | None = None) -> Tri:
    """Evaluate `cond`; record observations only when it holds or is unknown (the fast path).

    Most conditions are false for most shipments, and a false condition explains nothing, so it
    is evaluated once without building observations; a true or unknown one is evaluated again to
    record what was observed.
    """
    verdict = evaluate(cond, facts, None)
    if verdict is not False and seen is not None:
        evaluate(cond, facts, seen)
    return verdict


def evaluate(cond: Condition, facts: LineFacts, seen: list[Observation] | None) -> Tri:
    """Evaluate `cond` on `facts`, appending what was observed to `seen` (unless None)."""
    return _EVALUATORS[type(cond)](cond, facts, seen)


Seen = list[Observation] | None


def _all(cond: All, facts: LineFacts, seen: Seen) -> Tri:
    result: Tri = True
    for item in cond.items:
        value = evaluate(item, facts, seen)
        if value is False:
            return False
        if value is None:
            result = None
    return result


def _any(cond: Any, facts: LineFacts, seen: Seen) -> Tri:
    result: Tri = False
    for item in cond.items:
        value = evaluate(item, facts, seen)
        if value is True:
            return True
        if value is None:
            result = None
    return result


def _not(cond: Not, facts: LineFacts, seen: Seen) -> Tri:
    value = evaluate(cond.item, facts, seen)
    return None if value is None else not value


def _metric(cond: Metric, facts: LineFacts, seen: Seen) -> Tri:
    observed = facts.metrics.value(cond.metric)
    ok = None if observed is None else _OPS[cond.op](observed, cond.value)
    if seen is not None:
        shown = "not given" if observed is None else f"{_show(observed, cond.value)} {cond.unit}"
        test = f"{_OP_SYMBOL[cond.op]} {cond.value:g} {cond.unit}"
        seen.append(Observation(cond.metric, shown, test, ok))
    return ok


def _show(observed: float, threshold: float) -> str:
    """Six significant digits, unless that would round the value onto the threshold."""
    shown = f"{observed:.6g}"
    if float(shown) == threshold and observed != threshold:
        shown = repr(observed)
    return shown


def _datacenter(cond: Datacenter, facts: LineFacts, seen: Seen) -> Tri:
    ok = facts.item.datacenter == cond.value
    if seen is not None:
        shown = str(facts.item.datacenter).lower()
        seen.append(Observation("datacenter", shown, f"== {str(cond.value).lower()}", ok))
    return ok


def _end_use(cond: EndUseIn, facts: LineFacts, seen: Seen) -> Tri:
    ok = facts.end_use in cond.uses
    if seen is not None:
        seen.append(Observation("end_use", facts.end_use, f"in {sorted(cond.uses)}", ok))
    return ok


def _always(cond: Always, facts: LineFacts, seen: Seen) -> Tri:
    if seen is not None:
        seen.append(Observation("always", "-", "always true", True))
    return True


def _memory_stack(cond: MemoryStack, facts: LineFacts, seen: Seen) -> Tri:
    ok = facts.item.is_memory_stack == cond.value
    if seen is not None:
        shown = str(facts.item.is_memory_stack).lower()
        seen.append(Observation("memory_stack", shown, f"== {str(cond.value).lower()}", ok))
    return ok


def _form_in(cond: FormIn, facts: LineFacts, seen: Seen) -> Tri:
    ok = facts.item.form.value in cond.forms
    if seen is not None:
        seen.append(Observation("form", facts.item.form.value, f"in {sorted(cond.forms)}", ok))
    return ok


def _red_flag_raised(cond: RedFlagRaised, facts: LineFacts, seen: Seen) -> Tri:
    ok = cond.flag in facts.red_flags
    if seen is not None:
        shown = ", ".join(sorted(facts.red_flags)) or "none"
        seen.append(Observation("red_flags", shown, f"includes {cond.flag}", ok))
    return ok


_EVALUATORS: dict[type, Callable[[AnyType, LineFacts, Seen], Tri]] = {
    All: _all,
    Any: _any,
    Not: _not,
    Always: _always,
    Metric: _metric,
    Datacenter: _datacenter,
    MemoryStack: _memory_stack,
    FormIn: _form_in,
    ControlCodeIn: lambda cond, facts, seen: _control_code_in(cond.codes, facts, seen),
    DestinationIn: lambda cond, facts, seen: _place_in(
        "destination", facts.to_country, cond.countries, cond.groups, facts, seen
    ),
    ExportedFrom: lambda cond, facts, seen: _place_in(
        "from_country", facts.from_country, cond.countries, cond.groups, facts, seen
    ),
    HeadquartersIn: lambda cond, facts, seen: _headquarters_in(
        cond.countries, cond.groups, facts, seen
    ),
    EndUseIn: _end_use,
    InCountryTransfer: in_country,
    DestinationRegionIn: region_in,
    AddressedTo: addressed_to,
    OwnedByListed: owned_by_listed,
    RedFlagRaised: _red_flag_raised,
}


def _control_code_in(codes: frozenset[str], facts: LineFacts, seen: Seen) -> Tri:
    ok: Tri = None if not facts.classified else not codes.isdisjoint(facts.code_prefixes)
    if seen is not None:
        shown = "unknown" if ok is None else facts.control_code or "no control code"
        seen.append(Observation("control_code", shown, f"in {sorted(codes)}", ok))
    return ok


def _place_in(
    fact: str,
    country: str,
    countries: frozenset[str],
    groups: frozenset[str],
    facts: LineFacts,
    seen: list[Observation] | None,
) -> bool:
    ok = country in countries or bool(groups and facts.groups_of(country) & groups)
    if seen is not None:
        parts = [
            f"country in {sorted(countries)}" if countries else "",
            f"group in {sorted(groups)}" if groups else "",
        ]
        test = " or ".join(p for p in parts if p)
        assumed = facts.country_groups.assumptions(country, groups) if groups else []
        if assumed:
            test += f" (unverified: {'; '.join(assumed)})"
        seen.append(Observation(fact, country, test, ok))
    return ok


def _headquarters_in(
    countries: frozenset[str],
    groups: frozenset[str],
    facts: LineFacts,
    seen: list[Observation] | None,
) -> Tri:
    places = facts.headquarters_places or tuple(
        c for c in (facts.headquarters_country, facts.ultimate_parent_country) if c
    )
    ok = (
        any(c in countries or bool(facts.groups_of(c) & groups) for c in places) if places else None
    )
    if seen is not None:
        test = f"headquarters or ultimate parent in {sorted(countries)} or {sorted(groups)}"
        shown = "/".join(places) if places else "not given"
        seen.append(Observation("end_user.headquarters_country", shown, test, ok))
    return ok
