"""Shared builders for the ledger tests: a fixed clock, a licence, shipments to Macau."""

from __future__ import annotations

import copy
import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from clearance.services.document import read_document
from clearance.services.exact_screener import ExactNameScreener
from clearance.services.ledger_decide import LedgerContext
from clearance.services.ledger_documents import jsonable
from clearance.services.ruleset import bundled_ruleset
from clearance.services.sample_parties import sample_entries

ROOT = Path(__file__).resolve().parents[3]
H200 = jsonable(read_document(ROOT / "examples" / "specs" / "h200-sxm.yaml"))


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
    doc: dict[str, Any] = {
        "id": "US-LIC-1",
        "jurisdiction": "US",
        "authority": "BIS",
        "kind": "export_licence",
        "holder": "NVIDIA Corporation",
        "parties": ["Example Cloud Ltd."],
        "items": ["H200 SXM 141GB"],
        "quantity": quantity,
        "quantity_used": 0,
        "valid_from": "2026-02-20",
        "valid_to": "2027-02-19",
        "status": "granted",
        "conditions": [],
        "provenance": {"level": "unverified", "source": "test licence"},
        "history": [],
    }
    doc.update(changes)
    return doc


EVIDENCE = [
    {"kind": "third_party_test", "reference": "LAB-1"},
    {"kind": "kyc_attestation", "reference": "KYC-1"},
    {"kind": "us_supply_certification", "reference": "CERT-1"},
    {"kind": "end_use_statement", "reference": "EUS-1"},
]


def shipment(
    shipment_id: str, units: int = 7, to: str = "MO", evidence: bool = True, **changes: Any
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": shipment_id,
        "date": "2026-03-20",
        "exporter": {"name": "NVIDIA Corporation", "country": "US", "headquarters_country": "US"},
        "consignee": {"name": "Example Cloud Ltd.", "country": to},
        "end_user": {"name": "Example Cloud Ltd.", "country": to, "headquarters_country": to},
        "end_use": "datacenter",
        "from_country": "US",
        "to_country": to,
        "lines": [{"item": copy.deepcopy(H200), "quantity": units}],
        "evidence": copy.deepcopy(EVIDENCE) if evidence else [],
        "red_flags": [],
    }
    doc.update(changes)
    return doc


def us_shipment(shipment_id: str, units: int) -> dict[str, Any]:
    party = {"name": "US Cloud Inc.", "country": "US", "headquarters_country": "US"}
    return shipment(shipment_id, units, to="US", consignee=party, end_user=party)
