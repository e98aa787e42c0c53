"""``/index``: status for everyone, background rebuild for admins."""

from __future__ import annotations

from fastapi import APIRouter, Body, HTTPException

from api.deps import AdminDep, AssistantDep, RebuilderDep
from api.schemas import Problem, IndexStatus, RebuildOut, RebuildRequest

router = APIRouter(prefix="/index", tags=["index"])


@router.get("/status", response_model=IndexStatus)
def index_status(assistant: AssistantDep, rebuilder: RebuilderDep) -> IndexStatus:
    """The index being served (size, version, last update, organisations) and the rebuild's progress."""
    index = assistant.refresh()
    counts = index.counts if index else {"articles": 0, "chunks": 0}
    return IndexStatus(model=assistant.embedder.name, version=index.manifest.version if index else None,
                       updated_at=index.manifest.updated_at if index else None,
                       vector_index=index.manifest.vector_index if index else None,
                       sources=index.sources if index else [], rebuild=RebuildOut(**rebuilder.status()),
                       **counts)


@router.post("/rebuild", status_code=202, response_model=RebuildOut, dependencies=[AdminDep],
             responses={409: {"model": Problem, "description": "A rebuild is already running"}})
def rebuild(rebuilder: RebuilderDep, body: RebuildRequest = Body(default_factory=RebuildRequest)) -> RebuildOut:
    """Start bringing the index in step with the data folder, in the background.

    New and changed files are indexed, removed ones dropped; unchanged articles are not
    re-embedded. `/ask` keeps answering from the current index until the new one is complete.
    Follow progress with `GET /index/status`.
    """
    if not rebuilder.start(body.full):
        raise HTTPException(409, "a rebuild is already running; follow it at GET /index/status")
    return RebuildOut(**rebuilder.status())
