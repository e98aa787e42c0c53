"""What the retriever, the answer step and the sync jobs need from an index, whatever holds it.

Two implementations: :mod:`.faiss_sqlite` (FAISS + SQLite + BM25 files, the default) and
:mod:`.postgres` (PostgreSQL + pgvector, selected by ``RAG_DATABASE_URL``). The fusion of the
two result lists, the answer step and the API stay the same for both.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np

from rag.chunk import Passage
from rag.documents import Article
from rag.index.manifest import Manifest
from rag.index.store import StoredChunk

Ranked = list[tuple[int, float]]  # (chunk id, score), best first


class SearchIndex(Protocol):
    """One readable index: searches under filters, and the reads the answer step and the API make.

    Besides these methods an index has ``store`` (``get_article``, ``get_chunks``,
    ``list_articles``, ``undated_articles``, ``sources``, ``counts``), ``lexical.idf(term)``,
    ``lexical.spellings`` and ``lexical.syllables`` (:mod:`rag.retrieve.spelling`) and
    ``vectors.size``, which the answer step and the API already read.
    """

    manifest: Manifest
    problem: str | None

    def scope(self, source: str | None, date_from: str | None, date_to: str | None) -> Any:
        """What :meth:`dense` and :meth:`keyword` restrict to (organisation substring, ISO dates)."""

    def dense(self, vector: np.ndarray, k: int, scope: Any = None) -> Ranked:
        """The ``k`` chunks nearest ``vector`` by cosine, within ``scope`` (``None``: all)."""

    def keyword(self, terms: list[str], k: int, scope: Any = None) -> Ranked:
        """The ``k`` best chunks for the segmented ``terms`` by keyword score (positive only)."""

    def get_chunks(self, ids: list[int]) -> dict[int, StoredChunk]:
        """Chunks with their article metadata, by id."""

    def close(self) -> None:
        """Release what the index holds open."""


class IndexWriterLike(Protocol):
    """One write job: enter it (takes the write lock), change, :meth:`commit` (readers see all or nothing)."""

    previous: Manifest | None  # what the index held before this job (``None``: empty or fresh)

    def __enter__(self) -> "IndexWriterLike": ...

    def __exit__(self, *exc) -> None: ...

    def existing(self) -> dict[str, tuple[str, str]]:
        """``{article id: (content hash, path)}`` as this job sees the index."""

    def upsert(self, articles: list[Article], passages: list[Passage], embedded) -> None:
        """Add or replace articles with their chunks, vectors and words."""

    def delete(self, article_ids: list[str]) -> None:
        """Remove articles and their chunks."""

    def counts(self) -> dict[str, int]:
        """``{"articles": n, "chunks": n}`` as this job sees the index."""

    def commit(self) -> Manifest:
        """Make the job's changes visible to readers at once."""
