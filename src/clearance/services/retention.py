"""Retention (15 CFR 762.6): records are kept five years from the latest of the export, any
known re-export, and the end of the authorization they were made under."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

YEARS = 5


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def retention_date(exported_on: date, other_ends: Iterable[date] = ()) -> date:
    return add_years(max([exported_on, *other_ends]), YEARS)
