"""The HTTP API: `create_app(settings)` wires the use cases to FastAPI (ADR 0013).

    uvicorn --factory clearance.api.app:app_from_environment

Every route declares the action it needs (`require(Action...)`); every error is an RFC 9457
problem; bodies over the size limit are refused before a route reads them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from clearance import __version__
from clearance.services.access import POLICY
from clearance.services.webhooks import Sender
from clearance.settings import Settings, get_settings

from . import problems
from .context import ApiContext, build_context
from .deps import declared_action
from .dispatcher import Dispatcher
from .headers import SecurityHeaders
from .limits import BodyLimit
from .routes import (
    access,
    audit,
    authorizations,
    decisions,
    engine,
    health,
    lists,
    notices,
    rules,
    screening,
    shipments,
    volumes,
    webhooks,
)

UPLOAD_PATHS = ("/api/lists/import",)
ROUTERS = tuple(
    m.router
    for m in (
        health,
        access,
        engine,
        screening,
        lists,
        decisions,
        rules,
        shipments,
        webhooks,
        authorizations,
        notices,
        volumes,
        audit,
    )
)

DESCRIPTION = """Clearance decides whether a shipment of AI accelerators may go (cleared, hold
or denied) and says why; it classifies items and screens parties against the restricted-party
lists. Every request but the health checks carries `Authorization: Bearer <token>` (tokens come
from `clearance users add`); every error is `application/problem+json` (RFC 9457)."""


def create_app(
    settings: Settings | None = None,
    *,
    sender: Sender | None = None,
    context: ApiContext | None = None,
) -> FastAPI:
    """The app over `settings` (default: the environment); `sender` replaces HTTP for webhooks."""
    ctx = context or build_context(settings or get_settings(), sender=sender)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if not ctx.index.ready:
            ctx.index.rebuild_in_background()  # warm up; /readyz says when it is done
        dispatcher = None
        if ctx.settings.webhook_interval > 0:
            dispatcher = Dispatcher(ctx.webhooks, ctx.sender, ctx.settings.webhook_interval)
            dispatcher.start()
        try:
            yield
        finally:
            if dispatcher is not None:
                dispatcher.stop()

    app = FastAPI(
        title="Clearance",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # the interactive docs pages load their scripts from a CDN
        redoc_url=None,
    )
    app.state.ctx = ctx
    problems.install(app)
    _document_access(app)
    for router in ROUTERS:
        app.include_router(router)
    from clearance.web import dashboard

    app.include_router(
        dashboard.create_router(
            ctx.gate, ctx.index, ctx.ruleset, ctx.snapshots, ctx.webhooks, ctx.ledger
        )
    )
    app.mount("/static", dashboard.static_files(), name="static")
    app.add_middleware(SecurityHeaders)
    app.add_middleware(
        BodyLimit,
        limit=ctx.settings.api_max_body_bytes,
        upload_limit=ctx.settings.api_max_upload_bytes,
        upload_paths=UPLOAD_PATHS,
    )
    return app


def _document_access(app: FastAPI) -> None:
    """Each operation's OpenAPI entry names the action it needs and the roles that have it."""
    base = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = base()
        for router in ROUTERS:
            for route in router.routes:
                action = declared_action(route) if isinstance(route, APIRoute) else None
                if action is None:
                    continue
                roles = sorted(role.value for role in POLICY[action])
                for method in route.methods or ():
                    operation = schema["paths"][route.path_format][method.lower()]
                    operation["x-clearance-action"] = action.value
                    operation["x-clearance-roles"] = roles
                    operation["description"] = f"Needs `{action.value}`: {', '.join(roles)}." + (
                        f"\n\n{operation['description']}" if operation.get("description") else ""
                    )
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def app_from_environment() -> FastAPI:
    """For `uvicorn --factory`: each worker builds its own app from the environment."""
    return create_app()
