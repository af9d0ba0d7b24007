"""The one translator of Pydantic validation errors into a single clear error line.

Every file model (rule packs, item specs, shipments, authorizations, scenarios, the item master)
reports its first error the same way: the field path (`lines[0].quantity`), what is wrong, and
the offending value, shortened; other failing fields are listed after it.
"""

from __future__ import annotations

import math
import reprlib
from collections.abc import Callable

from pydantic import ValidationError
from pydantic_core import ErrorDetails

KeyHint = Callable[[str, object], str]


def first_error(exc: ValidationError, key_hint: KeyHint | None = None) -> tuple[str | None, str]:
    """(field path, message with the offending value) of the first validation error.

    `key_hint(field, key)` words the message for an unknown mapping key (e.g. a precision).
    """
    errors = exc.errors()
    field, message = describe(errors[0], key_hint)
    others = sorted({describe(e)[0] or "(top level)" for e in errors[1:]} - {field})
    if others:
        message += f" (also check: {', '.join(others[:5])}{', ...' if len(others) > 5 else ''})"
    return field or None, message


# Tags of Clearance's own tagged unions, which name a form, not a field.
_UNION_TAGS = frozenset({"<code>", "<dated>", "<file>", "<inline>"})


def field_path(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if part in _UNION_TAGS:
            continue
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}[{part}]"] if parts else [f"[{part}]"]
        else:
            parts.append(str(part))
    return ".".join(parts)


def describe(error: ErrorDetails, key_hint: KeyHint | None = None) -> tuple[str, str]:
    loc = tuple(error["loc"])
    value = error.get("input")
    kind = error["type"]
    if loc[-1:] == ("[key]",):
        field = field_path(loc[:-1])
        return field, key_hint(field, value) if key_hint else f"unknown key {short(value)}"
    field = field_path(loc)
    if kind == "extra_forbidden":
        return field, f"unknown field (got {short(value)})"
    if kind == "missing":
        return field, "required field is missing"
    if kind == "value_error":
        return field, str(error.get("ctx", {}).get("error", error["msg"]))
    if kind == "bool_type":
        return field, f"must be true or false (got {short(value)})"
    if kind in ("float_type", "int_type") and isinstance(value, bool):
        return field, f"must be a number, not a boolean (got {short(value)})"
    if kind in ("float_type", "int_type"):
        return field, f"must be a number (got {short(value)})"
    if kind == "finite_number" or (isinstance(value, float) and not math.isfinite(value)):
        return field, f"must be a finite number (got {short(value)})"
    msg = error["msg"].replace("Input should be", "must be", 1)
    return field, f"{msg[:1].lower()}{msg[1:]} (got {short(value)})"


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxstring = 2, 4, 4, 50


def short(value: object) -> str:
    # Bounded: the input may be a huge (or alias-shared) structure whose full repr never ends.
    text = _REPR.repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
