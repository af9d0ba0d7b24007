"""RFC 9457 problem details: every error the API returns is `application/problem+json`.

A problem names what was wrong: `field` (a dotted path into the body, or a query parameter)
and `detail` (one sentence with the offending value). The error hierarchy is mapped to HTTP
status here and nowhere else.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from clearance.domain.errors import (
    AccessDeniedError,
    AuthenticationError,
    ClearanceError,
    ConflictError,
    LocatedError,
    NotFoundError,
    UnavailableError,
)
from clearance.services.ledger_ports import LedgerConflictError

PROBLEM_JSON = "application/problem+json"
_LOG = logging.getLogger("clearance.api")

_TYPES = {
    400: "bad-input",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    409: "conflict",
    413: "too-large",
    415: "unsupported-media-type",
    422: "invalid-field",
    503: "unavailable",
    500: "internal",
}
_TITLES = {
    400: "Bad input",
    401: "Not signed in",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    413: "Request too large",
    415: "Unsupported media type",
    422: "Invalid field",
    503: "Unavailable",
    500: "Internal error",
}


def problem(
    status: int,
    detail: str,
    *,
    instance: str | None = None,
    field: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"urn:clearance:problem:{_TYPES.get(status, 'error')}",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": " ".join(detail.split()),
    }
    if instance:
        body["instance"] = instance
    if field:
        body["field"] = field
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field_path(loc: tuple[Any, ...] | list[Any]) -> tuple[str, str]:
    """('body', 'item', 'rates', 0) -> ('body', 'item.rates[0]')."""
    where = str(loc[0]) if loc else "body"
    parts: list[str] = []
    for part in loc[1:]:
        if isinstance(part, int) and parts:
            parts[-1] = f"{parts[-1]}[{part}]"
        else:
            parts.append(str(part))
    return where, ".".join(parts) or where


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for error in exc.errors():
        where, field = _field_path(tuple(error.get("loc", ())))
        message = str(error.get("msg", "invalid"))
        if error.get("type") != "missing" and "input" in error:
            message = f"{message} (got {_shown(error['input'])})"
        out.append({"in": where, "field": field, "message": message})
    return out


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into a problem."""

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = validation_errors(exc)
        first = errors[0] if errors else {"field": "", "message": "invalid request"}
        field, message = str(first["field"]), str(first["message"])
        detail = f"{field}: {message}" if field else message
        return problem(422, detail, instance=request.url.path, field=field or None, errors=errors)

    @app.exception_handler(AuthenticationError)
    async def _unauthenticated(request: Request, exc: AuthenticationError) -> JSONResponse:
        return problem(
            401, str(exc), instance=request.url.path, headers={"WWW-Authenticate": "Bearer"}
        )

    @app.exception_handler(AccessDeniedError)
    async def _forbidden(request: Request, exc: AccessDeniedError) -> JSONResponse:
        return problem(403, str(exc), instance=request.url.path)

    @app.exception_handler(NotFoundError)
    async def _not_found(request: Request, exc: NotFoundError) -> JSONResponse:
        return problem(404, str(exc), instance=request.url.path)

    @app.exception_handler(UnavailableError)
    async def _unavailable(request: Request, exc: UnavailableError) -> JSONResponse:
        return problem(503, str(exc), instance=request.url.path, headers={"Retry-After": "5"})

    @app.exception_handler(LedgerConflictError)
    async def _conflict(request: Request, exc: LedgerConflictError) -> JSONResponse:
        detail = "concurrent changes to the same ledger records; retry (with the same key)"
        return problem(409, detail, instance=request.url.path, headers={"Retry-After": "1"})

    @app.exception_handler(ConflictError)
    async def _conflicting(request: Request, exc: ConflictError) -> JSONResponse:
        return problem(409, exc.detail, instance=request.url.path, field=exc.field)

    @app.exception_handler(LocatedError)
    async def _bad_input(request: Request, exc: LocatedError) -> JSONResponse:
        return problem(400, exc.detail, instance=request.url.path, field=exc.field)

    @app.exception_handler(ClearanceError)
    async def _other(request: Request, exc: ClearanceError) -> JSONResponse:
        return problem(400, str(exc), instance=request.url.path)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers = dict(exc.headers) if exc.headers else None
        return problem(exc.status_code, str(exc.detail), instance=request.url.path, headers=headers)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        _LOG.exception("internal error on %s", request.url.path)
        return problem(500, "internal error; it has been logged", instance=request.url.path)
