"""Screen one name, or a batch of up to 10,000 streamed back as JSON lines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse, StreamingResponse

from clearance.domain.country import parse_country
from clearance.domain.errors import UnavailableError
from clearance.screening import Screener, ScreeningQuery
from clearance.services.access import Action, Principal
from clearance.services.screening import BATCH_CHUNK, hit_dict, parse_entry_type

from ..deps import Ctx, require
from ..schemas import ScreenBatchRequest, ScreenRequest, ScreenResponse

router = APIRouter(tags=["screening"])
# One name is screened on the event loop: the work is CPU-bound and holds the GIL either way,
# so a hop to the thread pool adds latency and no parallelism. A batch runs in the pool.
NDJSON = "application/x-ndjson"


def _query(name: str, country: str | None, kind: str | None, field: str) -> ScreeningQuery:
    code = parse_country(country, field=f"{field}country") if country else None
    entry_type = parse_entry_type(kind) if kind else None
    return ScreeningQuery(name, code, entry_type)


@router.post(
    "/api/screening",
    summary="Screen one name against the restricted-party lists, with the hits explained",
    response_model=ScreenResponse,
)
async def screen(
    body: ScreenRequest,
    ctx: Ctx,
    _: Annotated[Principal, Depends(require(Action.SCREEN))],
) -> JSONResponse:
    query = _query(body.name, body.country, body.type, "")
    if not ctx.index.ready:  # never build on the event loop: the warm-up build is running
        raise UnavailableError("the screening index is being built; try again in a few seconds")
    version = ctx.index.current()
    hits = version.screener.screen(
        query.name,
        country=query.country,
        entry_type=query.entry_type,
        threshold=body.threshold,
        limit=body.limit,
    )
    # The document is built by the use case's own view; validating it again costs more than
    # the screening itself (ScreenResponse documents it in the OpenAPI description).
    return JSONResponse(
        {"query": body.name, "against": version.label, "hits": [hit_dict(h) for h in hits]}
    )


@router.post(
    "/api/screening/batch",
    summary="Screen up to 10,000 names; one JSON line per name, in input order",
    response_class=StreamingResponse,
    responses={200: {"content": {NDJSON: {}}, "description": "one JSON object per line"}},
)
def screen_batch(
    body: ScreenBatchRequest,
    ctx: Ctx,
    _: Annotated[Principal, Depends(require(Action.SCREEN))],
) -> StreamingResponse:
    # Every row is checked before the first line is sent, so a bad row is one 400 problem.
    queries = [
        _query(row.name, row.country, row.type, f"names[{i}].") for i, row in enumerate(body.names)
    ]
    ids = [row.id for row in body.names]
    version = ctx.index.current()
    lines = _lines(version.screener, ids, queries, body.threshold, body.limit, version.label)
    return StreamingResponse(lines, media_type=NDJSON)


def _lines(
    screener: Screener,
    ids: list[str],
    queries: list[ScreeningQuery],
    threshold: float | None,
    limit: int,
    against: str,
) -> Iterator[bytes]:
    for start in range(0, len(queries), BATCH_CHUNK):
        chunk = queries[start : start + BATCH_CHUNK]
        found = screener.screen_many(chunk, threshold=threshold, limit=limit)
        out: list[str] = []
        for ident, hits in zip(ids[start : start + BATCH_CHUNK], found, strict=True):
            row: dict[str, Any] = {
                "id": ident,
                "against": against,
                "hits": [hit_dict(h) for h in hits],
            }
            out.append(json.dumps(row, ensure_ascii=False))
        yield ("\n".join(out) + "\n").encode("utf-8")
