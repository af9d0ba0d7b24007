"""Decisions: outcome, reasons, problems, requirements, and the one precedence table."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .classification import Classification
from .condition import Observation
from .hit import ScreeningHit


class Outcome(StrEnum):
    CLEARED = "cleared"
    HOLD = "hold"
    DENIED = "denied"


# The one precedence table: the most restrictive outcome wins.
PRECEDENCE: dict[Outcome, int] = {Outcome.CLEARED: 0, Outcome.HOLD: 1, Outcome.DENIED: 2}


# Which kind of reason speaks first when several lead to the same outcome.
MAIN_REASON_ORDER = {
    "prohibition": 0,
    "screening": 1,
    "requirement": 2,
    "classification": 2,
    "authorization": 3,
    "licence_exception": 4,
    "red_flag": 5,
    "condition": 6,
    "review_policy": 7,
    "summary": 8,
}


def combine(outcomes: Iterable[Outcome]) -> Outcome:
    result = Outcome.CLEARED
    for outcome in outcomes:
        if PRECEDENCE[outcome] > PRECEDENCE[result]:
            result = outcome
    return result


@dataclass(frozen=True, slots=True)
class Reason:
    rule_id: str
    outcome: Outcome  # what this reason alone would make of the shipment
    message: str
    citation: str
    provenance: str
    jurisdiction: str
    evidence: tuple[Observation, ...] = ()
    clears_by: str | None = None  # for a hold: what would clear it
    binding: bool = True  # False: shown as a warning only (e.g. reported rules under 'inform')
    line: int | None = None  # index of the shipment line it concerns, if one
    # requirement | review_policy | authorization | condition | licence_exception |
    # prohibition | red_flag | screening | classification | summary
    kind: str = "requirement"


@dataclass(frozen=True, slots=True)
class Problem:
    """A rule that could not be evaluated because a fact is missing: it holds."""

    rule_id: str
    message: str
    missing: tuple[str, ...]
    line: int | None = None
    jurisdiction: str = ""  # whose rule it is ("" for the engine's own checks)


@dataclass(frozen=True, slots=True)
class Requirement:
    """An authorization one jurisdiction requires, and which held one satisfies it."""

    rule_id: str
    jurisdiction: str
    authority: str
    kind: str
    review_policy: str
    line: int
    satisfied_by: str | None = None
    # missing | satisfied | pending | conditions_unmet | notification_required | unknown
    status: str = "missing"
    provenance: str = "official"
    binding: bool = True
    missing: tuple[str, ...] = ()  # for an unknown requirement: the facts not given
    message: str = ""

    @property
    def state(self) -> str:
        """satisfied, unknown (a fact is missing), or unmet (anything else)."""
        if self.status in ("satisfied", "unknown"):
            return self.status
        return "unmet"


@dataclass(frozen=True, slots=True)
class JurisdictionResult:
    """One touched jurisdiction: its outcome, and per line the ground it clears on (if any)."""

    jurisdiction: str
    title: str
    outcome: Outcome
    lines: tuple[int, ...]  # the shipment lines it touches
    grounds: tuple[str | None, ...]  # per touched line: why it may go ahead; None = no ground

    @property
    def grounded(self) -> bool:
        return all(g is not None for g in self.grounds)


@dataclass(frozen=True, slots=True)
class Decision:
    shipment_id: str
    outcome: Outcome
    as_of: date
    ruleset_hash: str
    reasons: tuple[Reason, ...]
    problems: tuple[Problem, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    classifications: tuple[Classification, ...] = ()
    screening_hits: tuple[ScreeningHit, ...] = ()
    warnings: tuple[Reason, ...] = field(default=())
    reported_policy: str = "bind"
    informed_letters: str = "addressees"  # whom letters to named exporters bind
    jurisdictions: tuple[JurisdictionResult, ...] = ()

    @property
    def reason_ids(self) -> tuple[str, ...]:
        return tuple(r.rule_id for r in self.reasons)

    @property
    def main_reason(self) -> Reason | None:
        """The most restrictive reason; among equals, the weightiest kind (a prohibition over a
        missing licence over a missing piece of evidence), then the first given."""
        ranked = sorted(
            self.reasons, key=lambda r: (-PRECEDENCE[r.outcome], MAIN_REASON_ORDER.get(r.kind, 99))
        )
        return ranked[0] if ranked else None

    @property
    def clears_by(self) -> tuple[str, ...]:
        return tuple(r.clears_by for r in self.reasons if r.outcome is Outcome.HOLD and r.clears_by)
