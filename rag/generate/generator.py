"""One generated answer, start to end: passages, the model's stream, the verifier, the fallback.

The extractive answer is computed first (``Assistant.ask_verbose``) and decides: a question
it abstains on never reaches the model. Otherwise the model gets the top passages, its
text is passed on as it arrives (``Delta``), and the verified answer ends the stream
(``Final``). When the model is unreachable, errs, times out, declines or writes nothing
the passages support, the final answer is the extractive one, and says why.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace

from rag.answer import Answer, Citation
from rag.answer.question import read
from rag.answer.scope import keep
from rag.generate.client import ChatClient, LLMError
from rag.generate.prompt import Passage, messages, passages
from rag.generate.verify import Span, Verification, support, verify


@dataclass
class GeneratedCitation(Citation):
    """A passage the generated answer cites, with the spans of it that support the answer.

    Same fields as the extractive ``Citation`` (``quote`` is the passage's sentence closest
    to the first sentence citing it, verbatim, ``article.text[start:end]``), plus ``spans``.
    """

    spans: list[Span] = field(default_factory=list)


@dataclass
class GeneratedAnswer:
    """The reply: the verified generated answer, or the extractive one and why.

    ``kind`` is ``generated`` or ``extractive``; ``reason`` says why an answer is extractive
    (``not_configured``, ``abstained``, ``unreachable``, ``timeout``, ``server_error``,
    ``bad_reply``, ``model_declined``, ``nothing_supported``). ``short_answer`` is the
    extractive short answer either way, its ``citation`` numbered among ``citations``.
    """

    kind: str
    text: str
    citations: list
    short_answer: object
    extractive: Answer
    reason: str | None = None
    detail: str | None = None  # the server's error, for the log (never shown to staff)
    verification: Verification | None = None
    raw: str = ""  # what the model wrote, before checking
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        """The verifier's counts (all zero when the model was not asked or did not answer)."""
        if self.verification is None:
            return {"sentences": 0, "kept": 0, "dropped": 0, "recited": 0, "citations_dropped": 0}
        return self.verification.counts()


@dataclass
class Sources:
    """First event: the numbered passages the model is given (empty when it is not asked)."""

    passages: list[Passage]


@dataclass
class Delta:
    """A piece of the model's text as it arrives (unchecked: ``Final`` replaces it)."""

    text: str


@dataclass
class Final:
    """Last event: the answer to show."""

    answer: GeneratedAnswer


def extractive(answer: Answer, reason: str, detail: str | None = None, verification: Verification | None = None,
               raw: str = "", seconds: float = 0.0) -> GeneratedAnswer:
    """The extractive ``answer`` as the reply, with why no generated one is given."""
    return GeneratedAnswer("extractive", answer.text, list(answer.citations), answer.short_answer, answer,
                           reason, detail, verification, raw, seconds)


