"""Wire schemas of the ledger's authorization side: authorizations, conditions, volumes, notices.

An authorization body is one entry of the authorizations file (docs/shipments.md), as in the
`check` endpoint's `authorizations`; a conditions body is the `clearance conditions set` file.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from clearance.services.authorization_file import AuthorizationFile, ConditionFile
from clearance.services.examples import example

Note = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class AuthorizationRequest(AuthorizationFile):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        json_schema_extra={"examples": [example("authorization")]},
    )


class StatusChangeRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [example("status_change")]}
    )
    on: date | None = Field(None, description="the day of the change (default: today)")
    note: Note | None = Field(None, description="a note for the history and the notices")


class AmendRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"authorization": example("authorization")}]},
    )
    authorization: AuthorizationFile = Field(
        description="the whole amended authorization (same id); its used units stay"
    )


class ConditionsRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [example("conditions")]}
    )
    on: date | None = Field(None, description="the day they apply from (default: today)")
    conditions: Annotated[list[ConditionFile], Field(max_length=100)]
    note: Note | None = None


class VolumeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [example("volume")]})
    product: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    market: Literal["US", "CN", "MO"]
    units: Annotated[int, Field(gt=0, le=1_000_000_000)]
    period: Annotated[str, Field(pattern=r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$")] = Field(
        description="2026-Q1, 2026-03 or 2026"
    )
    exporter: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
        | None
    ) = Field(
        None,
        description="whose volume (the exporter's name as its shipments carry it); without "
        "one it counts only toward share caps in total scope",
    )


class AckRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"on": "2026-03-17"}]}
    )
    on: date | None = Field(None, description="the day acknowledged (default: today)")
