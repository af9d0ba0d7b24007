"""Rules as the engine sees them: effective-dated, with enforcement status and provenance.

The rule-file format (YAML, validated) lives in clearance.rules; it builds these objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from .condition import Condition
from .pack import Pack


class ProvenanceLevel(StrEnum):
    OFFICIAL = "official"
    SECONDARY = "secondary"
    REPORTED = "reported"
    COMPUTED = "computed"
    UNVERIFIED = "unverified"


class EnforcementStatus(StrEnum):
    IN_FORCE = "in_force"
    NOT_ENFORCED = "not_enforced"
    SUSPENDED = "suspended"
    SUPERSEDED = "superseded"


class ReviewPolicy(StrEnum):
    PRESUMPTION_OF_DENIAL = "presumption_of_denial"
    CASE_BY_CASE = "case_by_case"
    PRESUMPTION_OF_APPROVAL = "presumption_of_approval"


@dataclass(frozen=True, slots=True)
class Enforcement:
    """`status` applies from `since` (or always when None); `until` ends a suspension."""

    status: EnforcementStatus = EnforcementStatus.IN_FORCE
    since: date | None = None
    until: date | None = None

    def at(self, day: date) -> EnforcementStatus:
        if self.since is not None and day < self.since:
            return EnforcementStatus.IN_FORCE
        if self.until is not None and day >= self.until:
            return EnforcementStatus.IN_FORCE
        return self.status


@dataclass(frozen=True, slots=True)
class RuleMeta:
    id: str
    lineage: str
    title: str
    jurisdiction: str
    effective_from: date
    effective_to: date | None
    provenance: ProvenanceLevel
    citation: str
    message: str
    published_in: str | None = None
    compliance_date: date | None = None
    enforcement: Enforcement = Enforcement()
    notes: str | None = None
    source_file: str | None = None

    def in_window(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day < self.effective_to)

    def binds_on(self, day: date) -> bool:
        """In its window, past its compliance date, and enforced on `day`."""
        if not self.in_window(day):
            return False
        if self.compliance_date is not None and day < self.compliance_date:
            return False
        return self.enforcement.at(day) is EnforcementStatus.IN_FORCE


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One classification paragraph: if `when` holds, the item is `control_code`."""

    paragraph: str
    control_code: str | None  # None: the paragraph excludes the item (e.g. Note 2 to 3A090)
    when: Condition
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ClassificationRule:
    meta: RuleMeta
    paragraphs: tuple[Paragraph, ...]
    # A board or server containing an IC of the key code is classified as the value.
    assemblies: dict[str, str] = field(default_factory=dict)
    outside_message: str = ""
    # Memo of classify() results by item-spec key (classification is pure); not rule data.
    memo: dict[tuple[object, ...], Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class RequirementRule:
    """An authorization that a jurisdiction requires when `when` holds."""

    meta: RuleMeta
    authority: str
    authorization_kind: str
    review_policy: ReviewPolicy
    when: Condition
    exceptions: tuple[str, ...] = ()  # ids of licence-exception rules that may satisfy it


@dataclass(frozen=True, slots=True)
class ReviewPolicyRule:
    """Overrides the review policy of a requirement lineage when `when` holds."""

    meta: RuleMeta
    applies_to: str  # a RequirementRule lineage
    policy: ReviewPolicy
    when: Condition
    priority: int = 0
    required_evidence: tuple[str, ...] = ()  # evidence kinds each shipment under it must carry


@dataclass(frozen=True, slots=True)
class ExceptionRule:
    """A licence exception (e.g. NAC, ACA) and when an item and destination are eligible."""

    meta: RuleMeta
    code: str
    when: Condition
    notification_required: Condition  # when it holds, a notification must be on file


@dataclass(frozen=True, slots=True)
class ProhibitionRule:
    meta: RuleMeta
    when: Condition


@dataclass(frozen=True, slots=True)
class RedFlagRule:
    meta: RuleMeta
    flag: str
    severity: str
    when: Condition  # default: the flag is raised on the shipment
    resolution: str = "a documented red_flag_resolution in evidence"
    raised_when: Condition | None = None  # the engine raises the flag itself when this holds


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Every rule of every pack, validated, with the content hash of the files it came from."""

    content_hash: str
    classifications: tuple[ClassificationRule, ...] = ()
    requirements: tuple[RequirementRule, ...] = ()
    review_policies: tuple[ReviewPolicyRule, ...] = ()
    exceptions: tuple[ExceptionRule, ...] = ()
    prohibitions: tuple[ProhibitionRule, ...] = ()
    red_flags: tuple[RedFlagRule, ...] = ()
    packs: Mapping[str, Pack] = field(default_factory=dict)  # by jurisdiction
    messages: Mapping[str, str] = field(default_factory=dict)  # the engine's own texts

    @classmethod
    def from_rules(
        cls,
        content_hash: str,
        rules: Iterable[object],
        packs: Mapping[str, Pack] | None = None,
        messages: Mapping[str, str] | None = None,
    ) -> RuleSet:
        items = list(rules)
        return cls(
            content_hash=content_hash,
            packs=dict(packs or {}),
            messages=dict(messages or {}),
            classifications=tuple(r for r in items if isinstance(r, ClassificationRule)),
            requirements=tuple(r for r in items if isinstance(r, RequirementRule)),
            review_policies=tuple(r for r in items if isinstance(r, ReviewPolicyRule)),
            exceptions=tuple(r for r in items if isinstance(r, ExceptionRule)),
            prohibitions=tuple(r for r in items if isinstance(r, ProhibitionRule)),
            red_flags=tuple(r for r in items if isinstance(r, RedFlagRule)),
        )

    def boundaries(self) -> tuple[date, ...]:
        """Every date on which some rule starts or stops binding, sorted.

        Between two boundaries the same rules bind, so their selection can be shared.
        """
        days: set[date] = set()
        for meta in self.all_meta():
            for day in (
                meta.effective_from,
                meta.effective_to,
                meta.compliance_date,
                meta.enforcement.since,
                meta.enforcement.until,
            ):
                if day is not None:
                    days.add(day)
        for pack in self.packs.values():
            days.update(pack.country_groups.boundaries())
        return tuple(sorted(days))

    def all_meta(self) -> tuple[RuleMeta, ...]:
        out: list[RuleMeta] = []
        for family in (
            self.classifications,
            self.requirements,
            self.review_policies,
            self.exceptions,
            self.prohibitions,
            self.red_flags,
        ):
            out.extend(rule.meta for rule in family)
        return tuple(out)
