"""Index, the fifth stage: FAISS vectors + SQLite store + BM25, versioned on disk and swapped atomically.

Layout of ``index_dir``::

    current -> v00000007      symlink to the complete version readers use
    v00000007/                store.sqlite, vectors.faiss, bm25/, manifest.json
    .lock                     held by the one writer

``writer`` builds the next version beside the current one and only then repoints
``current``; ``version`` opens and checks one (:class:`Index`). The parts: ``store``
(articles and chunks, with schema migrations), ``vectors`` (FAISS), ``lexical`` (BM25),
``sentences`` (per-sentence vectors), ``manifest``; ``cache`` keeps embeddings across
versions. Next stage: :mod:`rag.retrieve`.
"""

from rag.index.manifest import IndexDamagedError, IndexTooNewError, Manifest, ModelMismatchError
from rag.index.version import Index, check_sqlite_size, current_version_dir

__all__ = ["Index", "IndexDamagedError", "IndexTooNewError", "Manifest", "ModelMismatchError", "check_sqlite_size",
           "current_version_dir"]
