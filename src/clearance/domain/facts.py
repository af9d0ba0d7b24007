"""The facts one shipment line is judged on, gathered once so conditions stay cheap."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

from .item import ItemSpec
from .metrics import Metrics
from .ownership import Ownership


@dataclass(frozen=True, slots=True)
class CountryGroups:
    """Country-group membership of one jurisdiction's rules (e.g. EAR D:5), with aliases.

    An alias makes one country count as another for group membership: the EAR treats Hong Kong
    as China (HK -> CN), so HK is in every group CN is in.
    """

    groups: Mapping[str, frozenset[str]] = field(default_factory=dict)
    aliases: Mapping[str, str] = field(default_factory=dict)
    # (country, group) -> the assumption a membership rests on, when its dates are not verified
    unverified: Mapping[tuple[str, str], str] = field(default_factory=dict)
    # country -> the groups it is in, built once (derived from `groups`, not compared)
    _index: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, set[str]] = {}
        for name, members in self.groups.items():
            for country in members:
                index.setdefault(country, set()).add(name)
        self._index.update({country: frozenset(names) for country, names in index.items()})

    def of(self, country: str) -> frozenset[str]:
        return self._index.get(self.aliases.get(country, country), frozenset())

    def assumptions(self, country: str, groups: frozenset[str]) -> list[str]:
        """What the membership of `country` in any of `groups` rests on, where unverified."""
        if not self.unverified:
            return []
        code = self.aliases.get(country, country)
        return [
            f"{code} in {g}: {self.unverified[(code, g)]}"
            for g in sorted(groups)
            if (code, g) in self.unverified
        ]


@dataclass(frozen=True, slots=True)
class LineFacts:
    item: ItemSpec
    metrics: Metrics
    control_code: str | None  # None: outside the controlled codes the rules know
    classified: bool  # False when classification could not be completed (facts missing)
    from_country: str
    to_country: str
    headquarters_country: str | None
    ultimate_parent_country: str | None
    end_use: str
    red_flags: frozenset[str]
    country_groups: CountryGroups
    code_prefixes: frozenset[str] = frozenset()  # the code and every code it sits under
    # Headquarters and ultimate-parent countries of the end user and the ultimate consignee:
    # an exception or notice is used for both, so a rule on "entities headquartered in" reads
    # both. Empty: neither party states them.
    headquarters_places: tuple[str, ...] = ()
    to_region: str | None = None  # a region of the destination country (e.g. an occupied region)
    exporter_name: str = ""
    exporter_key: str = ""  # names.name_key(exporter_name)
    letters_bind_all: bool = False  # policy: is-informed letters bind every exporter
    ownership: Ownership = field(default_factory=Ownership)
    listed: Mapping[str, frozenset[str]] = field(default_factory=dict)  # name key -> lists
    owned_parties: tuple[str, ...] = ()  # the parties the affiliates test looks at
    _group_cache: dict[str, frozenset[str]] = field(default_factory=dict, compare=False)

    def groups_of(self, country: str) -> frozenset[str]:
        cached = self._group_cache.get(country)
        if cached is None:
            cached = self.country_groups.of(country)
            self._group_cache[country] = cached
        return cached


@functools.lru_cache(maxsize=256)
def code_prefixes(code: str | None) -> frozenset[str]:
    """3A090.a -> {3A090, 3A090.a}: the control code and every code it sits under."""
    if code is None:
        return frozenset()
    parts = code.split(".")
    return frozenset(".".join(parts[: i + 1]) for i in range(len(parts)))
