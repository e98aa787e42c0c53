"""``POST /ask`` (one JSON reply) and ``POST /ask/stream`` (server-sent events)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterable
from dataclasses import asdict, dataclass
from types import SimpleNamespace
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from fastapi.concurrency import run_in_threadpool
from fastapi.sse import EventSourceResponse, ServerSentEvent

from api.deps import AssistantDep, JsonDep, SettingsDep
from api.routes.health import public_problem
from api.schemas import (AskRequest, AskResponse, CitationOut, DeltaEvent, Problem, ShortAnswerOut, SourcePassage,
                         SourcesEvent, SpanOut, VerificationOut)
from rag.answer import Answer
from rag.generate import Delta, Final, GeneratedAnswer, Generator, Sources, extractive
from rag.generate.generator import article_reader
from rag.retrieve import Filters, Retrieval

log = logging.getLogger(__name__)
router = APIRouter(tags=["ask"])
_ERRORS = {415: {"model": Problem, "description": "The body is not sent as application/json"},
            503: {"model": Problem, "description": "The index is damaged and no earlier version is on disk"}}
# The stream's errors are JSON, not events: declared with their own media type, since a
# `model` would be listed under the route's (text/event-stream).
_PROBLEM = {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
_STREAM_ERRORS = {415: {"description": _ERRORS[415]["description"], "content": _PROBLEM},
                  422: {"description": "Invalid request; `detail` says why", "content": _PROBLEM},
                  503: {"description": _ERRORS[503]["description"], "content": _PROBLEM}}


@dataclass
class Asked:
    """A question with its retrieval and extractive answer, computed before any reply is sent."""

    retrieval: Retrieval | None
    answer: Answer
    article_text: object


async def asked(body: AskRequest, assistant: AssistantDep) -> Asked:
    """Retrieve and answer extractively (in a worker thread); 503 when nothing could be searched.

    A dependency rather than part of the route, so that the 503 is a real status even for
    the stream, whose status line is sent before its first event.
    """
    filters = Filters(body.source, body.date_from and body.date_from.isoformat(),
                      body.date_to and body.date_to.isoformat())
    history = [turn.question for turn in body.history]
    answers = [turn.answer for turn in body.history]
    retrieval, answer = await run_in_threadpool(assistant.ask_verbose, body.question, body.top_k, filters, history,
                                                answers)
    if assistant.index is None and getattr(assistant, "problem", None):
        # "Not found" would be a lie: nothing could be searched.
        raise HTTPException(503, public_problem(assistant.problem))
    return Asked(retrieval, answer, article_reader(assistant.index))


AskedDep = Annotated[Asked, Depends(asked)]


@router.post("/ask", response_model=AskResponse, responses=_ERRORS, dependencies=[JsonDep])
async def ask(question: AskedDep, settings: SettingsDep) -> AskResponse:
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

    With a model server configured (`RAG_LLM_URL`) and an answer found, `answer` is written
    by the model from the top passages and verified: only sentences whose numbers, dates
    and names the cited passages hold are kept, and each citation lists the supporting
    `spans`. `answer_kind` says which kind of answer it is and `fallback_reason` why an
    answer is extractive (the model is never asked when the assistant abstains, and its
    failures fall back to the extractive answer). `short_answer` is the extractive one.
    """
    generator = Generator.from_settings(settings)
    if generator is None:
        return reply_of(question.answer, extractive(question.answer, "not_configured"))
    try:
        reply = await generator.answer(question.retrieval, question.answer, question.article_text)
    except Exception:
        log.exception("generated answer failed")
        reply = extractive(question.answer, "error")
    return reply_of(question.answer, reply)


@router.post("/ask/stream", response_class=EventSourceResponse, responses=_STREAM_ERRORS, dependencies=[JsonDep])
async def ask_stream(question: AskedDep, settings: SettingsDep) -> AsyncIterable[ServerSentEvent]:
    """The same answer as `POST /ask`, as server-sent events while it is written.

    Events, in order: one `sources` (the numbered passages `[n]` refers to), then `delta`s
    (pieces of text as the model writes them: unchecked), then one `final` whose data is
    exactly the `POST /ask` reply, whose verified `answer` replaces the streamed text.
    Without a model, or when the assistant abstains, `sources` lists the extractive
    citations and a single `delta` carries the extractive answer.
    """
    answer = question.answer
    generator = Generator.from_settings(settings)
    streamed = False
    try:
        if generator is None:
            events = _extractive_events(extractive(answer, "not_configured"))
        else:
            events = generator.stream(question.retrieval, answer, question.article_text)
        async for event in events:
            if isinstance(event, Sources):
                if event.passages:
                    passages = [_source(p) for p in event.passages]
                else:
                    passages = [_source(c, passage=c.passage, start=c.passage_start) for c in answer.citations]
                yield ServerSentEvent(event="sources", data=SourcesEvent(
                    passages=passages, answer_kind="generated" if event.passages else "extractive"))
            elif isinstance(event, Delta):
                streamed = True
                yield ServerSentEvent(event="delta", data=DeltaEvent(text=event.text))
            elif isinstance(event, Final):
                if not streamed:
                    yield ServerSentEvent(event="delta", data=DeltaEvent(text=event.answer.text))
                yield ServerSentEvent(event="final", data=reply_of(answer, event.answer))
                return
    except Exception:
        # The status line is long sent: the reader still gets the extractive answer.
        log.exception("generated answer failed")
        yield ServerSentEvent(event="final", data=reply_of(answer, extractive(answer, "error")))


async def _extractive_events(reply: GeneratedAnswer):
    yield Sources([])
    yield Final(reply)


def _source(p, passage: str | None = None, start: int | None = None) -> SourcePassage:
    return SourcePassage.model_validate(SimpleNamespace(
        number=p.number, article_id=p.article_id, title=p.title, date=p.date, source=p.source, url=p.url,
        file=_file(p.path), passage=p.text if passage is None else passage,
        passage_start=p.start if start is None else start, score=p.score), from_attributes=True)


def _file(path: str) -> str:
    from api import schemas
    from rag.sources import public_location

    return public_location(path, schemas.ARTICLES_ROOT)


def _citation(c) -> CitationOut:
    # Extractive citations have no `spans`; generated ones list what supports them.
    spans = [SpanOut(**asdict(s)) for s in getattr(c, "spans", [])]
    return CitationOut.of(SimpleNamespace(**{**vars(c), "spans": spans}))


def reply_of(answer: Answer, reply: GeneratedAnswer) -> AskResponse:
    """The JSON reply for ``reply`` (generated or extractive) to the question ``answer`` answered."""
    short = reply.short_answer
    article_of = {c.number: c.article_id for c in reply.citations}
    timings = dict(answer.timings)
    if reply.seconds:
        timings["generate"] = reply.seconds
    return AskResponse(
        question=answer.question, query=answer.query, answer=reply.text, abstained=answer.abstained,
        status=answer.status, note=answer.note,
        short_answer=ShortAnswerOut(text=short.text, start=short.start, end=short.end, kind=short.kind,
                                    citation=short.citation, article_id=article_of[short.citation],
                                    sure=short.sure, verdict=short.verdict, holder=short.holder,
                                    day=short.day) if short else None,
        timings={k: round(v, 6) for k, v in timings.items()},
        citations=[_citation(c) for c in reply.citations],
        answer_kind=reply.kind, fallback_reason=reply.reason,
        extractive_answer=answer.text if reply.kind == "generated" else None,
        verification=VerificationOut(**reply.counts()) if reply.verification is not None else None,
    )
