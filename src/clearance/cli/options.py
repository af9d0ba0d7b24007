"""Option parsing shared by several commands."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from clearance.domain.errors import InputError


class ReportedPolicy(StrEnum):
    BIND = "bind"
    INFORM = "inform"


def parse_date(value: str | None, *, option: str = "--as-of") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"not a date (expected YYYY-MM-DD): {value!r}", field=option) from None


def country_option(value: str | None) -> str | None:
    """`--country`: an ISO-2 code or a country name ("China"), as an ISO-2 code."""
    if not value:
        return None
    from clearance.services.screening import parse_country_or_name

    return parse_country_or_name(value, field="--country")
