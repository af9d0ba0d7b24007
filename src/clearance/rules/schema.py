"""The rule-file format: one YAML document per rule version, validated with Pydantic."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

RuleId = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.\-]*[a-z0-9]$", max_length=120)
]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Provenance = Literal["official", "secondary", "reported", "computed", "unverified"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EnforcementFile(_Strict):
    status: Literal["in_force", "not_enforced", "suspended", "superseded"]
    since: date | None = None
    until: date | None = None


class RuleFileBase(_Strict):
    id: RuleId
    lineage: RuleId | None = None  # defaults to the id
    title: Text
    jurisdiction: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    effective_from: date
    effective_to: date | None = None  # exclusive
    compliance_date: date | None = None
    published_in: str | None = None
    enforcement: Literal["in_force", "not_enforced", "superseded"] | EnforcementFile = "in_force"
    provenance: Provenance
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
    outside_message: str = "outside 3A090/4A090: further classification needed"


class RequirementFile(RuleFileBase):
    kind: Literal["licence_requirement"]
    authority: Text
    authorization_kind: Literal[
        "export_licence", "import_approval", "licence_exception", "notification"
    ]
    review_policy: Literal["presumption_of_denial", "case_by_case", "presumption_of_approval"]
    exceptions: list[RuleId] = Field(default_factory=list)
    when: dict[str, Any]


class ReviewPolicyFile(RuleFileBase):
    kind: Literal["review_policy"]
    applies_to: RuleId
    policy: Literal["presumption_of_denial", "case_by_case", "presumption_of_approval"]
    priority: int = 0
    required_evidence: list[
        Literal[
            "third_party_test",
            "kyc_attestation",
            "end_use_statement",
            "us_supply_certification",
            "import_approval_notice",
            "conditions_compliance",
        ]
    ] = Field(default_factory=list)
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


class CountryGroupsFile(RuleFileBase):
    kind: Literal["country_groups"]
    groups: dict[str, list[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]]]
    aliases: dict[str, str] = Field(default_factory=dict)


RuleFile = Annotated[
    ClassificationFile
    | RequirementFile
    | ReviewPolicyFile
    | ExceptionFile
    | ProhibitionFile
    | RedFlagFile
    | CountryGroupsFile,
    Field(discriminator="kind"),
]
