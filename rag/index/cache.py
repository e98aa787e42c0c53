"""Embedding cache keyed by (model, SHA-256 of the exact text embedded).

Lives outside any index version, so re-ingesting, rebuilding, or evaluating the same
corpus again embeds only text the model has never seen.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from pathlib import Path
from typing import Callable

import numpy as np

from rag.migrations import SchemaTooNewError, migrate

log = logging.getLogger(__name__)
_PROGRESS_STEP = 64

# Schema version n is the file after the first n steps (see rag.migrations); append only.
STEPS = [
    "CREATE TABLE IF NOT EXISTS vectors (model TEXT, hash TEXT, vec BLOB, PRIMARY KEY (model, hash))",
]


class EmbeddingCache:
    """A small SQLite key-value store of float32 vectors."""

    def __init__(self, path: Path, model: str):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        try:
            migrate(self.db, path.name, STEPS, hint=f"delete {path}")
        except SchemaTooNewError as exc:
            # The cache only saves work: a file a newer release reshaped must not stop this
            # one from ingesting. Embed without it (in memory) and say how to get it back.
            log.warning("embedding cache not used: %s", exc)
            self.db.close()
            self.db = sqlite3.connect(":memory:", check_same_thread=False)
            migrate(self.db, "embedding cache (in memory)", STEPS)
        self.model = model
        self.lock = threading.Lock()

    @staticmethod
    def key(text: str) -> str:
        """Cache key of a text."""
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get_many(self, texts: list[str]) -> dict[int, np.ndarray]:
        """Cached vectors by position in ``texts``."""
        keys = [self.key(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        with self.lock:
            for start in range(0, len(keys), 500):
                part = keys[start : start + 500]
                rows = self.db.execute(
                    f"SELECT hash, vec FROM vectors WHERE model = ? AND hash IN ({','.join('?' * len(part))})",
                    [self.model, *part],
                )
                found.update({h: np.frombuffer(v, dtype=np.float32) for h, v in rows})
        return {i: found[k] for i, k in enumerate(keys) if k in found}

    def put_many(self, texts: list[str], vectors: np.ndarray) -> None:
        """Store vectors for texts."""
        rows = [(self.model, self.key(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vectors)]
        with self.lock, self.db:
            self.db.executemany("INSERT OR REPLACE INTO vectors VALUES (?,?,?)", rows)

    def encode(self, texts: list[str], encoder, progress: bool = False,
               on_progress: Callable[[int, int], None] | None = None) -> tuple[np.ndarray, int]:
        """Vectors for ``texts`` (cached or freshly encoded) and how many were encoded.

        ``on_progress(done, total)`` is called as the uncached texts are encoded, in slices
        that are stored as they finish, so an interrupted rebuild keeps what it embedded.
        """
        cached = self.get_many(texts)
        todo = [i for i in range(len(texts)) if i not in cached]
        step = _PROGRESS_STEP if on_progress else max(len(todo), 1)
        parts = []
        for start in range(0, len(todo), step):
            part = [texts[i] for i in todo[start : start + step]]
            parts.append(encoder(part, progress and on_progress is None))
            self.put_many(part, parts[-1])
            if on_progress:
                on_progress(min(start + step, len(todo)), len(todo))
        fresh = np.concatenate(parts) if parts else None
        dim = fresh.shape[1] if todo else (next(iter(cached.values())).shape[0] if cached else 0)
        out = np.zeros((len(texts), dim), dtype=np.float32)
        for i, v in cached.items():
            out[i] = v
        for j, i in enumerate(todo):
            out[i] = fresh[j]
        return out, len(todo)
