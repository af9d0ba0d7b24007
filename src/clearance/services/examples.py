"""Example documents (an item, a shipment, a licence, screening requests, a subscriber) shown
in the OpenAPI description and offered by the dashboard's forms. They live in examples.json."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

EXAMPLES_FILE = Path(__file__).with_name("examples.json")


@cache
def _examples() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLES_FILE.read_text(encoding="utf-8"))
    for line in data["shipment"]["lines"]:
        line["item"] = data["item"]  # "@item": the shipment carries the example item inline
    return data


def example(name: str) -> Any:
    """A fresh copy of the named example."""
    return copy.deepcopy(_examples()[name])
