"""Request and response models (they become the OpenAPI schema at /docs)."""

from __future__ import annotations

import unicodedata

import datetime as dt
import json
import re
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, field_validator, model_validator

from rag.sources import public_location
from rag.sync import IngestReport

ARTICLES_ROOT: Path | None = None
"""The articles folder public ``file`` fields are relative to (set when the app starts)."""


def _unicode(v: str) -> str:
    # A lone surrogate ("\ud800") is valid JSON but not text: it cannot be encoded, so it
    # broke segmentation (500) and, once stored, every page of feedback that held it.
    try:
        v.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text (it holds a lone surrogate)") from None
    return v


Text = Annotated[str, AfterValidator(_unicode)]
"""A string that is real Unicode text."""


def _iso_date(v):
    # pydantic reads a number as a Unix timestamp; a filter date is written, not computed.
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        raise ValueError("must be an ISO date such as 2021-01-27, not a number")
    return v


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
StrictInt = Annotated[int, Strict()]
StrictBool = Annotated[bool, Strict()]


def _blank(ch: str) -> bool:
    """Whitespace, or a format character (zero-width space, joiner): nothing a reader sees."""
    return ch.isspace() or unicodedata.category(ch) == "Cf"


def _stripped(v: str) -> str:
    return v.strip("".join(ch for ch in set(v) if _blank(ch)))


def _trimmed_text(v: str, what: str, limit: int) -> str:
    _unicode(v)
    v = _stripped(v)  # "\u200b" alone is empty
    if not v:
        raise ValueError(f"{what} must not be empty")
    # Counted as read, composed (NFC): an NFD question of 1,880 letters had been refused as over 2000.
    if len(unicodedata.normalize("NFC", v)) > limit:
        raise ValueError(f"{what} must be at most {limit} characters")
    return v


def _no_controls(v: str, what: str) -> str:
    """``v`` unless it holds a control character other than tab and line breaks (an
    article's text may hold a form feed; a question, a filter or a turn may not)."""
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in v):
        raise ValueError(f"{what} must not contain control characters (such as NUL or escape sequences)")
    return v


def _question_text(v: str, limit: int = 2000, what: str = "question") -> str:
    """A question: trimmed, and something to read."""
    v = _no_controls(_trimmed_text(v, what, limit), what)
    if all(_blank(ch) or unicodedata.category(ch)[0] in "PZ" for ch in v):  # "???", "…"; an emoji is read
        raise ValueError(f"{what} must contain a word, not only punctuation")
    # "<img src=x onerror=…>": markup is dropped before reading, and nothing would be left.
    if not re.sub(r"<[^<>]*>", "", v).strip():
        raise ValueError(f"{what} must contain a word, not only HTML markup")
    return v


class FromRecord(BaseModel):
    """A response model filled from a pipeline record (an ``Article``, a ``Citation``) of the
    same field names, except that the record's ``path`` is called ``file`` at the API."""

    @classmethod
    def of(cls, record):
        """The model with each of its fields read from ``record``; a field the record lacks
        keeps its default (an extractive citation has no generated ``spans``)."""
        return cls(**{name: public_location(record.path, ARTICLES_ROOT) if name == "file" else getattr(record, name)
                      for name, field in cls.model_fields.items()
                      if name == "file" or hasattr(record, name) or field.is_required()})


class Problem(BaseModel):
    """Every error: one readable sentence saying what was wrong, and, where a caller may act
    on it, a stable ``code``."""

    detail: str
    code: Literal["duplicate", "busy"] | None = Field(
        None, description="duplicate: the uploaded text is already indexed as another article (nothing was added); "
        "busy: the index is being written, try again when it has finished. Absent on other errors.")


class CodedError(Exception):
    """An error reply with a :class:`Problem` ``code`` besides its ``detail`` (api/main.py sends it)."""

    def __init__(self, status: int, detail: str, code: str):
        super().__init__(detail)
        self.status, self.detail, self.code = status, detail, code


