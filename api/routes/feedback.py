"""``/feedback``: staff rate answers; admins review the ratings."""

from __future__ import annotations

from fastapi import APIRouter, Query

from api.deps import AdminDep, FeedbackDep
from api.schemas import FeedbackIn, FeedbackOut

router = APIRouter(prefix="/feedback", tags=["feedback"])


@router.post("", status_code=201, response_model=FeedbackOut)
def add_feedback(body: FeedbackIn, store: FeedbackDep) -> FeedbackOut:
    """Record 👍 or 👎 (and an optional comment) for an answer."""
    return FeedbackOut(**store.add(body.rating, body.question, body.answer, body.comment, body.article_ids))


@router.get("", response_model=list[FeedbackOut], dependencies=[AdminDep])
def list_feedback(store: FeedbackDep, limit: int = Query(100, ge=1, le=1000),
                  offset: int = Query(0, ge=0, le=10_000_000)) -> list[FeedbackOut]:
    """Feedback, newest first, for review."""
    return [FeedbackOut(**row) for row in store.recent(limit, offset)]
