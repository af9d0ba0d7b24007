"""Dashboard pages. Sign-in puts the API token in an HttpOnly, SameSite=Strict cookie; every
page authenticates it through the same gate as the API and shows only what the role may do.

Pages: sign-in, home (who you are, the lists in use), screening (a name and its hits
explained), rules (as of a day, one rule), check (a shipment pasted in, the decision with its
reasons, citations and what would clear it), classify (datasheet figures in, control code out),
activity (refused requests and webhook deliveries, for admins and auditors). The ledger's
pages (overview, shipments, authorizations, as of a day, audit) are in `ledger_pages`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload

from clearance.domain.errors import AccessDeniedError, AuthenticationError, ClearanceError
from clearance.domain.rule import RuleSet
from clearance.services.access import POLICY, Action, Gate, Principal, hash_token
from clearance.services.ledger_ports import UnitOfWorkFactory
from clearance.services.list_import import SnapshotRepository, show
from clearance.services.list_upload import import_uploads
from clearance.services.live_index import LiveIndex
from clearance.services.rule_view import find_rule, meta_dict, rules_on
from clearance.services.webhooks import WebhookStore

from .check_form import CheckForm, decide_form, example_form
from .forms import classify_form
from .ledger_pages import NAV as LEDGER_NAV
from .ledger_pages import create_ledger_router

HERE = Path(__file__).parent
COOKIE = "clearance_token"
templates = Jinja2Templates(directory=HERE / "templates")

# Navigation: (path, label, the action the page needs)
NAV = (
    ("/ui/", "Home", Action.WHOAMI),
    *LEDGER_NAV,
    ("/ui/screening", "Screening", Action.SCREEN),
    ("/ui/rules", "Rules", Action.RULES_READ),
    ("/ui/check", "Check", Action.CHECK),
    ("/ui/classify", "Classify", Action.CLASSIFY),
    ("/ui/activity", "Activity", Action.REFUSALS_READ),
)


def static_files() -> StaticFiles:
    return StaticFiles(directory=HERE / "static")


class _SignInRequiredError(Exception):
    """No valid cookie: send the browser to the sign-in page."""


def create_router(
    gate: Gate,
    index: LiveIndex,
    ruleset: RuleSet,
    snapshots: SnapshotRepository,
    webhooks: WebhookStore,
    ledger: UnitOfWorkFactory,
) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    def principal(request: Request, action: Action) -> Principal:
        try:
            who = gate.authenticate(request.cookies.get(COOKIE), action, request.url.path)
        except AuthenticationError:
            raise _SignInRequiredError from None
        gate.allow(who, action, request.url.path)
        return who

    def page(request: Request, template: str, who: Principal | None, **values: Any) -> HTMLResponse:
        nav = [(p, label) for p, label, need in NAV if who and who.role in POLICY[need]]
        context = {"who": who, "nav": nav, "path": request.url.path, **values}
        return templates.TemplateResponse(request, template, context)

    def guarded(
        request: Request, action: Action, render: Callable[[Principal], Response]
    ) -> Response:
        try:
            who = principal(request, action)
            return render(who)
        except _SignInRequiredError:
            return RedirectResponse(f"/ui/signin?next={request.url.path}", status_code=303)
        except AccessDeniedError as exc:
            response = page(request, "forbidden.html", _quiet(gate, request), reason=str(exc))
            response.status_code = 403
            return response

    router.include_router(create_ledger_router(gate, ledger, page, guarded))

    @router.get("/")
    def root() -> RedirectResponse:
        return RedirectResponse("/ui/", status_code=303)

    @router.get("/ui/signin")
    def signin_form(request: Request, next: str = "/ui/") -> HTMLResponse:
        return page(request, "signin.html", None, next=_local(next), error=None)

    @router.post("/ui/signin")
    def signin(
        request: Request, token: Annotated[str, Form()], next: Annotated[str, Form()] = "/ui/"
    ) -> Response:
        try:
            gate.authenticate(token.strip(), "signin", "/ui/signin")
        except AuthenticationError:
            response = page(
                request, "signin.html", None, next=_local(next), error="That token is not valid."
            )
            response.status_code = 401
            return response
        redirect = RedirectResponse(_local(next), status_code=303)
        redirect.set_cookie(
            COOKIE, token.strip(), httponly=True, samesite="strict", secure=_https(request)
        )
        return redirect

    @router.post("/ui/signout")
    def signout() -> RedirectResponse:
        redirect = RedirectResponse("/ui/signin", status_code=303)
        redirect.delete_cookie(COOKIE)
        return redirect

    @router.get("/ui/")
    def home(request: Request) -> Response:
        return guarded(request, Action.WHOAMI, lambda who: home_page(request, who))

    def home_page(
        request: Request, who: Principal, message: str | None = None, error: str | None = None
    ) -> HTMLResponse:
        allowed = sorted(a.value for a, roles in POLICY.items() if who.role in roles)
        infos = show(snapshots) if who.role in POLICY[Action.LISTS_READ] else []
        return page(
            request,
            "home.html",
            who,
            index=index.status(),
            snapshots=infos,
            allowed=allowed,
            can_import=who.role in POLICY[Action.LISTS_IMPORT],
            message=message,
            error=error,
        )

    @router.post("/ui/lists/import")
    async def import_lists(request: Request) -> Response:
        def render(who: Principal, uploads: list[StarletteUpload]) -> HTMLResponse:
            try:
                results = import_uploads(snapshots, [(f.filename, f.file) for f in uploads])
            except ClearanceError as exc:
                response = home_page(request, who, error=str(exc))
                response.status_code = 400
                return response
            new = [r.info.id for r in results if not r.unchanged]
            if new:
                index.rebuild_in_background()
            message = (
                f"imported {', '.join(new)}; the new screening index is being built"
                if new
                else "these files were imported before; nothing changed"
            )
            return home_page(request, who, message=message)

        async with request.form() as form:  # closes the spooled upload files afterwards
            uploads = [
                f for f in form.getlist("files") if isinstance(f, StarletteUpload) and f.filename
            ]
            # Reading a list takes seconds: off the event loop, like the API's import.
            return await run_in_threadpool(
                guarded, request, Action.LISTS_IMPORT, lambda who: render(who, uploads)
            )

    @router.get("/ui/screening")
    def screening(
        request: Request,
        name: Annotated[str, Query(max_length=500)] = "",
        country: Annotated[str, Query(max_length=2)] = "",
    ) -> Response:
        def render(who: Principal) -> HTMLResponse:
            hits, error, against = _screen(index, name, country)
            template = (
                "screening_hits.html" if request.headers.get("HX-Request") else "screening.html"
            )
            return page(
                request,
                template,
                who,
                name=name,
                country=country,
                hits=hits,
                error=error,
                against=against,
            )

        return guarded(request, Action.SCREEN, render)

    @router.get("/ui/rules")
    def rules(request: Request, as_of: Annotated[str, Query(max_length=10)] = "") -> Response:
        def render(who: Principal) -> HTMLResponse:
            day, error = _day(as_of)
            metas = [meta_dict(m, day) for m in rules_on(ruleset, day)]
            return page(
                request,
                "rules.html",
                who,
                rules=metas,
                as_of=as_of,
                error=error,
                ruleset_hash=ruleset.content_hash,
            )

        return guarded(request, Action.RULES_READ, render)

    @router.get("/ui/rules/{rule_id}")
    def rule(request: Request, rule_id: str) -> Response:
        def render(who: Principal) -> HTMLResponse:
            try:
                meta = meta_dict(find_rule(ruleset, rule_id), None)
            except ClearanceError as exc:
                response = page(request, "forbidden.html", who, reason=str(exc), title="Not found")
                response.status_code = 404
                return response
            return page(request, "rule.html", who, rule=meta)

        return guarded(request, Action.RULES_READ, render)

    @router.get("/ui/classify")
    def classify_page(request: Request) -> Response:
        return guarded(
            request,
            Action.CLASSIFY,
            lambda who: page(request, "classify.html", who, form={}, report=None, error=None),
        )

    @router.post("/ui/classify")
    async def classify(request: Request) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}

        def render(who: Principal) -> HTMLResponse:
            report, error = classify_form(form, ruleset)
            template = (
                "classify_result.html" if request.headers.get("HX-Request") else "classify.html"
            )
            return page(request, template, who, form=form, report=report, error=error)

        return guarded(request, Action.CLASSIFY, render)

    @router.get("/ui/check")
    def check_page(request: Request, example: bool = False) -> Response:
        form = example_form() if example else CheckForm()
        return guarded(
            request,
            Action.CHECK,
            lambda who: page(request, "check.html", who, form=form, decision=None, error=None),
        )

    @router.post("/ui/check")
    def check(
        request: Request,
        shipment: Annotated[str, Form(max_length=1_000_000)] = "",
        authorizations: Annotated[str, Form(max_length=1_000_000)] = "",
        as_of: Annotated[str, Form(max_length=10)] = "",
    ) -> Response:
        form = CheckForm(shipment, authorizations, as_of)

        def render(who: Principal) -> HTMLResponse:
            decision, error = decide_form(form, who, gate, index, ruleset)
            partial = request.headers.get("HX-Request")
            template = "decision.html" if partial else "check.html"
            return page(request, template, who, form=form, decision=decision, error=error)

        return guarded(request, Action.CHECK, render)

    @router.get("/ui/activity")
    def activity(request: Request) -> Response:
        def render(who: Principal) -> HTMLResponse:
            deliveries = (
                webhooks.deliveries(limit=50) if who.role in POLICY[Action.WEBHOOKS_READ] else None
            )
            return page(
                request, "activity.html", who, refusals=gate.log.recent(50), deliveries=deliveries
            )

        return guarded(request, Action.REFUSALS_READ, render)

    return router


def _quiet(gate: Gate, request: Request) -> Principal | None:
    """The cookie's principal for the page frame, without logging a second refusal."""
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    user = gate.users.by_token_hash(hash_token(token))
    return user.principal if user is not None and user.active else None


def _local(path: str) -> str:
    """Only local paths as redirect targets (no open redirect)."""
    return path if path.startswith("/ui/") and "//" not in path and "\\" not in path else "/ui/"


def _https(request: Request) -> bool:
    return request.url.scheme == "https"


def _day(text: str) -> tuple[date | None, str | None]:
    if not text:
        return None, None
    try:
        return date.fromisoformat(text), None
    except ValueError:
        return None, f"not a date (YYYY-MM-DD): {text!r}"


def _screen(index: LiveIndex, name: str, country: str) -> tuple[list[Any], str | None, str]:
    from clearance.domain.country import parse_country
    from clearance.services.screening import hit_dict

    version = index.current()
    if not name.strip():
        return [], None, version.label
    try:
        code = parse_country(country, field="country") if country.strip() else None
    except ClearanceError as exc:
        return [], str(exc), version.label
    hits = version.screener.screen(name.strip(), country=code, limit=10)
    return [hit_dict(h) for h in hits], None, version.label
