"""Re-chunk and re-embed every indexed article (after a model or chunking change)."""

from __future__ import annotations

import time

from rag.config import Settings
from rag.documents import Article
from rag.index.backends import indexed_articles
from rag.sync.report import IngestReport, Progress
from rag.sync.stages import Stages


def rebuild_all(settings: Settings, embedder, progress: bool = False,
                on_progress: Progress | None = None, wait: float = 0) -> IngestReport:
    """Re-chunk and re-embed every article already in the index into a fresh version."""
    started = time.perf_counter()
    report = IngestReport()
    stages = Stages.of(settings, embedder)
    articles: list[Article] = indexed_articles(settings)
    with stages.writer(fresh=True, wait=wait) as writer:
        stages.write(writer, articles, report, progress, on_progress)
        report.count_totals(writer.commit())
    report.updated = len(articles)
    report.count_writes(writer)
    report.seconds = time.perf_counter() - started
    return report
