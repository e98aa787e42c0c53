"""Bring the index in step with a folder of articles (``rag ingest``, the API's rebuild).

Each article carries a content hash (as in simonw/llm's collections): an unchanged
article is skipped before it is even chunked; a changed one is re-chunked, and only
chunks whose exact text the model has not embedded before are encoded.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from rag.clean import clean_document
from rag.config import Settings
from rag.index.backends import location, stored_manifest
from rag.ingest import scan
from rag.ingest.jsonl import split_location
from rag.sync.changes import bounded, dedupe, sort_changes
from rag.sync.report import IngestReport, Progress
from rag.sync.stages import Stages


def ingest_folder(folder: Path, settings: Settings, embedder, rebuild: bool = False,
                  progress: bool = False, on_progress: Progress | None = None, wait: float = 0) -> IngestReport:
    """Sync the index with the articles under ``folder``; ``rebuild`` re-embeds all articles.

    Articles indexed from this folder whose file is gone are removed; articles indexed from
    elsewhere (uploads kept outside it) stay. ``on_progress(done, total)`` follows the
    embedding of new chunks (the API's rebuild status). ``wait`` is how long to wait for
    another writer to finish (0: refuse at once).
    """
    started = time.perf_counter()
    report = IngestReport()
    root = str(Path(folder).resolve())
    if not rebuild:
        rebuild = needs_rebuild(settings, embedder)
    stages = Stages.of(settings, embedder)
    with stages.writer(fresh=rebuild, wait=wait) as writer:
        # Scanned under the lock: a file an upload put in place just before is seen, so
        # its article is not taken for removed.
        result = scan(folder)
        report.errors = result.errors
        articles = bounded(dedupe([clean_document(d) for d in result.documents], report), stages.chunker,
                           settings.max_chunks_per_article, report)
        existing = writer.existing()
        present = {a.id for a in articles}
        gone = [aid for aid, (_h, path) in existing.items() if _under(split_location(path)[0], root) and aid not in present]
        todo = sort_changes(articles, existing, report, leaving=gone)
        report.removed = len(gone)
        if todo or gone or writer.previous is None:
            writer.delete(gone)
            stages.write(writer, todo, report, progress, on_progress)
            report.count_totals(writer.commit())
        else:
            report.count_totals(writer.counts())
    report.count_writes(writer)
    report.seconds = time.perf_counter() - started
    return report


def needs_rebuild(settings: Settings, embedder) -> bool:
    """A model or chunking change means every article must be re-chunked and re-embedded."""
    manifest = stored_manifest(settings)
    if manifest is None:
        return False
    manifest.check_model(embedder.name, embedder.dimension, location(settings))
    return not manifest.same_chunking(settings.chunk_tokens, settings.chunk_overlap, settings.embed_title)


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder + os.sep)
