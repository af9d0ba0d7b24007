"""The screener's reference tables, shipped as package data in `clearance/screening/data/`.

They are read once, when first needed, and never written: reference data like the pinyin
dictionary, kept in data files so that they can be reviewed and regenerated apart from code.
"""

from __future__ import annotations

from importlib import resources


def read_rows(name: str) -> list[list[str]]:
    """The tab-separated rows of a data file, without "#" comments and blank lines."""
    text = resources.files("clearance.screening").joinpath("data", name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and line[0] != "#"]
