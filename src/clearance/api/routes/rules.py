"""The rule packs: list (optionally as of a day), show one rule."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from clearance.services.access import Action, Principal
from clearance.services.rule_view import find_rule, meta_dict, rules_on

from ..deps import Ctx, require

router = APIRouter(tags=["rules"])


@router.get("/api/rules", summary="The rules, or those in their window on as_of")
def list_rules(
    ctx: Ctx,
    _: Annotated[Principal, Depends(require(Action.RULES_READ))],
    as_of: Annotated[date | None, Query(description="YYYY-MM-DD")] = None,
) -> dict[str, Any]:
    metas = rules_on(ctx.ruleset, as_of)
    return {
        "ruleset_hash": ctx.ruleset.content_hash,
        "as_of": as_of.isoformat() if as_of else None,
        "rules": [meta_dict(m, as_of) for m in metas],
    }


@router.get("/api/rules/{rule_id}", summary="One rule: window, enforcement, provenance, citation")
def show_rule(
    rule_id: str,
    ctx: Ctx,
    _: Annotated[Principal, Depends(require(Action.RULES_READ))],
) -> dict[str, Any]:
    return meta_dict(find_rule(ctx.ruleset, rule_id), None)
