"""What the answer step returns: the reply, its citations, and how a quote is cited.

A citation quotes its article verbatim, with the quote's offsets in the article and the
passage shown around it, so staff can check every word against the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rag.answer.span import ShortAnswer
from rag.retrieve import Hit

NOT_FOUND = "Không tìm thấy thông tin liên quan trong các bài viết đã đưa vào hệ thống."


@dataclass
class Citation:
    """One cited source: the article and the verbatim quote with its offsets."""

    number: int
    article_id: str
    title: str
    date: str | None
    source: str | None
    url: str | None
    path: str
    quote: str
    start: int
    end: int
    score: float
    passage: str
    passage_start: int
    date_kind: str | None = None  # "published" or "event" (rag.documents.Article.date_kind)


def paragraphs(citations: list[Citation]) -> str:
    """Each source's quote with its number, a paragraph each: two meetings' sentences run
    together would read as one text."""
    return "\n\n".join(f"{c.quote} [{c.number}]" for c in citations)


@dataclass
class Answer:
    """The reply to one question.

    ``status`` says what kind of reply it is: ``answered`` (quotes with citations),
    ``not_found`` (nothing relevant), ``out_of_scope`` (the question pins down a province,
    year, term or name no article covers; ``note`` says what they do cover), ``filtered``
    (nothing inside the active filters), or ``chitchat`` (small talk, a friendly reply).
    """

    question: str
    text: str
    citations: list[Citation]
    abstained: bool
    timings: dict[str, float] = field(default_factory=dict)
    query: str = ""  # what was searched: the question, completed from the conversation if a follow-up
    short_answer: ShortAnswer | None = None
    status: str = "answered"
    note: str | None = None


def article_citation(hit: Hit, text: str, start: int, end: int, passage_start: int) -> Citation:
    """Citation 1 of ``hit``'s article quoting ``text[start:end]``, shown from ``passage_start``."""
    c = hit.chunk
    return Citation(number=1, article_id=c.article_id, title=c.title, date=c.date, source=c.source, url=c.url,
                    path=c.path, quote=text[start:end], start=start, end=end, score=round(float(hit.score), 6),
                    passage=text[passage_start:end], passage_start=passage_start, date_kind=c.date_kind)


def cite(number: int, chosen: list, article_text=None) -> Citation:
    """Citation ``number`` quoting the verbatim stretch from the first to the last of the
    ``chosen`` sentences (:class:`rag.answer.sentences.Sentence`) of one article;
    ``article_text`` (article id → text, or None) lets the passage run past the chunk."""
    chosen = sorted(chosen, key=lambda s: s.start)
    c = chosen[0].hit.chunk
    passage, passage_start = c.text, c.start
    beyond = chosen[-1].end > c.end or chosen[0].start < c.start
    whole = article_text(c.article_id) if beyond and article_text else None
    if whole:
        # A list may run on into the next chunk, or its lead be in the one before: the
        # passage extends to its last item and back to its lead.
        passage_start = min(c.start, chosen[0].start)
        passage = whole[passage_start : max(c.end, chosen[-1].end)]
    chosen = [s for s in chosen if s.end <= passage_start + len(passage)]
    start, end = chosen[0].start, chosen[-1].end
    best = max(chosen, key=lambda s: s.score)
    return Citation(number=number, article_id=c.article_id, title=c.title, date=c.date, source=c.source,
                    url=c.url, path=c.path, quote=passage[start - passage_start : end - passage_start],
                    start=start, end=end, score=round(float(best.hit.score), 6), passage=passage,
                    passage_start=passage_start, date_kind=c.date_kind)
