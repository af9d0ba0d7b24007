"""The one error hierarchy. Every error Clearance raises on purpose is a ClearanceError."""

from __future__ import annotations


class ClearanceError(Exception):
    """Base of every error Clearance raises on purpose."""


class LocatedError(ClearanceError):
    """An error about one place: names the source (file), the field and what is wrong there."""

    def __init__(
        self, message: str, *, source: str | None = None, field: str | None = None
    ) -> None:
        self.source = source
        self.field = field
        self.detail = message
        where = ": ".join(part for part in (source, field) if part)
        super().__init__(f"{where}: {message}" if where else message)


class InputError(LocatedError):
    """Bad input: names the source (file), the field and the offending value."""


class ConflictError(InputError):
    """Input that contradicts what is stored (an id already taken by other content; HTTP 409)."""


class RulePackError(LocatedError):
    """A rule pack that does not validate; names the file and the field."""


class ListFormatError(InputError):
    """A restricted-party list file that cannot be read."""


class UnavailableError(ClearanceError):
    """Not the caller's input: a download or a stored file failed (the CLI exits with 1)."""


class NotFoundError(ClearanceError):
    """A named thing (rule, authorization, snapshot) does not exist."""


class AuthenticationError(ClearanceError):
    """No credentials, or credentials that name no active user (HTTP 401)."""


class AccessDeniedError(ClearanceError):
    """An authenticated user asked for something its role, party or jurisdiction forbids."""
