"""Webhook subscribers (one URL and secret per party), their deliveries, and a test event."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from clearance.services.access import Action, Principal
from clearance.services.webhooks import Delivery, Subscriber, add_subscriber, publish, utc_now

from ..deps import Ctx, require
from ..schemas import DeliveryResponse, SubscriberRequest, SubscriberResponse, TestEventRequest

router = APIRouter(tags=["webhooks"])


def _subscriber(s: Subscriber) -> SubscriberResponse:
    return SubscriberResponse(id=s.id, party=s.party, url=s.url, created_at=s.created_at)


def _delivery(d: Delivery) -> DeliveryResponse:
    return DeliveryResponse(
        id=d.id,
        subscriber_id=d.subscriber_id,
        party=d.party,
        event_id=d.event_id,
        event_type=d.event_type,
        state=d.state.value,
        attempts=d.attempts,
        next_attempt_at=d.next_attempt_at,
        created_at=d.created_at,
        delivered_at=d.delivered_at,
        last_error=d.last_error,
    )


@router.get("/api/webhooks/subscribers", summary="Webhook subscribers (secrets are not shown)")
def subscribers(
    ctx: Ctx, _: Annotated[Principal, Depends(require(Action.WEBHOOKS_READ))]
) -> list[SubscriberResponse]:
    return [_subscriber(s) for s in ctx.webhooks.subscribers()]


@router.post("/api/webhooks/subscribers", summary="Add a subscriber for a party", status_code=201)
def create_subscriber(
    body: SubscriberRequest,
    ctx: Ctx,
    _: Annotated[Principal, Depends(require(Action.WEBHOOKS_MANAGE))],
) -> SubscriberResponse:
    return _subscriber(add_subscriber(ctx.webhooks, body.party, body.url, body.secret, utc_now()))


@router.get("/api/webhooks/deliveries", summary="Deliveries, newest first, with their state")
def deliveries(
    ctx: Ctx,
    _: Annotated[Principal, Depends(require(Action.WEBHOOKS_READ))],
    party: Annotated[str | None, Query(max_length=300)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[DeliveryResponse]:
    return [_delivery(d) for d in ctx.webhooks.deliveries(party, limit)]


@router.post(
    "/api/webhooks/test", summary="Queue a test event for a party's subscribers", status_code=202
)
def test_event(
    body: TestEventRequest,
    ctx: Ctx,
    principal: Annotated[Principal, Depends(require(Action.WEBHOOKS_MANAGE))],
) -> dict[str, int]:
    queued = publish(ctx.webhooks, body.party, "test", {"requested_by": principal.name}, utc_now())
    return {"queued": queued}
