"""A YAML 1.2-flavoured safe loader: no surprises from YAML 1.1's implicit types.

YAML 1.1 reads `NO` (Norway) and `on` as booleans and `2023-13-45` as a broken timestamp. Here
only `true`/`false` are booleans, and dates stay strings for Pydantic to validate (so a bad date
is reported against its field, not as a parser crash).
"""

from __future__ import annotations

import re

import yaml

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_DROPPED = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}


def strict_resolvers(
    base: dict[str, list[tuple[str, re.Pattern[str]]]],
) -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    resolvers = {
        key: [(tag, rx) for tag, rx in entries if tag not in _DROPPED]
        for key, entries in base.items()
    }
    for first in "tTfF":
        resolvers.setdefault(first, []).insert(0, ("tag:yaml.org,2002:bool", _BOOL))
    return resolvers


# libyaml's parser when PyYAML was built with it (ten times faster on the rule packs); the
# resolvers below are Python either way, so both read the same.
_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictSafeLoader(_BASE):  # type: ignore[misc,valid-type]
    """SafeLoader with YAML 1.2 booleans and no implicit timestamps."""


StrictSafeLoader.yaml_implicit_resolvers = strict_resolvers(yaml.SafeLoader.yaml_implicit_resolvers)
