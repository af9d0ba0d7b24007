"""The shipment file format (YAML or JSON) -> domain Shipment, with clear errors."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from clearance.domain.country import parse_country
from clearance.domain.errors import InputError
from clearance.domain.item import ItemSpec
from clearance.domain.ownership import Owner, Ownership, build_ownership
from clearance.domain.party import Party
from clearance.domain.shipment import (
    EndUse,
    Evidence,
    EvidenceKind,
    Shipment,
    ShipmentLine,
    region_slug,
)

from .document import read_document
from .item_spec import load_item_spec, parse_item_spec
from .validation import first_error, no_control_chars

# A single shipment line of more than ten million accelerators is not a shipment: it is a typo.
MAX_QUANTITY = 10_000_000
MAX_LINES = 1_000

Name = Annotated[str, StringConstraints(min_length=1, max_length=300, strip_whitespace=True)]
Code = Annotated[str, StringConstraints(min_length=2, max_length=2)]
Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:\-/]{0,99}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class OwnerFile(_Strict):
    name: Name
    share: Annotated[float, Field(allow_inf_nan=False)]  # percent; range checked with the totals
    country: Code  # where the owner is established (it is screened like a party)


class PartyFile(_Strict):
    name: Name
    country: Code
    headquarters_country: Code | None = None
    ultimate_parent_country: Code | None = None
    owners: list[OwnerFile] = Field(default_factory=list, max_length=1000)


class OwnedEntityFile(_Strict):
    """The owners of an entity that owns a party (or owns its owner, and so on)."""

    name: Name
    owners: list[OwnerFile] = Field(min_length=1, max_length=1000)


class LineFile(_Strict):
    item: str | dict[str, Any]
    quantity: Annotated[int, Field(gt=0, le=MAX_QUANTITY, strict=True)]
    unit_value_usd: Annotated[Decimal, Field(ge=0, le=Decimal("1e9"))] | None = None


class EvidenceFile(_Strict):
    kind: EvidenceKind
    reference: Name
    flag: str | None = None
    authorization: str | None = None
    note: str | None = None
    dated: date | None = None  # when the evidence came to exist (later evidence is ignored)


class ShipmentFile(_Strict):
    id: Id
    date: date
    exporter: PartyFile
    consignee: PartyFile
    end_user: PartyFile
    end_use: EndUse
    from_country: Code
    to_country: Code
    to_region: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None
    lines: Annotated[list[LineFile], Field(min_length=1, max_length=MAX_LINES)]
    evidence: list[EvidenceFile] = Field(default_factory=list)
    red_flags: list[str] = Field(default_factory=list)
    ownership: list[OwnedEntityFile] = Field(default_factory=list, max_length=10_000)


def load_shipment(path: Path) -> Shipment:
    return parse_shipment(read_document(path), source=str(path), base_dir=path.parent)


def parse_shipment(
    data: object, *, source: str, base_dir: Path | None = None, item_files: bool = True
) -> Shipment:
    """A Shipment from a parsed mapping. With `item_files` False a line's item must be an
    inline spec: text typed in a browser never names a file on the server's disk."""
    if not isinstance(data, dict):
        raise InputError("a shipment must be a mapping", source=source)
    try:
        model = ShipmentFile.model_validate(data)
    except ValidationError as exc:
        field, message = first_error(exc)
        raise InputError(message, source=source, field=field) from None
    for flag_index, evidence in enumerate(model.evidence):
        if evidence.kind == "red_flag_resolution" and not evidence.flag:
            raise InputError(
                "a red_flag_resolution must name the flag it resolves",
                source=source,
                field=f"evidence[{flag_index}].flag",
            )
    return Shipment(
        id=model.id,
        date=model.date,
        exporter=_party(model.exporter, source, "exporter"),
        consignee=_party(model.consignee, source, "consignee"),
        end_user=_party(model.end_user, source, "end_user"),
        end_use=EndUse(model.end_use),
        from_country=parse_country(model.from_country, source=source, field="from_country"),
        to_country=parse_country(model.to_country, source=source, field="to_country"),
        to_region=_region(model.to_region, source),
        lines=tuple(
            _line(line, i, source, base_dir, item_files) for i, line in enumerate(model.lines)
        ),
        evidence=tuple(
            Evidence(
                kind=EvidenceKind(e.kind),
                reference=e.reference,
                flag=e.flag,
                authorization=e.authorization,
                note=e.note,
                on=e.dated,
            )
            for e in model.evidence
        ),
        red_flags=tuple(model.red_flags),
        ownership=_ownership(model, source),
    )


