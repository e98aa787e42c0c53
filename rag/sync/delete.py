"""Delete articles by id: the API's delete."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Callable, ContextManager

from rag.config import Settings
from rag.index.backends import index_writer
from rag.index.writer import IndexSpec


def delete_articles(article_ids: list[str], settings: Settings, embedder,
                    before: Callable[[], ContextManager] | None = None) -> int:
    """Delete articles by id; returns how many existed.

    ``before()``, if given, is entered under the write lock before the index changes (it
    moves the files to the trash) and sees any failure of the write. Nothing is embedded,
    so no chunker or cache is opened.
    """
    with index_writer(settings, IndexSpec.of(settings, embedder)) as writer:
        existing = writer.existing()
        found = [a for a in article_ids if a in existing]
        if found:
            with before() if before else nullcontext():
                writer.delete(found)
                writer.commit()
    return len(found)
