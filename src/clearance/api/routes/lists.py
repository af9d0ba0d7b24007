"""Restricted-party lists: import uploaded files (then swap in a new index), show the status."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, UploadFile

from clearance.lists import ListFormat
from clearance.services.access import Action, Principal
from clearance.services.list_import import SnapshotInfo, show
from clearance.services.list_upload import import_uploads
from clearance.services.live_index import IndexStatus

from ..deps import Ctx, require
from ..schemas import ImportResponse, IndexResponse, ListsResponse, SnapshotResponse

router = APIRouter(tags=["lists"])


def snapshot_response(info: SnapshotInfo) -> SnapshotResponse:
    return SnapshotResponse(
        id=info.id,
        source=Path(info.source).name,
        format=info.format,
        data_date=info.data_date,
        imported_at=info.imported_at,
        entry_count=info.entry_count,
        lists=info.list_counts,
    )


def index_response(status: IndexStatus) -> IndexResponse:
    return IndexResponse(
        against=status.label,
        entries=status.entry_count,
        generation=status.generation,
        building=status.building,
        last_error=status.last_error,
    )


@router.get("/api/lists", summary="Imported list snapshots and the screening index in use")
def list_status(
    ctx: Ctx, _: Annotated[Principal, Depends(require(Action.LISTS_READ))]
) -> ListsResponse:
    return ListsResponse(
        snapshots=[snapshot_response(i) for i in show(ctx.snapshots)],
        index=index_response(ctx.index.status()),
    )


@router.post(
    "/api/lists/import",
    summary="Import list files; the new screening index is built beside the old and swapped in",
    status_code=202,
)
def import_lists(
    ctx: Ctx,
    _: Annotated[Principal, Depends(require(Action.LISTS_IMPORT))],
    files: Annotated[list[UploadFile], File(description="one list, or the parts of one")],
    format: Annotated[ListFormat | None, Form(description="default: detected")] = None,
) -> ImportResponse:
    results = import_uploads(ctx.snapshots, [(f.filename, f.file) for f in files], format)
    imported = [snapshot_response(r.info) for r in results if not r.unchanged]
    if imported:
        ctx.index.rebuild_in_background()
    return ImportResponse(
        imported=imported,
        unchanged=[r.info.id for r in results if r.unchanged],
        index=index_response(ctx.index.status()),
    )
