"""Stored decisions (get, replay, each scoped through its shipment) and the impact of a
candidate rule directory on the open shipments (writes nothing)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path

from clearance.services import ledger_scope as scope
from clearance.services.access import Action, Principal
from clearance.services.ledger_replay import replay
from clearance.services.ruleset import ruleset_from_files

from ..deps import Ctx, require
from ..shipment_schemas import ImpactRequest

router = APIRouter(tags=["decisions"])

DecisionId = Annotated[int, Path(ge=1, le=2**31 - 1, description="the decision id")]


def _in_scope(ctx: Ctx, principal: Principal, action: Action, decision_id: int) -> None:
    """404 for an unknown decision, 403 (audited) for one of a shipment out of scope."""
    refusal = scope.decision_refusal(ctx.ledger, principal, decision_id)
    ctx.gate.allow_scoped(principal, action, refusal, f"decision:{decision_id}")


@router.get(
    "/api/decisions/{decision_id}",
    summary="A stored decision: outcome, reasons, inputs' hash, rules' hash, screening",
)
def show(
    decision_id: DecisionId,
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.DECISIONS_READ))],
) -> dict[str, Any]:
    _in_scope(ctx, principal, Action.DECISIONS_READ, decision_id)
    return scope.show_decision(ctx.ledger, decision_id)


@router.post(
    "/api/decisions/{decision_id}/replay",
    summary="Decide a stored decision again from its recorded inputs; compare (writes nothing)",
)
def replay_decision(
    decision_id: DecisionId,
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.DECISIONS_REPLAY))],
) -> dict[str, Any]:
    _in_scope(ctx, principal, Action.DECISIONS_REPLAY, decision_id)
    return replay(ctx.ledger, [ctx.ruleset], decision_id)[0]


@router.post(
    "/api/rules/impact",
    summary="Which open shipments a candidate rule directory would change, and why",
    description="Decides every held, cleared-not-exported and future-dated shipment under the "
    "candidate rules; lists those (of the shipments the principal may see) whose outcome or "
    "reasons would change. Writes nothing.",
)
def impact(
    body: ImpactRequest,
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.RULES_IMPACT))],
) -> list[dict[str, Any]]:
    candidate = ruleset_from_files(body.files)
    return scope.visible_impact(ctx.ledger, principal, candidate, date.today())
