"""Pack manifests -> domain Packs, and the checks that tie every rule to its own pack.

A rule may only name what its own pack defines: its jurisdiction, its authorities, its
licence-exception labels, its country groups, its evidence kinds. Anything else is refused at
load time, naming the file and the field (a rule naming a group no pack defines would otherwise
never fire).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import date
from typing import Any

from clearance.domain.condition import Condition
from clearance.domain.errors import RulePackError
from clearance.domain.pack import (
    DatedCountryGroups,
    EvidenceRule,
    ExceptionLabel,
    GroupMember,
    Pack,
    placeholders,
)

from .conditions import ConditionError, groups_named, parse_condition
from .pack_schema import CountryGroupTableFile, MemberFile, MessagesFile, PackFile

MANIFEST = "pack.yaml"
MESSAGES = "messages.yaml"


def pack_folder(name: str) -> str | None:
    """`us/licence-x.yaml` -> `us`; a file at the top level belongs to no pack."""
    folder, sep, _ = name.partition("/")
    return folder if sep else None


def build_messages(model: MessagesFile) -> dict[str, str]:
    return dict(model.messages)


def build_pack(
    name: str,
    model: PackFile,
    groups: CountryGroupTableFile | None,
    groups_source: str,
    messages: Mapping[str, str],
) -> Pack:
    for key, text in model.messages.items():
        if key not in messages:
            raise RulePackError(
                f"unknown message key {key!r}; the engine's keys are in {MESSAGES}",
                source=name,
                field=f"messages.{key}",
            )
        extra = placeholders(text) - placeholders(messages[key])
        if extra:
            raise RulePackError(
                f"placeholder(s) {sorted(extra)} are not given to this message; "
                f"it may use {sorted(placeholders(messages[key]))}",
                source=name,
                field=f"messages.{key}",
            )
    for code, label in model.licence_exceptions.items():
        if label.notify is not None and label.notify not in model.authorities:
            raise RulePackError(
                f"authority {label.notify!r} is not one of this pack's authorities "
                f"{sorted(model.authorities)}",
                source=name,
                field=f"licence_exceptions.{code}.notify",
            )
    for i, code in enumerate(model.prohibitive_lists):
        if code not in model.screening_lists:
            raise RulePackError(
                f"list {code!r} is not one of this pack's screening_lists",
                source=name,
                field=f"prohibitive_lists[{i}]",
            )
    touches = _condition(model.touches.when, name, "touches.when")
    return Pack(
        jurisdiction=model.jurisdiction,
        title=model.title,
        citation=model.citation,
        touches=touches,
        touches_note=model.touches.note,
        touches_groups=frozenset(groups_named(touches)),
        classification_of=model.classification.of or "",
        authorities={code: a.name for code, a in model.authorities.items()},
        exceptions={
            code: ExceptionLabel(code=code, name=e.name, citation=e.citation, notify=e.notify)
            for code, e in model.licence_exceptions.items()
        },
        evidence_rules=tuple(
            EvidenceRule(
                authorization_kind=e.authorization_kind.value,
                evidence=e.evidence.value,
                rule_id=e.rule_id,
                message=e.message,
                clears_by=e.clears_by,
            )
            for e in model.evidence_rules
        ),
        messages={**messages, **model.messages},
        screening_lists=frozenset(model.screening_lists),
        prohibitive_lists=frozenset(model.prohibitive_lists),
        country_groups=_groups(groups, groups_source),
        source_file=name,
    )


def _condition(raw: dict[str, Any], source: str, field: str) -> Condition:
    try:
        return parse_condition(raw, field)
    except ConditionError as exc:
        raise RulePackError(str(exc).split(": ", 1)[-1], source=source, field=exc.path) from None


def _groups(table: CountryGroupTableFile | None, source: str) -> DatedCountryGroups:
    if table is None:
        return DatedCountryGroups()
    groups: dict[str, tuple[GroupMember, ...]] = {}
    for label, entries in table.groups.items():
        members: list[GroupMember] = []
        for entry in entries:
            if isinstance(entry, MemberFile):
                members.append(
                    GroupMember(
                        country=entry.country,
                        effective_from=entry.effective_from,
                        effective_to=entry.effective_to,
                        provenance=entry.provenance.value,
                        assumption=entry.assumption,
                    )
                )
            else:
                members.append(GroupMember(country=entry))
        _no_overlapping_members(members, source, label)
        groups[label] = tuple(members)
    return DatedCountryGroups(
        groups=groups,
        aliases=dict(table.aliases),
        citation=table.citation,
        provenance=table.provenance.value,
    )


def _no_overlapping_members(members: list[GroupMember], source: str, label: str) -> None:
    by_country: dict[str, list[GroupMember]] = {}
    for m in members:
        by_country.setdefault(m.country, []).append(m)
    for country, windows in by_country.items():
        ordered = sorted(windows, key=lambda m: m.effective_from or date.min)
        for prev, nxt in itertools.pairwise(ordered):
            if prev.effective_to is None or (nxt.effective_from or date.min) < prev.effective_to:
                raise RulePackError(
                    f"{country} is listed twice with overlapping dates",
                    source=source,
                    field=f"groups.{label}",
                )


def check_groups(pack: Pack, source: str, conditions: list[tuple[str, Condition]]) -> None:
    """Every country group the conditions name is one `pack` defines."""
    known = pack.country_groups.labels
    for field, cond in conditions:
        unknown = groups_named(cond) - known
        if unknown:
            raise RulePackError(
                f"unknown country group(s) {sorted(unknown)}: pack {pack.jurisdiction} defines "
                f"{sorted(known) or 'none'}",
                source=source,
                field=field,
            )


def check_rule_in_pack(
    pack: Pack, source: str, rule: Any, conditions: list[tuple[str, Condition]]
) -> None:
    """A rule of `pack` names only what `pack` defines (jurisdiction, authority, groups...)."""
    meta = rule.meta
    if meta.jurisdiction != pack.jurisdiction:
        raise RulePackError(
            f"jurisdiction {meta.jurisdiction!r} is not the jurisdiction of its pack "
            f"({pack.jurisdiction}, {pack.source_file})",
            source=source,
            field="jurisdiction",
        )
    labels = (
        ("authority", "authority", pack.authorities),
        ("code", "licence exception", pack.exceptions),
    )
    for attribute, what, defined in labels:
        value = getattr(rule, attribute, None)
        if value is not None and value not in defined:
            raise RulePackError(
                f"{what} {value!r} is not defined by pack {pack.jurisdiction} "
                f"(defined: {sorted(defined)})",
                source=source,
                field=attribute,
            )
    check_groups(pack, source, conditions)
