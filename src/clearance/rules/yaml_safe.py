"""The one YAML reader of Clearance (rule packs and input files alike).

A YAML 1.2-flavoured safe loader: only `true`/`false` are booleans (YAML 1.1 reads `NO`, Norway,
and `on` as booleans), dates stay strings for Pydantic to validate (so a bad date is reported
against its field, not as a parser crash), `1e3` is a float, and a duplicate key is an error,
never a silent overwrite. `parse_yaml` turns every parser failure into one located error line.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from typing import Any

import yaml

from clearance.domain.errors import LocatedError

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_DROPPED = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:float"}
# YAML 1.2 floats: PyYAML (YAML 1.1) reads `1e3` or `2e+4` as text, which would turn a
# datasheet figure written in exponent form into a baffling "not a number" error.
_FLOAT_12 = re.compile(
    r"^[-+]?(?:[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
    r"|[0-9][0-9_]*[eE][-+]?[0-9]+|\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


# libyaml's parser when PyYAML was built with it (ten times faster on the rule packs); the
# resolvers and constructors below are Python either way, so both read the same.
_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictSafeLoader(_BASE):  # type: ignore[misc,valid-type]
    """SafeLoader with YAML 1.2 booleans and floats, no implicit timestamps, no duplicate keys."""


def _construct_mapping(loader: StrictSafeLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    loader.flatten_mapping(node)
    seen: dict[Hashable, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            )
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first given on line {seen[key]})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


def _resolvers() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    base = yaml.SafeLoader.yaml_implicit_resolvers
    resolvers = {
        key: [(tag, rx) for tag, rx in entries if tag not in _DROPPED]
        for key, entries in base.items()
    }
    for first in "tTfF":
        resolvers.setdefault(first, []).insert(0, ("tag:yaml.org,2002:bool", _BOOL))
    for first in "-+0123456789.":
        resolvers.setdefault(first, []).append(("tag:yaml.org,2002:float", _FLOAT_12))
    return resolvers


StrictSafeLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
StrictSafeLoader.yaml_implicit_resolvers = _resolvers()


def parse_yaml(text: str, source: str, error: type[LocatedError]) -> object:
    """The parsed document; any failure raises `error` naming the source and the line."""
    try:
        return yaml.load(text, Loader=StrictSafeLoader)  # noqa: S506 - a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}, line {mark.line + 1}" if mark is not None else source
        problem = "; ".join(part for part in (exc.context, exc.problem) if part) or "malformed"
        raise error(f"not valid YAML: {problem}", source=where) from None
    except yaml.YAMLError as exc:
        raise error(f"not valid YAML: {exc}", source=source) from None
    except RecursionError:
        raise error("not valid YAML: nested too deeply", source=source) from None
    except ValueError as exc:
        raise error(f"not valid YAML: {exc}", source=source) from None
