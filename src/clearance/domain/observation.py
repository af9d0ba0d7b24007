"""What a condition observed: the fact, its value, the test applied and the verdict."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

Tri = bool | None


@dataclass(frozen=True, slots=True)
class Observation:
    """What was observed and the test applied to it."""

    fact: str
    observed: str
    test: str
    result: Tri

    def __str__(self) -> str:
        verdict = {True: "yes", False: "no", None: "unknown"}[self.result]
        return f"{self.fact} = {self.observed}; test {self.test}: {verdict}"


_FACT = re.compile(r"\{([a-z_.]+)\}")


def with_observed(message: str, seen: Sequence[Observation]) -> str:
    """Fill `{fact}` placeholders of a rule's message with what was observed for that fact.

    A rule can so say in its own words what it found ("owned through {ownership}"); a fact that
    was not observed reads "not observed".
    """
    if "{" not in message:
        return message
    observed: dict[str, str] = {}
    for o in seen:  # a fact that held wins over the same fact observed not to hold
        if o.result or o.fact not in observed:
            observed[o.fact] = o.observed
    return _FACT.sub(lambda m: observed.get(m.group(1), "not observed"), message)