class Turn(BaseModel):
    """An earlier turn of the conversation, to resolve follow-ups."""

    model_config = ConfigDict(extra="forbid")  # a misspelt field is said, not silently ignored

    question: str = Field(description="The earlier question, as the user typed it (up to 2000 characters).")
    answer: str | None = Field(
        None,
        description="The short answer given to it when it named a person: after 'Ai là Phó Giám đốc …?' "
        "answered 'Nguyễn Trọng Thắng', 'Ông ấy giữ chức vụ gì?' asks about him. Other answers are ignored "
        "(a place, a date, a text that is not a name).")

    @field_validator("question")
    @classmethod
    def _question(cls, v: str) -> str:
        # A blank earlier turn is skipped (rag.followup), not a reason to refuse the new question.
        return _no_controls(_trimmed_text(v, "question", 2000), "question") if _stripped(v) else ""

    @field_validator("answer")
    @classmethod
    def _answer(cls, v: str | None) -> str | None:
        return _no_controls(_trimmed_text(v, "answer", 20000), "answer") if v is not None and _stripped(v) else None


class AskRequest(BaseModel):
    """A question, with optional retrieval size and filters."""

    # A field it does not know ("filters": {…}, "topk") is refused, not ignored: an API probe's
    # client believed it had filtered by organisation and got every Department's answer.
    model_config = ConfigDict(extra="forbid")

    question: str = Field(description="The question in Vietnamese, 1–2000 characters after trimming.",
                          examples=["Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?"])
    top_k: StrictInt | None = Field(None, ge=1, le=50, description="Evidence chunks to retrieve (default from settings).")
    source: str | None = Field(None, description="Up to 200 characters. "
                               "Only articles of this organisation (`GET /index/status` lists them), "
                                "or, when it names none whole, of those whose name contains this text (\"Trà Vinh\").")
    date_from: IsoDate | None = Field(
        None, description="Only articles dated on or after this date (the publication date, or the event date of an article without one).")
    date_to: IsoDate | None = Field(None, description="Only articles dated on or before this date (publication or event date).")
    history: list[Turn] = Field(
        default_factory=list, max_length=50,
        description="Earlier turns, oldest first, so that a follow-up such as 'Còn ở Trà Vinh thì sao?' "
        "is understood; null is read as none.")

    @field_validator("question")
    @classmethod
    def _trimmed(cls, v: str) -> str:
        return _question_text(v)

    @field_validator("history", mode="before")
    @classmethod
    def _no_history(cls, v):
        return [] if v is None else v  # many clients send null for "no earlier turns"

    @field_validator("source")
    @classmethod
    def _no_blank_source(cls, v: str | None) -> str | None:
        if v is None or not _stripped(v):  # "  " filters nothing, as "" does
            return None
        return _no_controls(_trimmed_text(v, "source", 200), "source")

    @model_validator(mode="after")
    def _date_order(self) -> "AskRequest":
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from must not be after date_to")
        return self


DATE_KIND = ("What `date` is: `published` (the page or the source states it) or `event` (the page gives "
             "no publication date: the date of the event its first paragraph reports); null without a date.")


class CitationOut(FromRecord):
    """A cited article and the verbatim quote, with its offsets in the article text."""

    number: int
    article_id: str
    title: str
    date: str | None
    date_kind: str | None = Field(None, description=DATE_KIND)
    source: str | None
    url: str | None
    file: str
    quote: str = Field(description="The answer's words, verbatim: `article.text[start:end]`.")
    start: int
    end: int
    score: float
    passage: str = Field(description="The indexed chunk the quote lies in, for context.")
    passage_start: int = Field(description="Offset of `passage` in the article text.")
    spans: list["SpanOut"] = Field(
        default_factory=list, description="Generated answers only: where this passage supports the sentences "
        "citing it (its closest sentence, and each number, date and name checked), offsets in the article text.")


