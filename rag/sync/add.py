"""Add or update single articles: the API's upload."""

from __future__ import annotations

import time
from contextlib import nullcontext
from typing import Callable, ContextManager

from rag.clean import clean_document
from rag.config import Settings
from rag.documents import Article, RawDocument
from rag.ingest import ReadError
from rag.sync.changes import bounded, dedupe, held_elsewhere, sort_changes
from rag.sync.report import IngestReport
from rag.sync.stages import Stages


class DuplicateError(ValueError):
    """An upload whose text is already indexed as another article."""

    def __init__(self, article_id: str, path: str):
        super().__init__(f"the same text is already indexed as article {article_id}")
        self.article_id, self.path = article_id, path


def add_documents(docs: list[RawDocument], settings: Settings, embedder,
                  keep: Callable[[], ContextManager] | None = None,
                  refuse_duplicates: bool = False) -> tuple[list[Article], IngestReport]:
    """Add or update single articles; duplicates of indexed content are skipped.

    ``keep()``, if given, is entered once the write lock is held and before the index
    changes (it puts the upload's file in place), and sees any failure of the write.
    Raises :class:`ReadError` for an article longer than ``max_chunks_per_article``, and
    with ``refuse_duplicates`` :class:`DuplicateError` for one whose text another indexed
    article holds, before anything is kept: a copy kept on disk but not indexed would be
    indexed by the next rebuild in the original's place, or bring it back once deleted.
    """
    started = time.perf_counter()
    report = IngestReport()
    stages = Stages.of(settings, embedder)
    articles = dedupe([clean_document(d) for d in docs], report)
    with stages.writer(fresh=False) as writer:
        if bounded(articles, stages.chunker, settings.max_chunks_per_article, report) != articles:
            raise ReadError(report.errors[-1][1])
        existing = writer.existing()
        if refuse_duplicates:
            _refuse_duplicates(articles, existing)
        with keep() if keep else nullcontext():
            todo = sort_changes(articles, existing, report)
            if todo:
                stages.write(writer, todo, report)
                report.count_totals(writer.commit())
            else:  # nothing written: the index as it stands
                report.count_totals(writer.counts())
    report.count_writes(writer)
    report.seconds = time.perf_counter() - started
    return articles, report


def _refuse_duplicates(articles: list[Article], existing: dict[str, tuple[str, str]]) -> None:
    """Raise when every article of the upload is held by an indexed article that stays (not one
    the upload replaces). An upload is one article; should a batch hold new ones besides, it is
    kept and its copies skipped, as a folder's are."""
    staying = held_elsewhere(articles, existing)
    held = [staying.get(a.content_hash) for a in articles]
    if held and all(held):
        raise DuplicateError(*held[0])
