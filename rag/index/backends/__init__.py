"""Where the index lives: the FAISS/SQLite/BM25 files (default) or PostgreSQL + pgvector.

``RAG_DATABASE_URL=postgresql://…`` selects PostgreSQL (:mod:`.postgres`, imported only
then, so psycopg is needed only by those who use it); otherwise :mod:`.faiss_sqlite` over
``RAG_INDEX_DIR``. Every caller goes through these functions, never a backend directly.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterator

from rag.config import Settings
from rag.documents import Article
from rag.index.manifest import Manifest
from rag.index.writer import IndexSpec


def database_url(settings: Settings) -> str | None:
    """The PostgreSQL URL if one is configured."""
    url = settings.database_url
    # model_copy(update=…) does not validate: a plain string may stand where SecretStr would.
    url = url.get_secret_value() if hasattr(url, "get_secret_value") else url
    return url or None


def _backend(settings: Settings):
    if database_url(settings):
        from rag.index.backends import postgres

        return postgres, database_url(settings)
    from rag.index.backends import faiss_sqlite

    return faiss_sqlite, settings.index_dir


def current_version(settings: Settings):
    """A cheap marker that changes whenever a writer publishes (a folder, or a version number)."""
    backend, where = _backend(settings)
    return backend.current_version(where)


def open_index(settings: Settings, model: str | None = None, dimension: int | None = None):
    """The index readers search (see :class:`.base.SearchIndex`), ``None`` when there is none yet;
    refuses one built with another model (``model``/``dimension`` given)."""
    backend, where = _backend(settings)
    return backend.open_index(where, model, dimension)


def index_writer(settings: Settings, spec: IndexSpec, *, fresh: bool = False, wait: float = 0):
    """A writer (see :class:`.base.IndexWriterLike`); ``fresh`` starts from an empty index."""
    backend, where = _backend(settings)
    return backend.writer(where, spec, fresh=fresh, wait=wait)


def location(settings: Settings) -> Path | str:
    """Where the index is, for messages: the folder, or which PostgreSQL database."""
    backend, where = _backend(settings)
    return backend.location(where)


def damaged(settings: Settings) -> str | None:
    """Why the current index cannot be read and must be rebuilt from the articles folder,
    ``None`` when it can (or there is none)."""
    backend, where = _backend(settings)
    return backend.damaged(where)


def article_titles(settings: Settings) -> dict[str, tuple[str, str]]:
    """``{article id: (content hash, title)}`` of the index being served (empty if none or unreadable)."""
    backend, where = _backend(settings)
    return backend.article_titles(where)


def stored_manifest(settings: Settings) -> Manifest | None:
    """What the current index was built with, ``None`` without one."""
    backend, where = _backend(settings)
    return backend.stored_manifest(where)


def indexed_articles(settings: Settings) -> list[Article]:
    """Every article the index holds (a rebuild re-chunks and re-embeds them)."""
    backend, where = _backend(settings)
    return backend.indexed_articles(where)


@contextlib.contextmanager
def scratch_index(settings: Settings, folder: Path) -> Iterator[Settings]:
    """Settings for a throw-away index (``rag eval``): in ``folder``, or in a scratch schema of
    the configured database that is dropped on exit (the real index is never touched)."""
    url = database_url(settings)
    if not url:
        yield settings.model_copy(update={"index_dir": Path(folder) / "index"})
        return
    from rag.index.backends.postgres import scratch_schema

    with scratch_schema(url) as scratch:
        yield settings.model_copy(update={"index_dir": Path(folder) / "index", "database_url": scratch})
