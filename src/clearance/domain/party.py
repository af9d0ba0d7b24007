"""Parties to a shipment."""

from __future__ import annotations

from dataclasses import dataclass

from .ownership import Owner


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    country: str
    headquarters_country: str | None = None
    ultimate_parent_country: str | None = None
    owners: tuple[Owner, ...] = ()  # direct owners with their shares (percent)
