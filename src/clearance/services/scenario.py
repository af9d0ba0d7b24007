"""Scenarios: a set of shipments replayed on a set of dates, with expected outcomes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from clearance.domain.decision import Decision
from clearance.domain.errors import InputError
from clearance.domain.rule import RuleSet

from .authorization_file import load_authorizations
from .clearing import CheckOptions, check_shipment
from .document import read_document
from .ports import PartyScreener
from .shipment_file import load_shipment
from .validation import first_error


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExpectFile(_Strict):
    outcome: Annotated[str, Field(pattern="^(cleared|hold|denied)$")]
    reason: str | None = None


class ScenarioDateFile(_Strict):
    date: date
    label: str = ""


class ScenarioShipmentFile(_Strict):
    file: str
    expect: dict[date, ExpectFile] = Field(default_factory=dict)


class ScenarioFile(_Strict):
    title: str
    authorizations: str | None = None
    dates: list[ScenarioDateFile] = Field(min_length=1)
    shipments: list[ScenarioShipmentFile] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class ScenarioRun:
    title: str
    dates: tuple[ScenarioDateFile, ...]
    # (shipment id, date) -> decision; shipment ids in file order
    decisions: dict[tuple[str, date], Decision] = field(default_factory=dict)
    expectations: dict[tuple[str, date], ExpectFile] = field(default_factory=dict)
    shipment_ids: tuple[str, ...] = ()


def run_scenario(
    directory: Path,
    ruleset: RuleSet,
    screener: PartyScreener | None,
    *,
    reported_binds: bool = True,
) -> ScenarioRun:
    source = directory / "scenario.yaml"
    try:
        scenario = ScenarioFile.model_validate(read_document(source))
    except ValidationError as exc:
        where, message = first_error(exc)
        raise InputError(message, source=str(source), field=where) from None
    held = (
        load_authorizations(directory / scenario.authorizations) if scenario.authorizations else []
    )
    decisions: dict[tuple[str, date], Decision] = {}
    expectations: dict[tuple[str, date], ExpectFile] = {}
    ids: list[str] = []
    for entry in scenario.shipments:
        shipment = load_shipment(directory / entry.file)
        ids.append(shipment.id)
        for day in scenario.dates:
            options = CheckOptions(as_of=day.date, reported_binds=reported_binds)
            decisions[(shipment.id, day.date)] = check_shipment(
                shipment, held, ruleset, screener, options
            )
        for day_on, expect in entry.expect.items():
            expectations[(shipment.id, day_on)] = expect
    return ScenarioRun(
        title=scenario.title,
        dates=tuple(scenario.dates),
        decisions=decisions,
        expectations=expectations,
        shipment_ids=tuple(ids),
    )
