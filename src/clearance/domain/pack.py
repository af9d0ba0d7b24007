"""A jurisdiction pack as the engine sees it: who decides, what they call things, what they say.

Everything jurisdiction-specific lives in a pack's YAML (`rules/packs/<jurisdiction>/pack.yaml`):
its country groups with dated membership, its authorities, its licence-exception labels, the
evidence each kind of authorization needs on file, its message texts, which classification it
reads, and when a shipment touches it. The domain code names none of them.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from .condition import Always, Condition
from .facts import CountryGroups


@dataclass(frozen=True, slots=True)
class GroupMember:
    """One country in one group, for a window; `assumption`: what an unverified date rests on."""

    country: str
    effective_from: date | None = None  # None: from the start of the group table
    effective_to: date | None = None  # exclusive; None: open-ended
    provenance: str = "official"
    assumption: str | None = None

    def in_window(self, day: date) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day < self.effective_to
        )


@dataclass(frozen=True, slots=True)
class DatedCountryGroups:
    """Country groups whose membership changes over time (e.g. the UAE leaving EAR D:4)."""

    groups: Mapping[str, tuple[GroupMember, ...]] = field(default_factory=dict)
    aliases: Mapping[str, str] = field(default_factory=dict)
    citation: str = ""
    provenance: str = "official"

    @property
    def labels(self) -> frozenset[str]:
        return frozenset(self.groups)

    def on(self, day: date) -> CountryGroups:
        """Membership on `day`; members resting on unverified dates carry their assumption."""
        members: dict[str, frozenset[str]] = {}
        unverified: dict[tuple[str, str], str] = {}
        for label, entries in self.groups.items():
            current = [m for m in entries if m.in_window(day)]
            members[label] = frozenset(m.country for m in current)
            for m in entries:  # in or out of its window, the dates rest on the assumption
                if m.provenance != "official":
                    unverified[(m.country, label)] = m.assumption or m.provenance
        return CountryGroups(groups=members, aliases=dict(self.aliases), unverified=unverified)

    def boundaries(self) -> set[date]:
        days: set[date] = set()
        for entries in self.groups.values():
            for m in entries:
                days.update(d for d in (m.effective_from, m.effective_to) if d is not None)
        return days


@dataclass(frozen=True, slots=True)
class ExceptionLabel:
    """A licence exception the pack's authority grants (e.g. NAC, ACA)."""

    code: str
    name: str
    citation: str
    notify: str | None = None  # the authority a notification goes to, when one is needed


@dataclass(frozen=True, slots=True)
class EvidenceRule:
    """An authorization of `authorization_kind` is usable only with `evidence` on file."""

    authorization_kind: str
    evidence: str
    rule_id: str
    message: str  # template: {auth}, {authority}, {evidence}
    clears_by: str  # template: {auth}, {authority}, {evidence}


@dataclass(frozen=True, slots=True)
class Pack:
    jurisdiction: str
    title: str
    citation: str
    # When a shipment line is within the jurisdiction's reach (e.g. China: imports into CN).
    touches: Condition = field(default_factory=Always)
    touches_note: str = ""
    touches_groups: frozenset[str] = frozenset()  # the country groups `touches` tests
    classification_of: str = ""  # the jurisdiction whose classification it reads ("" = own)
    authorities: Mapping[str, str] = field(default_factory=dict)  # code -> name
    exceptions: Mapping[str, ExceptionLabel] = field(default_factory=dict)  # by code
    evidence_rules: tuple[EvidenceRule, ...] = ()
    messages: Mapping[str, str] = field(default_factory=dict)
    # codes of the restricted-party lists its authorities keep (a hit on one bears on it)
    screening_lists: frozenset[str] = frozenset()
    prohibitive_lists: frozenset[str] = frozenset()  # a confirmed match on one denies outright
    country_groups: DatedCountryGroups = field(default_factory=DatedCountryGroups)
    source_file: str | None = None

    @property
    def classifier(self) -> str:
        return self.classification_of or self.jurisdiction

    def text(self, key: str, /, **values: object) -> str:
        """The pack's message `key` with its placeholders filled in."""
        return render(self.messages[key], values)


def placeholders(template: str) -> set[str]:
    """The `{names}` a message template uses (for validation at load)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def render(template: str, values: Mapping[str, object]) -> str:
    return template.format_map(values)