class ShortAnswerOut(BaseModel):
    """The exact span that answers (a date, a number with its unit, a name, a place, a definition,
    a list, a quotation), inside the quote of citation `citation`."""

    text: str = Field(description="Verbatim: `article.text[start:end]` of the cited article.")
    start: int
    end: int
    kind: str = Field(description="date, number, person, post (the post a named person holds), place, quote, "
                      "definition, list, choice, condition, purpose (the aim after \"nhằm\"), confirm (for a yes/no question, "
                      "the clause of the quote that settles it), reason (for \"Vì sao …?\" and \"… căn cứ vào đâu?\", the "
                      "clause a cause, an aim or grounds open, with its marker), subject (what a statute "
                      "article cited by number is about: its heading's title), organisation, entity or span.")
    citation: int = Field(description="Number of the citation whose quote holds the span.")
    article_id: str
    sure: bool = Field(True, description="False when the span is a guess (the longest stretch of words the question "
                       "does not say, or the name nearest the words it does) rather than found by its kind, its marks "
                       "or the question word's place: show it as a hint to check against the quote. On the dev parts "
                       "the guesses missed the gold answer entirely 34-60 % of the time, the rest 10-25 %.")
    verdict: Literal["có", "không"] | None = Field(
        None, description="Yes (\"có\") or no (\"không\") to a yes/no question the span settles: \"X có phải là "
        "Giám đốc Sở không?\" with the post the article writes beside X's name as the span (kind post); \"Đại hội "
        "… diễn ra năm 2021 phải không?\" with the date the article gives as the span (kind date); \"… có 150 đảng "
        "viên dự phải không?\" with the count it gives (kind number). Null for "
        "other questions, and for yes/no questions whose clause (kind confirm) is shown for the reader to judge.")
    day: str | None = Field(
        None, description="For a date (kind date) that names a whole day: that day, ISO 8601 (\"2023-05-08\" for "
        "\"08 ngày 5 năm 2023\" as a page misprinted it); null otherwise (\"năm 2020\"). `text` stays verbatim.")
    holder: str | None = Field(
        None, description="For a post (kind post): whose it is, the name as the article writes it beside the post "
        "(\"Phạm Thị Trung\"), so that a yes or no says whose posts it lists. Null otherwise.")


class AskResponse(BaseModel):
    """The answer, its citations, whether the assistant abstained, and seconds per stage."""

    question: str
    query: str = Field(description="What was searched: the question, completed from `history` if it was a follow-up.")
    answer: str
    short_answer: ShortAnswerOut | None = Field(
        None, description="The span that answers a factoid question; null when none was found or on abstention.")
    status: Literal["answered", "not_found", "out_of_scope", "filtered", "chitchat"] = Field(
        description="answered; not_found (nothing relevant); out_of_scope (the question names a province, year, "
        "term or person no article covers); filtered (nothing inside the filters); chitchat (small talk).")
    note: str | None = Field(None, description="Why nothing was answered, and what the articles or filters do cover; "
                             "on an answer, the statute articles or clauses cited that the text does not have, or "
                             "that the person answered held the asked post for an earlier term than the article "
                             "reports, or, asked who holds a post without naming a province, who holds it in each "
                             "organisation the articles name (in both cases short_answer.sure is false).")
    citations: list[CitationOut] = Field(description="Up to three distinct articles, best first.")
    abstained: bool
    timings: dict[str, float]
    # Generated answers (rag/generate/): present on every reply; extractive ones say why.
    answer_kind: Literal["generated", "extractive"] = Field(
        "extractive", description="generated: written by the configured model (RAG_LLM_URL) and verified; "
        "extractive: quoted verbatim, as without a model.")
    fallback_reason: Literal["not_configured", "abstained", "unreachable", "timeout", "server_error", "bad_reply",
                             "model_declined", "nothing_supported", "error"] | None = Field(
        None, description="Why the answer is extractive: no model configured; the assistant abstained (the model "
        "is never asked then); the model server was down, too slow, failed or sent a malformed reply; the model "
        "said the passages do not answer; nothing it wrote was supported by the passages. Null when generated.")
    extractive_answer: str | None = Field(
        None, description="The extractive answer (verbatim quotes) when `answer` is generated.")
    verification: VerificationOut | None = Field(
        None, description="The verifier's counts, when the model wrote a reply.")


class SpanOut(BaseModel):
    """A stretch of a cited article that supports a generated sentence."""

    text: str = Field(description="Verbatim: `article.text[start:end]`.")
    start: int
    end: int
    kind: str = Field(
        description="sentence (the passage's sentence closest to the generated one), or the kind of fact checked; "
        "a short-answer kind for the short answer's own span.")


class VerificationOut(BaseModel):
    """What the verifier did to the model's reply (all zero when the model was not asked)."""

    sentences: int = Field(description="Sentences the model wrote.")
    kept: int
    dropped: int = Field(description="Sentences dropped: a number, date or name no passage holds, or no support.")
    recited: int = Field(description="Kept sentences whose citations were changed to the passages that support them.")
    citations_dropped: int = Field(description="Citations to passages that were not given ([n] beyond [k]).")


