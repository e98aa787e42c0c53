"""The records that flow through the pipeline."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass
class RawDocument:
    """One article as read from disk or the API, before cleaning.

    ``text`` is plain text (HTML is turned into text by its reader); the optional fields
    are metadata the source states explicitly, which win over what cleaning infers.
    """

    id: str
    path: str
    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None


@dataclass
class Article:
    """A cleaned article: the text every citation offset refers to, plus its metadata."""

    id: str
    path: str
    text: str
    title: str
    date: str | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None
    content_hash: str = field(default="")
    # What ``date`` is: "published" (the page or the source states it) or "event" (the page
    # gives none; the date of the event the text reports, from its first paragraph).
    date_kind: str | None = None

    def __post_init__(self):
        if not self.content_hash:
            # date_kind is hashed too: an article indexed before it was recorded is updated
            # (and so gets it) on the next ingest, from the embedding cache.
            self.content_hash = content_hash(self.title, self.date, self.date_kind, self.author, self.source,
                                             self.url, self.text)


@dataclass
class Chunk:
    """A span ``text == article.text[start:end]`` of one article."""

    article_id: str
    seq: int
    start: int
    end: int
    text: str


def content_hash(*parts: str | None) -> str:
    """A stable SHA-256 over the given fields (``None`` and ``""`` differ)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(b"\x00" if part is None else b"\x01" + part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()
