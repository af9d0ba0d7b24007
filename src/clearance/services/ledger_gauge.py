"""The China-share gauge: for each share cap in force (condition `aggregate_share_cap` on an
authorization) and each product with volume, the period's China+Macau volume against what the
cap allows (share x the US volume), counted as `share_cap` counts it for a decision: for a cap
in `exporter` scope, one gauge per exporter with volume of the product, of its volume only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from clearance.domain.authorization import ConditionKind

from .ledger_documents import authorization_from_document
from .ledger_model import VolumeLine
from .ledger_ports import UnitOfWork
from .share_cap import CAPPED_MARKETS, US_MARKET, period_bounds

Cap = tuple[float, str, str, str]  # share, measure, period, scope


def _caps(uow: UnitOfWork, on: date) -> dict[Cap, list[str]]:
    """(share, measure, period, scope) -> the authorizations carrying that cap on `on`."""
    caps: dict[Cap, list[str]] = {}
    for stored in uow.authorizations.all():
        stood = authorization_from_document(stored.document).as_of(on)
        for cond in stood.conditions if stood else ():
            if cond.kind is ConditionKind.AGGREGATE_SHARE_CAP and cond.value is not None:
                key = (
                    cond.value,
                    cond.measure or "units",
                    cond.period or "quarter",
                    cond.scope or "total",
                )
                caps.setdefault(key, []).append(stored.id)
    return caps


def _summed(
    lines: Sequence[VolumeLine],
    product: str,
    markets: tuple[str, ...],
    start: date,
    end: date,
    exporter: str | None = None,
) -> tuple[int, float]:
    """As the volume repository's `total`, over these lines."""
    chosen = [
        v
        for v in lines
        if v.product == product
        and v.market in markets
        and v.period_start >= start
        and v.period_end <= end
        and (exporter is None or v.exporter == exporter)
    ]
    return sum(v.units for v in chosen), sum(v.tpp for v in chosen)


def share_gauges(
    uow: UnitOfWork, on: date, lines: Sequence[VolumeLine] | None = None
) -> list[dict[str, Any]]:
    """One gauge per cap setting and product (and exporter, in exporter scope); `fraction` is
    used / allowed (None when the cap allows nothing yet: no US volume in the period).
    `lines`: count only these volume lines (default: every line in the ledger)."""
    every = uow.volumes.all() if lines is None else list(lines)
    counted = [v for v in every if v.market in CAPPED_MARKETS + US_MARKET]
    products = sorted({v.product for v in counted})

    def total(
        product: str, markets: tuple[str, ...], start: date, end: date, exporter: str | None
    ) -> tuple[int, float]:
        if lines is None:
            return uow.volumes.total(product, markets, start, end, exporter)
        return _summed(every, product, markets, start, end, exporter)

    gauges = []
    for (share, measure, period, scope), holders in sorted(_caps(uow, on).items()):
        start, end = period_bounds(period, on)
        pick = 0 if measure == "units" else 1
        for product in products:
            whose: Sequence[str | None] = [None]
            if scope == "exporter":
                whose = sorted({v.exporter for v in counted if v.product == product and v.exporter})
            for exporter in whose:
                capped = float(total(product, CAPPED_MARKETS, start, end, exporter)[pick])
                us = float(total(product, US_MARKET, start, end, exporter)[pick])
                allowed = share * us
                gauges.append(
                    {
                        "product": product,
                        "measure": measure,
                        "period": [start.isoformat(), end.isoformat()],
                        "share": share,
                        "scope": scope,
                        "exporter": exporter,
                        "china_macau": capped,
                        "us": us,
                        "allowed": allowed,
                        "fraction": capped / allowed if allowed else None,
                        "authorizations": sorted(holders),
                    }
                )
    return gauges
