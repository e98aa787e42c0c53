"""``GET /health``."""

from __future__ import annotations

import re

from fastapi import APIRouter

from api.deps import AssistantDep
from api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(assistant: AssistantDep) -> Health:
    """Whether the service can answer, the index size and the model it was built with."""
    index = assistant.refresh()
    counts = index.counts if index else {"articles": 0, "chunks": 0}
    problem = getattr(assistant, "problem", None)
    # Ready means answers come from the index as written; a fallback to the previous
    # version still answers but is reported (and not ready) so that monitoring notices.
    return Health(ready=index is not None and counts["chunks"] > 0 and problem is None, model=assistant.embedder.name,
                  index_version=index.manifest.version if index else None, problem=public_problem(problem),
                  generation=bool(assistant.settings.llm_url), **counts)


def public_problem(problem: str | None) -> str | None:
    """The reason without server paths (the log has them)."""
    return problem and re.sub(r"(/[^\s/:;,()]+)+/", "", problem)
