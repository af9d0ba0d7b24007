"""A scenario timeline played as events through the ledger's use cases (`demo --db`).

The timeline file (`timeline.yaml`) lists dated events: add authorizations, submit shipments,
grant/suspend/revoke, set conditions, record volume. After each, the step says which held
shipments cleared, each counted authorization's balance and the China-share gauge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from clearance.domain.errors import InputError

from . import ledger_authorizations as auths
from . import ledger_facts as facts
from .document import read_document
from .ledger_decide import LedgerContext
from .ledger_documents import authorization_documents, shipment_document
from .ledger_model import ShipmentState
from .ledger_ports import UnitOfWorkFactory
from .ledger_shipments import submit_shipment
from .share_cap import CAPPED_MARKETS, US_MARKET, period_bounds
from .validation import first_error


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class VolumeEvent(_Strict):
    product: str
    market: str
    units: int
    period: str


class ConditionsEvent(_Strict):
    authorization: str
    file: str


class EventFile(_Strict):
    on: date
    label: str = ""
    add: str | None = None
    submit: list[str] = Field(default_factory=list)
    grant: str | None = None
    suspend: str | None = None
    revoke: str | None = None
    conditions: ConditionsEvent | None = None
    volume: VolumeEvent | None = None
    note: str | None = None


class TimelineFile(_Strict):
    title: str
    share_cap_product: str = "H200 SXM 141GB"
    share: float = 0.5
    period: Literal["month", "quarter", "year"] = "quarter"
    events: list[EventFile] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class Step:
    on: date
    label: str
    decided: list[dict[str, Any]]
    cleared: list[str]
    balances: dict[str, tuple[int, int]]  # id -> (balance, quantity)
    gauge: dict[str, Any] = field(default_factory=dict)


def load_timeline(path: Path) -> TimelineFile:
    try:
        return TimelineFile.model_validate(read_document(path))
    except ValidationError as exc:
        where, message = first_error(exc)
        raise InputError(message, source=str(path), field=where) from None


def play(
    factory: UnitOfWorkFactory, ctx: LedgerContext, directory: Path
) -> tuple[TimelineFile, list[Step]]:
    timeline = load_timeline(directory / "timeline.yaml")
    steps = []
    for event in timeline.events:
        decided = _apply(factory, ctx, directory, event)
        steps.append(
            Step(
                on=event.on,
                label=event.label,
                decided=decided,
                cleared=[d["shipment_id"] for d in decided if d["state"] == "cleared"],
                balances=_balances(factory),
                gauge=_gauge(factory, timeline, event.on),
            )
        )
    return timeline, steps


def _apply(
    factory: UnitOfWorkFactory, ctx: LedgerContext, directory: Path, event: EventFile
) -> list[dict[str, Any]]:
    decided: list[dict[str, Any]] = []
    if event.add:
        result = auths.add_authorizations(
            factory, ctx, authorization_documents(directory / event.add)
        )
        decided += [r for change in result["changes"] for r in change["redecided"]]
    for name in event.submit:
        out = submit_shipment(factory, ctx, shipment_document(directory / name))
        decided.append(
            {"shipment_id": out["shipment_id"], "outcome": out["outcome"], "state": out["state"]}
        )
    for action in ("grant", "suspend", "revoke"):
        target = getattr(event, action)
        if target:
            decided += auths.change_status(factory, ctx, target, action, event.on, event.note)[
                "redecided"
            ]
    if event.conditions:
        path = directory / event.conditions.file
        decided += auths.set_conditions(
            factory, ctx, event.conditions.authorization, read_document(path), str(path)
        )["redecided"]
    if event.volume:
        v = event.volume
        decided += facts.record_volume(factory, ctx, v.product, v.market, v.units, v.period)[
            "redecided"
        ]
    return decided


def _balances(factory: UnitOfWorkFactory) -> dict[str, tuple[int, int]]:
    with factory() as uow:
        return {
            a.id: (a.balance, a.quantity)
            for a in uow.authorizations.all()
            if a.quantity is not None and a.balance is not None
        }


def _gauge(factory: UnitOfWorkFactory, timeline: TimelineFile, on: date) -> dict[str, Any]:
    start, end = period_bounds(timeline.period, on)
    product = timeline.share_cap_product
    with factory() as uow:
        capped = uow.volumes.total(product, CAPPED_MARKETS, start, end)[0]
        us = uow.volumes.total(product, US_MARKET, start, end)[0]
        held = len(uow.shipments.in_states([ShipmentState.HELD]))
    return {
        "product": product,
        "period": f"{start}..{end}",
        "china_macau": capped,
        "us": us,
        "allowed": timeline.share * us,
        "held": held,
    }
