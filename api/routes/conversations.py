"""``/conversations``: the chat's conversations, kept so that a reload or a link brings one back."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Path, Query

from api.deps import ConversationsDep
from api.schemas import ConversationIn, ConversationOut, ConversationSummary, Problem, TurnIn, TurnOut

router = APIRouter(prefix="/conversations", tags=["conversations"])

ConversationId = Path(pattern=r"^[A-Za-z0-9_-]{1,64}$", description="The id `POST /conversations` returned.")
_NOT_FOUND = {404: {"model": Problem, "description": "Unknown conversation"}}


@router.post("", status_code=201, response_model=ConversationSummary)
def create_conversation(body: ConversationIn, store: ConversationsDep) -> ConversationSummary:
    """Start a conversation; its random `id` goes in the chat's URL (`?c=<id>`).

    The title (normally the first question) is what the recent list shows, cut to 120 characters.
    """
    return ConversationSummary(**store.create(body.title))


@router.get("", response_model=list[ConversationSummary])
def recent_conversations(store: ConversationsDep, limit: int = Query(20, ge=1, le=200)) -> list[ConversationSummary]:
    """Conversations that hold at least one question, most recently continued first."""
    return [ConversationSummary(**row) for row in store.recent(limit)]


@router.get("/{conversation_id}", response_model=ConversationOut, responses=_NOT_FOUND)
def get_conversation(store: ConversationsDep, conversation_id: str = ConversationId) -> ConversationOut:
    """One conversation with every turn: the question, the reply shown, its filters and its rating."""
    found = store.get(conversation_id)
    if found is None:
        raise HTTPException(404, f"no conversation with id {conversation_id!r}")
    return ConversationOut(**found)


@router.post("/{conversation_id}/turns", status_code=201, response_model=TurnOut, responses=_NOT_FOUND)
def append_turn(body: TurnIn, store: ConversationsDep, conversation_id: str = ConversationId) -> TurnOut:
    """Add a question and the `POST /ask` reply it got at the end of the conversation.

    The returned `seq` identifies the turn, e.g. for feedback (`POST /feedback` with
    `conversation_id` and `turn`).
    """
    turn = store.append(conversation_id, body.question, body.reply.model_dump(mode="json"),
                        body.filters.model_dump(mode="json"))
    if turn is None:
        raise HTTPException(404, f"no conversation with id {conversation_id!r}")
    return TurnOut(**turn)
