"""HTML pages, through trafilatura's main-content and metadata extraction."""

from __future__ import annotations

from rag.documents import RawDocument


def read(content: str, path: str, make_id) -> list[RawDocument]:
    """One article per page; trafilatura drops menus and footers and reads title/date/author."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        content, url=None, with_metadata=True, include_comments=False, include_tables=True,
        favor_recall=True,
    )
    if not extracted or not extracted.text:
        return []
    return [
        RawDocument(
            id=make_id(path), path=path, text=extracted.text, title=extracted.title,
            date=extracted.date, author=extracted.author, source=extracted.sitename, url=extracted.url,
        )
    ]
