"""Request bodies used by the API tests (from the wire-schema examples)."""

from __future__ import annotations

import copy
from typing import Any

from clearance.services.examples import example


def item() -> dict[str, Any]:
    return copy.deepcopy(example("item"))


def shipment(**changes: Any) -> dict[str, Any]:
    body = copy.deepcopy(example("shipment"))
    body.update(changes)
    return body


def check_body(**changes: Any) -> dict[str, Any]:
    return {
        "shipment": shipment(**changes),
        "authorizations": [copy.deepcopy(example("authorization"))],
        "as_of": "2026-03-16",
    }
