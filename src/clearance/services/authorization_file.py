"""The authorizations file format: a list of licences, approvals, exceptions, notifications."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from clearance.domain.authorization import (
    Authorization,
    AuthorizationCondition,
    AuthorizationKind,
    AuthorizationStatus,
    ConditionKind,
    Provenance,
    StatusChange,
)
from clearance.domain.country import parse_country
from clearance.domain.errors import InputError
from clearance.domain.rule import ProvenanceLevel
from clearance.domain.units import QuantityUnit

from .document import read_document
from .validation import first_error

Name = Annotated[str, StringConstraints(min_length=1, max_length=300, strip_whitespace=True)]
Status = AuthorizationStatus
MAX_AUTHORIZATIONS = 100_000


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ConditionFile(_Strict):
    kind: ConditionKind
    value: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = None
    unit: QuantityUnit | None = None  # what a quantity_cap counts
    description: str | None = None
    set_by: str | None = None
    measure: Literal["units", "tpp"] | None = None  # aggregate_share_cap only
    period: Literal["month", "quarter", "year"] | None = None  # aggregate_share_cap only
    scope: Literal["total", "exporter"] | None = None  # aggregate_share_cap only

    @model_validator(mode="after")
    def _cap_has_unit(self) -> ConditionFile:
        if self.kind == "quantity_cap" and (self.value is None or self.unit is None):
            raise ValueError("a quantity_cap states its value and its unit (ics, boards, servers)")
        return self


class ProvenanceFile(_Strict):
    level: ProvenanceLevel
    reference: str | None = None
    source: str | None = None


class StatusChangeFile(_Strict):
    since: date
    status: Status
    conditions: list[ConditionFile] | None = None
    note: str | None = None


class AuthorizationFile(_Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:\-/]{0,99}$")]
    jurisdiction: Annotated[str, StringConstraints(min_length=2, max_length=2)]
    authority: Name
    kind: AuthorizationKind
    holder: Name
    parties: list[Name] = Field(default_factory=list)
    items: list[Name] = Field(default_factory=list)
    quantity: Annotated[int, Field(ge=0, le=100_000_000, strict=True)] | None = None
    quantity_used: Annotated[int, Field(ge=0, strict=True)] = 0
    quantity_unit: QuantityUnit | None = None
    valid_from: date
    valid_to: date | None = None
    status: Status
    conditions: list[ConditionFile] = Field(default_factory=list)
    provenance: ProvenanceFile = ProvenanceFile(level=ProvenanceLevel.OFFICIAL)
    exception_code: str | None = None
    history: list[StatusChangeFile] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> AuthorizationFile:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError(f"valid_to {self.valid_to} is before valid_from {self.valid_from}")
        if self.quantity is not None and self.quantity_unit is None:
            raise ValueError(
                f"quantity {self.quantity} states no quantity_unit (ics, boards or servers)"
            )
        if self.quantity is None and self.quantity_unit is not None:
            raise ValueError("quantity_unit is given without a quantity")
        if self.quantity is not None and self.quantity_used > self.quantity:
            raise ValueError(f"quantity_used {self.quantity_used} exceeds quantity {self.quantity}")
        return self


def load_authorizations(path: Path) -> list[Authorization]:
    return parse_authorizations(read_document(path, allow_list=True), source=str(path))


def parse_authorizations(data: object, *, source: str) -> list[Authorization]:
    if isinstance(data, dict) and "authorizations" in data:
        data = data["authorizations"]
    if not isinstance(data, list):
        raise InputError("expected a list of authorizations", source=source)
    if len(data) > MAX_AUTHORIZATIONS:
        raise InputError(f"more than {MAX_AUTHORIZATIONS} authorizations", source=source)
    out: list[Authorization] = []
    seen: set[str] = set()
    for index, raw in enumerate(data):
        try:
            model = AuthorizationFile.model_validate(raw)
        except ValidationError as exc:
            field, message = first_error(exc)
            raise InputError(message, source=source, field=f"[{index}].{field}") from None
        if model.id in seen:
            raise InputError(
                f"duplicate authorization id {model.id!r}", source=source, field=f"[{index}].id"
            )
        seen.add(model.id)
        out.append(_build(model, source, index))
    return out


def _conditions(items: list[ConditionFile]) -> tuple[AuthorizationCondition, ...]:
    return tuple(
        AuthorizationCondition(
            kind=ConditionKind(c.kind),
            value=c.value,
            unit=c.unit,
            description=c.description,
            set_by=c.set_by,
            measure=c.measure,
            period=c.period,
            scope=c.scope,
        )
        for c in items
    )


def _build(model: AuthorizationFile, source: str, index: int) -> Authorization:
    return Authorization(
        id=model.id,
        jurisdiction=parse_country(
            model.jurisdiction, source=source, field=f"[{index}].jurisdiction"
        ),
        authority=model.authority,
        kind=AuthorizationKind(model.kind),
        holder=model.holder,
        parties=tuple(model.parties),
        items=tuple(model.items),
        valid_from=model.valid_from,
        valid_to=model.valid_to,
        status=AuthorizationStatus(model.status),
        conditions=_conditions(model.conditions),
        provenance=Provenance(
            level=model.provenance.level.value,
            reference=model.provenance.reference,
            source=model.provenance.source,
        ),
        quantity=model.quantity,
        quantity_used=model.quantity_used,
        quantity_unit=model.quantity_unit,
        exception_code=model.exception_code,
        history=tuple(
            StatusChange(
                on=h.since,
                status=AuthorizationStatus(h.status),
                conditions=None if h.conditions is None else _conditions(h.conditions),
                note=h.note,
            )
            for h in model.history
        ),
    )
