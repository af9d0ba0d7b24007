"""Input checks shared by the file formats: odd text, and (re-exported) the one error translator."""

from __future__ import annotations

import unicodedata

from clearance.domain.errors import InputError
from clearance.rules.file_errors import first_error

__all__ = ["first_error", "no_control_chars"]


def no_control_chars(text: str, *, source: str, field: str) -> None:
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200d":
            raise InputError(
                f"contains the control character U+{ord(ch):04X}", source=source, field=field
            )