def _party(model: PartyFile, source: str, field: str) -> Party:
    no_control_chars(model.name, source=source, field=f"{field}.name")
    return Party(
        owners=_owners(model.owners, source, f"{field}.owners"),
        name=model.name,
        country=parse_country(model.country, source=source, field=f"{field}.country"),
        headquarters_country=_country(
            model.headquarters_country, source, f"{field}.headquarters_country"
        ),
        ultimate_parent_country=_country(
            model.ultimate_parent_country, source, f"{field}.ultimate_parent_country"
        ),
    )


def _owners(items: list[OwnerFile], source: str, field: str) -> tuple[Owner, ...]:
    out = []
    for index, owner in enumerate(items):
        no_control_chars(owner.name, source=source, field=f"{field}[{index}].name")
        country = parse_country(owner.country, source=source, field=f"{field}[{index}].country")
        out.append(Owner(name=owner.name, share=owner.share, country=country))
    return tuple(out)


def _ownership(model: ShipmentFile, source: str) -> Ownership:
    """Owners stated on the parties and in the ownership table, validated as one graph."""
    entries = [
        (party.name, _owners(party.owners, source, f"{role}.owners"), f"{role}.owners")
        for role, party in (
            ("exporter", model.exporter),
            ("consignee", model.consignee),
            ("end_user", model.end_user),
        )
        if party.owners
    ]
    entries.extend(
        (e.name, _owners(e.owners, source, f"ownership[{i}].owners"), f"ownership[{i}].owners")
        for i, e in enumerate(model.ownership)
    )
    return build_ownership(entries, source=source)


def _region(value: str | None, source: str) -> str | None:
    if value is None:
        return None
    slug = region_slug(value)
    if not slug:
        raise InputError(f"not a region name: {value!r}", source=source, field="to_region")
    return slug


def _country(value: str | None, source: str, field: str) -> str | None:
    return None if value is None else parse_country(value, source=source, field=field)


_SPECS: dict[str, ItemSpec] = {}


def _inline_spec(data: dict[str, Any], source: str) -> ItemSpec:
    """Parse an inline item spec once per content: the ledger parses the same spec on every
    shipment that carries it (specs are immutable; a bad one raises every time)."""
    key = json.dumps(data, sort_keys=True, default=str)
    spec = _SPECS.get(key)
    if spec is None:
        spec = parse_item_spec(data, source=source)
        if len(_SPECS) > 1024:
            _SPECS.clear()
        _SPECS[key] = spec
    return spec if spec.source == source else replace(spec, source=source)


def _line(
    model: LineFile, index: int, source: str, base_dir: Path | None, item_files: bool
) -> ShipmentLine:
    field = f"lines[{index}].item"
    if isinstance(model.item, str) and not item_files:
        raise InputError(
            "give the item spec inline here, not a file name", source=source, field=field
        )
    if isinstance(model.item, str):
        path = Path(model.item)
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        spec = load_item_spec(path)
    else:
        spec = _inline_spec(model.item, f"{source}: {field}")
    value = model.unit_value_usd
    if value is not None and not math.isfinite(float(value)):
        raise InputError(
            "unit value must be a finite number",
            source=source,
            field=f"lines[{index}].unit_value_usd",
        )
    return ShipmentLine(item=spec, quantity=model.quantity, unit_value_usd=value)
