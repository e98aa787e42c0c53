"""FAISS vectors keyed by chunk id, exact while small and approximate (IVF) when large.

Both kinds take explicit ids, so adds and deletes work by chunk id on either:

- up to ``exact_max`` vectors, ``IndexIDMap2(IndexFlatIP)``: exact, no training, and
  cheap enough (single-threaded ~4 ms at 50k vectors, ~8 ms at 100k on this CPU);
- beyond, ``IndexIVFFlat`` with inner product: k-means cells (about 4·√n of them), a
  query scans the ``nprobe`` nearest cells. Deletes remove ids from their lists; vectors
  added later go to the existing cells, and the cells are re-trained when the index has
  outgrown them (fewer than half the cells its size calls for) or on a full rebuild.
"""

from __future__ import annotations

import math
from pathlib import Path

import faiss
import numpy as np


def ivf_cells(n: int) -> int:
    """How many IVF cells suit ``n`` vectors (the usual 4·√n)."""
    return max(1, int(4 * math.sqrt(n)))


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

    @property
    def kind(self) -> str:
        """``"exact"`` or ``"ivf"``."""
        return "ivf" if isinstance(self.index, faiss.IndexIVF) else "exact"

    @property
    def label(self) -> str:
        """What the manifest records: ``"flat"``, or ``"ivf<cells>"``."""
        return "flat" if self.kind == "exact" else f"ivf{self.index.nlist}"

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
        selector = None
        if allowed is not None:
            if not allowed:
                return []
            selector = faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64))
        if self.kind == "ivf":
            # A filter may leave its few articles in cells the query would not probe: scan all
            # cells then; the selector skips other ids before any distance is computed.
            nprobe = self.index.nlist if selector is not None else self.index.nprobe
            params = faiss.SearchParametersIVF(sel=selector, nprobe=nprobe)
        else:
            params = faiss.SearchParameters(sel=selector) if selector is not None else None
        scores, ids = self.index.search(query.reshape(1, -1).astype(np.float32), min(k, self.size), params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    # -- choosing the kind by size --------------------------------------------------------
    def fit(self, exact_max: int, nprobe: int, seed: int = 0) -> None:
        """Make the index the kind its size calls for (called before each save); the
        thresholds come from the settings (``exact_search_max``, ``ivf_nprobe``)."""
        n = self.size
        if self.kind == "exact" and n > exact_max:
            self._rebuild_ivf(nprobe, seed)
        elif self.kind == "ivf" and n <= exact_max // 2:  # hysteresis: no flip-flopping at the edge
            ids, vectors = self.all()
            self.index = Vectors.empty(self.index.d).index
            self.add(ids, vectors)
        elif self.kind == "ivf" and self.index.nlist < ivf_cells(n) // 2:
            self._rebuild_ivf(nprobe, seed)
        elif self.kind == "ivf":
            self.index.nprobe = nprobe

    def all(self) -> tuple[np.ndarray, np.ndarray]:
        """Every ``(ids, vectors)`` held, in storage order."""
        if self.kind == "exact":
            ids = faiss.vector_to_array(self.index.id_map).astype(np.int64)
            return ids, self.index.index.reconstruct_n(0, self.size)
        invlists, d = self.index.invlists, self.index.d
        id_parts, vec_parts = [], []
        for cell in range(self.index.nlist):
            size = invlists.list_size(cell)
            if size:
                id_parts.append(faiss.rev_swig_ptr(invlists.get_ids(cell), size).copy())
                codes = faiss.rev_swig_ptr(invlists.get_codes(cell), size * d * 4).copy()
                vec_parts.append(codes.view(np.float32).reshape(size, d))
        if not id_parts:
            return np.zeros(0, dtype=np.int64), np.zeros((0, d), dtype=np.float32)
        return np.concatenate(id_parts), np.vstack(vec_parts)

    def _rebuild_ivf(self, nprobe: int, seed: int) -> None:
        ids, vectors = self.all()
        d, cells = vectors.shape[1], ivf_cells(len(ids))
        quantizer = faiss.IndexFlatIP(d)
        index = faiss.IndexIVFFlat(quantizer, d, cells, faiss.METRIC_INNER_PRODUCT)
        # 40 points per cell train k-means well enough and keep training to seconds.
        index.cp.max_points_per_centroid = 40
        index.cp.seed = seed
        index.train(vectors)
        index.add_with_ids(vectors, ids)
        index.nprobe = nprobe
        quantizer.this.disown()  # the IVF index owns its quantizer from here on
        index.own_fields = True
        self.index = index
