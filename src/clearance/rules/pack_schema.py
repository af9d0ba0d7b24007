"""The pack-manifest format: `<jurisdiction>/pack.yaml`, its country-group table, the messages.

A pack is a folder of YAML: `pack.yaml` (this format), a country-group table (inline or in a file
the manifest names, often generated from official tables by `tools/`), and one file per rule
version (`schema.py`). `messages.yaml` beside the pack folders holds the engine's message texts;
a pack may reword any of them under `messages`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

from clearance.domain.authorization import AuthorizationKind
from clearance.domain.rule import ProvenanceLevel
from clearance.domain.shipment import EvidenceKind

Iso2 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Code = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]{1,15}$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
RuleId = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.\-]*[a-z0-9]$", max_length=120)
]
ListCode = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9\-]{0,15}$")]
GroupLabel = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9:_.\-]{0,31}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MemberFile(_Strict):
    """A member with its own dates; an unverified date states the assumption it rests on."""

    country: Iso2
    effective_from: date | None = None
    effective_to: date | None = None  # exclusive
    provenance: ProvenanceLevel = ProvenanceLevel.OFFICIAL
    assumption: Text | None = None
    citation: str | None = None

    @model_validator(mode="after")
    def _dated(self) -> MemberFile:
        if self.effective_from is None and self.effective_to is None:
            raise ValueError("a dated member needs effective_from or effective_to")
        if (
            self.effective_from is not None
            and self.effective_to is not None
            and self.effective_to <= self.effective_from
        ):
            raise ValueError(f"effective_to {self.effective_to} is not after {self.effective_from}")
        if self.provenance is not ProvenanceLevel.OFFICIAL and self.assumption is None:
            raise ValueError(f"a {self.provenance.value} membership must state its assumption")
        return self


def _plain_or_dated(value: object) -> str:
    return "<code>" if isinstance(value, str) else "<dated>"


# A plain code, or a member with its own dates (errors are reported for the form given).
Member = Annotated[
    Annotated[Iso2, Tag("<code>")] | Annotated[MemberFile, Tag("<dated>")],
    Discriminator(_plain_or_dated),
]


class CountryGroupTableFile(_Strict):
    """Group label -> members. A plain code is a member for the whole table."""

    citation: Text
    provenance: ProvenanceLevel
    source: dict[str, str] = Field(default_factory=dict)  # where the table was generated from
    notes: str | None = None
    aliases: dict[Iso2, Iso2] = Field(default_factory=dict)
    groups: dict[GroupLabel, list[Member]]


def _file_or_inline(value: object) -> str:
    return "<file>" if isinstance(value, str) else "<inline>"


GroupTable = Annotated[
    Annotated[str, Tag("<file>")] | Annotated[CountryGroupTableFile, Tag("<inline>")],
    Discriminator(_file_or_inline),
]


class TouchesFile(_Strict):
    when: dict[str, Any]
    note: Text


class ClassificationSourceFile(_Strict):
    """`own`: the pack's own classification rules; `of: US`: another pack's classification."""

    of: Iso2 | None = None
    note: str | None = None


class AuthorityFile(_Strict):
    name: Text
    citation: str | None = None


class ExceptionLabelFile(_Strict):
    name: Text
    citation: Text
    notify: Code | None = None  # the authority a notification goes to, if one is needed


class EvidenceRuleFile(_Strict):
    """An authorization of this kind is usable only with this evidence on file."""

    authorization_kind: AuthorizationKind
    evidence: EvidenceKind
    rule_id: RuleId
    message: Text
    clears_by: Text


class PackFile(_Strict):
    jurisdiction: Iso2
    title: Text
    citation: Text
    touches: TouchesFile
    classification: ClassificationSourceFile = Field(default_factory=ClassificationSourceFile)
    authorities: dict[Code, AuthorityFile] = Field(min_length=1)
    licence_exceptions: dict[Code, ExceptionLabelFile] = Field(default_factory=dict)
    evidence_rules: list[EvidenceRuleFile] = Field(default_factory=list)
    messages: dict[str, Text] = Field(default_factory=dict)
    # codes of the restricted-party lists its authorities keep (EL, SDN, ...)
    screening_lists: list[ListCode] = Field(default_factory=list)
    # of those, the lists whose confirmed match prohibits the transaction whatever the entry says
    prohibitive_lists: list[ListCode] = Field(default_factory=list)
    # the table inline, or the name of a file in the pack folder that holds it
    country_groups: GroupTable | None = None


class MessagesFile(_Strict):
    """The engine's own texts (`messages.yaml`), by key; templates use `{placeholders}`."""

    messages: dict[str, Text]
