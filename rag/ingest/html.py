"""HTML pages, through trafilatura's main-content and metadata extraction."""

from __future__ import annotations

import re

from rag.documents import RawDocument

# A page states its own date in markup (meta tags, JSON-LD, <time>). Without any, a date
# trafilatura finds is a guess from the page's text (a footer's "Cập nhật … 04/11/2013"),
# and the cleaner reads Vietnamese date lines and event dates better.
_DATED_MARKUP = re.compile(r"published_time|datePublished|dateCreated|pubdate|<time[\s>]|"
                           r"name=[\"']?(?:date|dc\.date|citation_date)", re.IGNORECASE)


def read(content: str, path: str, make_id) -> list[RawDocument]:
    """One article per page; trafilatura drops menus and footers and reads title/date/author."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        content, url=None, with_metadata=True, include_comments=False, include_tables=True,
        favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not extracted or not extracted.text:
        return []
    return [
        RawDocument(
            id=make_id(path), path=path, text=extracted.text, title=extracted.title,
            date=extracted.date if _DATED_MARKUP.search(content) else None, author=extracted.author, source=_organisation(extracted.sitename), url=extracted.url,
        )
    ]


def _organisation(sitename: str | None) -> str | None:
    """The site's name as the organisation, unless it is only a host name ("sgddt.travinh.gov.vn"),
    which says less than the organisation the cleaner reads from the page's own words."""
    if not sitename or ("." in sitename and " " not in sitename.strip()):
        return None
    return sitename
