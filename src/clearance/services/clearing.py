"""Use case: clear a shipment (stateless check) under the rules in force on a date."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from clearance.domain.active import ActiveRules, active_rules
from clearance.domain.authorization import Authorization
from clearance.domain.decide import DecisionPolicy, LetterScope, decide
from clearance.domain.decision import Decision
from clearance.domain.errors import InputError
from clearance.domain.hit import ScreeningHit
from clearance.domain.party import Party
from clearance.domain.rule import RuleSet
from clearance.domain.screening_policy import OWNER_ROLE
from clearance.domain.shipment import Shipment

from .ports import PartyScreener


@dataclass(frozen=True, slots=True)
class CheckOptions:
    as_of: date | None = None  # default: the shipment's date
    reported_binds: bool = True
    informed_letters: LetterScope = LetterScope.ADDRESSEES


DEFAULT_OPTIONS = CheckOptions()


_ACTIVE_CACHE: dict[tuple[str, int], ActiveRules] = {}
_BY_DAY: dict[tuple[str, date], ActiveRules] = {}
_BOUNDARIES: dict[str, tuple[date, ...]] = {}
_CACHE_SIZE = 1024


def _active(ruleset: RuleSet, as_of: date) -> ActiveRules:
    """The rules binding on `as_of`.

    The same rules bind between two rule boundaries (a start, an end, a compliance or an
    enforcement date), so the selection is cached per (ruleset hash, period) and only the
    as-of date is replaced; the result is kept per day too.
    """
    day_key = (ruleset.content_hash, as_of)
    found = _BY_DAY.get(day_key)
    if found is not None:
        return found
    if len(_ACTIVE_CACHE) >= _CACHE_SIZE or len(_BOUNDARIES) >= _CACHE_SIZE:
        _ACTIVE_CACHE.clear()
        _BOUNDARIES.clear()
    if len(_BY_DAY) >= 4 * _CACHE_SIZE:
        _BY_DAY.clear()
    boundaries = _BOUNDARIES.get(ruleset.content_hash)
    if boundaries is None:
        boundaries = _BOUNDARIES[ruleset.content_hash] = ruleset.boundaries()
    key = (ruleset.content_hash, bisect_right(boundaries, as_of))
    rules = _ACTIVE_CACHE.get(key)
    if rules is None:
        rules = _ACTIVE_CACHE[key] = active_rules(ruleset, as_of)
    rules = rules if rules.as_of == as_of else replace(rules, as_of=as_of)
    _BY_DAY[day_key] = rules
    return rules


def validate_red_flags(shipment: Shipment, ruleset: RuleSet, *, source: str) -> None:
    """Every raised red flag must be one the rule packs define (on some date)."""
    known_flags = {rule.flag for rule in ruleset.red_flags}
    for index, flag in enumerate(shipment.red_flags):
        if flag not in known_flags:
            raise InputError(
                f"unknown red flag {flag!r}; known flags: {', '.join(sorted(known_flags))}",
                source=source,
                field=f"red_flags[{index}]",
            )


def check_shipment(
    shipment: Shipment,
    authorizations: Sequence[Authorization],
    ruleset: RuleSet,
    screener: PartyScreener | None,
    options: CheckOptions = DEFAULT_OPTIONS,
) -> Decision:
    if shipment.red_flags:
        validate_red_flags(shipment, ruleset, source=shipment.id)
    as_of = options.as_of or shipment.date
    hits: list[ScreeningHit] = []
    if screener is not None:
        for role, party in shipment.parties:
            hits.extend(screener.screen_party(role, party))
        # Owners are screened too: a listed owner's holdings count under an affiliates rule.
        for owner in shipment.ownership.all_owners():
            country = owner.country or shipment.end_user.country
            hits.extend(screener.screen_party(OWNER_ROLE, Party(owner.name, country)))
    return decide(
        shipment,
        authorizations,
        hits,
        _active(ruleset, as_of),
        DecisionPolicy(
            reported_binds=options.reported_binds, informed_letters=options.informed_letters
        ),
    )
