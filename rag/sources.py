"""The article files the service manages, kept in step with the index.

Articles uploaded through the API are kept as files under ``data_dir/uploads`` and the
files of deleted articles are moved to ``data_dir/.trash``, so that the folder stays the
truth: a rebuild from ``data_dir`` neither loses an upload nor brings a deleted article back,
and nothing an admin sent is ever erased. The file work is in :mod:`rag.files`, the index
work in :mod:`rag.sync`; this module does each job in the order that keeps them in step.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from rag.config import Settings
from rag.documents import Article
from rag.files.names import (MAX_NAME_BYTES, UPLOAD_TYPES, UnsupportedTypeError, UploadNameError, json_upload,
                             public_location, stored_name, upload_path)
from rag.files.storage import placed
from rag.files.storage import retire as _retire
from rag.ingest import ReadError, read_text
from rag.ingest.quality import degenerate
from rag.sync import IngestReport, add_documents, delete_articles

__all__ = ["MAX_NAME_BYTES", "UPLOAD_TYPES", "UnsupportedTypeError", "UploadNameError", "add_upload", "json_upload",
           "public_location", "remove_article", "retire", "stored_name", "upload_path"]


def add_upload(path: Path, data: bytes, settings: Settings, embedder) -> tuple[list[Article], IngestReport]:
    """Parse an uploaded file, keep it at ``path``, then index it.

    The file is put in place *before* the index changes, while the index write lock is
    held (so two uploads never interleave): a crash in between leaves a file the next
    rebuild indexes, never an indexed article without a file (which a rebuild would drop).
    A file it replaces goes to the trash; if indexing fails the previous file comes back.
    Text another indexed article holds is refused (:class:`rag.sync.DuplicateError`) and
    not kept.
    """
    suffix = path.suffix.lower()
    if suffix not in UPLOAD_TYPES + (".jsonl",):
        raise UnsupportedTypeError(f"unsupported file type {suffix or '(none)'!r}; send one of {', '.join(UPLOAD_TYPES)}")
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"the file is not UTF-8 text (invalid byte at position {exc.start})") from None
    docs = read_text(content, suffix, str(path))
    for doc in docs:
        problem = degenerate(doc.text)
        if problem:
            raise ReadError(problem)
    return add_documents(docs, settings, embedder, keep=lambda: placed(path, data, settings), refuse_duplicates=True)


def remove_article(article: Article, settings: Settings, embedder) -> Path | None:
    """Delete an article: its file goes to the trash first, then the index forgets it.

    Both happen under the index write lock. If the index cannot be written the file comes
    back; a crash in between leaves the file in the trash and the article in the index
    until the next rebuild drops it - never a deleted article that a rebuild brings back.
    Returns the trash copy (``None`` if the file is outside ``data_dir``).
    """
    moved: list[Path | None] = []

    @contextmanager
    def retired():
        dest, undo = _retire(article, settings)
        moved.append(dest)
        try:
            yield
        except BaseException:
            undo()
            raise

    delete_articles([article.id], settings, embedder, before=retired)
    return moved[0] if moved else None


def retire(article: Article, settings: Settings) -> Path | None:
    """Move a deleted article's file into the trash; ``None`` if it lies outside ``data_dir``."""
    return _retire(article, settings)[0]
