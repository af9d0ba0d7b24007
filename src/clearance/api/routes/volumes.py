"""The volume ledger for share caps: record volume delivered outside it; net units."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from clearance.services import ledger_facts as facts
from clearance.services.access import Action, Principal

from ..authorization_schemas import VolumeRequest
from ..deps import Ctx, require
from ..idempotency import IdempotencyKey, user_key

router = APIRouter(tags=["volumes"])


@router.post(
    "/api/volumes",
    summary="Record volume delivered outside the ledger; held capped shipments are re-decided",
)
def record(
    body: VolumeRequest,
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.VOLUMES_RECORD))],
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    return facts.record_volume(
        ctx.ledger,
        ctx.ledger_context(principal.name),
        body.product,
        body.market,
        body.units,
        body.period,
        user_key(principal, "volumes.record", idempotency_key),
        body.exporter,
    )


@router.get("/api/volumes", summary="Net units per product, market and exporter")
def totals(
    ctx: Ctx, _: Annotated[Principal, Depends(require(Action.VOLUMES_READ))]
) -> list[dict[str, Any]]:
    return facts.volume_totals(ctx.ledger)
