"""Bring the index in step with a folder, or with single articles added through the API.

Each article carries a content hash (as in simonw/llm's collections): an unchanged
article is skipped before it is even chunked; a changed one is re-chunked, and only
chunks whose exact text the model has not embedded before are encoded.
"""

from __future__ import annotations

import os
import time
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, ContextManager

from rag.clean import clean_document
from rag.config import Settings
from rag.documents import Article, RawDocument
from rag.index import current_version_dir
from rag.index.cache import EmbeddingCache
from rag.index.manifest import IndexDamagedError, Manifest
from rag.index.store import Store
from rag.index.writer import IndexWriter
from rag.ingest import ReadError, scan
from rag.ingest.jsonl import split_location

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


def _writer(settings: Settings, embedder, fresh: bool, wait: float = 0) -> IndexWriter:
    return IndexWriter(
        settings.index_dir, embedder, embedding_cache(settings, embedder.name), settings.chunk_tokens,
        settings.chunk_overlap, settings.embed_title, fresh=fresh,
        exact_max=settings.exact_search_max, nprobe=settings.ivf_nprobe, wait=wait,
    )


def _needs_rebuild(settings: Settings, embedder) -> bool:
    """A model or chunking change means every article must be re-chunked and re-embedded."""
    version = current_version_dir(settings.index_dir)
    if version is None:
        return False
    try:
        manifest = Manifest.load(version / "manifest.json")
    except Exception as exc:
        raise IndexDamagedError(f"{version.name}/manifest.json is unreadable ({type(exc).__name__})") from exc
    manifest.check_model(embedder.name, embedder.dimension, settings.index_dir)
    return not manifest.same_chunking(settings.chunk_tokens, settings.chunk_overlap, settings.embed_title)


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder + os.sep)


def ingest_folder(folder: Path, settings: Settings, embedder, rebuild: bool = False,
                  progress: bool = False, on_progress: Progress | None = None, wait: float = 0) -> IngestReport:
    """Sync the index with the articles under ``folder``; ``rebuild`` re-embeds all articles.

    ``on_progress(done, total)`` follows the embedding of new chunks (the API's rebuild status).
    ``wait`` is how long to wait for another writer to finish (0: refuse at once).
    """
    started = time.perf_counter()
    report = IngestReport()
    root = str(Path(folder).resolve())
    if not rebuild:
        rebuild = _needs_rebuild(settings, embedder)
    with _writer(settings, embedder, fresh=rebuild, wait=wait) as writer:
        # Scanned under the lock: a file an upload put in place just before is seen, so
        # its article is not taken for removed.
        result = scan(folder)
        report.errors = result.errors
        articles = _bounded(_dedupe([clean_document(d) for d in result.documents], report), writer, settings, report)
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
        gone = [aid for aid, (_h, path) in existing.items() if _under(split_location(path)[0], root) and aid not in present]
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
                on_progress: Progress | None = None, wait: float = 0) -> IngestReport:
    """Re-chunk and re-embed every article already in the index (after a model or chunking change)."""
    started = time.perf_counter()
    report = IngestReport()
    current = current_version_dir(settings.index_dir)
    articles: list[Article] = []
    if current is not None:
        store = Store(current / "store.sqlite", readonly=True)
        articles = [store.get_article(aid) for aid in store.article_hashes()]
        store.close()
    with _writer(settings, embedder, fresh=True, wait=wait) as writer:
        writer.upsert(articles, progress, on_progress)
        manifest = writer.commit()
    report.updated = len(articles)
    report.total_articles, report.total_chunks = manifest.articles, manifest.chunks
    _take_stats(report, writer)
    report.seconds = time.perf_counter() - started
    return report


def add_documents(docs: list[RawDocument], settings: Settings, embedder,
                  keep: Callable[[], ContextManager] | None = None) -> tuple[list[Article], IngestReport]:
    """Add or update single articles (the API's upload); duplicates of indexed content are skipped.

    ``keep()``, if given, is entered once the write lock is held and before the index
    changes (it puts the upload's file in place), and sees any failure of the write.
    Raises :class:`ReadError` for an article longer than ``max_chunks_per_article``.
    """
    started = time.perf_counter()
    report = IngestReport()
    articles = _dedupe([clean_document(d) for d in docs], report)
    with _writer(settings, embedder, fresh=False) as writer, (keep() if keep else nullcontext()):
        if _bounded(articles, writer, settings, report) != articles:
            raise ReadError(report.errors[-1][1])
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


def delete_articles(article_ids: list[str], settings: Settings, embedder,
                    before: Callable[[], ContextManager] | None = None) -> int:
    """Delete articles by id; returns how many existed.

    ``before()``, if given, is entered under the write lock before the index changes (it
    moves the files to the trash) and sees any failure of the write.
    """
    with _writer(settings, embedder, fresh=False) as writer:
        existing = writer.existing()
        found = [a for a in article_ids if a in existing]
        if found:
            with before() if before else nullcontext():
                writer.delete(found)
                writer.commit()
    return len(found)


def _take_stats(report: IngestReport, writer: IndexWriter) -> None:
    """Copy what the writer did (chunks added/removed, embedded, from cache) into the report."""
    for key in ("chunks_added", "chunks_removed", "embedded", "from_cache"):
        setattr(report, key, getattr(writer.stats, key))


def _bounded(articles: list[Article], writer: IndexWriter, settings: Settings, report: IngestReport) -> list[Article]:
    """Drop (and report) articles that would make more than ``max_chunks_per_article`` chunks.

    One huge file must not hold the write lock for minutes nor flood the index.
    """
    limit, kept = settings.max_chunks_per_article, []
    for a in articles:
        # Only long texts are chunked twice (a 320-token chunk holds far more than 50 characters).
        if len(a.text) > limit * 50 and len(writer.chunker.split(a)) > limit:
            report.errors.append((a.path, f"the article is too long: more than {limit} chunks "
                                          f"(RAG_MAX_CHUNKS_PER_ARTICLE); split it into several articles"))
        else:
            kept.append(a)
    return kept


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
