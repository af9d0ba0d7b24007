"""The rule-file format: one YAML document per rule version, validated with Pydantic."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from clearance.domain.authorization import AuthorizationKind
from clearance.domain.rule import EnforcementStatus, ProvenanceLevel, ReviewPolicy
from clearance.domain.shipment import EvidenceKind

RuleId = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.\-]*[a-z0-9]$", max_length=120)
]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EnforcementFile(_Strict):
    status: EnforcementStatus
    since: date | None = None
    until: date | None = None


def _plain_enforcement(value: EnforcementStatus) -> EnforcementStatus:
    if value is EnforcementStatus.SUSPENDED:
        raise ValueError("a suspension is written {status: suspended, since: DATE, until: DATE}")
    return value


PlainEnforcement = Annotated[EnforcementStatus, AfterValidator(_plain_enforcement)]


class RuleFileBase(_Strict):
    id: RuleId
    lineage: RuleId | None = None  # defaults to the id
    title: Text
    jurisdiction: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    effective_from: date
    effective_to: date | None = None  # exclusive
    compliance_date: date | None = None
    published_in: str | None = None
    enforcement: PlainEnforcement | EnforcementFile = EnforcementStatus.IN_FORCE
    provenance: ProvenanceLevel
    citation: Text
    message: Text = "see the rule"
    notes: str | None = None
    sources: list[str] = Field(default_factory=list)  # BRIEF source ids (S1, S72, ...)

    @model_validator(mode="after")
    def _window(self) -> RuleFileBase:
        if self.effective_to is not None and self.effective_to <= self.effective_from:
            raise ValueError(
                f"effective_to {self.effective_to} is not after "
                f"effective_from {self.effective_from}"
            )
        return self


class ParagraphFile(_Strict):
    paragraph: Text
    control_code: str | None
    when: dict[str, Any]
    note: str | None = None


class ClassificationFile(RuleFileBase):
    kind: Literal["classification"]
    paragraphs: list[ParagraphFile] = Field(min_length=1)
    assemblies: dict[str, str] = Field(default_factory=dict)
    # what an item that no paragraph catches is told (e.g. "outside 3A090/4A090: ...")
    outside_message: Text


class RequirementFile(RuleFileBase):
    kind: Literal["licence_requirement"]
    authority: Text
    authorization_kind: AuthorizationKind
    review_policy: ReviewPolicy
    exceptions: list[RuleId] = Field(default_factory=list)
    when: dict[str, Any]


class ReviewPolicyFile(RuleFileBase):
    kind: Literal["review_policy"]
    applies_to: RuleId
    policy: ReviewPolicy
    priority: int = 0
    required_evidence: list[EvidenceKind] = Field(default_factory=list)
    when: dict[str, Any]


class ExceptionFile(RuleFileBase):
    kind: Literal["licence_exception"]
    code: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,5}$")]
    when: dict[str, Any]
    notification_required: dict[str, Any] = Field(default_factory=lambda: {"always": True})


class ProhibitionFile(RuleFileBase):
    kind: Literal["prohibition"]
    when: dict[str, Any]


class RedFlagFile(RuleFileBase):
    kind: Literal["red_flag"]
    flag: RuleId
    severity: Literal["low", "medium", "high"]
    resolution: str = "a documented red_flag_resolution in evidence"
    inputs: list[str] = Field(default_factory=list)  # the facts a reviewer needs to resolve it
    # When the facts show it, the engine raises the flag itself (besides the user raising it).
    raised_when: dict[str, Any] | None = None


RuleFile = Annotated[
    ClassificationFile
    | RequirementFile
    | ReviewPolicyFile
    | ExceptionFile
    | ProhibitionFile
    | RedFlagFile,
    Field(discriminator="kind"),
]
