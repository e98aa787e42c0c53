"""Writes the next index version: apply article upserts and deletes, then swap."""

from __future__ import annotations

import fcntl
import logging
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from rag.chunk import Chunker
from rag.documents import Article
from rag.index import check_sqlite_size, current_version_dir
from rag.index.cache import EmbeddingCache
from rag.index.lexical import Lexical
from rag.index.manifest import IndexDamagedError, IndexTooNewError, Manifest
from rag.index.store import Store, check_readable
from rag.index.vectors import Vectors
from rag.index.sentences import pack
from rag.migrations import SchemaTooNewError
from rag.text import segmented_lines, sentence_spans

log = logging.getLogger(__name__)
_VERSION = re.compile(r"^v(\d{8})$")


class IndexBusyError(RuntimeError):
    """Another process is writing the index."""


def passage_text(title: str, chunk_text: str, embed_title: bool) -> str:
    """What is embedded and BM25-indexed for a chunk: its article title gives it context."""
    return f"{title}\n{chunk_text}" if embed_title and title else chunk_text


@dataclass
class WriteStats:
    """What one write did."""

    chunks_added: int = 0
    chunks_removed: int = 0
    embedded: int = 0
    from_cache: int = 0
    sentences_embedded: int = 0


class IndexWriter:
    """Copy-on-write writer; use as a context manager, call :meth:`apply`, then :meth:`commit`."""

    def __init__(self, index_dir: Path, embedder, cache: EmbeddingCache, chunk_tokens: int,
                 chunk_overlap: int, embed_title: bool, *, fresh: bool, exact_max: int, nprobe: int,
                 wait: float = 0):
        self.index_dir = Path(index_dir)
        self.embedder = embedder
        self.cache = cache
        self.chunker = Chunker(embedder.count_tokens, min(chunk_tokens, embedder.max_tokens), chunk_overlap)
        self.settings = (chunk_tokens, chunk_overlap, embed_title)
        self.embed_title = embed_title
        self.fresh = fresh
        self.exact_max, self.nprobe = exact_max, nprobe
        self.wait = wait  # seconds to wait for another writer before giving up
        self.stats = WriteStats()

    # -- lifecycle ----------------------------------------------------------------------
    def __enter__(self) -> "IndexWriter":
        self.index_dir.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.index_dir / ".lock", "w")
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self._lock.close()
                    raise IndexBusyError(f"another ingest or rebuild is writing {self.index_dir}") from None
                time.sleep(0.2)
        try:
            self._open_base()
        except BaseException:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            raise
        return self

    def _open_base(self) -> None:
        self._cleanup_partial()
        base = None if self.fresh else current_version_dir(self.index_dir)
        try:
            self.previous = Manifest.load(base / "manifest.json") if base else None
        except Exception as exc:
            raise IndexDamagedError(f"{base.name}/manifest.json is unreadable ({type(exc).__name__})") from exc
        number = self.previous.version + 1 if self.previous else self._next_number()
        self.version = number
        self.tmp = self.index_dir / f".v{number:08d}.tmp"
        self.tmp.mkdir()
        if not base:
            self.store = Store(self.tmp / "store.sqlite")
            self.vectors = Vectors.empty(self.embedder.dimension)
            return
        self.store = None
        try:
            # Copying a damaged version would carry the damage on (SQLite copies a
            # truncated file without complaint), so the parts the next version is made
            # from are checked against the manifest; BM25 is rebuilt at commit anyway.
            check_sqlite_size(base / "store.sqlite")
            src = sqlite3.connect(f"file:{base / 'store.sqlite'}?mode=ro", uri=True)
            try:
                check_readable(src, "store.sqlite")
                copy = sqlite3.connect(self.tmp / "store.sqlite")
                src.backup(copy)
                copy.close()
            finally:
                src.close()
            # Opened after the copy, so that a version written by an older release is
            # migrated in the copy (the published version itself is never changed).
            self.store = Store(self.tmp / "store.sqlite")
            self.vectors = Vectors.load(base / "vectors.faiss")
            counts = self.store.counts()
            found = (counts["articles"], counts["chunks"], self.vectors.size)
            wanted = (self.previous.articles, self.previous.chunks, self.previous.chunks)
            if found != wanted:
                raise ValueError(f"articles/chunks/vectors {found} differ from the manifest's {wanted}")
        except Exception as exc:
            if self.store is not None:
                self.store.close()
            shutil.rmtree(self.tmp, ignore_errors=True)
            if isinstance(exc, SchemaTooNewError):
                raise IndexTooNewError(f"{base.name}/{exc}") from exc
            raise IndexDamagedError(f"{base.name} cannot be read ({type(exc).__name__}: {exc})") from exc

    def __exit__(self, exc_type, exc, tb) -> None:
        self.store.close()
        if self.tmp.exists():
            shutil.rmtree(self.tmp, ignore_errors=True)
        fcntl.flock(self._lock, fcntl.LOCK_UN)
        self._lock.close()

    def _next_number(self) -> int:
        numbers = [int(m.group(1)) for p in self.index_dir.iterdir() if (m := _VERSION.match(p.name))]
        return max(numbers, default=0) + 1

    def _cleanup_partial(self) -> None:
        for p in self.index_dir.glob(".v*.tmp"):  # left by a killed writer
            shutil.rmtree(p, ignore_errors=True)

    # -- changes ------------------------------------------------------------------------
    def existing(self) -> dict[str, tuple[str, str]]:
        """``{article id: (content hash, path)}`` in the version being written."""
        return self.store.article_hashes()

    def delete(self, article_ids: list[str]) -> None:
        """Remove articles and their chunks."""
        for article_id in article_ids:
            ids = self.store.delete_article(article_id)
            self.vectors.remove(ids)
            self.stats.chunks_removed += len(ids)

    def upsert(self, articles: list[Article], progress: bool = False, on_progress=None) -> None:
        """Add or replace articles: chunk, embed (through the cache), index."""
        rows, texts, sentences = [], [], []
        next_id = self.store.next_chunk_id()
        for article in articles:
            old = self.store.delete_article(article.id)
            self.vectors.remove(old)
            self.stats.chunks_removed += len(old)
            self.store.upsert_article(article)
            for chunk in self.chunker.split(article):
                text = passage_text(article.title, chunk.text, self.embed_title)
                rows.append((next_id, chunk, segmented_lines(article.title if self.embed_title else "", chunk.text)))
                texts.append(text)
                sentences.append([chunk.text[s:e] for s, e in sentence_spans(chunk.text)])
                next_id += 1
        if not rows:
            return
        vectors, encoded = self.cache.encode(texts, self.embedder.encode_passages, progress, on_progress)
        packed, sentences_encoded = self._sentence_vectors(sentences)
        self.store.add_chunks([(*row, blob) for row, blob in zip(rows, packed)])
        self.vectors.add([r[0] for r in rows], vectors)
        self.stats.chunks_added += len(rows)
        self.stats.embedded += encoded
        self.stats.from_cache += len(rows) - encoded
        self.stats.sentences_embedded += sentences_encoded

    def _sentence_vectors(self, sentences: list[list[str]]) -> tuple[list[bytes], int]:
        """Each chunk's sentences embedded on their own (through the cache), packed per chunk.

        The answer step compares them with the question's vector, which retrieval computed
        already: meaning decides between sentences at no cost per question.
        """
        flat = [s for chunk in sentences for s in chunk]
        vectors, encoded = self.cache.encode(flat, self.embedder.encode_passages)
        packed, at = [], 0
        for chunk in sentences:
            packed.append(pack(vectors[at : at + len(chunk)]) if chunk else None)
            at += len(chunk)
        return packed, encoded

    def commit(self) -> Manifest:
        """Finish the version and make it current."""
        self.store.db.commit()
        ids, terms = self.store.all_terms()
        Lexical.build(ids, terms).save(self.tmp / "bm25")
        self.vectors.fit(self.exact_max, self.nprobe)
        self.vectors.save(self.tmp / "vectors.faiss")
        counts = self.store.counts()
        self.store.db.execute("VACUUM")
        self.store.close()
        chunk_tokens, overlap, embed_title = self.settings
        manifest = Manifest(
            model=self.embedder.name, dimension=self.embedder.dimension, chunk_tokens=chunk_tokens,
            chunk_overlap=overlap, embed_title=embed_title, version=self.version,
            articles=counts["articles"], chunks=counts["chunks"],
            vector_index=self.vectors.label,
            updated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )
        manifest.save(self.tmp / "manifest.json")
        final = self.index_dir / f"v{self.version:08d}"
        if final.exists():
            shutil.rmtree(final)
        _fsync_dir(self.tmp)
        self.tmp.rename(final)
        link = self.index_dir / "current.tmp"
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(final.name)
        os.replace(link, self.index_dir / "current")
        _fsync_dir(self.index_dir)
        # The version before stays on disk: a reader that resolved `current` just before the
        # swap can still open it, and it is the fallback if this one is found damaged later.
        older = sorted((p for p in self.index_dir.iterdir() if _VERSION.match(p.name) and p != final),
                       key=lambda p: p.name)
        for old in older[:-1]:
            shutil.rmtree(old, ignore_errors=True)  # open readers keep their unlinked files
        return manifest


def _fsync_dir(path: Path) -> None:
    for f in path.rglob("*"):
        if f.is_file():
            with open(f, "rb") as fh:
                os.fsync(fh.fileno())
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
