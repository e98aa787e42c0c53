"""Writes the next index version: apply article upserts and deletes, then swap.

The writer only writes: articles arrive already chunked (:mod:`rag.chunk`) and embedded
(:mod:`rag.embed`); :mod:`rag.sync` runs the stages.
"""

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

from rag.chunk import Passage
from rag.documents import Article
from rag.index.lexical import Lexical
from rag.index.manifest import IndexDamagedError, IndexTooNewError, Manifest
from rag.index.store import Store, check_readable
from rag.index.vectors import Vectors
from rag.index.version import check_sqlite_size, current_version_dir
from rag.migrations import SchemaTooNewError
from rag.text import SENTENCE_RULES

log = logging.getLogger(__name__)
_VERSION = re.compile(r"^v(\d{8})$")


def sentence_rules_after(previous: Manifest | None) -> int:
    """The sentence cut a write records: an update of an index cut the old way (an upload, a
    fetch, a delete) leaves its other articles' vectors in that cut, so it keeps the old value
    and the next ingest rebuilds; a first write or a rebuild cuts everything this way."""
    return previous.sentence_rules if previous is not None else SENTENCE_RULES


class IndexBusyError(RuntimeError):
    """Another process is writing the index."""


@dataclass(frozen=True)
class IndexSpec:
    """What an index version is built with: recorded in its manifest, and how FAISS is laid out."""

    model: str  # the embedder's name (model, and engine unless torch)
    dimension: int
    chunk_tokens: int
    chunk_overlap: int
    embed_title: bool
    exact_max: int  # exact search up to this many chunks, IVF beyond (RAG_EXACT_SEARCH_MAX)
    nprobe: int  # IVF cells searched (RAG_IVF_NPROBE)

    @classmethod
    def of(cls, settings, embedder) -> "IndexSpec":
        """The spec for ``settings`` and a loaded embedder."""
        return cls(model=embedder.name, dimension=embedder.dimension, chunk_tokens=settings.chunk_tokens,
                   chunk_overlap=settings.chunk_overlap, embed_title=settings.embed_title,
                   exact_max=settings.exact_search_max, nprobe=settings.ivf_nprobe)


@dataclass
class WriteStats:
    """What one write did."""

    chunks_added: int = 0
    chunks_removed: int = 0


class IndexWriter:
    """Copy-on-write writer: enter it (takes the lock), :meth:`upsert`, :meth:`delete`, then :meth:`commit`."""

    def __init__(self, index_dir: Path, spec: IndexSpec, *, fresh: bool = False, wait: float = 0):
        self.index_dir = Path(index_dir)
        self.spec = spec
        self.fresh = fresh  # start from an empty index instead of the current version
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
            self.vectors = Vectors.empty(self.spec.dimension)
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

    def upsert(self, articles: list[Article], passages: list[Passage], embedded) -> None:
        """Add or replace ``articles`` with their chunks: ``passages`` (all the articles' chunks,
        from :func:`rag.chunk.passages`) and ``embedded`` (their vectors, from
        :func:`rag.embed.embed_passages`; may be ``None`` without passages)."""
        next_id = self.store.next_chunk_id()  # before the deletes: ids are never reused
        for article in articles:
            old = self.store.delete_article(article.id)
            self.vectors.remove(old)
            self.stats.chunks_removed += len(old)
            self.store.upsert_article(article)
        if not passages:
            return
        ids = list(range(next_id, next_id + len(passages)))
        self.store.add_chunks([(i, p.chunk, p.terms, blob)
                               for i, p, blob in zip(ids, passages, embedded.sentence_vectors)])
        self.vectors.add(ids, embedded.vectors)
        self.stats.chunks_added += len(passages)

    def counts(self) -> dict[str, int]:
        """Articles and chunks in the version being written."""
        return self.store.counts()

    def commit(self) -> Manifest:
        """Finish the version and make it current."""
        self.store.db.commit()
        ids, terms = self.store.all_terms()
        Lexical.build(ids, terms).save(self.tmp / "bm25")
        self.vectors.fit(self.spec.exact_max, self.spec.nprobe)
        self.vectors.save(self.tmp / "vectors.faiss")
        counts = self.store.counts()
        self.store.db.execute("VACUUM")
        self.store.close()
        spec = self.spec
        manifest = Manifest(
            model=spec.model, dimension=spec.dimension, chunk_tokens=spec.chunk_tokens,
            chunk_overlap=spec.chunk_overlap, embed_title=spec.embed_title, version=self.version,
            articles=counts["articles"], chunks=counts["chunks"],
            vector_index=self.vectors.label, sentence_rules=sentence_rules_after(self.previous),
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
