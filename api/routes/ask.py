"""``POST /ask``."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from api.deps import AssistantDep
from api.schemas import AskRequest, AskResponse, CitationOut
from rag.retrieve import Filters

router = APIRouter(tags=["ask"])


@router.post("/ask", response_model=AskResponse)
async def ask(body: AskRequest, assistant: AssistantDep) -> AskResponse:
    """Answer a Vietnamese question from the indexed articles.

    The answer is one or two sentences quoted verbatim from an article, followed by its
    citation marker; each citation gives the article, its title, date and organisation,
    and the quote with its character offsets in the article's cleaned text. When nothing
    relevant is indexed, `abstained` is true and the answer says so. Send the earlier
    questions in `history` and a follow-up ("Còn ở Trà Vinh thì sao?") is searched as the
    complete question it stands for, shown in `query`.
    """
    filters = Filters(body.source, body.date_from and body.date_from.isoformat(),
                      body.date_to and body.date_to.isoformat())
    history = [turn.question for turn in body.history]
    answer = await run_in_threadpool(assistant.ask, body.question, body.top_k, filters, history)
    return AskResponse(
        question=answer.question, query=answer.query, answer=answer.text, abstained=answer.abstained,
        timings={k: round(v, 6) for k, v in answer.timings.items()},
        citations=[CitationOut.of(c) for c in answer.citations],
    )