class Health(BaseModel):
    """Readiness and what is loaded."""

    ready: bool
    model: str
    articles: int
    chunks: int
    index_version: int | None
    problem: str | None = Field(None, description="Why the index is not (fully) usable, e.g. damaged on disk, "
                                "and what to run.")
    generation: bool = Field(False, description="Whether answers are written by a configured language model "
                             "(RAG_LLM_URL; verified, streamed by `POST /ask/stream`) or extractive only.")


class ArticleBase(FromRecord):
    """Metadata every article view shares."""

    id: str
    title: str
    date: str | None
    date_kind: str | None = Field(None, description=DATE_KIND)
    author: str | None
    source: str | None
    url: str | None
    file: str


class ArticleSummary(ArticleBase):
    """An article without its text."""

    chars: int
    chunks: int
    updated_at: str


class ArticleOut(ArticleBase):
    """An article with its cleaned text (the text citation offsets refer to)."""

    text: str
    content_hash: str


class ArticleIn(BaseModel):
    """An article sent as JSON. Sending the same ``id`` again replaces that article."""

    title: str = Field(description="Headline, 1–500 characters.")
    text: str = Field(description="The article body (plain text).")
    date: dt.date | None = Field(None, description="Publication date.")
    author: Text | None = Field(None, max_length=200)
    source: Text | None = Field(None, max_length=200, description="Publishing organisation.")
    url: Text | None = Field(None, max_length=2000, description="The article's web address (http or https).")
    id: str | None = Field(None, pattern=r"^[A-Za-z0-9_.-]{1,64}$", description="Your own stable key for the article "
                           "(not `.` or `..`).")

    @field_validator("id")
    @classmethod
    def _id(cls, v: str | None) -> str | None:
        if v in (".", ".."):
            raise ValueError("id must not be '.' or '..'")
        return v

    @field_validator("url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        # Shown as a link in the chat: anything but http(s) (javascript:, data:) is refused.
        if v is not None and not re.match(r"^https?://[^\s/?#]+", v.strip(), re.IGNORECASE):
            raise ValueError("url must be an http:// or https:// address")
        return v.strip() if v is not None else v

    @field_validator("title")
    @classmethod
    def _title(cls, v: str) -> str:
        return _trimmed_text(v, "title", 500)

    @field_validator("text")
    @classmethod
    def _text(cls, v: str) -> str:
        return _trimmed_text(v, "text", 1_000_000)


class UploadResult(BaseModel):
    """The articles read from the upload and what indexing them did."""

    articles: list[ArticleBase]
    report: IngestReport


class DeleteResult(BaseModel):
    """A deleted article, and where its file was moved (never erased)."""

    id: str
    title: str
    moved_to: str | None = Field(description="The trash copy of its file; null if the file is outside the data folder.")


class RebuildRequest(BaseModel):
    """What to rebuild."""

    full: StrictBool = Field(False, description="Also re-chunk every indexed article (after a chunking change); "
                       "text the model has embedded before still comes from the cache.")


class RebuildOut(BaseModel):
    """Where the current or last rebuild stands."""

    state: Literal["idle", "running", "done", "failed"]
    full: bool
    phase: str
    embedded: int = Field(description="Chunks embedded so far in this phase.")
    to_embed: int = Field(description="Chunks this phase has to embed (the rest come from the cache).")
    started_at: float | None
    finished_at: float | None
    report: dict
    error: str | None
    step: str = Field("", description="Machine-readable phase: scanning, damaged, full, sync (for a translated label).")


class IndexStatus(BaseModel):
    """The index being served, and the rebuild state."""

    model: str
    version: int | None
    articles: int
    chunks: int
    updated_at: str | None
    vector_index: str | None = Field(
        None, description="FAISS index kind: `flat` (exact) or `ivf<cells>` (approximate, for large indexes).")
    sources: list[str] = Field(description="Organisations present (for the `source` filter).")
    rebuild: RebuildOut
    first_date: str | None = Field(None, description="Earliest article date in the index (ISO), if any is dated.")
    last_date: str | None = Field(None, description="Latest article date in the index (ISO).")


class FeedbackIn(BaseModel):
    """A staff member's verdict on one answer."""

    rating: Literal["up", "down"]
    question: Text = Field(min_length=1, max_length=2000)
    answer: Text = Field("", max_length=20000)
    short_answer: Text | None = Field(None, max_length=5000, description="The short answer shown with the rated "
                                      "answer (`short_answer.text` of `POST /ask`), if any: a 👎 may be for it alone.")
    comment: Text | None = Field(None, max_length=2000)
    article_ids: list[Text] = Field(default_factory=list, max_length=50)
    conversation_id: str | None = Field(None, pattern=r"^[A-Za-z0-9_-]{1,64}$",
                                        description="The conversation the rated answer belongs to (with `turn`).")
    turn: StrictInt | None = Field(None, ge=0, le=100_000, description="The rated turn's `seq` in that conversation.")


class FeedbackOut(FeedbackIn):
    """Stored feedback."""

    id: int
    created_at: str
    updated_at: str | None = Field(None, description="Last change of the rating or comment.")


class FeedbackUpdate(BaseModel):
    """A changed rating and/or comment for stored feedback; a field left out stays as it was."""

    rating: Literal["up", "down"] | None = None
    comment: Text | None = Field(None, max_length=2000, description="New comment; null or \"\" removes it.")

    @model_validator(mode="after")
    def _something(self) -> "FeedbackUpdate":
        if not self.model_fields_set & {"rating", "comment"}:
            raise ValueError("send a rating, a comment or both")
        if "rating" in self.model_fields_set and self.rating is None:
            raise ValueError("rating must be 'up' or 'down'")
        return self


class AskedFilters(BaseModel):
    """The filters a question was asked under (as sent to `POST /ask`)."""

    source: Text | None = Field(None, max_length=200)
    date_from: date | None = None
    date_to: date | None = None


MAX_REPLY_BYTES = 300_000  # an /ask reply with three citations and their passages is ~20 kB


class TurnIn(BaseModel):
    """One question and the reply `POST /ask` gave to it."""

    question: Text = Field(min_length=1, max_length=2000)
    reply: AskResponse
    filters: AskedFilters = Field(default_factory=AskedFilters)

    @field_validator("reply")
    @classmethod
    def _storable(cls, reply: AskResponse) -> AskResponse:
        # The reply is the client's copy of an /ask answer, stored as JSON text: every string
        # must be valid UTF-8, numbers finite, and the whole no larger than a real reply gets.
        try:
            stored = json.dumps(reply.model_dump(mode="json"), ensure_ascii=False, allow_nan=False).encode("utf-8")
        except (ValueError, UnicodeEncodeError):
            raise ValueError("reply holds text that is not valid Unicode or a number that is not finite") from None
        if len(stored) > MAX_REPLY_BYTES:
            raise ValueError(f"reply is larger than {MAX_REPLY_BYTES // 1000} kB")
        return reply


class TurnOut(BaseModel):
    """A stored turn, with the feedback given on it, if any."""

    seq: int = Field(description="Position in the conversation, from 0.")
    created_at: str
    question: str
    reply: dict = Field(description="The `POST /ask` reply (an AskResponse) as it was when stored.")
    filters: dict
    feedback_id: int | None
    rating: Literal["up", "down"] | None
    comment: str | None


class ConversationIn(BaseModel):
    """A new conversation; its title is usually the first question."""

    title: Text = Field(min_length=1, max_length=2000)

    @field_validator("title")
    @classmethod
    def _title(cls, v: str) -> str:
        return _trimmed_text(v, "title", 2000)


class ConversationSummary(BaseModel):
    """A conversation without its turns (for the recent list)."""

    id: str
    title: str
    created_at: str
    updated_at: str
    turns: int = Field(description="How many questions it holds.")


class ConversationOut(BaseModel):
    """A conversation with its turns, oldest first."""

    id: str
    title: str
    created_at: str
    updated_at: str
    turns: list[TurnOut]




class SourcePassage(BaseModel):
    """A passage of the `sources` event of `POST /ask/stream`: what `[n]` in the streamed text refers to."""

    number: int
    article_id: str
    title: str
    date: str | None
    source: str | None
    url: str | None
    file: str
    passage: str
    passage_start: int = Field(description="Offset of `passage` in the article text.")
    score: float


class SourcesEvent(BaseModel):
    """First event of `POST /ask/stream`: the numbered passages the model is given, or the extractive
    answer's citations when no model is asked."""

    passages: list[SourcePassage]
    answer_kind: Literal["generated", "extractive"] = Field(
        description="generated: `delta`s carry the model's unchecked text; extractive: one `delta` with the "
        "extractive answer.")


class DeltaEvent(BaseModel):
    """A piece of text as it is written; unchecked, and replaced by the `final` event's `answer`."""

    text: str
