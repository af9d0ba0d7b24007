"""Parties to a shipment."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    country: str
    headquarters_country: str | None = None
    ultimate_parent_country: str | None = None
