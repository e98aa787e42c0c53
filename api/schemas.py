"""Request and response models (they become the OpenAPI schema at /docs)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field, field_validator


class Turn(BaseModel):
    """A previous question of the conversation."""

    question: str = Field(max_length=2000)


class AskRequest(BaseModel):
    """A question, with optional retrieval size and filters."""

    question: str = Field(description="The question in Vietnamese, 1–2000 characters after trimming.",
                          examples=["Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?"])
    top_k: int | None = Field(None, ge=1, le=50, description="Evidence chunks to retrieve (default from settings).")
    source: str | None = Field(None, max_length=200, description="Only articles whose organisation contains this text.")
    date_from: date | None = Field(None, description="Only articles published on or after this date.")
    date_to: date | None = Field(None, description="Only articles published on or before this date.")

    @field_validator("question")
    @classmethod
    def _trimmed(cls, v: str) -> str:
        v = v.strip()
        if not v:
            raise ValueError("question must not be empty")
        if len(v) > 2000:
            raise ValueError("question must be at most 2000 characters")
        return v


class CitationOut(BaseModel):
    """A cited article and the verbatim quote, with its offsets in the article text."""

    number: int
    article_id: str
    title: str
    date: str | None
    source: str | None
    url: str | None
    file: str
    quote: str
    start: int
    end: int
    score: float


class AskResponse(BaseModel):
    """The answer, its citations, whether the assistant abstained, and seconds per stage."""

    question: str
    answer: str
    citations: list[CitationOut]
    abstained: bool
    timings: dict[str, float]


class Health(BaseModel):
    """Readiness and what is loaded."""

    ready: bool
    model: str
    articles: int
    chunks: int
    index_version: int | None


class ArticleBase(BaseModel):
    """Metadata every article view shares."""

    id: str
    title: str
    date: str | None
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
