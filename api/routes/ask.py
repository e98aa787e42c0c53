"""``POST /ask``."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from fastapi.concurrency import run_in_threadpool

from api.deps import AssistantDep
from api.routes.health import public_problem
from api.schemas import AskRequest, AskResponse, CitationOut, Problem, ShortAnswerOut
from rag.retrieve import Filters

router = APIRouter(tags=["ask"])


@router.post("/ask", response_model=AskResponse,
             responses={503: {"model": Problem, "description": "The index is damaged and no earlier version is on disk"}})
async def ask(body: AskRequest, assistant: AssistantDep) -> AskResponse:
    """Answer a Vietnamese question from the indexed articles.

    The answer quotes, verbatim, the sentences that answer (with the list a sentence ending
    in ':' opens) from up to three articles, each followed by its citation marker; each
    citation gives the article, its title, date and organisation, and the quote with its
    character offsets in the article's cleaned text. `short_answer` is the exact span that
    answers a factoid question (a date, a count with its unit, a name…), with its offsets.
    When nothing answers, `abstained` is true, `status` says why (nothing relevant; a
    province, year, term or name no article covers; nothing inside the filters) and `note`
    says what the articles do cover. Small talk gets a short reply (`status` chitchat). Send the earlier
    questions in `history` and a follow-up ("Còn ở Trà Vinh thì sao?") is searched as the
    complete question it stands for, shown in `query`.
    """
    filters = Filters(body.source, body.date_from and body.date_from.isoformat(),
                      body.date_to and body.date_to.isoformat())
    history = [turn.question for turn in body.history]
    answer = await run_in_threadpool(assistant.ask, body.question, body.top_k, filters, history)
    if assistant.index is None and getattr(assistant, "problem", None):
        # "Not found" would be a lie: nothing could be searched.
        raise HTTPException(503, public_problem(assistant.problem))
    short = answer.short_answer
    return AskResponse(
        question=answer.question, query=answer.query, answer=answer.text, abstained=answer.abstained,
        status=answer.status, note=answer.note,
        short_answer=ShortAnswerOut(text=short.text, start=short.start, end=short.end, kind=short.kind,
                                    citation=short.citation,
                                    article_id=answer.citations[short.citation - 1].article_id) if short else None,
        timings={k: round(v, 6) for k, v in answer.timings.items()},
        citations=[CitationOut.of(c) for c in answer.citations],
    )
