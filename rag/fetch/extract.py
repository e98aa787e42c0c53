"""A fetched page → the article row kept on disk, and the content hash used to dedupe.

trafilatura extracts the main text (menus, footers and widgets dropped), as for uploaded
HTML. The page is then kept as a one-line JSON Lines file with its URL rather than as
HTML, because the index's HTML reader takes trafilatura's site name (the host, for most
portals) as the organisation and its ``<title>`` (often the portal's name) as the title:
the text alone goes through the same cleaning as the sample pages, which finds the
headline, the "Cập nhật lúc : 17:15 14/01/2021" date, the "Tác giả bài viết: …" by-line
and the organisation, and drops "Lượt xem", "In trang" and the like.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from rag.clean import clean_document
from rag.documents import Article, RawDocument, content_hash
from rag.ingest.quality import degenerate

MIN_ARTICLE_CHARS = 200  # shorter cleaned text is a menu or an index page, not an article


class NotAnArticleError(ValueError):
    """A page with no article text (an index page, a form, an image gallery)."""


@dataclass
class PageArticle:
    """What a page holds: the JSON Lines row to keep, and its hash without the URL."""

    row: dict
    article: Article
    text_hash: str  # the index's content hash with the URL left out: the same article under two URLs

    def jsonl(self) -> bytes:
        """The file content: one JSON line."""
        return (json.dumps(self.row, ensure_ascii=False) + "\n").encode("utf-8")


def extract_page(html: str | bytes, url: str) -> PageArticle:
    """Extract and clean the article of a page; raises :class:`NotAnArticleError` with a reason."""
    import trafilatura  # slow to import; only when pages are fetched

    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True,
        # Dates only from the page's markup: the text's own date line is read by the cleaner,
        # and the extensive search guesses from any number that looks like a date.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not extracted or not (extracted.text or "").strip():
        raise NotAnArticleError("no article text found on the page")
    row: dict = {"url": url, "text": extracted.text}
    article = clean_document(RawDocument(id=url, path="page", text=extracted.text, url=url))
    if article.title not in extracted.text and extracted.title:
        # The cleaner found no headline in the text: the page's own title is better than a file name.
        row["title"] = extracted.title
    if article.date is None and extracted.date:
        row["date"] = extracted.date
    if "title" in row or "date" in row:
        article = clean_document(RawDocument(id=url, path="page", text=extracted.text, url=url,
                                             title=row.get("title"), date=row.get("date")))
    if len(article.text) < MIN_ARTICLE_CHARS:
        raise NotAnArticleError(f"only {len(article.text)} characters of text after cleaning: not an article")
    problem = degenerate(article.text)
    if problem:
        raise NotAnArticleError(problem)
    text_hash = content_hash(article.title, article.date, article.author, article.source, article.text)
    return PageArticle(row=row, article=article, text_hash=text_hash)
