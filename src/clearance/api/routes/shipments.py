"""Shipments in the ledger: submit (decide and record), list, show, cancel, mark exported;
their evidence, red-flag resolutions and holds. Each is scoped to what the principal may see,
checked before anything changes; each mutation takes an `Idempotency-Key`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, status

from clearance.domain.decision import Outcome
from clearance.services import ledger_facts as facts
from clearance.services import ledger_scope as scope
from clearance.services import ledger_shipments as ships
from clearance.services.access import Action, Principal, shipment_document_scope_refusal
from clearance.services.ledger_documents import jsonable
from clearance.services.ledger_model import ShipmentState

from ..deps import Ctx, require
from ..idempotency import IdempotencyKey, user_key
from ..shipment_schemas import (
    CancelRequest,
    EvidenceRequest,
    ExportedRequest,
    ResolveRequest,
    SubmitRequest,
)

router = APIRouter(tags=["shipments"])

ShipmentId = Annotated[str, Path(min_length=1, max_length=100, description="the shipment id")]


def _in_scope(ctx: Ctx, principal: Principal, action: Action, shipment_id: str) -> None:
    """404 for an unknown shipment, 403 (audited) for one outside the principal's scope."""
    refusal = scope.shipment_refusal(ctx.ledger, principal, shipment_id)
    ctx.gate.allow_scoped(principal, action, refusal, f"shipment:{shipment_id}")


@router.post(
    "/api/shipments",
    summary="Decide a shipment against the stored authorizations and record it",
    description="The `check` decision plus `decision_id`, `state` and `drawdowns`. Without an "
    "`Idempotency-Key` the key is the shipment id plus its content hash.",
    status_code=status.HTTP_201_CREATED,
)
def submit(
    body: SubmitRequest,
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.SHIPMENTS_SUBMIT))],
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    document = jsonable(body.shipment.model_dump(exclude_unset=True))
    refusal = shipment_document_scope_refusal(principal, document)
    ctx.gate.allow_scoped(principal, Action.SHIPMENTS_SUBMIT, refusal, f"shipment:{document['id']}")
    key = user_key(principal, "shipments.submit", idempotency_key)
    return ships.submit_shipment(
        ctx.ledger, ctx.ledger_context(principal.name), document, as_of=body.as_of, key=key
    )


@router.get("/api/shipments", summary="The shipments the principal may see, oldest first")
def list_shipments(
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.SHIPMENTS_READ))],
    outcome: Annotated[Outcome | None, Query(description="the latest decision's outcome")] = None,
    state: Annotated[ShipmentState | None, Query(description="the shipment's state")] = None,
) -> list[dict[str, Any]]:
    return scope.visible_shipments(ctx.ledger, principal, outcome.value if outcome else None, state)


@router.get("/api/holds", summary="Held shipments: main reason, what would clear it, since when")
def holds(
    ctx: Ctx, principal: Annotated[Principal, Depends(require(Action.HOLDS_READ))]
) -> list[dict[str, Any]]:
    return scope.visible_holds(ctx.ledger, principal)


@router.get(
    "/api/shipments/{shipment_id:path}",
    summary="One shipment: state, decisions, drawdowns, retention date",
)
def show(
    shipment_id: ShipmentId,
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.SHIPMENTS_READ))],
) -> dict[str, Any]:
    _in_scope(ctx, principal, Action.SHIPMENTS_READ, shipment_id)
    return ships.show_shipment(ctx.ledger, shipment_id)


@router.post(
    "/api/shipments/{shipment_id:path}/cancel",
    summary="Cancel a shipment: its units return to their authorizations (audited)",
)
def cancel(
    shipment_id: ShipmentId,
    body: CancelRequest,
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.SHIPMENTS_MANAGE))],
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    _in_scope(ctx, principal, Action.SHIPMENTS_MANAGE, shipment_id)
    key = user_key(principal, "shipments.cancel", idempotency_key)
    return ships.cancel_shipment(
        ctx.ledger, ctx.ledger_context(principal.name), shipment_id, body.reason, key
    )


@router.post(
    "/api/shipments/{shipment_id:path}/exported",
    summary="Mark a cleared shipment exported on a date (starts its retention clock)",
)
def exported(
    shipment_id: ShipmentId,
    body: ExportedRequest,
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.SHIPMENTS_MANAGE))],
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    _in_scope(ctx, principal, Action.SHIPMENTS_MANAGE, shipment_id)
    key = user_key(principal, "shipments.exported", idempotency_key)
    return ships.mark_exported(
        ctx.ledger, ctx.ledger_context(principal.name), shipment_id, body.on, key
    )


@router.post(
    "/api/shipments/{shipment_id:path}/evidence",
    summary="Add evidence to a shipment; a held one is decided again",
)
def add_evidence(
    shipment_id: ShipmentId,
    body: EvidenceRequest,
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.EVIDENCE_ADD))],
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    _in_scope(ctx, principal, Action.EVIDENCE_ADD, shipment_id)
    key = user_key(principal, "shipments.evidence", idempotency_key)
    entry = body.model_dump(mode="json", exclude_none=True)
    return facts.add_evidence(
        ctx.ledger, ctx.ledger_context(principal.name), shipment_id, entry, "evidence", key
    )


@router.post(
    "/api/shipments/{shipment_id:path}/flags/{flag}/resolve",
    summary="Record a red flag's resolution; a held shipment is decided again",
)
def resolve_flag(
    shipment_id: ShipmentId,
    flag: Annotated[str, Path(min_length=1, max_length=100, description="a raised red flag")],
    body: ResolveRequest,
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.FLAGS_RESOLVE))],
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    _in_scope(ctx, principal, Action.FLAGS_RESOLVE, shipment_id)
    key = user_key(principal, "shipments.flags.resolve", idempotency_key)
    return facts.resolve_flag(
        ctx.ledger, ctx.ledger_context(principal.name), shipment_id, flag, body.reason, key
    )
