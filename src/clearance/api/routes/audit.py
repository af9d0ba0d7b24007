"""Export the ledger's audit trail, as JSON lines or CSV."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import PlainTextResponse

from clearance.services import ledger_audit as audit
from clearance.services.access import Action, Principal

from ..deps import Ctx, require

router = APIRouter(tags=["access"])

MEDIA_TYPES = {"jsonl": "application/jsonl", "csv": "text/csv"}


@router.get(
    "/api/audit/export",
    summary="Every audit event, as JSON lines or CSV",
    response_class=PlainTextResponse,
    responses={200: {"content": {t: {} for t in MEDIA_TYPES.values()}}},
)
def export(
    ctx: Ctx,
    _: Annotated[Principal, Depends(require(Action.AUDIT_EXPORT))],
    format: Annotated[Literal["jsonl", "csv"], Query()] = "jsonl",
) -> PlainTextResponse:
    return PlainTextResponse(
        audit.export_audit(ctx.ledger, format),
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="audit.{format}"'},
    )
