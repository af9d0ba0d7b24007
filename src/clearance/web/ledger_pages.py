"""Dashboard pages on the ledger: overview, shipments, one shipment, authorizations, one
authorization (its balance as a chart), the ledger as of a day, the audit chain.

Each page reads through a read model in `clearance.services` and renders it; lists are cut to
what the signed-in principal may see, and a detail out of scope is refused through the gate
(logged, 403).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Protocol

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from clearance.domain.errors import ClearanceError, NotFoundError
from clearance.services.access import (
    POLICY,
    Action,
    Gate,
    Principal,
    authorization_scope_refusal,
    shipment_document_scope_refusal,
)
from clearance.services.ledger_approvals import authorization_detail, authorization_rows
from clearance.services.ledger_asof import ledger_on
from clearance.services.ledger_audit import export_audit, verify_audit
from clearance.services.ledger_model import ShipmentState
from clearance.services.ledger_ports import UnitOfWorkFactory
from clearance.services.ledger_views import overview, shipment_detail, shipment_rows

# Navigation entries of these pages: (path, label, the action the page needs)
NAV = (
    ("/ui/overview", "Overview", Action.LEDGER_READ),
    ("/ui/shipments", "Shipments", Action.LEDGER_READ),
    ("/ui/authorizations", "Authorizations", Action.LEDGER_READ),
    ("/ui/as-of", "As of", Action.LEDGER_READ),
    ("/ui/audit", "Audit", Action.AUDIT_VERIFY),
)


class PageRenderer(Protocol):
    def __call__(
        self, request: Request, template: str, who: Principal | None, **values: Any
    ) -> HTMLResponse: ...


Guarded = Callable[[Request, Action, Callable[[Principal], Response]], Response]


def create_ledger_router(
    gate: Gate, ledger: UnitOfWorkFactory, page: PageRenderer, guarded: Guarded
) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    def missing(request: Request, who: Principal, exc: ClearanceError) -> HTMLResponse:
        response = page(request, "forbidden.html", who, reason=str(exc), title="Not found")
        response.status_code = 404
        return response

    @router.get("/ui/overview")
    def overview_page(request: Request) -> Response:
        def render(who: Principal) -> HTMLResponse:
            return page(request, "ledger_overview.html", who, view=overview(ledger, who))

        return guarded(request, Action.LEDGER_READ, render)

    @router.get("/ui/shipments")
    def shipments_page(
        request: Request,
        state: ShipmentState | None = None,
        reason: Annotated[str, Query(max_length=200)] = "",
    ) -> Response:
        def render(who: Principal) -> HTMLResponse:
            rows = shipment_rows(ledger, who, state=state, reason=reason or None)
            return page(
                request,
                "ledger_shipments.html",
                who,
                rows=rows,
                state=state.value if state else "",
                reason=reason,
                states=[s.value for s in ShipmentState],
            )

        return guarded(request, Action.LEDGER_READ, render)

    @router.get("/ui/shipments/{shipment_id}")
    def shipment_page(request: Request, shipment_id: str) -> Response:
        def render(who: Principal) -> HTMLResponse:
            try:
                detail = shipment_detail(ledger, shipment_id)
            except NotFoundError as exc:
                return missing(request, who, exc)
            refusal = shipment_document_scope_refusal(who, detail["document"])
            gate.allow_scoped(who, Action.LEDGER_READ, refusal, request.url.path)
            return page(request, "ledger_shipment.html", who, detail=detail)

        return guarded(request, Action.LEDGER_READ, render)

    @router.get("/ui/authorizations")
    def authorizations_page(request: Request) -> Response:
        def render(who: Principal) -> HTMLResponse:
            rows = authorization_rows(ledger, who)
            return page(request, "ledger_authorizations.html", who, rows=rows)

        return guarded(request, Action.LEDGER_READ, render)

    @router.get("/ui/authorizations/{authorization_id}")
    def authorization_page(request: Request, authorization_id: str) -> Response:
        def render(who: Principal) -> HTMLResponse:
            try:
                detail = authorization_detail(ledger, who, authorization_id)
            except NotFoundError as exc:
                return missing(request, who, exc)
            refusal = authorization_scope_refusal(who, detail["document"])
            gate.allow_scoped(who, Action.LEDGER_READ, refusal, request.url.path)
            return page(request, "ledger_authorization.html", who, detail=detail)

        return guarded(request, Action.LEDGER_READ, render)

    @router.get("/ui/as-of")
    def as_of_page(request: Request, on: Annotated[str, Query(max_length=10)] = "") -> Response:
        def render(who: Principal) -> HTMLResponse:
            view, error = None, None
            if on:
                try:
                    view = ledger_on(ledger, who, date.fromisoformat(on))
                except ValueError:
                    error = f"on: not a date (YYYY-MM-DD): {on!r}"
            partial = request.headers.get("HX-Request")
            template = "ledger_as_of_state.html" if partial else "ledger_as_of.html"
            response = page(request, template, who, view=view, on=on, error=error)
            if error:
                response.status_code = 400
            return response

        return guarded(request, Action.LEDGER_READ, render)

    @router.get("/ui/audit")
    def audit_page(request: Request) -> Response:
        def render(who: Principal) -> HTMLResponse:
            can_export = who.role in POLICY[Action.AUDIT_EXPORT]
            report = verify_audit(ledger)
            return page(request, "ledger_audit.html", who, report=report, can_export=can_export)

        return guarded(request, Action.AUDIT_VERIFY, render)

    @router.get("/ui/audit/export")
    def audit_export(request: Request, format: str = "jsonl") -> Response:
        def render(who: Principal) -> Response:
            try:
                body = export_audit(ledger, format)
            except ClearanceError as exc:
                response = page(request, "forbidden.html", who, reason=str(exc), title="Bad format")
                response.status_code = 400
                return response
            media = "text/csv" if format == "csv" else "application/jsonl"
            name = f"clearance-audit.{format}"
            return Response(
                body,
                media_type=media,
                headers={"Content-Disposition": f'attachment; filename="{name}"'},
            )

        return guarded(request, Action.AUDIT_EXPORT, render)

    return router
