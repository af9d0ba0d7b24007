"""The closed, typed condition union of rule files, and its three-valued evaluation.

No expression language and no eval: each leaf tests one named fact. A fact the request does not
give makes the leaf *unknown* (None); `All`/`Any`/`Not` follow Kleene logic, so an unknown only
matters where it could change the answer. The engine turns an unknown into a problem (HOLD).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Union

from .facts import LineFacts
from .metrics import METRIC_UNITS

Tri = bool | None

_OPS: dict[str, Callable[[float, float], bool]] = {
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
}
_OP_SYMBOL = {"lt": "<", "le": "<=", "gt": ">", "ge": ">="}


@dataclass(frozen=True, slots=True)
class Observation:
    """What was observed and the test applied to it."""

    fact: str
    observed: str
    test: str
    result: Tri

    def __str__(self) -> str:
        verdict = {True: "yes", False: "no", None: "unknown"}[self.result]
        return f"{self.fact} = {self.observed}; test {self.test}: {verdict}"


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
    All,
    Any,
    Not,
    Always,
]


def evaluate(cond: Condition, facts: LineFacts, seen: list[Observation]) -> Tri:
    """Evaluate `cond` on `facts`, appending what was observed to `seen`."""
    match cond:
        case All(items):
            result: Tri = True
            for item in items:
                value = evaluate(item, facts, seen)
                if value is False:
                    return False
                if value is None:
                    result = None
            return result
        case Any(items):
            result = False
            for item in items:
                value = evaluate(item, facts, seen)
                if value is True:
                    return True
                if value is None:
                    result = None
            return result
        case Not(item):
            value = evaluate(item, facts, seen)
            return None if value is None else not value
        case Always():
            return True
        case Metric(metric, op, threshold, unit):
            observed = facts.metrics.value(metric)
            test = f"{_OP_SYMBOL[op]} {threshold:g} {unit}"
            if observed is None:
                seen.append(Observation(metric, "not given", test, None))
                return None
            ok = _OPS[op](observed, threshold)
            seen.append(Observation(metric, f"{observed:.6g} {unit}", test, ok))
            return ok
        case Datacenter(value):
            ok = facts.item.datacenter == value
            seen.append(
                Observation(
                    "datacenter", str(facts.item.datacenter).lower(), f"== {str(value).lower()}", ok
                )
            )
            return ok
        case MemoryStack(value):
            return facts.item.is_memory_stack == value
        case FormIn(forms):
            return facts.item.form.value in forms
        case ControlCodeIn(codes):
            return _control_code_in(codes, facts, seen)
        case DestinationIn(countries, groups):
            return _place_in("destination", facts.to_country, countries, groups, facts, seen)
        case ExportedFrom(countries, groups):
            return _place_in("from_country", facts.from_country, countries, groups, facts, seen)
        case HeadquartersIn(countries, groups):
            return _headquarters_in(countries, groups, facts, seen)
        case EndUseIn(uses):
            ok = facts.end_use in uses
            seen.append(Observation("end_use", facts.end_use, f"in {sorted(uses)}", ok))
            return ok
        case RedFlagRaised(flag):
            return flag in facts.red_flags
    raise TypeError(f"not a condition: {cond!r}")  # pragma: no cover - closed union


def _control_code_in(codes: frozenset[str], facts: LineFacts, seen: list[Observation]) -> Tri:
    code = facts.control_code
    if not facts.classified:
        seen.append(Observation("control_code", "unknown", f"in {sorted(codes)}", None))
        return None
    ok = code is not None and any(code == c or code.startswith(c + ".") for c in codes)
    seen.append(Observation("control_code", code or "not 3A090/4A090", f"in {sorted(codes)}", ok))
    return ok


def _place_in(
    fact: str,
    country: str,
    countries: frozenset[str],
    groups: frozenset[str],
    facts: LineFacts,
    seen: list[Observation],
) -> bool:
    member = facts.groups_of(country)
    ok = country in countries or bool(member & groups)
    test = " or ".join(
        part
        for part in (
            f"country in {sorted(countries)}" if countries else "",
            f"group in {sorted(groups)}" if groups else "",
        )
        if part
    )
    seen.append(Observation(fact, country, test, ok))
    return ok


def _headquarters_in(
    countries: frozenset[str], groups: frozenset[str], facts: LineFacts, seen: list[Observation]
) -> Tri:
    places = [c for c in (facts.headquarters_country, facts.ultimate_parent_country) if c]
    test = f"headquarters or ultimate parent in {sorted(countries)} or {sorted(groups)}"
    if not places:
        seen.append(Observation("end_user.headquarters_country", "not given", test, None))
        return None
    ok = any(c in countries or bool(facts.groups_of(c) & groups) for c in places)
    seen.append(Observation("end_user.headquarters_country", "/".join(places), test, ok))
    return ok
