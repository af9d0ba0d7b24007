"""What a reader returns: the entries, the rows it skipped (by reason) and the data date."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from clearance.domain.listing import EntryType, ListEntry


@dataclass(frozen=True, slots=True)
class Part:
    """One file of a multi-file list (OFAC, UK tables): its name (for errors) and its text."""

    name: str
    text: str


@dataclass(slots=True)
class Parsed:
    """`data_date` is the date the file declares; `latest_date` the latest date in its records
    (a designation or update date: a lower bound of the data date)."""

    entries: list[ListEntry] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    data_date: date | None = None
    latest_date: date | None = None

    def skip(self, reason: str, count: int = 1) -> None:
        if count:
            self.skipped[reason] += count

    def note_date(self, value: date | None) -> None:
        if value is not None and (self.latest_date is None or value > self.latest_date):
            self.latest_date = value


def clean(value: str | None) -> str:
    """Strip and collapse inner whitespace; None and OFAC's "-0-" placeholder become ""."""
    if value is None:
        return ""
    text = " ".join(value.split())
    return "" if text == "-0-" else text


# Footnote markers the CSL copies from the Entity List's Federal Register tables into names:
# "\\1\\", "[4]", "{5}", superscript digits, trailing "*" / "†" / "‡", "(see footnote 1)".
_FOOTNOTES = re.compile(
    r"\s*(?:\\\d{1,2}\\|\[\d{1,2}\]|\{\d{1,2}\}|[\u00b9\u00b2\u00b3\u2070-\u2079]+"
    r"|\((?:see )?footnotes? \d{1,2}(?:,? (?:and )?\d{1,2})*\))"
    r"|\s*[*\u2020\u2021]+(?=\s*$|\s*;)",
    re.IGNORECASE,
)


def clean_name(value: str | None) -> str:
    """`clean`, and footnote markers removed ("Huawei Technologies Co., Ltd.\\1\\" -> ...)."""
    text = clean(value)
    bare = _FOOTNOTES.sub("", text)
    return text if bare == text else clean(bare).rstrip(" ,")


def split_multi(value: str | None, sep: str = ";") -> tuple[str, ...]:
    """Split a joined multi-value field; drop empties and duplicates, keep the order."""
    if not value:
        return ()
    return unique(clean(part) for part in value.split(sep))


def split_names(value: str | None, sep: str = ";") -> tuple[str, ...]:
    """`split_multi` for names: footnote markers removed from each (`clean_name`)."""
    if not value:
        return ()
    return unique(clean_name(part) for part in value.split(sep))


def unique(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        if value and value not in seen:
            seen[value] = None
    return tuple(seen)


_TYPES = {
    "individual": EntryType.PERSON,
    "person": EntryType.PERSON,
    "p": EntryType.PERSON,
    "entity": EntryType.ENTITY,
    "organization": EntryType.ENTITY,
    "company": EntryType.ENTITY,
    "legalentity": EntryType.ENTITY,
    "publicbody": EntryType.ENTITY,
    "e": EntryType.ENTITY,
    "vessel": EntryType.VESSEL,
    "ship": EntryType.VESSEL,
    "aircraft": EntryType.AIRCRAFT,
    "airplane": EntryType.AIRCRAFT,
}


def entry_type(value: str | None) -> EntryType:
    return _TYPES.get(clean(value).lower(), EntryType.UNKNOWN)


def derived_id(*parts: str) -> str:
    """A stable id for a list that publishes none: a hash of the identifying fields."""
    text = "|".join(" ".join(part.casefold().split()) for part in parts)
    return "h" + hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:15]


def stable_id(name: str, countries: Iterable[str]) -> str:
    """The id of an entry whose list publishes none: a hash of its name and its countries
    (sorted), the same whichever file or source it was read from (see docs/lists.md)."""
    return derived_id(name, ";".join(sorted(countries)))


def parse_date(value: str, layout: str = "%Y-%m-%d") -> date | None:
    """A date in `layout`, or None when the field is empty or not a date (dates are auxiliary)."""
    text = value.strip()
    if not text:
        return None
    try:
        return datetime.strptime(text[: len(datetime(2000, 1, 1).strftime(layout))], layout).date()
    except ValueError:
        return None
