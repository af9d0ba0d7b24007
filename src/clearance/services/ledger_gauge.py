"""The China-share gauge: for each share cap in force (condition `aggregate_share_cap` on an
authorization) and each product with volume, the period's China+Macau volume against what the
cap allows (share x the US volume), counted as `share_cap` counts it for a decision."""

from __future__ import annotations

from datetime import date
from typing import Any

from clearance.domain.authorization import ConditionKind

from .ledger_documents import authorization_from_document
from .ledger_ports import UnitOfWork
from .share_cap import CAPPED_MARKETS, US_MARKET, period_bounds


def _caps(uow: UnitOfWork, on: date) -> dict[tuple[float, str, str], list[str]]:
    """(share, measure, period) -> the authorizations carrying that cap on `on`."""
    caps: dict[tuple[float, str, str], list[str]] = {}
    for stored in uow.authorizations.all():
        stood = authorization_from_document(stored.document).as_of(on)
        for cond in stood.conditions if stood else ():
            if cond.kind is ConditionKind.AGGREGATE_SHARE_CAP and cond.value is not None:
                key = (cond.value, cond.measure or "units", cond.period or "quarter")
                caps.setdefault(key, []).append(stored.id)
    return caps


def share_gauges(uow: UnitOfWork, on: date) -> list[dict[str, Any]]:
    """One gauge per cap setting and product; `fraction` is used / allowed (None when the
    cap allows nothing yet: no US volume in the period)."""
    products = sorted(
        {v.product for v in uow.volumes.all() if v.market in CAPPED_MARKETS + US_MARKET}
    )
    gauges = []
    for (share, measure, period), holders in sorted(_caps(uow, on).items()):
        start, end = period_bounds(period, on)
        pick = 0 if measure == "units" else 1
        for product in products:
            capped = float(uow.volumes.total(product, CAPPED_MARKETS, start, end)[pick])
            us = float(uow.volumes.total(product, US_MARKET, start, end)[pick])
            allowed = share * us
            gauges.append(
                {
                    "product": product,
                    "measure": measure,
                    "period": [start.isoformat(), end.isoformat()],
                    "share": share,
                    "china_macau": capped,
                    "us": us,
                    "allowed": allowed,
                    "fraction": capped / allowed if allowed else None,
                    "authorizations": sorted(holders),
                }
            )
    return gauges
