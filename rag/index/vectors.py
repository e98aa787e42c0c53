"""FAISS vectors keyed by chunk id (``IndexIDMap2``), so deletes work by id."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np


class Vectors:
    """Inner-product search over L2-normalised vectors (= cosine)."""

    def __init__(self, index: faiss.Index):
        self.index = index

    @classmethod
    def empty(cls, dimension: int) -> "Vectors":
        """A new exact index."""
        return cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dimension)))

    @classmethod
    def load(cls, path: Path) -> "Vectors":
        """Read an index written by :meth:`save`."""
        return cls(faiss.read_index(str(path)))

    def save(self, path: Path) -> None:
        """Write the index to ``path``."""
        faiss.write_index(self.index, str(path))

    @property
    def size(self) -> int:
        """Number of vectors."""
        return int(self.index.ntotal)

    def add(self, ids: list[int], vectors: np.ndarray) -> None:
        """Add vectors under explicit chunk ids."""
        if len(ids):
            self.index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), np.asarray(ids, dtype=np.int64))

    def remove(self, ids: list[int]) -> None:
        """Remove vectors by chunk id (unknown ids are ignored)."""
        if ids:
            self.index.remove_ids(np.asarray(ids, dtype=np.int64))

    def search(self, query: np.ndarray, k: int, allowed: list[int] | None = None) -> list[tuple[int, float]]:
        """``[(chunk id, cosine)]``, best first; ``allowed`` restricts the ids searched."""
        if self.size == 0 or k <= 0:
            return []
        params = None
        if allowed is not None:
            if not allowed:
                return []
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64)))
        scores, ids = self.index.search(query.reshape(1, -1).astype(np.float32), min(k, self.size), params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
