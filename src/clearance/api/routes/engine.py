"""Classify an item; decide a shipment without storing it (the stateless check)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends

from clearance.services.access import Action, Principal
from clearance.services.authorization_file import parse_authorizations
from clearance.services.classify import classify_item, report_to_dict
from clearance.services.clearing import CheckOptions, check_shipment
from clearance.services.decision_view import decision_dict
from clearance.services.item_spec import to_item_spec
from clearance.services.shipment_file import parse_shipment

from ..deps import Ctx, require
from ..schemas import CheckRequest, ClassifyRequest

router = APIRouter(tags=["engine"])


@router.post("/api/classify", summary="Classify an item spec under 3A090/4A090 as of a date")
def classify(
    body: ClassifyRequest,
    ctx: Ctx,
    _: Annotated[Principal, Depends(require(Action.CLASSIFY))],
) -> dict[str, Any]:
    spec = to_item_spec(body.item, source="item")
    report = classify_item(spec, body.as_of or date.today(), ctx.ruleset)
    return report_to_dict(report)


@router.post(
    "/api/check",
    summary="Decide a shipment (cleared, hold or denied) and say why; nothing is stored",
)
def check(
    body: CheckRequest,
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.CHECK))],
) -> dict[str, Any]:
    shipment = parse_shipment(body.shipment.model_dump(), source="shipment")
    ctx.gate.allow_shipment(principal, Action.CHECK, shipment, "/api/check")
    held = parse_authorizations(
        [a.model_dump() for a in body.authorizations], source="authorizations"
    )
    options = CheckOptions(as_of=body.as_of, reported_binds=body.reported == "bind")
    parties = ctx.index.current().parties  # stateless: screens without the screening memory
    decision = check_shipment(shipment, held, ctx.ruleset, parties, options)
    return decision_dict(decision)
