"""Small helpers that turn Pydantic errors and odd text into one clear InputError message."""

from __future__ import annotations

import unicodedata

from pydantic import ValidationError

from clearance.domain.errors import InputError


def first_error(exc: ValidationError) -> tuple[str, str]:
    """(field path, message with the offending value) of the first validation error."""
    error = exc.errors()[0]
    parts: list[str] = []
    for part in error["loc"]:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}[{part}]"] if parts else [f"[{part}]"]
        else:
            parts.append(str(part))
    value = error.get("input")
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    message = error["msg"]
    if error["type"] != "missing":
        message = f"{message} (got {shown})"
    return ".".join(parts), message


def no_control_chars(text: str, *, source: str, field: str) -> None:
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200d":
            raise InputError(
                f"contains the control character U+{ord(ch):04X}", source=source, field=field
            )
