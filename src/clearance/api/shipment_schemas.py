"""Wire schemas of the ledger's shipment endpoints, with one example per body.

A submitted shipment is the `check` endpoint's `shipment` (items inline); evidence is one
entry of a shipment file's `evidence` list; a candidate rule directory for the impact is sent
as its files, {relative name: YAML text}.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Self

from pydantic import ConfigDict, Field, StringConstraints, model_validator
from pydantic.config import JsonDict

from clearance.services.examples import example
from clearance.services.ruleset import bundled_rule_files
from clearance.services.shipment_file import EvidenceFile

from .schemas import InlineShipment, _Body

Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
RuleFileName = Annotated[str, StringConstraints(min_length=1, max_length=300)]
MAX_RULE_FILES = 1000
# The example candidate: the US pack with only its 2023 classification rule.
IMPACT_EXAMPLE = ("us/pack.yaml", "us/country-groups.yaml", "us/3a090-classification-2023.yaml")
IMPACT_FILES: JsonDict = dict(bundled_rule_files(IMPACT_EXAMPLE).items())


class SubmitRequest(_Body):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"shipment": example("shipment"), "as_of": "2026-02-02"}]},
    )
    shipment: InlineShipment
    as_of: date | None = Field(None, description="decide as of this day (default: the shipment's)")


class CancelRequest(_Body):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"reason": "order withdrawn by buyer"}]}
    )
    reason: Reason


class ExportedRequest(_Body):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"on": "2026-03-02"}]}
    )
    on: date = Field(description="the export date (starts the retention clock)")


class EvidenceRequest(EvidenceFile):
    """One piece of evidence, as in a shipment file's `evidence` list."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        json_schema_extra={"examples": [example("shipment")["evidence"][0]]},
    )

    @model_validator(mode="after")
    def _resolution_names_its_flag(self) -> Self:
        if self.kind == "red_flag_resolution" and not self.flag:
            raise ValueError("a red_flag_resolution must name its flag")
        return self


class ResolveRequest(_Body):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"reason": "site visit confirmed the data centre"}]},
    )
    reason: Reason


class ImpactRequest(_Body):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"files": IMPACT_FILES}]},
    )
    files: Annotated[dict[RuleFileName, str], Field(min_length=1, max_length=MAX_RULE_FILES)] = (
        Field(
            description="the candidate rule directory: {relative file name: YAML text}; "
            "messages.yaml defaults to the bundled one"
        )
    )
