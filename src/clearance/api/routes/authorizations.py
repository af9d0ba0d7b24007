"""Authorizations in the ledger: create, list, show, grant/suspend/revoke, amend, conditions.

Each change answers what `clearance authorizations ... --json` prints: the notices sent and
the held shipments re-decided (and which of them cleared). An authority officer acts only in
its own jurisdiction; the scope is checked before anything is changed.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query

from clearance.domain.authorization import AuthorizationStatus
from clearance.services import ledger_authorizations as auths
from clearance.services import ledger_scope_authorizations as scope
from clearance.services.access import Action, Principal
from clearance.services.authorization_file import AuthorizationFile
from clearance.services.ledger_documents import authorization_document_of

from ..authorization_schemas import (
    AmendRequest,
    AuthorizationRequest,
    ConditionsRequest,
    StatusChangeRequest,
)
from ..deps import Ctx, require
from ..idempotency import IdempotencyKey, user_key

router = APIRouter(tags=["authorizations"])

AuthorizationId = Annotated[str, Path(min_length=1, max_length=100)]


def _documents(model: AuthorizationFile, field: str | None) -> list[dict[str, Any]]:
    return [authorization_document_of(model.model_dump(mode="json"), field=field)]


def _allow(ctx: Ctx, principal: Principal, action: Action, authorization_id: str) -> None:
    refusal = scope.authorization_refusal(ctx.ledger, principal, authorization_id)
    ctx.gate.allow_scoped(principal, action, refusal, f"authorization:{authorization_id}")


@router.post(
    "/api/authorizations",
    summary="Add an authorization; the same content again changes nothing (409 for other "
    "content under a known id: amend it)",
)
def create(
    body: AuthorizationRequest,
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.AUTHORIZATIONS_CREATE))],
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    documents = _documents(body, None)
    refusal = scope.documents_refusal(principal, documents)
    ctx.gate.allow_scoped(
        principal, Action.AUTHORIZATIONS_CREATE, refusal, f"authorization:{body.id}"
    )
    return auths.add_authorizations(
        ctx.ledger,
        ctx.ledger_context(principal.name),
        documents,
        user_key(principal, "authorizations.add", idempotency_key),
    )


@router.get("/api/authorizations", summary="The authorizations you may see, with their balance")
def list_(
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.AUTHORIZATIONS_READ))],
    status: Annotated[AuthorizationStatus | None, Query()] = None,
) -> list[dict[str, Any]]:
    return scope.visible_authorizations(
        ctx.ledger, principal, status.value if status is not None else None
    )


@router.get(
    "/api/authorizations/{authorization_id}",
    summary="Status, quantity, used, balance, conditions, history and drawdowns",
)
def show(
    authorization_id: AuthorizationId,
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.AUTHORIZATIONS_READ))],
) -> dict[str, Any]:
    _allow(ctx, principal, Action.AUTHORIZATIONS_READ, authorization_id)
    return auths.show_authorization(ctx.ledger, authorization_id)


def _status_route(change: str) -> None:
    def endpoint(
        authorization_id: AuthorizationId,
        ctx: Ctx,
        principal: Annotated[Principal, Depends(require(Action.AUTHORIZATIONS_DECIDE))],
        body: Annotated[StatusChangeRequest | None, Body()] = None,
        idempotency_key: IdempotencyKey = None,
    ) -> dict[str, Any]:
        _allow(ctx, principal, Action.AUTHORIZATIONS_DECIDE, authorization_id)
        return auths.change_status(
            ctx.ledger,
            ctx.ledger_context(principal.name),
            authorization_id,
            change,
            body.on if body else None,
            body.note if body else None,
            user_key(principal, f"authorizations.{change}", idempotency_key),
        )

    router.add_api_route(
        f"/api/authorizations/{{authorization_id}}/{change}",
        endpoint,
        methods=["POST"],
        name=f"{change}_authorization",
        summary=f"{change.capitalize()} an authorization; held shipments are re-decided",
    )


for _change in auths.CHANGE_STATUS:
    _status_route(_change)


@router.post(
    "/api/authorizations/{authorization_id}/amend",
    summary="Replace an authorization's content (its used units stay)",
)
def amend(
    authorization_id: AuthorizationId,
    body: AmendRequest,
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.AUTHORIZATIONS_DECIDE))],
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    _allow(ctx, principal, Action.AUTHORIZATIONS_DECIDE, authorization_id)
    documents = _documents(body.authorization, "authorization")
    refusal = scope.documents_refusal(principal, documents)  # and not moved out of scope
    ctx.gate.allow_scoped(
        principal, Action.AUTHORIZATIONS_DECIDE, refusal, f"authorization:{authorization_id}"
    )
    return auths.amend_authorization(
        ctx.ledger,
        ctx.ledger_context(principal.name),
        authorization_id,
        documents,
        user_key(principal, "authorizations.amend", idempotency_key),
    )


@router.put(
    "/api/authorizations/{authorization_id}/conditions",
    summary="Set an authorization's conditions (e.g. the NDRC's); held shipments are re-decided",
)
def set_conditions(
    authorization_id: AuthorizationId,
    body: ConditionsRequest,
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.CONDITIONS_SET))],
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    _allow(ctx, principal, Action.CONDITIONS_SET, authorization_id)
    return auths.set_conditions(
        ctx.ledger,
        ctx.ledger_context(principal.name),
        authorization_id,
        body.model_dump(mode="json", exclude_none=True),
        "body",
        user_key(principal, "authorizations.conditions", idempotency_key),
    )
