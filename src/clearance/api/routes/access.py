"""Who am I; the log of refused requests; the ledger's audit chain check."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from clearance.services import ledger_audit as audit
from clearance.services.access import Action, Principal
from clearance.store.ledger_store import SqlLedger

from ..deps import Ctx, require
from ..schemas import AuditVerifyResponse, PrincipalResponse, RefusalResponse

router = APIRouter(tags=["access"])


@router.get("/api/me", summary="The signed-in user: name, role, party, jurisdiction")
def me(principal: Annotated[Principal, Depends(require(Action.WHOAMI))]) -> PrincipalResponse:
    return PrincipalResponse(
        name=principal.name,
        role=principal.role.value,
        party=principal.party,
        jurisdiction=principal.jurisdiction,
    )


@router.get(
    "/api/audit/verify", summary="Recompute the ledger's hash chain; name the first bad event"
)
def verify_audit(
    ctx: Ctx, _: Annotated[Principal, Depends(require(Action.AUDIT_VERIFY))]
) -> AuditVerifyResponse:
    report = audit.verify_audit(SqlLedger(ctx.engine))
    return AuditVerifyResponse(
        ok=report.ok,
        events=report.events,
        head=report.head,
        first_bad_seq=report.first_bad_seq,
        problem=report.problem,
    )


@router.get("/api/access/refusals", summary="Refused requests (401 and 403), newest first")
def refusals(
    ctx: Ctx,
    _: Annotated[Principal, Depends(require(Action.REFUSALS_READ))],
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[RefusalResponse]:
    return [
        RefusalResponse(
            at=r.at,
            action=r.action,
            status=r.status,
            reason=r.reason,
            user=r.user,
            role=r.role,
            target=r.target,
        )
        for r in ctx.refusals.recent(limit)
    ]
