"""What makes a decision record replayable and comparable: hashes, versions, time, lists.

`input_hash` is the SHA-256 of the canonical JSON of everything the engine was given (the
shipment with its item specs and declared codes, the authorizations held, the as-of date and
the reported-rules policy), so a YAML and a JSON file saying the same thing hash the same.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from clearance import __version__
from clearance.domain.authorization import Authorization
from clearance.domain.shipment import Shipment

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True, slots=True)
class DecisionMeta:
    input_hash: str
    list_snapshot_ids: tuple[str, ...]
    decided_at: datetime  # timezone-aware UTC, from the caller's clock
    tool_version: str = __version__


def input_hash(
    shipment: Shipment,
    authorizations: Sequence[Authorization],
    as_of: date | None,
    reported_binds: bool,
    *,
    informed_letters: str = "addressees",
) -> str:
    payload = {
        "informed_letters": informed_letters,
        "shipment": _plain(shipment),
        "authorizations": [_plain(a) for a in authorizations],
        "as_of": as_of.isoformat() if as_of else None,
        "reported_binds": reported_binds,
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def snapshot_ids(label: str | None) -> tuple[str, ...]:
    """A screener's snapshot label ("id1+id2", or "sample") as ids; none without screening."""
    return tuple(label.split("+")) if label else ()


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        # where a spec came from is not what it says
        return {f.name: _plain(getattr(value, f.name)) for f in fields if f.name != "source"}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(_plain(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | frozenset | set):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, frozenset | set) else items
    return value
