"""Quantity units: what a licence, an approval or a cap counts, and how a line converts to it.

A shipment line counts units of its item's form (ICs, boards or servers); an authorization or a
cap states the unit it counts. A line converts to ICs through the number of controlled ICs one
unit holds (`ItemSpec.ics_per_unit`); boards and servers do not convert into each other, nor do
ICs into assemblies: such a mismatch is refused, never guessed.
"""

from __future__ import annotations

from enum import StrEnum

from .errors import InputError
from .item import ItemForm
from .shipment import ShipmentLine


class QuantityUnit(StrEnum):
    ICS = "ics"
    BOARDS = "boards"
    SERVERS = "servers"


FORM_UNIT: dict[ItemForm, QuantityUnit] = {
    ItemForm.IC: QuantityUnit.ICS,
    ItemForm.BOARD: QuantityUnit.BOARDS,
    ItemForm.SERVER: QuantityUnit.SERVERS,
}


class UnitMismatchError(InputError):
    """A quantity in one unit cannot be counted in another (e.g. servers against boards)."""


def line_unit(line: ShipmentLine) -> QuantityUnit:
    return FORM_UNIT[line.item.form]


def count_in(line: ShipmentLine, unit: QuantityUnit, *, against: str) -> int:
    """The line's quantity counted in `unit`; `against` names what counts it (for the error)."""
    own = line_unit(line)
    if unit is own:
        return line.quantity
    if unit is QuantityUnit.ICS:
        return line.quantity * line.item.ics_per_unit
    raise UnitMismatchError(
        f"{against} counts {unit.value}, but the line of {line.item.name} is counted in "
        f"{own.value}, which cannot be converted to {unit.value}",
        field="quantity_unit",
    )
