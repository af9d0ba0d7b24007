"""Shared builders for the ledger tests: a ticking clock, and the licence and shipment of
examples/ledger changed per test."""

from __future__ import annotations

import copy
import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from clearance.services.exact_screener import ExactNameScreener
from clearance.services.ledger_decide import LedgerContext
from clearance.services.ledger_documents import authorization_documents, shipment_document
from clearance.services.ruleset import bundled_ruleset
from clearance.services.sample_parties import sample_entries

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "examples" / "ledger"
LICENCE = authorization_documents(SAMPLES / "licence.yaml")[0]
SHIPMENT = shipment_document(SAMPLES / "shipment.yaml")
EVIDENCE = SHIPMENT["evidence"]


class TickingClock:
    """Each call one millisecond later than the last: distinct, ordered timestamps."""

    def __init__(self) -> None:
        self._ticks = itertools.count()

    def __call__(self) -> datetime:
        return datetime(2026, 3, 20, 9, 0, tzinfo=UTC) + timedelta(milliseconds=next(self._ticks))


def context(actor: str = "test") -> LedgerContext:
    return LedgerContext(
        ruleset=bundled_ruleset(),
        screener=ExactNameScreener(sample_entries()),
        actor=actor,
        now=TickingClock(),
    )


def licence(quantity: int = 1000, **changes: Any) -> dict[str, Any]:
    return copy.deepcopy(LICENCE) | {"quantity": quantity} | changes


def shipment(
    shipment_id: str, units: int = 7, to: str = "MO", evidence: bool = True, **changes: Any
) -> dict[str, Any]:
    doc = copy.deepcopy(SHIPMENT)
    doc["id"] = shipment_id
    doc["lines"][0]["quantity"] = units
    doc["to_country"] = to
    for role in ("consignee", "end_user"):
        doc[role]["country"] = to
    doc["end_user"]["headquarters_country"] = to
    if not evidence:
        doc["evidence"] = []
    return doc | changes


def us_shipment(shipment_id: str, units: int) -> dict[str, Any]:
    party = {"name": "US Cloud Inc.", "country": "US", "headquarters_country": "US"}
    return shipment(shipment_id, units, to="US", consignee=party, end_user=party)
