"""``/feedback``: staff rate answers (stored on click, updated on change); admins review the ratings."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Path, Query

from api.deps import AdminDep, ConversationsDep, FeedbackDep
from api.schemas import FeedbackIn, FeedbackOut, FeedbackUpdate, Problem

router = APIRouter(prefix="/feedback", tags=["feedback"])

_NOT_FOUND = {404: {"model": Problem, "description": "Unknown feedback, conversation or turn"}}


@router.post("", status_code=201, response_model=FeedbackOut, responses=_NOT_FOUND)
def add_feedback(body: FeedbackIn, store: FeedbackDep, conversations: ConversationsDep) -> FeedbackOut:
    """Record 👍 or 👎 for an answer as soon as it is clicked; the comment is optional.

    Keep the returned `id`: a changed rating or a later comment goes to `PATCH /feedback/{id}`,
    so the store holds what the person last chose, not one row per click. With
    `conversation_id` and `turn`, the rating is also shown when that conversation is reopened.
    """
    linked = body.conversation_id is not None and body.turn is not None
    if (body.conversation_id is None) != (body.turn is None):
        raise HTTPException(422, "send conversation_id and turn together, or neither")
    if linked and not _turn_exists(conversations, body.conversation_id, body.turn):
        raise HTTPException(404, f"no turn {body.turn} in conversation {body.conversation_id!r}")
    row = store.add(body.rating, body.question, body.answer, body.comment, body.article_ids,
                    body.conversation_id, body.turn, body.short_answer)
    if linked:
        conversations.set_feedback(body.conversation_id, body.turn, row["id"], row["rating"], row["comment"])
    return FeedbackOut(**row)


@router.patch("/{feedback_id}", response_model=FeedbackOut, responses=_NOT_FOUND)
def update_feedback(body: FeedbackUpdate, store: FeedbackDep, conversations: ConversationsDep,
                    feedback_id: int = Path(ge=1, le=2**62)) -> FeedbackOut:
    """Change a stored rating (👎 to 👍) and/or its comment; fields left out stay as they were."""
    comment = (body.comment or None) if "comment" in body.model_fields_set else None
    row = store.update(feedback_id, body.rating, comment, clear_comment="comment" in body.model_fields_set)
    if row is None:
        raise HTTPException(404, f"no feedback with id {feedback_id}")
    if row["conversation_id"] is not None and row["turn"] is not None:
        conversations.set_feedback(row["conversation_id"], row["turn"], row["id"], row["rating"], row["comment"])
    return FeedbackOut(**row)


@router.get("", response_model=list[FeedbackOut], dependencies=[AdminDep])
def list_feedback(store: FeedbackDep, limit: int = Query(100, ge=1, le=1000),
                  offset: int = Query(0, ge=0, le=10_000_000)) -> list[FeedbackOut]:
    """Feedback, most recently given or changed first, for review."""
    return [FeedbackOut(**row) for row in store.recent(limit, offset)]


def _turn_exists(conversations, conversation_id: str, seq: int) -> bool:
    found = conversations.get(conversation_id)
    return found is not None and any(t["seq"] == seq for t in found["turns"])
