"""Bring the index in step with a folder, or with single articles added through the API.

Each article carries a content hash (as in simonw/llm's collections): an unchanged
article is skipped before it is even chunked; a changed one is re-chunked, and only
chunks whose exact text the model has not embedded before are encoded.
"""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from rag.clean import clean_document
from rag.config import Settings
from rag.documents import Article, RawDocument
from rag.index import current_version_dir
from rag.index.cache import EmbeddingCache
from rag.index.manifest import Manifest
from rag.index.store import Store
from rag.index.writer import IndexWriter
from rag.ingest import scan

Progress = Callable[[int, int], None]


@dataclass
class IngestReport:
    """What an ingest did, for the CLI summary and the API's rebuild status."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    duplicates: int = 0
    chunks_added: int = 0
    chunks_removed: int = 0
    embedded: int = 0
    from_cache: int = 0
    total_articles: int = 0
    total_chunks: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        """Plain dict (for JSON)."""
        return asdict(self)


def embedding_cache(settings: Settings, model: str) -> EmbeddingCache:
    """The shared embedding cache for a model."""
    return EmbeddingCache(settings.cache_dir / "embeddings.sqlite", model)


def _writer(settings: Settings, embedder, fresh: bool) -> IndexWriter:
    return IndexWriter(
        settings.index_dir, embedder, embedding_cache(settings, embedder.name), settings.chunk_tokens,
        settings.chunk_overlap, settings.embed_title, fresh=fresh,
        exact_max=settings.exact_search_max, nprobe=settings.ivf_nprobe,
    )


def _needs_rebuild(settings: Settings, embedder) -> bool:
    """A model or chunking change means every article must be re-chunked and re-embedded."""
    version = current_version_dir(settings.index_dir)
    if version is None:
        return False
    manifest = Manifest.load(version / "manifest.json")
    manifest.check_model(embedder.name, embedder.dimension, settings.index_dir)
    return not manifest.same_chunking(settings.chunk_tokens, settings.chunk_overlap, settings.embed_title)


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder + os.sep)


def ingest_folder(folder: Path, settings: Settings, embedder, rebuild: bool = False,
                  progress: bool = False, on_progress: Progress | None = None) -> IngestReport:
    """Sync the index with the articles under ``folder``; ``rebuild`` re-embeds all articles.

    ``on_progress(done, total)`` follows the embedding of new chunks (the API's rebuild status).
    """
    started = time.perf_counter()
    report = IngestReport()
    result = scan(folder)
    report.errors = result.errors
    articles = _dedupe([clean_document(d) for d in result.documents], report)
    root = str(Path(folder).resolve())
    if not rebuild:
        rebuild = _needs_rebuild(settings, embedder)
    with _writer(settings, embedder, fresh=rebuild) as writer:
        existing = writer.existing()
        known_hashes = {h: aid for aid, (h, path) in existing.items() if not _under(path, root)}
        todo = []
        for article in articles:
            if known_hashes.get(article.content_hash, article.id) != article.id:
                report.duplicates += 1  # same content already indexed from elsewhere
            elif article.id not in existing:
                report.added += 1
                todo.append(article)
            elif existing[article.id][0] != article.content_hash:
                report.updated += 1
                todo.append(article)
            else:
                report.unchanged += 1
        present = {a.id for a in articles}
        gone = [aid for aid, (_h, path) in existing.items() if _under(path.split("#")[0], root) and aid not in present]
        report.removed = len(gone)
        if todo or gone or writer.previous is None:
            writer.delete(gone)
            writer.upsert(todo, progress, on_progress)
            manifest = writer.commit()
            report.total_articles, report.total_chunks = manifest.articles, manifest.chunks
        else:
            counts = writer.store.counts()
            report.total_articles, report.total_chunks = counts["articles"], counts["chunks"]
    _take_stats(report, writer)
    report.seconds = time.perf_counter() - started
    return report


def rebuild_all(settings: Settings, embedder, progress: bool = False,
                on_progress: Progress | None = None) -> IngestReport:
    """Re-chunk and re-embed every article already in the index (after a model or chunking change)."""
    started = time.perf_counter()
    report = IngestReport()
    current = current_version_dir(settings.index_dir)
    articles: list[Article] = []
    if current is not None:
        store = Store(current / "store.sqlite", readonly=True)
        articles = [store.get_article(aid) for aid in store.article_hashes()]
        store.close()
    with _writer(settings, embedder, fresh=True) as writer:
        writer.upsert(articles, progress, on_progress)
        manifest = writer.commit()
    report.updated = len(articles)
    report.total_articles, report.total_chunks = manifest.articles, manifest.chunks
    _take_stats(report, writer)
    report.seconds = time.perf_counter() - started
    return report


def add_documents(docs: list[RawDocument], settings: Settings, embedder) -> tuple[list[Article], IngestReport]:
    """Add or update single articles (the API's upload); duplicates of indexed content are skipped."""
    started = time.perf_counter()
    report = IngestReport()
    articles = _dedupe([clean_document(d) for d in docs], report)
    with _writer(settings, embedder, fresh=False) as writer:
        existing = writer.existing()
        by_hash = {h: aid for aid, (h, _p) in existing.items()}
        todo = []
        for a in articles:
            if by_hash.get(a.content_hash, a.id) != a.id:
                report.duplicates += 1
            elif a.id in existing and existing[a.id][0] == a.content_hash:
                report.unchanged += 1
            else:
                report.updated += a.id in existing
                report.added += a.id not in existing
                todo.append(a)
        if todo:
            writer.upsert(todo)
            manifest = writer.commit()
            report.total_articles, report.total_chunks = manifest.articles, manifest.chunks
    _take_stats(report, writer)
    report.seconds = time.perf_counter() - started
    return articles, report


def delete_articles(article_ids: list[str], settings: Settings, embedder) -> int:
    """Delete articles by id; returns how many existed."""
    with _writer(settings, embedder, fresh=False) as writer:
        existing = writer.existing()
        found = [a for a in article_ids if a in existing]
        if found:
            writer.delete(found)
            writer.commit()
    return len(found)


def _take_stats(report: IngestReport, writer: IndexWriter) -> None:
    """Copy what the writer did (chunks added/removed, embedded, from cache) into the report."""
    for key in ("chunks_added", "chunks_removed", "embedded", "from_cache"):
        setattr(report, key, getattr(writer.stats, key))


def _dedupe(articles: list[Article], report: IngestReport) -> list[Article]:
    """Keep the first of articles with identical content (the scan order is stable)."""
    seen, kept = set(), []
    for a in articles:
        if not a.text.strip():
            report.errors.append((a.path, "no article text after cleaning"))
        elif a.content_hash in seen:
            report.duplicates += 1
        else:
            seen.add(a.content_hash)
            kept.append(a)
    return kept
