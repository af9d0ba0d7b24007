"""Use case: clear a shipment (stateless check) under the rules in force on a date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from clearance.domain.active import ActiveRules, active_rules
from clearance.domain.authorization import Authorization
from clearance.domain.decide import DecisionPolicy, decide
from clearance.domain.decision import Decision
from clearance.domain.errors import InputError
from clearance.domain.hit import ScreeningHit
from clearance.domain.rule import RuleSet
from clearance.domain.shipment import Shipment

from .ports import PartyScreener


@dataclass(frozen=True, slots=True)
class CheckOptions:
    as_of: date | None = None  # default: the shipment's date
    reported_binds: bool = True


DEFAULT_OPTIONS = CheckOptions()


_ACTIVE_CACHE: dict[tuple[str, date], ActiveRules] = {}
_ACTIVE_CACHE_SIZE = 4096


def _active(ruleset: RuleSet, as_of: date) -> ActiveRules:
    """The rules binding on `as_of`, cached by ruleset content hash and date."""
    key = (ruleset.content_hash, as_of)
    rules = _ACTIVE_CACHE.get(key)
    if rules is None:
        if len(_ACTIVE_CACHE) >= _ACTIVE_CACHE_SIZE:
            _ACTIVE_CACHE.clear()
        rules = _ACTIVE_CACHE[key] = active_rules(ruleset, as_of)
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
    known_flags = {rule.flag for rule in ruleset.red_flags}
    for index, flag in enumerate(shipment.red_flags):
        if flag not in known_flags:
            raise InputError(
                f"unknown red flag {flag!r}; known flags: {sorted(known_flags)}",
                source=shipment.id,
                field=f"red_flags[{index}]",
            )
    as_of = options.as_of or shipment.date
    hits: list[ScreeningHit] = []
    if screener is not None:
        for role, party in shipment.parties:
            hits.extend(screener.screen_party(role, party))
    return decide(
        shipment,
        authorizations,
        hits,
        _active(ruleset, as_of),
        DecisionPolicy(reported_binds=options.reported_binds),
    )
