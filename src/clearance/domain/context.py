"""What one decision carries as it goes: inputs, policy, and the reasons collected so far."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .active import ActiveRules, JurisdictionRules
from .authorization import Authorization
from .condition import Observation
from .decision import Outcome, Problem, Reason, Requirement
from .hit import ScreeningHit
from .rule import ProvenanceLevel, RuleMeta
from .satisfy import Usage
from .shipment import Shipment


class LetterScope(StrEnum):
    """Whom a letter informing named exporters of a licence requirement binds."""

    ADDRESSEES = "addressees"  # the exporters it is addressed to (the letter's own reach)
    ALL_VENDORS = "all-vendors"  # every exporter of such items (a stricter, voluntary choice)


@dataclass(frozen=True, slots=True)
class DecisionPolicy:
    """Deployment choices: whether rules resting on reported facts bind (default) or inform;
    whether letters to named exporters bind only them (default) or every exporter."""

    reported_binds: bool = True
    informed_letters: LetterScope = LetterScope.ADDRESSEES


@dataclass(slots=True)
class Context:
    shipment: Shipment
    rules: ActiveRules
    policy: DecisionPolicy
    held: Sequence[Authorization]
    denying_hits: Sequence[ScreeningHit] = ()  # confirmed matches whose policy is a denial
    # Flags the engine raised from the facts (a rule's raised_when), with what it observed.
    raised_flags: dict[str, list[Observation]] = field(default_factory=dict)
    usage: Usage = field(default_factory=Usage)
    reasons: list[Reason] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    current: JurisdictionRules | None = None  # the jurisdiction being evaluated

    def text(self, key: str, /, **values: object) -> str:
        """Message `key` in the words of the jurisdiction being evaluated."""
        if self.current is None:
            return self.rules.text(key, **values)
        return self.current.pack.messages[key].format_map(values)

    def binding(self, meta: RuleMeta) -> bool:
        return self.policy.reported_binds or meta.provenance is not ProvenanceLevel.REPORTED

    def reason(
        self,
        meta: RuleMeta,
        outcome: Outcome,
        message: str,
        evidence: Sequence[Observation],
        line: int | None,
        clears_by: str | None = None,
        *,
        kind: str,
    ) -> Reason:
        return Reason(
            rule_id=meta.id,
            outcome=outcome,
            message=message,
            citation=meta.citation,
            provenance=meta.provenance.value,
            jurisdiction=meta.jurisdiction,
            evidence=tuple(evidence),
            clears_by=clears_by,
            binding=self.binding(meta),
            line=line,
            kind=kind,
        )

    def unknown(
        self, meta: RuleMeta, seen: Sequence[Observation], line: int | None
    ) -> tuple[str, ...]:
        """A rule that cannot be judged for want of a fact: a problem, which holds."""
        missing = tuple(sorted({o.fact for o in seen if o.result is None}))
        self.problems.append(
            Problem(
                rule_id=meta.id,
                line=line,
                missing=missing,
                message=self.text(
                    "cannot_tell", rule=meta.id, title=meta.title, missing=", ".join(missing)
                ),
                jurisdiction=meta.jurisdiction,
            )
        )
        return missing
