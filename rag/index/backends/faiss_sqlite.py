"""The default backend: one process's FAISS vectors, SQLite store and BM25 files in ``index_dir``.

It is today's :class:`rag.index.Index` and :class:`rag.index.writer.IndexWriter` as they are
(versioned folders swapped atomically); this module only answers the backend questions
(:mod:`rag.index.backends`) with them.
"""

from __future__ import annotations

from pathlib import Path

from rag.documents import Article
from rag.index.manifest import IndexDamagedError, IndexTooNewError, Manifest
from rag.index.store import Store
from rag.index.version import Index, current_version_dir
from rag.index.writer import IndexSpec, IndexWriter
from rag.migrations import SchemaTooNewError


def current_version(index_dir: Path) -> Path | None:
    """What changes when a writer publishes: the folder ``current`` points at."""
    return current_version_dir(index_dir)


def open_index(index_dir: Path, model: str | None, dimension: int | None) -> Index | None:
    """The current version, checked (``None`` when nothing is indexed yet)."""
    return Index.open(index_dir, model, dimension)


def writer(index_dir: Path, spec: IndexSpec, *, fresh: bool, wait: float) -> IndexWriter:
    """A copy-on-write writer of the next version."""
    return IndexWriter(index_dir, spec, fresh=fresh, wait=wait)


def location(index_dir: Path) -> Path:
    """The index folder (messages name it)."""
    return index_dir


def damaged(index_dir: Path) -> str | None:
    """Why the current version cannot be read (an unreadable file, counts that disagree), or
    ``None`` if it can or there is none: unlike :func:`open_index`, no older version stands in."""
    version = current_version_dir(index_dir)
    link = Path(index_dir) / "current"
    if version is None and not link.is_symlink():
        return None
    try:
        Index.load(version or link.resolve(), None, None, Path(index_dir)).close()
    except IndexDamagedError as exc:
        return str(exc)
    return None


def article_titles(index_dir: Path) -> dict[str, tuple[str, str]]:
    """``{article id: (content hash, title)}`` of the current version (empty if none or unreadable)."""
    version = current_version_dir(index_dir)
    if version is None:
        return {}
    try:
        store = Store(version / "store.sqlite", readonly=True)
    except Exception:  # a damaged version: a rebuild reports it
        return {}
    try:
        return {r[0]: (r[1], r[2]) for r in store.db.execute("SELECT id, content_hash, title FROM articles")}
    except Exception:
        return {}
    finally:
        store.close()


def stored_manifest(index_dir: Path) -> Manifest | None:
    """The current version's manifest, ``None`` without an index."""
    version = current_version_dir(index_dir)
    if version is None:
        return None
    try:
        return Manifest.load(version / "manifest.json")
    except Exception as exc:
        raise IndexDamagedError(f"{version.name}/manifest.json is unreadable ({type(exc).__name__})") from exc


def indexed_articles(index_dir: Path) -> list[Article]:
    """Every article of the current version (for a rebuild)."""
    current = current_version_dir(index_dir)
    if current is None:
        return []
    try:
        store = Store(current / "store.sqlite", readonly=True)
    except SchemaTooNewError as exc:
        raise IndexTooNewError(f"{current.name}/{exc}") from exc
    try:
        return [store.get_article(aid) for aid in store.article_hashes()]
    finally:
        store.close()
