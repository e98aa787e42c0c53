"""``/index``: status for everyone, background rebuild for admins."""

from __future__ import annotations

import threading

from fastapi import APIRouter, Body

from api.deps import AdminDep, AssistantDep, RebuilderDep
from api.schemas import CodedError, Problem, IndexStatus, RebuildOut, RebuildRequest

router = APIRouter(prefix="/index", tags=["index"])


@router.get("/status", response_model=IndexStatus)
def index_status(assistant: AssistantDep, rebuilder: RebuilderDep) -> IndexStatus:
    """The index being served (size, version, last update, organisations, date range) and the rebuild's progress."""
    index = assistant.refresh()
    counts = index.counts if index else {"articles": 0, "chunks": 0}
    first, last = _date_range(index) if index else (None, None)
    return IndexStatus(model=assistant.embedder.name, version=index.manifest.version if index else None,
                       updated_at=index.manifest.updated_at if index else None,
                       vector_index=index.manifest.vector_index if index else None,
                       sources=index.sources if index else [], rebuild=RebuildOut(**rebuilder.status()),
                       first_date=first, last_date=last, **counts)


_ranges: dict[tuple[str, int], tuple[str | None, str | None]] = {}
_ranges_lock = threading.Lock()


def _date_range(index) -> tuple[str | None, str | None]:
    """Earliest and latest article date of an index version (a version never changes: read once)."""
    key = (str(index.manifest.updated_at), index.manifest.version)
    with _ranges_lock:
        if key not in _ranges:
            # The status is polled by every open chat: one small query per version, not per call.
            row = index.store.db.execute(
                "SELECT min(date), max(date) FROM articles WHERE date IS NOT NULL AND date != ''").fetchone()
            _ranges.clear()
            _ranges[key] = (row[0], row[1])
        return _ranges[key]


@router.post("/rebuild", status_code=202, response_model=RebuildOut, dependencies=[AdminDep],
             responses={409: {"model": Problem, "description": "A rebuild is already running"}})
def rebuild(rebuilder: RebuilderDep, body: RebuildRequest = Body(default_factory=RebuildRequest)) -> RebuildOut:
    """Start bringing the index in step with the data folder, in the background.

    New and changed files are indexed, removed ones dropped; unchanged articles are not
    re-embedded. `/ask` keeps answering from the current index until the new one is complete.
    Follow progress with `GET /index/status`: when done, `report` holds what this rebuild
    changed (`added`, `updated`, `removed`…) and, under `between`, what uploads and deletes
    through the API had already changed in the index since the previous rebuild (or since
    the server started), which a rebuild does not count again.
    """
    if not rebuilder.start(body.full):
        raise CodedError(409, "a rebuild is already running; follow it at GET /index/status", "busy")
    return RebuildOut(**rebuilder.status())
