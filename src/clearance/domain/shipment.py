"""Shipments: who sends what to whom, for which end use, with which evidence."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from .item import ItemSpec
from .ownership import Ownership
from .party import Party


class EndUse(StrEnum):
    DATACENTER = "datacenter"
    RESEARCH = "research"
    COMMERCIAL = "commercial"
    CONSUMER = "consumer"
    MILITARY = "military"
    GOVERNMENT = "government"
    IAAS = "iaas"
    UNKNOWN = "unknown"


class EvidenceKind(StrEnum):
    THIRD_PARTY_TEST = "third_party_test"
    KYC_ATTESTATION = "kyc_attestation"
    END_USE_STATEMENT = "end_use_statement"
    US_SUPPLY_CERTIFICATION = "us_supply_certification"
    RED_FLAG_RESOLUTION = "red_flag_resolution"
    IMPORT_APPROVAL_NOTICE = "import_approval_notice"
    CONDITIONS_COMPLIANCE = "conditions_compliance"


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: EvidenceKind
    reference: str
    flag: str | None = None  # for red_flag_resolution: the flag resolved
    authorization: str | None = None  # the authorization the evidence is for, when specific
    note: str | None = None
    on: date | None = None  # when the evidence came to exist; later evidence is ignored


@dataclass(frozen=True, slots=True)
class ShipmentLine:
    item: ItemSpec
    quantity: int
    unit_value_usd: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Shipment:
    id: str
    date: date
    exporter: Party
    consignee: Party
    end_user: Party
    end_use: EndUse
    from_country: str
    to_country: str
    lines: tuple[ShipmentLine, ...]
    evidence: tuple[Evidence, ...] = ()
    red_flags: tuple[str, ...] = ()
    to_region: str | None = None  # a region of to_country, as a slug (see region_slug)
    # Who owns the parties, and their owners (validated: shares, totals, no cycles).
    ownership: Ownership = field(default_factory=Ownership)

    @property
    def parties(self) -> tuple[tuple[str, Party], ...]:
        return (
            ("exporter", self.exporter),
            ("consignee", self.consignee),
            ("end_user", self.end_user),
        )

    def as_known_on(self, day: datetime.date) -> Shipment:
        """The shipment with only the evidence that existed on `day` (for replays)."""
        if all(e.on is None or e.on <= day for e in self.evidence):
            return self
        return replace(
            self, evidence=tuple(e for e in self.evidence if e.on is None or e.on <= day)
        )

    def evidence_of(self, kind: EvidenceKind) -> tuple[Evidence, ...]:
        return tuple(e for e in self.evidence if e.kind is kind)


def region_slug(text: str) -> str:
    """'Region: Crimea' / 'crimea' / 'Crimea ' -> 'crimea'; words joined by '-'."""
    words = text.strip()
    if words.casefold().startswith("region:"):
        words = words[len("region:") :]
    kept = "".join(ch if ch.isalnum() else " " for ch in words.casefold())
    return "-".join(kept.split())
