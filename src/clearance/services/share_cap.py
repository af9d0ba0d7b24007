"""The China-share cap (condition `aggregate_share_cap`, e.g. 0.5): a shipment to China or Macau
under an authorization carrying it holds when it would take the product's cumulative volume to
those markets in the period above `value` x the volume to US customers in the same period.

BRIEF Q3 leaves open what is counted (units or aggregate TPP), whose volume (per exporter or in
total) and over which period. These are settings on the condition (`measure`: units | tpp;
`period`: month | quarter | year; `scope`: total | exporter; defaults units, quarter and total)
and an interpretation, not the rule's text. In `total` scope both volumes are counted across all
exporters of the product; in `exporter` scope, the shipment's exporter's only (docs/ledger.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from clearance.domain.authorization import Authorization, AuthorizationCondition, ConditionKind
from clearance.domain.condition import Observation
from clearance.domain.decision import Decision, Outcome, Reason, combine
from clearance.domain.shipment import Shipment

CAPPED_MARKETS = ("CN", "MO")
US_MARKET = ("US",)
RULE_ID = "engine.condition.aggregate_share_cap"

# (product, markets, start, end, exporter or None for all) -> (units, tpp)
Totals = Callable[[str, tuple[str, ...], date, date, str | None], tuple[int, float]]


def period_bounds(period: str, day: date) -> tuple[date, date]:
    if period == "month":
        start = day.replace(day=1)
        nxt = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    elif period == "year":
        start, nxt = date(day.year, 1, 1), date(day.year + 1, 1, 1)
    else:
        q = (day.month - 1) // 3
        start = date(day.year, 3 * q + 1, 1)
        nxt = date(day.year + (q == 3), (3 * q + 3) % 12 + 1, 1)
    return start, date.fromordinal(nxt.toordinal() - 1)


def parse_period(text: str) -> tuple[date, date]:
    """'2026-Q1', '2026-03' or '2026' -> its first and last day; ValueError otherwise."""
    if len(text) == 7 and text[4:6] == "-Q" and text[6] in "1234":
        return period_bounds("quarter", date(int(text[:4]), 3 * int(text[6]) - 2, 1))
    if len(text) == 7 and text[4] == "-":
        return period_bounds("month", date(int(text[:4]), int(text[5:]), 1))
    if len(text) == 4 and text.isdigit():
        return period_bounds("year", date(int(text), 1, 1))
    raise ValueError(f"period {text!r} is not YYYY-Qn, YYYY-MM or YYYY")


@dataclass(frozen=True, slots=True)
class CapFigure:
    authorization: str
    product: str
    measure: str
    period: tuple[date, date]
    capped_before: float
    this_shipment: float
    us: float
    share: float
    scope: str = "total"
    exporter: str | None = None  # whose volume was counted (exporter scope), None: everyone's

    @property
    def allowed(self) -> float:
        return self.share * self.us

    @property
    def passes(self) -> bool:
        return self.capped_before + self.this_shipment <= self.allowed

    def as_dict(self) -> dict[str, Any]:
        return {
            "authorization": self.authorization,
            "product": self.product,
            "measure": self.measure,
            "period": [self.period[0].isoformat(), self.period[1].isoformat()],
            "capped_before": self.capped_before,
            "this_shipment": self.this_shipment,
            "us": self.us,
            "share": self.share,
            "scope": self.scope,
            "exporter": self.exporter,
        }


def capped_products(shipment: Shipment) -> list[str]:
    if shipment.to_country not in CAPPED_MARKETS:
        return []
    return sorted({line.item.name for line in shipment.lines})


def apply_share_caps(
    decision: Decision, shipment: Shipment, authorizations: list[Authorization], totals: Totals
) -> tuple[Decision, list[CapFigure]]:
    """The decision with a hold for every cap the shipment would break, and the figures."""
    if shipment.to_country not in CAPPED_MARKETS:
        return decision, []
    by_id = {a.id: a for a in authorizations}
    figures: list[CapFigure] = []
    reasons: list[Reason] = []
    seen: set[tuple[str, int]] = set()
    requirements = list(decision.requirements)
    for index, req in enumerate(requirements):
        auth = by_id.get(req.satisfied_by or "")
        stood = auth.as_of(decision.as_of) if auth else None
        if stood is None or (stood.id, req.line) in seen:
            continue
        seen.add((stood.id, req.line))
        for cond in stood.conditions:
            if cond.kind is not ConditionKind.AGGREGATE_SHARE_CAP or cond.value is None:
                continue
            figure = _figure(stood.id, cond, decision, shipment, req.line, totals)
            figures.append(figure)
            if not figure.passes:
                reasons.append(_reason(figure, req.line))
                requirements[index] = replace(req, status="conditions_unmet")
    if not reasons:
        return decision, figures
    all_reasons = decision.reasons + tuple(reasons)
    return (
        replace(
            decision,
            reasons=all_reasons,
            requirements=tuple(requirements),
            outcome=combine([decision.outcome, *(r.outcome for r in reasons)]),
        ),
        figures,
    )


def _figure(
    auth_id: str,
    cond: AuthorizationCondition,
    decision: Decision,
    shipment: Shipment,
    line_no: int,
    totals: Totals,
) -> CapFigure:
    line = shipment.lines[line_no]
    measure = cond.measure or "units"
    scope = cond.scope or "total"
    exporter = shipment.exporter.name if scope == "exporter" else None
    start, end = period_bounds(cond.period or "quarter", decision.as_of)
    product = line.item.name
    capped = totals(product, CAPPED_MARKETS, start, end, exporter)
    us = totals(product, US_MARKET, start, end, exporter)
    tpp = decision.classifications[line_no].metrics.tpp if decision.classifications else None
    pick = 0 if measure == "units" else 1
    this = float(line.quantity) if pick == 0 else float(line.quantity * (tpp or 0.0))
    return CapFigure(
        authorization=auth_id,
        product=product,
        measure=measure,
        period=(start, end),
        capped_before=float(capped[pick]),
        this_shipment=this,
        us=float(us[pick]),
        share=cond.value or 0.0,
        scope=scope,
        exporter=exporter,
    )


def scope_words(f: CapFigure, lead: str = ", for exporter ") -> str:
    """', for exporter X' in exporter scope; nothing in total scope (the message as before)."""
    return f"{lead}{f.exporter}" if f.exporter is not None else ""


def _reason(f: CapFigure, line: int) -> Reason:
    window = f"{f.period[0]}..{f.period[1]}"
    return Reason(
        rule_id=RULE_ID,
        outcome=Outcome.HOLD,
        message=(
            f"{f.authorization} caps China+Macau {f.product} at {f.share:g} x US volume "
            f"({f.measure}, {window}{scope_words(f)}): {f.capped_before:g} already + "
            f"{f.this_shipment:g} this shipment > {f.allowed:g} allowed ({f.share:g} x {f.us:g} US)"
        ),
        citation="licence condition aggregate_share_cap (January 2026 rule, BRIEF Q3: measure "
        "and period are settings)",
        provenance="computed",
        jurisdiction="US",
        evidence=(
            Observation(
                "china_macau_volume",
                f"{f.capped_before + f.this_shipment:g}",
                f"<= {f.allowed:g}",
                False,
            ),
        ),
        clears_by=f"more US volume of {f.product} recorded in {window}"
        f"{scope_words(f, ' for ')}, or a smaller shipment",
        line=line,
        kind="condition",
    )
