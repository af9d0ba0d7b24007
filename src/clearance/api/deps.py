"""Request dependencies: the app's context, and the access each endpoint declares it needs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from clearance.services.access import Action, Principal

from .context import ApiContext

bearer = HTTPBearer(auto_error=False, description="An API token from `clearance users add`.")


def _context(request: Request) -> ApiContext:
    ctx: ApiContext = request.app.state.ctx
    return ctx


async def context(request: Request) -> ApiContext:
    """The app's context (async: a sync dependency would cost a thread-pool hop)."""
    return _context(request)


Ctx = Annotated[ApiContext, Depends(context)]


def require(action: Action) -> Callable[..., Awaitable[Principal]]:
    """A dependency: the signed-in principal, refused (and logged) unless it may `action`.

    It runs on the event loop (one indexed SELECT), not in the thread pool: a thread hop per
    request costs more than the query.
    """

    async def dependency(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Principal:
        ctx = _context(request)
        token = credentials.credentials if credentials else None
        principal = ctx.gate.authenticate(token, action, request.url.path)
        ctx.gate.allow(principal, action, request.url.path)
        return principal

    dependency.required_action = action  # type: ignore[attr-defined]
    return dependency


def declared_action(route: APIRoute) -> Action | None:
    """The action a route declares with `Depends(require(...))`, if any."""
    for dependency in route.dependant.dependencies:
        action = getattr(dependency.call, "required_action", None)
        if isinstance(action, Action):
            return action
    return None
