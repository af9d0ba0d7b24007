"""Input documents as the ledger stores them: JSON-able, self-contained, content-hashed.

A shipment file may name its items by path; the stored document carries each item spec inline,
so a decision can be rebuilt years later without the files. Authorizations are stored as their
authorizations-file entry (history included), so `authorizations add` and replay share one
format.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from clearance.domain.authorization import Authorization, AuthorizationCondition
from clearance.domain.errors import InputError
from clearance.domain.shipment import Evidence, EvidenceKind, Shipment

from .audit_chain import canonical, sha256_text
from .authorization_file import parse_authorizations
from .document import read_document
from .shipment_file import parse_shipment


def jsonable(value: Any) -> Any:
    """YAML values -> JSON values: dates as ISO text, Decimals as numbers."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def content_hash(document: Any) -> str:
    return sha256_text(canonical(document))


def shipment_document(path: Path) -> dict[str, Any]:
    """The shipment file with every item spec inlined, validated."""
    raw = read_document(path)
    if not isinstance(raw, dict):
        raise InputError("a shipment must be a mapping", source=str(path))
    lines = raw.get("lines")
    if isinstance(lines, list):
        inlined = []
        for line in lines:
            if isinstance(line, dict) and isinstance(line.get("item"), str):
                item_path = Path(line["item"])
                if not item_path.is_absolute():
                    item_path = path.parent / item_path
                line = {**line, "item": read_document(item_path)}
            inlined.append(line)
        raw = {**raw, "lines": inlined}
    document: dict[str, Any] = jsonable(raw)
    parse_shipment(document, source=str(path))  # every error names the file and the field
    return document


def shipment_from_document(document: dict[str, Any], extra: tuple[Evidence, ...] = ()) -> Shipment:
    shipment = parse_shipment(document, source=f"shipment {document.get('id')}")
    return replace(shipment, evidence=shipment.evidence + extra) if extra else shipment


def evidence_of(kind: str, reference: str, **fields: Any) -> Evidence:
    return Evidence(kind=EvidenceKind(kind), reference=reference, **fields)


def authorization_from_document(document: dict[str, Any], used: int | None = None) -> Authorization:
    auth = parse_authorizations([document], source=f"authorization {document.get('id')}")[0]
    return auth if used is None else replace(auth, quantity_used=used)


def _condition_dict(c: AuthorizationCondition) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": c.kind.value}
    for name in ("value", "unit", "description", "set_by", "measure", "period", "scope"):
        value = getattr(c, name)
        if value is not None:
            out[name] = value
    return out


def authorization_document(auth: Authorization) -> dict[str, Any]:
    """The authorizations-file entry of `auth` (the inverse of parse_authorizations)."""
    out: dict[str, Any] = {
        "id": auth.id,
        "jurisdiction": auth.jurisdiction,
        "authority": auth.authority,
        "kind": auth.kind.value,
        "holder": auth.holder,
        "parties": list(auth.parties),
        "items": list(auth.items),
        "quantity": auth.quantity,
        "quantity_used": auth.quantity_used,
        "quantity_unit": auth.quantity_unit.value if auth.quantity_unit else None,
        "valid_from": auth.valid_from.isoformat(),
        "valid_to": auth.valid_to.isoformat() if auth.valid_to else None,
        "status": auth.status.value,
        "conditions": [_condition_dict(c) for c in auth.conditions],
        "provenance": {
            k: v
            for k, v in (
                ("level", auth.provenance.level),
                ("reference", auth.provenance.reference),
                ("source", auth.provenance.source),
            )
            if v is not None
        },
        "exception_code": auth.exception_code,
        "history": [
            {
                "since": h.on.isoformat(),
                "status": h.status.value,
                **(
                    {}
                    if h.conditions is None
                    else {"conditions": [_condition_dict(c) for c in h.conditions]}
                ),
                **({} if h.note is None else {"note": h.note}),
            }
            for h in auth.history
        ],
    }
    return {k: v for k, v in out.items() if v is not None}


def authorization_documents(path: Path) -> list[dict[str, Any]]:
    """Each entry of an authorizations file, validated, in its canonical stored form."""
    return documents_of_authorizations(read_document(path, allow_list=True), source=str(path))


def documents_of_authorizations(data: object, *, source: str) -> list[dict[str, Any]]:
    """Parsed authorizations-file entries (a list), validated, in their stored form."""
    return [authorization_document(a) for a in parse_authorizations(data, source=source)]


def authorization_document_of(data: dict[str, Any], *, field: str | None = None) -> dict[str, Any]:
    """One authorizations-file entry, validated, in its stored form; errors name `field.x`."""
    try:
        return documents_of_authorizations([data], source="authorization")[0]
    except InputError as exc:
        where = (exc.field or "").removeprefix("[0].")
        raise InputError(exc.detail, field=".".join(p for p in (field, where) if p)) from None
