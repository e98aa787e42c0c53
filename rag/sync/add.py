"""Add or update single articles: the API's upload."""

from __future__ import annotations

import time
from contextlib import nullcontext
from typing import Callable, ContextManager

from rag.clean import clean_document
from rag.config import Settings
from rag.documents import Article, RawDocument
from rag.ingest import ReadError
from rag.sync.changes import bounded, dedupe, sort_changes
from rag.sync.report import IngestReport
from rag.sync.stages import Stages


def add_documents(docs: list[RawDocument], settings: Settings, embedder,
                  keep: Callable[[], ContextManager] | None = None) -> tuple[list[Article], IngestReport]:
    """Add or update single articles; duplicates of indexed content are skipped.

    ``keep()``, if given, is entered once the write lock is held and before the index
    changes (it puts the upload's file in place), and sees any failure of the write.
    Raises :class:`ReadError` for an article longer than ``max_chunks_per_article``.
    """
    started = time.perf_counter()
    report = IngestReport()
    stages = Stages.of(settings, embedder)
    articles = dedupe([clean_document(d) for d in docs], report)
    with stages.writer(fresh=False) as writer, (keep() if keep else nullcontext()):
        if bounded(articles, stages.chunker, settings.max_chunks_per_article, report) != articles:
            raise ReadError(report.errors[-1][1])
        todo = sort_changes(articles, writer.existing(), report)
        if todo:
            stages.write(writer, todo, report)
            report.count_totals(writer.commit())
    report.count_writes(writer)
    report.seconds = time.perf_counter() - started
    return articles, report
