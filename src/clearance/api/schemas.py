"""Wire schemas: `...Request` bodies and `...Response` documents, with one example per body.

The item, shipment and authorization bodies are the file formats of docs/item-spec.md and
docs/shipments.md, with one narrowing: a shipment line's item is always an inline spec here
(a file name would make the server read its own disk).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from clearance.services.authorization_file import AuthorizationFile
from clearance.services.examples import example
from clearance.services.item_spec import ItemSpecFile
from clearance.services.shipment_file import MAX_LINES, LineFile, ShipmentFile

MAX_BATCH = 10_000


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InlineLine(LineFile):
    item: ItemSpecFile  # type: ignore[assignment]  # narrowed: no file names over HTTP


class InlineShipment(ShipmentFile):
    lines: Annotated[list[InlineLine], Field(min_length=1, max_length=MAX_LINES)]  # type: ignore[assignment]


class ClassifyRequest(_Body):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"item": example("item"), "as_of": "2026-02-02"}]},
    )
    item: ItemSpecFile
    as_of: date | None = Field(None, description="classify as of this day (default: today)")


class CheckRequest(_Body):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "shipment": example("shipment"),
                    "authorizations": [example("authorization")],
                    "as_of": "2026-03-16",
                }
            ]
        },
    )
    shipment: InlineShipment
    authorizations: Annotated[list[AuthorizationFile], Field(max_length=1000)] = Field(
        default_factory=list
    )
    as_of: date | None = Field(None, description="decide as of this day (default: the shipment's)")
    reported: Literal["bind", "inform"] = Field(
        "bind", description="bind: rules resting on reported facts bind; inform: warnings only"
    )


ScreenName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
EntryTypeName = Literal["entity", "person", "vessel", "aircraft"]
Country = Annotated[str, StringConstraints(min_length=2, max_length=2)]


class ScreenRequest(_Body):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [example("screening")]}
    )
    name: ScreenName
    country: Country | None = Field(None, description="ISO 3166-1 alpha-2 code of the party")
    type: EntryTypeName | None = Field(None, description="a mismatch lowers the score")
    threshold: Annotated[float, Field(gt=0, le=1)] | None = None
    limit: Annotated[int, Field(ge=1, le=100)] = 10


class BatchName(_Body):
    id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    name: ScreenName
    country: Country | None = None
    type: EntryTypeName | None = None


class ScreenBatchRequest(_Body):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [example("batch")]})
    names: Annotated[list[BatchName], Field(min_length=1, max_length=MAX_BATCH)]
    threshold: Annotated[float, Field(gt=0, le=1)] | None = None
    limit: Annotated[int, Field(ge=1, le=100)] = 10


class SubscriberRequest(_Body):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [example("subscriber")]}
    )
    party: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    url: Annotated[str, StringConstraints(min_length=8, max_length=2000)]
    secret: Annotated[str, StringConstraints(min_length=16, max_length=200)]


class TestEventRequest(_Body):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"party": "Alibaba Cloud Computing Ltd."}]},
    )
    party: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class HitResponse(BaseModel):
    list: str
    entry_id: str
    name: str
    matched_name: str
    score: float
    features: dict[str, dict[str, Any]]


class ScreenResponse(BaseModel):
    query: str
    against: str
    hits: list[HitResponse]


class IndexResponse(BaseModel):
    against: str | None
    entries: int
    generation: int
    building: bool
    last_error: str | None


class SnapshotResponse(BaseModel):
    id: str
    source: str
    format: str
    data_date: date | None
    imported_at: datetime
    entry_count: int
    lists: dict[str, int]


class ListsResponse(BaseModel):
    snapshots: list[SnapshotResponse]
    index: IndexResponse


class ImportResponse(BaseModel):
    imported: list[SnapshotResponse]
    unchanged: list[str]
    index: IndexResponse


class PrincipalResponse(BaseModel):
    name: str
    role: str
    party: str | None
    jurisdiction: str | None


class SubscriberResponse(BaseModel):
    id: int
    party: str
    url: str
    created_at: datetime


class DeliveryResponse(BaseModel):
    id: int
    subscriber_id: int
    party: str
    event_id: str
    event_type: str
    state: str
    attempts: int
    next_attempt_at: datetime
    created_at: datetime
    delivered_at: datetime | None
    last_error: str | None


class RefusalResponse(BaseModel):
    at: datetime
    action: str
    status: int
    reason: str
    user: str | None
    role: str | None
    target: str | None


class AuditVerifyResponse(BaseModel):
    ok: bool
    events: int
    head: str
    first_bad_seq: int | None
    problem: str | None


class HealthResponse(BaseModel):
    status: str
    checks: dict[str, str] = Field(default_factory=dict)
