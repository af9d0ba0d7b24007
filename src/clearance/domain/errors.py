"""The one error hierarchy. Every error Clearance raises on purpose is a ClearanceError."""

from __future__ import annotations


class ClearanceError(Exception):
    """Base of every error Clearance raises on purpose."""


class InputError(ClearanceError):
    """Bad input: names the source (file), the field and the offending value."""

    def __init__(
        self, message: str, *, source: str | None = None, field: str | None = None
    ) -> None:
        self.source = source
        self.field = field
        self.detail = message
        where = ": ".join(part for part in (source, field) if part)
        super().__init__(f"{where}: {message}" if where else message)


class RulePackError(ClearanceError):
    """A rule pack that does not validate; names the file and the field."""

    def __init__(
        self, message: str, *, source: str | None = None, field: str | None = None
    ) -> None:
        self.source = source
        self.field = field
        self.detail = message
        where = ": ".join(part for part in (source, field) if part)
        super().__init__(f"{where}: {message}" if where else message)


class ListFormatError(InputError):
    """A restricted-party list file that cannot be read."""


class NotFoundError(ClearanceError):
    """A named thing (rule, authorization, snapshot) does not exist."""
