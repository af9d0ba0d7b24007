"""A screening hit: one party name matched against one list entry, with its explanation."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class HitStatus(StrEnum):
    POTENTIAL = "potential"  # found by the matcher, not reviewed
    CONFIRMED = "confirmed"  # a reviewer confirmed it is the listed party
    DISMISSED = "dismissed"  # a reviewer dismissed it as a false positive


@dataclass(frozen=True, slots=True)
class Feature:
    """One named scoring feature and what it compared."""

    name: str
    score: float
    detail: str


@dataclass(frozen=True, slots=True)
class ScreeningHit:
    party_role: str  # exporter | consignee | end_user | intermediate ...
    party_name: str
    source_list: str
    entry_id: str
    name: str  # the entry's primary name
    matched_name: str  # the entry name (primary or alias) that matched
    score: float  # 0..1
    features: tuple[Feature, ...] = ()
    license_requirement: str | None = None
    license_policy: str | None = None
    federal_register_notice: str | None = None
    status: HitStatus = HitStatus.POTENTIAL
    countries: tuple[str, ...] = field(default=())
    sources: tuple[str, ...] = ()  # the snapshots listing the entry (every one, once)

    @property
    def key(self) -> str:
        return f"{self.source_list}:{self.entry_id}"

    @property
    def policy_is_denial(self) -> bool:
        policy = (self.license_policy or "").lower()
        return "denial" in policy or "deny" in policy
