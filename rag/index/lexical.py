"""BM25 over Vietnamese words (pyvi segmentation), through bm25s, rebuilt with the index."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import numpy as np


def _bm25s():
    """The bm25s module, quiet: 0.3.16 sets its own logger to DEBUG on import, which printed
    "DEBUG:bm25s:Building index from tokens" in the CLI's output."""
    import logging

    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


class Lexical:
    """BM25 (Lucene variant, k1=1.5, b=0.75) whose row ``i`` is chunk ``ids[i]``."""

    def __init__(self, bm25, ids: np.ndarray):
        self.bm25 = bm25
        self.ids = ids
        self.row_of = {int(c): r for r, c in enumerate(ids)}

    @classmethod
    def build(cls, ids: list[int], terms: list[list[str]]) -> "Lexical":
        """Index every chunk's terms."""
        bm25s = _bm25s()
        bm25 = bm25s.BM25()
        if ids:
            bm25.index(terms, show_progress=False)
        return cls(bm25, np.asarray(ids, dtype=np.int64))

    def save(self, folder: Path) -> None:
        """Write the index into ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / "ids.npy", self.ids)
        if len(self.ids):
            self.bm25.save(str(folder), show_progress=False)
        (folder / "ok.json").write_text(json.dumps({"chunks": len(self.ids)}))

    @classmethod
    def load(cls, folder: Path) -> "Lexical":
        """Read an index written by :meth:`save`."""
        bm25s = _bm25s()
        ids = np.load(folder / "ids.npy")
        bm25 = bm25s.BM25.load(str(folder), show_progress=False) if len(ids) else bm25s.BM25()
        return cls(bm25, ids)

    @functools.cached_property
    def spellings(self) -> dict[str, str]:
        """``{word without marks: the index's most frequent word with them}``
        (:func:`rag.retrieve.spelling.spellings`), built on first use."""
        from rag.retrieve.spelling import spellings

        vocab = getattr(self.bm25, "vocab_dict", None) or {}
        if not vocab or not len(self.ids):
            return {}
        df = np.diff(self.bm25.scores["indptr"])
        # bm25s keeps a column for the empty token past the last counted one.
        return spellings((word, int(df[column])) for word, column in vocab.items() if column < len(df))

    @functools.cached_property
    def syllables(self) -> set[str]:
        """Every syllable of the index's words ("nhiệm", "kỳ" of "nhiệm_kỳ"), built on first use."""
        vocab = getattr(self.bm25, "vocab_dict", None) or {}
        return {syllable for word in vocab for syllable in word.split("_")}

    def idf(self, term: str) -> float:
        """Inverse document frequency of a term (0 for unknown terms)."""
        vocab = getattr(self.bm25, "vocab_dict", None) or {}
        if term not in vocab or not len(self.ids):
            return 0.0
        col = vocab[term]
        indptr = self.bm25.scores["indptr"]
        df = int(indptr[col + 1] - indptr[col])
        n = len(self.ids)
        return float(np.log(1 + (n - df + 0.5) / (df + 0.5)))

    def search(self, terms: list[str], k: int, allowed: list[int] | None = None) -> list[tuple[int, float]]:
        """``[(chunk id, BM25 score)]`` with a positive score, best first."""
        vocab = getattr(self.bm25, "vocab_dict", None) or {}
        known = [t for t in terms if t in vocab]
        if not known or not len(self.ids) or k <= 0:
            return []
        mask = None
        if allowed is not None:
            mask = np.zeros(len(self.ids), dtype=np.float32)
            rows = [self.row_of[c] for c in allowed if c in self.row_of]
            if not rows:
                return []
            mask[rows] = 1.0
        scores = self.bm25.get_scores(known, weight_mask=mask)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(int(self.ids[r]), float(scores[r])) for r in top if scores[r] > 0]
