"""Index: FAISS vectors + SQLite store + BM25, versioned on disk and swapped atomically.

Layout of ``index_dir``::

    current -> v00000007      symlink to the complete version readers use
    v00000007/                store.sqlite, vectors.faiss, bm25/, manifest.json
    .lock                     held by the one writer

A writer builds the next version beside the current one and only then repoints
``current`` (``os.replace`` of a symlink is atomic), so an interrupted ingest leaves the
previous index intact and readers keep answering from it while a rebuild runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rag.index.lexical import Lexical
from rag.index.manifest import Manifest, ModelMismatchError
from rag.index.store import Store
from rag.index.vectors import Vectors

__all__ = ["Index", "Manifest", "ModelMismatchError", "current_version_dir"]


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

    @classmethod
    def open(cls, index_dir: Path, model: str | None = None, dimension: int | None = None) -> "Index | None":
        """Load the current version; refuses one built with another model."""
        version = current_version_dir(index_dir)
        if version is None:
            return None
        manifest = Manifest.load(version / "manifest.json")
        if model is not None:
            manifest.check_model(model, dimension, Path(index_dir))
        return cls(
            path=version, manifest=manifest, store=Store(version / "store.sqlite", readonly=True),
            vectors=Vectors.load(version / "vectors.faiss"), lexical=Lexical.load(version / "bm25"),
        )

    @property
    def counts(self) -> dict[str, int]:
        """``{"articles": n, "chunks": n}`` as the manifest recorded them (no query)."""
        return {"articles": self.manifest.articles, "chunks": self.manifest.chunks}

    def close(self) -> None:
        """Release the SQLite connection."""
        self.store.close()