class Generator:
    """Writes answers with the configured model and checks them (one per ``RAG_LLM_URL``)."""

    def __init__(self, client: ChatClient, max_passages: int = 5):
        self.client = client
        self.max_passages = max_passages

    @classmethod
    def from_settings(cls, settings) -> "Generator | None":
        """The configured generator, or ``None`` when ``RAG_LLM_URL`` is unset."""
        client = ChatClient.from_settings(settings)
        return cls(client, settings.llm_passages) if client else None

    def passages(self, retrieval, answer: Answer, article_text=None) -> list[Passage]:
        """The passages to give the model: top hits the extractive step kept in scope."""
        hits = retrieval.hits
        # What the question pins down (province, year, term, name) narrows the articles
        # exactly as it does for the extractive answer.
        kept, _ = keep(read(answer.query or answer.question), hits, article_text)
        return passages(kept or hits, self.max_passages)

    async def stream(self, retrieval, answer: Answer, article_text=None) -> AsyncIterator:
        """``Sources``, then ``Delta``s as the model writes, then one ``Final``.

        ``retrieval`` and ``answer`` are what ``Assistant.ask_verbose`` returned;
        ``article_text`` reads an article's text by id (scope checks of long articles).
        """
        started = time.perf_counter()
        if retrieval is None or answer.abstained or answer.status != "answered":
            yield Sources([])
            yield Final(extractive(answer, "abstained"))
            return
        numbered = self.passages(retrieval, answer, article_text)
        yield Sources(numbered)
        raw = []
        try:
            # The completed question: "Còn ở Trà Vinh thì sao?" means nothing without its history.
            async for piece in self.client.stream(messages(answer.query or answer.question, numbered)):
                raw.append(piece)
                yield Delta(piece)
        except LLMError as exc:
            yield Final(extractive(answer, exc.reason, exc.detail, raw="".join(raw),
                                   seconds=time.perf_counter() - started))
            return
        text = "".join(raw)
        checked = verify(text, numbered)
        seconds = time.perf_counter() - started
        if not checked.kept:
            reason = "model_declined" if checked.declined else "nothing_supported"
            yield Final(extractive(answer, reason, verification=checked, raw=text, seconds=seconds))
            return
        citations = cite(checked, numbered)
        short = _short_answer(answer, numbered, citations)
        yield Final(GeneratedAnswer("generated", checked.text, citations, short, answer, None, None,
                                    checked, text, seconds))

    async def answer(self, retrieval, answer: Answer, article_text=None) -> GeneratedAnswer:
        """The final answer alone (the stream consumed)."""
        final = None
        async for event in self.stream(retrieval, answer, article_text):
            if isinstance(event, Final):
                final = event.answer
        return final


def article_reader(index):
    """Article id -> its cleaned text in ``index`` ("" for one deleted meanwhile), or ``None``
    without an index (scope checks then read the chunks alone)."""
    if index is None:
        return None

    def text(article_id: str) -> str:
        article = index.store.get_article(article_id)
        return article.text if article else ""

    return text


def cite(checked: Verification, numbered: list[Passage]) -> list[GeneratedCitation]:
    """The citations of the verified answer, in order of first citation, with supporting spans."""
    by_number = {p.number: p for p in numbered}
    out: dict[int, GeneratedCitation] = {}
    for sentence in checked.kept:
        for n in sentence.citations:
            p = by_number[n]
            spans = support(sentence, p)
            if n not in out:
                quote = next((s for s in spans if s.kind == "sentence"), None) or Span(p.text, p.start, p.start + len(p.text), "sentence")
                out[n] = GeneratedCitation(n, p.article_id, p.title, p.date, p.source, p.url, p.path, quote.text,
                                           quote.start, quote.end, p.score, p.text, p.start,
                                           date_kind=p.date_kind)
            out[n].spans.extend(s for s in spans if s not in out[n].spans)
    return list(out.values())


def _short_answer(answer: Answer, numbered: list[Passage], citations: list[GeneratedCitation]):
    """The extractive short answer, its ``citation`` renumbered to the passage that holds it
    (added to ``citations`` if the generated text did not cite it)."""
    short = answer.short_answer
    if short is None:
        return None
    article = answer.citations[short.citation - 1].article_id if short.citation <= len(answer.citations) else None
    holder = next((p for p in numbered if p.article_id == article
                   and p.start <= short.start and short.end <= p.start + len(p.text)), None)
    if holder is None:
        # Not in the passages (a list running past its chunk): cite the extractive quote itself.
        c = answer.citations[short.citation - 1]
        number = max([p.number for p in numbered] + [x.number for x in citations]) + 1
        citations.append(GeneratedCitation(number, c.article_id, c.title, c.date, c.source, c.url, c.path, c.quote,
                                           c.start, c.end, c.score, c.passage, c.passage_start,
                                           spans=[Span(short.text, short.start, short.end, short.kind)],
                                           date_kind=c.date_kind))
    else:
        number = holder.number
        if all(c.number != number for c in citations):
            citations.append(GeneratedCitation(number, holder.article_id, holder.title, holder.date, holder.source,
                                               holder.url, holder.path, short.text, short.start, short.end,
                                               holder.score, holder.text, holder.start,
                                               spans=[Span(short.text, short.start, short.end, short.kind)],
                                               date_kind=holder.date_kind))
    return replace(short, citation=number)  # its basis too: a guess stays one
