"""Liveness and readiness: `/healthz` answers while the process runs; `/readyz` once the
database answers and the screening index is built."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from ..deps import Ctx
from ..schemas import HealthResponse

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is up")
def healthz() -> HealthResponse:
    return HealthResponse(status="ok")


@router.get(
    "/readyz",
    summary="The database answers and the screening index is built",
    responses={503: {"model": HealthResponse, "description": "not ready yet"}},
)
def readyz(ctx: Ctx) -> JSONResponse:
    checks: dict[str, str] = {}
    try:
        with ctx.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:  # any failure means not ready; say which
        checks["database"] = f"{type(exc).__name__}"
    checks["screening_index"] = "ok" if ctx.index.ready else "building"
    ready = all(v == "ok" for v in checks.values())
    body = HealthResponse(status="ok" if ready else "not ready", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)
