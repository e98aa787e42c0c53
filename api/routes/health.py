"""``GET /health``."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AssistantDep
from api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(assistant: AssistantDep) -> Health:
    """Whether the service can answer, the index size and the model it was built with."""
    index = assistant.refresh()
    counts = index.counts if index else {"articles": 0, "chunks": 0}
    return Health(ready=index is not None and counts["chunks"] > 0, model=assistant.embedder.name,
                  index_version=index.manifest.version if index else None, **counts)
