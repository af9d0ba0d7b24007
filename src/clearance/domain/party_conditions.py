"""Condition tests on the route and the parties: in-country transfers, destination regions,
the addressees of a letter, ownership by listed parties."""

from __future__ import annotations

from dataclasses import dataclass

from .facts import LineFacts
from .observation import Observation, Tri

Seen = list[Observation] | None


@dataclass(frozen=True, slots=True)
class InCountryTransfer:
    """The shipment stays within one country (a transfer in-country): from == to."""

    value: bool


@dataclass(frozen=True, slots=True)
class DestinationRegionIn:
    """The destination is one of `regions` of `country`; unknown when the region is not given."""

    country: str
    regions: frozenset[str]


@dataclass(frozen=True, slots=True)
class AddressedTo:
    """The exporter is one of the named addressees of a letter (or the policy binds everyone)."""

    names: frozenset[str]  # name keys (see names.name_key)


@dataclass(frozen=True, slots=True)
class OwnedByListed:
    """Parties on `lists` own, directly, indirectly or in aggregate, `at_least` percent of the
    consignee or the end user."""

    lists: frozenset[str]
    at_least: float


def in_country(cond: InCountryTransfer, facts: LineFacts, seen: Seen) -> Tri:
    ok = (facts.from_country == facts.to_country) == cond.value
    if seen is not None:
        route = f"{facts.from_country} -> {facts.to_country}"
        test = "within one country" if cond.value else "across a border"
        seen.append(Observation("route", route, test, ok))
    return ok


def region_in(cond: DestinationRegionIn, facts: LineFacts, seen: Seen) -> Tri:
    ok: Tri
    if facts.to_country != cond.country:
        ok = False
    elif facts.to_region is None:
        ok = None  # a destination in that country, region not stated: cannot tell
    else:
        ok = facts.to_region in cond.regions
    if seen is not None:
        shown = f"{facts.to_country}/{facts.to_region or 'region not given'}"
        test = f"region of {cond.country} in {sorted(cond.regions)}"
        seen.append(Observation("destination_region", shown, test, ok))
    return ok


def addressed_to(cond: AddressedTo, facts: LineFacts, seen: Seen) -> Tri:
    named = facts.exporter_key in cond.names
    ok = named or facts.letters_bind_all
    if seen is not None:
        test = "an addressee of the letter"
        if facts.letters_bind_all:
            test += " (the decision policy applies such letters to all vendors)"
        seen.append(Observation("exporter", facts.exporter_name, test, ok))
    return ok


def owned_by_listed(cond: OwnedByListed, facts: LineFacts, seen: Seen) -> Tri:
    found = [
        a
        for party in facts.owned_parties
        if (a := facts.ownership.affiliation(party, facts.listed, cond.lists, cond.at_least))
    ]
    ok = bool(found)
    if seen is not None:
        if found:
            shown = "; ".join(f"{a.chain} = {a.share:g}%" for a in found)
        else:
            shown = "owners stated" if facts.ownership else "no owners stated"
        test = f"owned >= {cond.at_least:g}% by parties on {sorted(cond.lists)}"
        seen.append(Observation("ownership", shown, test, ok))
    return ok
