"""Index versions on disk: which one is current, and opening one checked against its manifest.

A writer (``writer.py``) builds the next version beside the current one and only then
repoints ``current`` (``os.replace`` of a symlink is atomic), so an interrupted ingest leaves
the previous index intact and readers keep answering from it while a rebuild runs.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from rag.clean.normalize import source_key
from rag.index.lexical import Lexical
from rag.index.manifest import IndexDamagedError, IndexTooNewError, Manifest, ModelMismatchError
from rag.index.store import Store, StoredChunk
from rag.index.vectors import Vectors
from rag.migrations import SchemaTooNewError

log = logging.getLogger(__name__)
_VERSION = re.compile(r"^v(\d{8})$")


def current_version_dir(index_dir: Path) -> Path | None:
    """The complete version ``current`` points at, or ``None`` when there is no index."""
    link = Path(index_dir) / "current"
    if not link.is_symlink() and not link.exists():
        return None
    target = link.resolve()
    return target if (target / "manifest.json").exists() else None


@dataclass
class Index:
    """One immutable, loaded version of the index."""

    path: Path
    manifest: Manifest
    store: Store
    vectors: Vectors
    lexical: Lexical
    problem: str | None = None  # set when this is a fallback because the current version is damaged

    @classmethod
    def open(cls, index_dir: Path, model: str | None = None, dimension: int | None = None) -> "Index | None":
        """Load and check the current version; refuses one built with another model.

        A damaged current version (unreadable file, counts that disagree) is logged and the
        newest older version still on disk is served instead, with :attr:`problem` saying
        so; with none left, :class:`IndexDamagedError` says how to rebuild.
        """
        version = current_version_dir(index_dir)
        if version is None:
            link = Path(index_dir) / "current"
            if link.is_symlink() and link.resolve().is_dir():
                version = link.resolve()  # a version without its manifest: damaged, not absent
            else:
                return None
        try:
            return cls.load(version, model, dimension, Path(index_dir))
        except IndexDamagedError as exc:
            log.error("%s (%s)", exc, version)
            damaged = exc
        for older in sorted((p for p in Path(index_dir).iterdir() if _VERSION.match(p.name) and p.name < version.name),
                            key=lambda p: p.name, reverse=True):
            try:
                index = cls.load(older, model, dimension, Path(index_dir))
            except (IndexDamagedError, ModelMismatchError):
                continue
            index.problem = f"{damaged}; serving the previous version {older.name} meanwhile"
            log.warning("serving %s: %s is damaged", older, version.name)
            return index
        raise damaged

    @classmethod
    def load(cls, version: Path, model: str | None, dimension: int | None, index_dir: Path) -> "Index":
        """Open one version folder and check that its parts agree with its manifest."""
        name = version.name
        try:
            manifest = Manifest.load(version / "manifest.json")
        except Exception as exc:
            raise IndexDamagedError(f"{name}/manifest.json is missing or unreadable ({type(exc).__name__})") from exc
        if model is not None:
            manifest.check_model(model, dimension, index_dir)
        parts = {}
        try:
            check_sqlite_size(version / "store.sqlite")
            store = parts["store.sqlite"] = Store(version / "store.sqlite", readonly=True)
            counts = store.counts()
            vectors = parts["vectors.faiss"] = Vectors.load(version / "vectors.faiss")
            lexical = parts["bm25"] = Lexical.load(version / "bm25")
        except SchemaTooNewError as exc:
            raise IndexTooNewError(f"{name}/{exc}") from exc
        except Exception as exc:
            if "store.sqlite" in parts:
                parts["store.sqlite"].close()
            broken = next(p for p in ("store.sqlite", "vectors.faiss", "bm25", None) if p not in parts)
            raise IndexDamagedError(f"{name}/{broken} is unreadable ({type(exc).__name__})") from exc
        found = {"SQLite articles": counts["articles"], "SQLite chunks": counts["chunks"],
                 "FAISS vectors": vectors.size, "BM25 rows": len(lexical.ids)}
        wanted = {"SQLite articles": manifest.articles, "SQLite chunks": manifest.chunks,
                  "FAISS vectors": manifest.chunks, "BM25 rows": manifest.chunks}
        wrong = [f"{k} {found[k]} (manifest: {wanted[k]})" for k in found if found[k] != wanted[k]]
        if wrong:
            store.close()
            raise IndexDamagedError(f"{name} is inconsistent: " + ", ".join(wrong))
        return cls(path=version, manifest=manifest, store=store, vectors=vectors, lexical=lexical)

    # -- the search backend's questions (rag.index.backends.base.SearchIndex) ---------------
    def scope(self, source: str | None, date_from: str | None, date_to: str | None) -> list[int]:
        """The ids of the chunks the filters allow (FAISS and BM25 take an id list)."""
        return self.store.chunk_ids_where(source, date_from, date_to, self.source_keys)

    def dense(self, vector, k: int, scope: list[int] | None = None) -> list[tuple[int, float]]:
        """``[(chunk id, cosine)]`` from FAISS, best first."""
        return self.vectors.search(vector, k, scope)

    def keyword(self, terms: list[str], k: int, scope: list[int] | None = None) -> list[tuple[int, float]]:
        """``[(chunk id, BM25 score)]``, best first."""
        return self.lexical.search(terms, k, scope)

    def get_chunks(self, ids: list[int]) -> dict[int, StoredChunk]:
        """Chunks with their article metadata, by id."""
        return self.store.get_chunks(ids)

    @property
    def counts(self) -> dict[str, int]:
        """``{"articles": n, "chunks": n}`` as the manifest recorded them (no query)."""
        return {"articles": self.manifest.articles, "chunks": self.manifest.chunks}

    @functools.cached_property
    def sources(self) -> list[str]:
        """Organisations the articles belong to (a version never changes: read once)."""
        return self.store.sources()

    @functools.cached_property
    def source_keys(self) -> list[str]:
        """:attr:`sources` as filters compare them, so a filtered question reads no organisation list."""
        return [source_key(s) for s in self.sources]

    def close(self) -> None:
        """Release the SQLite connection."""
        self.store.close()


def check_sqlite_size(path: Path) -> None:
    """Refuse a truncated SQLite file (its header says how many pages it should have).

    SQLite itself opens a truncated file and fails only on the first query that reaches a
    missing page, which made every /ask a 500 while /health said ready.
    """
    with open(path, "rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise ValueError("not an SQLite database")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if pages and path.stat().st_size < pages * page_size:
        raise ValueError(f"truncated: {path.stat().st_size} bytes of {pages * page_size}")
