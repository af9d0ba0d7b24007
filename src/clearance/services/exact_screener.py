"""The simplest honest screener: exact name match (after folding) against a list of entries.

An exact match on an entry's primary name or an alias is treated as a confirmed match; it is
what the decision engine uses until the fuzzy screener is wired in, and what tests use when they
want screening to be predictable.
"""

from __future__ import annotations

from collections.abc import Iterable

from clearance.domain.hit import Feature, HitStatus, ScreeningHit
from clearance.domain.listing import ListEntry
from clearance.domain.names import name_key
from clearance.domain.party import Party


class ExactNameScreener:
    def __init__(self, entries: Iterable[ListEntry]) -> None:
        self._by_key: dict[str, list[tuple[ListEntry, str]]] = {}
        for entry in entries:
            for name in entry.names:
                self._by_key.setdefault(name_key(name), []).append((entry, name))

    def screen_party(self, role: str, party: Party) -> list[ScreeningHit]:
        key = name_key(party.name)
        return [
            ScreeningHit(
                party_role=role,
                party_name=party.name,
                source_list=entry.source_list,
                entry_id=entry.entry_id,
                name=entry.name,
                matched_name=matched,
                score=1.0,
                features=(
                    Feature("exact_name", 1.0, f"'{party.name}' equals '{matched}' after folding"),
                ),
                license_requirement=entry.license_requirement,
                license_policy=entry.license_policy,
                federal_register_notice=entry.federal_register_notice,
                status=HitStatus.CONFIRMED,
                countries=entry.countries,
            )
            for entry, matched in self._by_key.get(key, [])
        ]
