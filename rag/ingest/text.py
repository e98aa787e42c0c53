"""Plain-text and Markdown articles: the file's text as is; cleaning finds the metadata."""

from __future__ import annotations

from rag.documents import RawDocument


def read(content: str, path: str, make_id) -> list[RawDocument]:
    """One article per file."""
    return [RawDocument(id=make_id(path), path=path, text=content)]
