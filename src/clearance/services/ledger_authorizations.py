"""Use cases on authorizations in the ledger: add, grant, suspend, revoke, amend, set
conditions, list, show. Each change is dated, audited, sent as notices to every party
concerned, and re-decides the held shipments it touches."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from pydantic import TypeAdapter, ValidationError

from clearance.domain.authorization import AuthorizationStatus
from clearance.domain.errors import ConflictError, InputError, NotFoundError

from .authorization_file import ConditionFile
from .ledger_decide import LedgerContext
from .ledger_documents import authorization_from_document, content_hash
from .ledger_events import OPEN, cleared, named_in, redecide_held, send_notices
from .ledger_model import AuthorizationChange, StoredAuthorization
from .ledger_ports import UnitOfWork, UnitOfWorkFactory
from .ledger_record import audit
from .ledger_shipments import idempotent
from .validation import first_error

CHANGE_STATUS = {
    "grant": AuthorizationStatus.GRANTED,
    "suspend": AuthorizationStatus.SUSPENDED,
    "revoke": AuthorizationStatus.REVOKED,
}


def _stored(document: dict[str, Any], at: Any, used: int | None = None) -> StoredAuthorization:
    return StoredAuthorization(
        id=document["id"],
        document=document,
        content_hash=content_hash(document),
        status=document["status"],
        quantity=document.get("quantity"),
        quantity_used=document.get("quantity_used", 0) if used is None else used,
        added_at=at,
    )


def _changed(
    uow: UnitOfWork,
    ctx: LedgerContext,
    auth: StoredAuthorization,
    action: str,
    on: date,
    note: str | None,
) -> dict[str, Any]:
    """Store the change, send its notices, audit it, re-decide what it touches."""
    uow.authorizations.put(auth)
    uow.authorizations.add_change(
        AuthorizationChange(auth.id, action, on, auth.status, note, auth.content_hash, ctx.now())
    )
    # the open shipments, read once: the notices' parties and the re-decision both need them
    read = uow.shipments.in_states(list(OPEN))
    notices = send_notices(uow, ctx, auth, action, on, note, read)
    audit(
        uow,
        ctx,
        f"authorization.{action}",
        f"authorization:{auth.id}",
        {"on": on.isoformat(), "status": auth.status, "note": note, "hash": auth.content_hash},
    )
    trigger = f"authorization.{action}:{auth.id}"
    results = redecide_held(uow, ctx, named_in(auth), on, trigger, read)
    return {
        "authorization": auth.id,
        "action": action,
        "status": auth.status,
        "notices": notices,
        "redecided": results,
        "cleared": cleared(results),
    }


def add_authorizations(
    factory: UnitOfWorkFactory,
    ctx: LedgerContext,
    documents: list[dict[str, Any]],
    key: str | None = None,
) -> dict[str, Any]:
    def work(uow: UnitOfWork) -> dict[str, Any]:
        added, unchanged, results = [], [], []
        for doc in documents:
            existing = uow.authorizations.get(doc["id"])
            if existing is not None:
                if existing.content_hash != content_hash(doc) and existing.document != doc:
                    raise ConflictError(
                        f"authorization {doc['id']} is already in the ledger with other "
                        "content: use amend (`clearance authorizations amend "
                        f"{doc['id']} FILE`, or POST /api/authorizations/{doc['id']}/amend)",
                        field="id",
                    )
                unchanged.append(doc["id"])
                continue
            on = date.fromisoformat(doc["valid_from"])
            results.append(_changed(uow, ctx, _stored(doc, ctx.now()), "add", on, None))
            added.append(doc["id"])
        return {
            "added": added,
            "unchanged": unchanged,
            "cleared": [s for r in results for s in r["cleared"]],
            "changes": results,
        }

    return idempotent(factory, key, "authorizations.add", work)


def _get(uow: UnitOfWork, authorization_id: str) -> StoredAuthorization:
    auth = uow.authorizations.get(authorization_id)
    if auth is None:
        raise InputError(f"no authorization {authorization_id!r} in the ledger")
    return auth


def _with_history(doc: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    history = list(doc.get("history", []))
    if not history:  # the state before the first dated change, so earlier dates still see it
        seed = {"since": doc["valid_from"], "status": doc["status"]}
        if doc.get("conditions"):
            seed["conditions"] = doc["conditions"]
        history.append(seed)
    history.append(entry)
    out = dict(doc, history=history, status=entry["status"])
    if "conditions" in entry:
        out["conditions"] = entry["conditions"]
    authorization_from_document(out)  # still a valid authorization
    return out


def change_status(
    factory: UnitOfWorkFactory,
    ctx: LedgerContext,
    authorization_id: str,
    action: str,
    on: date | None = None,
    note: str | None = None,
    key: str | None = None,
) -> dict[str, Any]:
    status = CHANGE_STATUS[action]

    def work(uow: UnitOfWork) -> dict[str, Any]:
        auth = _get(uow, authorization_id)
        day = on or ctx.now().date()
        if auth.status == AuthorizationStatus.REVOKED.value:
            raise InputError(f"{authorization_id} is revoked: it cannot be changed any more")
        if auth.status == status.value:
            raise InputError(f"{authorization_id} is already {status.value}")
        entry: dict[str, Any] = {"since": day.isoformat(), "status": status.value}
        if note:
            entry["note"] = note
        doc = _with_history(auth.document, entry)
        changed = replace(auth, document=doc, status=status.value, content_hash=content_hash(doc))
        return _changed(uow, ctx, changed, action, day, note)

    return idempotent(factory, key, f"authorizations.{action}", work)


def amend_authorization(
    factory: UnitOfWorkFactory,
    ctx: LedgerContext,
    authorization_id: str,
    documents: list[dict[str, Any]],
    key: str | None = None,
) -> dict[str, Any]:
    if len(documents) != 1 or documents[0]["id"] != authorization_id:
        raise InputError(
            f"the amendment file must hold exactly one authorization, {authorization_id}"
        )
    doc = documents[0]

    def work(uow: UnitOfWork) -> dict[str, Any]:
        auth = _get(uow, authorization_id)
        quantity = doc.get("quantity")
        if quantity is not None and quantity < auth.quantity_used:
            raise InputError(
                f"{authorization_id}: quantity {quantity} is below the {auth.quantity_used} "
                "units already used"
            )
        changed = replace(
            auth,
            document=doc,
            status=doc["status"],
            quantity=quantity,
            content_hash=content_hash(doc),
        )
        return _changed(uow, ctx, changed, "amend", ctx.now().date(), None)

    return idempotent(factory, key, "authorizations.amend", work)


_CONDITIONS = TypeAdapter(list[ConditionFile])


def set_conditions(
    factory: UnitOfWorkFactory,
    ctx: LedgerContext,
    authorization_id: str,
    data: object,
    source: str,
    key: str | None = None,
) -> dict[str, Any]:
    """`data`: a list of conditions, or {on: DATE, conditions: [...], note: TEXT}."""
    on: date | None = None
    note = None
    raw = data
    if isinstance(data, dict):
        unknown = set(data) - {"on", "conditions", "note"}
        if unknown:
            raise InputError(f"unknown field {sorted(unknown)[0]!r}", source=source)
        raw = data.get("conditions")
        note = data.get("note")
        try:
            on = date.fromisoformat(str(data["on"])) if "on" in data else None
        except ValueError:
            raise InputError(f"not a date: {data['on']!r}", source=source, field="on") from None
    try:
        conditions = _CONDITIONS.validate_python(raw)
    except ValidationError as exc:
        where, message = first_error(exc)
        raise InputError(message, source=source, field=f"conditions{where}") from None

    def work(uow: UnitOfWork) -> dict[str, Any]:
        auth = _get(uow, authorization_id)
        day = on or ctx.now().date()
        status = auth.status
        if status == AuthorizationStatus.GRANTED_CONDITIONS_PENDING.value and not any(
            c.kind == "pending" for c in conditions
        ):
            status = AuthorizationStatus.GRANTED.value
        entry: dict[str, Any] = {
            "since": day.isoformat(),
            "status": status,
            "conditions": [c.model_dump(exclude_none=True) for c in conditions],
        }
        if note:
            entry["note"] = str(note)
        doc = _with_history(auth.document, entry)
        changed = replace(auth, document=doc, status=status, content_hash=content_hash(doc))
        return _changed(uow, ctx, changed, "conditions", day, entry.get("note"))

    return idempotent(factory, key, "conditions.set", work)


def authorization_view(uow: UnitOfWork, auth: StoredAuthorization) -> dict[str, Any]:
    doc = auth.document
    return {
        "id": auth.id,
        "jurisdiction": doc["jurisdiction"],
        "authority": doc["authority"],
        "kind": doc["kind"],
        "holder": doc["holder"],
        "status": auth.status,
        "quantity": auth.quantity,
        "quantity_used": auth.quantity_used,
        "balance": auth.balance,
        "valid_from": doc["valid_from"],
        "valid_to": doc.get("valid_to"),
        "conditions": doc.get("conditions", []),
        "history": [
            {
                "action": c.action,
                "on": c.on.isoformat(),
                "status": c.status,
                "note": c.note,
                "recorded_at": c.recorded_at.isoformat(),
            }
            for c in uow.authorizations.changes(auth.id)
        ],
        "drawdowns": [
            {"shipment": d.shipment_id, "kind": d.kind, "units": d.units, "at": d.at.isoformat()}
            for d in uow.drawdowns.for_authorization(auth.id)
        ],
    }


def list_authorizations(
    factory: UnitOfWorkFactory, status: str | None = None
) -> list[dict[str, Any]]:
    with factory() as uow:
        return [
            {
                k: v
                for k, v in authorization_view(uow, a).items()
                if k not in ("history", "drawdowns")
            }
            for a in uow.authorizations.all()
            if status is None or a.status == status
        ]


def show_authorization(factory: UnitOfWorkFactory, authorization_id: str) -> dict[str, Any]:
    with factory() as uow:
        auth = uow.authorizations.get(authorization_id)
        if auth is None:
            raise NotFoundError(f"no authorization {authorization_id!r} in the ledger")
        return authorization_view(uow, auth)
