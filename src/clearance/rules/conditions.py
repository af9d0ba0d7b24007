"""Rule-file conditions (YAML mappings) -> the domain's closed condition union.

A condition is a mapping with one key naming the test, except a metric threshold, which has
`metric`, `op`, `value` and `unit`:

    all: [cond, ...]          any: [cond, ...]          not: cond          always: true
    metric: tpp, op: ge, value: 4800, unit: TPP
    datacenter: true          memory_stack: true        form_in: [board, server]
    control_code_in: [3A090.a, 4A090.a]
    destination_in: {countries: [MO], groups: ["D:5"]}
    exported_from: {countries: [US]}
    headquarters_in: {countries: [MO], groups: ["D:5"]}
    end_use_in: [military]
    red_flag_raised: ac.first_time_large_volume
    in_country_transfer: true  (from_country == to_country)
    destination_region_in: {country: UA, regions: [crimea]}   (unknown if no to_region given)
    addressed_to: [NVIDIA Corporation]   (the exporter is an addressee of a letter)
    owned_by_listed: {lists: [EL, MEU], share_at_least: 50}   (consignee or end user)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any as AnyValue

from clearance.domain import condition as c
from clearance.domain.country import COUNTRY_CODES
from clearance.domain.item import ItemForm
from clearance.domain.metrics import METRIC_UNITS
from clearance.domain.names import name_key
from clearance.domain.shipment import EndUse, region_slug


class ConditionError(ValueError):
    def __init__(self, path: str, message: str) -> None:
        self.path = path
        super().__init__(f"{path}: {message}")


_METRIC_KEYS = {"metric", "op", "value", "unit"}


def parse_condition(raw: AnyValue, path: str = "when") -> c.Condition:
    if not isinstance(raw, Mapping):
        raise ConditionError(path, f"a condition must be a mapping, got {type(raw).__name__}")
    keys = set(raw)
    if "metric" in keys:
        return _metric(raw, path)
    if len(keys) != 1:
        raise ConditionError(path, f"a condition has exactly one test, got {sorted(keys)}")
    (key,) = keys
    parser = _PARSERS.get(key)
    if parser is None:
        raise ConditionError(
            path, f"unknown condition {key!r}; expected one of {sorted([*_PARSERS, 'metric'])}"
        )
    return parser(raw[key], f"{path}.{key}")


def _metric(raw: Mapping[str, AnyValue], path: str) -> c.Metric:
    keys = set(raw)
    if keys - _METRIC_KEYS:
        raise ConditionError(path, f"unknown keys {sorted(keys - _METRIC_KEYS)} in a metric test")
    if "unit" not in raw:
        raise ConditionError(path, f"threshold on {raw.get('metric')!r} has no unit")
    for key in ("op", "value"):
        if key not in raw:
            raise ConditionError(path, f"metric test needs {key!r}")
    value = raw["value"]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConditionError(f"{path}.value", f"threshold must be a number, got {value!r}")
    metric, unit = raw["metric"], raw["unit"]
    if metric not in METRIC_UNITS:
        raise ConditionError(
            f"{path}.metric", f"unknown metric {metric!r}; expected one of {sorted(METRIC_UNITS)}"
        )
    if METRIC_UNITS[metric] != unit:
        raise ConditionError(
            f"{path}.unit", f"{metric} is measured in {METRIC_UNITS[metric]!r}, not {unit!r}"
        )
    if raw["op"] not in ("lt", "le", "gt", "ge"):
        raise ConditionError(
            f"{path}.op", f"unknown comparison {raw['op']!r}; expected lt, le, gt or ge"
        )
    return c.Metric(metric=metric, op=raw["op"], value=float(value), unit=unit)


def _items(raw: AnyValue, path: str) -> tuple[c.Condition, ...]:
    if not isinstance(raw, list) or not raw:
        raise ConditionError(path, "expected a non-empty list of conditions")
    return tuple(parse_condition(item, f"{path}[{i}]") for i, item in enumerate(raw))


def _strings(raw: AnyValue, path: str, allowed: frozenset[str] | None = None) -> frozenset[str]:
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise ConditionError(path, "expected a list of strings")
    if allowed is not None:
        unknown = sorted(set(raw) - allowed)
        if unknown:
            raise ConditionError(path, f"unknown value(s) {unknown}")
    return frozenset(raw)


def _bool(raw: AnyValue, path: str) -> bool:
    if not isinstance(raw, bool):
        raise ConditionError(path, f"expected true or false, got {raw!r}")
    return raw


def _place(raw: AnyValue, path: str) -> tuple[frozenset[str], frozenset[str]]:
    if not isinstance(raw, Mapping) or not raw or set(raw) - {"countries", "groups"}:
        raise ConditionError(path, "expected a mapping with 'countries' and/or 'groups'")
    countries = _strings(raw.get("countries", []), f"{path}.countries", COUNTRY_CODES)
    groups = _strings(raw.get("groups", []), f"{path}.groups")
    return countries, groups


def _destination(raw: AnyValue, path: str) -> c.Condition:
    countries, groups = _place(raw, path)
    return c.DestinationIn(countries=countries, groups=groups)


def _exported_from(raw: AnyValue, path: str) -> c.Condition:
    countries, groups = _place(raw, path)
    return c.ExportedFrom(countries=countries, groups=groups)


def _headquarters(raw: AnyValue, path: str) -> c.Condition:
    countries, groups = _place(raw, path)
    return c.HeadquartersIn(countries=countries, groups=groups)


def _region(raw: AnyValue, path: str) -> c.Condition:
    if not isinstance(raw, Mapping) or set(raw) != {"country", "regions"}:
        raise ConditionError(path, "expected a mapping with 'country' and 'regions'")
    country = raw["country"]
    if not isinstance(country, str) or country not in COUNTRY_CODES:
        raise ConditionError(f"{path}.country", f"expected one ISO-2 country code, got {country!r}")
    regions = _strings(raw["regions"], f"{path}.regions")
    slugs = frozenset(region_slug(r) for r in regions)
    if not slugs or "" in slugs:
        raise ConditionError(f"{path}.regions", "expected region names")
    return c.DestinationRegionIn(country=country, regions=slugs)


def _addressed_to(raw: AnyValue, path: str) -> c.Condition:
    names = _strings(raw, path)
    if not names:
        raise ConditionError(path, "expected the addressees' names")
    return c.AddressedTo(frozenset(name_key(n) for n in names))


def _owned_by_listed(raw: AnyValue, path: str) -> c.Condition:
    if not isinstance(raw, Mapping) or set(raw) != {"lists", "share_at_least"}:
        raise ConditionError(path, "expected a mapping with 'lists' and 'share_at_least'")
    lists = _strings(raw["lists"], f"{path}.lists")
    share = raw["share_at_least"]
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 < share <= 100:
        raise ConditionError(f"{path}.share_at_least", f"expected a percentage, got {share!r}")
    if not lists:
        raise ConditionError(f"{path}.lists", "expected the lists whose parties count")
    return c.OwnedByListed(lists=lists, at_least=float(share))


def _always(raw: AnyValue, path: str) -> c.Condition:
    if raw is not True:
        raise ConditionError(path, "write 'always: true'")
    return c.Always()


def _red_flag(raw: AnyValue, path: str) -> c.Condition:
    if not isinstance(raw, str) or not raw:
        raise ConditionError(path, "expected a red-flag id")
    return c.RedFlagRaised(raw)


_PARSERS: dict[str, Callable[[AnyValue, str], c.Condition]] = {
    "all": lambda raw, path: c.All(_items(raw, path)),
    "any": lambda raw, path: c.Any(_items(raw, path)),
    "not": lambda raw, path: c.Not(parse_condition(raw, path)),
    "always": _always,
    "datacenter": lambda raw, path: c.Datacenter(_bool(raw, path)),
    "memory_stack": lambda raw, path: c.MemoryStack(_bool(raw, path)),
    "form_in": lambda raw, path: c.FormIn(
        _strings(raw, path, frozenset(f.value for f in ItemForm))
    ),
    "control_code_in": lambda raw, path: c.ControlCodeIn(_strings(raw, path)),
    "destination_in": _destination,
    "exported_from": _exported_from,
    "headquarters_in": _headquarters,
    "end_use_in": lambda raw, path: c.EndUseIn(
        _strings(raw, path, frozenset(u.value for u in EndUse))
    ),
    "red_flag_raised": _red_flag,
    "in_country_transfer": lambda raw, path: c.InCountryTransfer(_bool(raw, path)),
    "destination_region_in": _region,
    "addressed_to": _addressed_to,
    "owned_by_listed": _owned_by_listed,
}


def groups_named(cond: c.Condition) -> set[str]:
    """Every country-group label a condition refers to (for whole-set validation)."""
    match cond:
        case c.All(items) | c.Any(items):
            return set().union(*(groups_named(i) for i in items))
        case c.Not(item):
            return groups_named(item)
        case c.DestinationIn(_, groups) | c.ExportedFrom(_, groups) | c.HeadquartersIn(_, groups):
            return set(groups)
    return set()
