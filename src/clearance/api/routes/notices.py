"""Notices of authorization changes: the ones you may see; acknowledge one."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query

from clearance.services import ledger_facts as facts
from clearance.services import ledger_scope_authorizations as scope
from clearance.services.access import Action, Principal

from ..authorization_schemas import AckRequest
from ..deps import Ctx, require
from ..idempotency import IdempotencyKey, user_key

router = APIRouter(tags=["notices"])


@router.get("/api/notices", summary="Notices to your party (or about your jurisdiction)")
def list_(
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.NOTICES_READ))],
    party: Annotated[str | None, Query(min_length=1, max_length=300)] = None,
    unread: bool = False,
) -> list[dict[str, Any]]:
    return scope.visible_notices(ctx.ledger, principal, party, unread)


@router.post(
    "/api/notices/{notice_id}/ack",
    summary="Acknowledge a notice (an approval's notice is then import_approval_notice evidence)",
)
def ack(
    notice_id: Annotated[int, Path(ge=1, le=2**62)],
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.NOTICES_ACK))],
    body: Annotated[AckRequest | None, Body()] = None,
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    refusal = scope.notice_refusal(ctx.ledger, principal, notice_id)
    ctx.gate.allow_scoped(principal, Action.NOTICES_ACK, refusal, f"notice:{notice_id}")
    return facts.ack_notice(
        ctx.ledger,
        ctx.ledger_context(principal.name),
        notice_id,
        body.on if body else None,
        user_key(principal, "notices.ack", idempotency_key),
    )
