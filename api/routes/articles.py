"""``GET /articles`` and ``GET /articles/{id}``."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query

from api.deps import AssistantDep
from api.schemas import ArticleOut, ArticleSummary

router = APIRouter(prefix="/articles", tags=["articles"])


@router.get("", response_model=list[ArticleSummary])
def list_articles(assistant: AssistantDep, limit: int = Query(100, ge=1, le=1000),
                  offset: int = Query(0, ge=0)) -> list[ArticleSummary]:
    """Indexed articles, newest first, without their text."""
    index = assistant.refresh()
    if index is None:
        return []
    rows = index.store.list_articles(limit, offset)
    return [ArticleSummary(file=r["path"], **{k: r[k] for k in r.keys() if k not in ("path", "added_at", "content_hash")})
            for r in rows]


@router.get("/{article_id}", response_model=ArticleOut, responses={404: {"description": "Unknown article"}})
def get_article(article_id: str, assistant: AssistantDep) -> ArticleOut:
    """One article with the cleaned text that citation offsets refer to."""
    index = assistant.refresh()
    article = index.store.get_article(article_id) if index else None
    if article is None:
        raise HTTPException(status_code=404, detail=f"no article with id {article_id!r}")
    return ArticleOut(id=article.id, title=article.title, date=article.date, author=article.author,
                      source=article.source, url=article.url, file=article.path, text=article.text,
                      content_hash=article.content_hash)
