"""Ports: what the use cases need from the outside world, as Protocols."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from clearance.domain.hit import ScreeningHit
from clearance.domain.party import Party


class PartyScreener(Protocol):
    """Screens one party of a shipment against the restricted-party lists."""

    def screen_party(self, role: str, party: Party) -> list[ScreeningHit]: ...


class Clock(Protocol):
    def today(self) -> date: ...
