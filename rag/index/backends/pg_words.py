"""The pyvi words of a chunk as PostgreSQL sees them: a tsvector, a tsquery, BM25 weights.

The words are segmented on the client (``rag.text.segment``: lower-cased, compounds joined
as ``học_sinh``), so the tsvector is written as a literal of those exact lexemes: the
``simple`` parser would split ``học_sinh`` at the underscore and lose the compound.

Keyword scores are true BM25 (Lucene's variant, as bm25s computes it for the default
backend, k1 = 1.5, b = 0.75): each chunk stores, per term id, its saturated term frequency
``tf / (tf + k1·(1 − b + b·len/avgdl))`` in a ``sparsevec``; a query is the sparse vector of
its terms' idf, so the inner product is the BM25 score. ``avgdl`` is the corpus's mean at the
time the chunk is written (exact after a rebuild; an incremental add moves it little).
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

K1, B = 1.5, 0.75
_MAX_POSITION = 16383  # tsvector positions stop there
_MAX_POSITIONS = 256  # per lexeme


def quote(lexeme: str) -> str:
    """A lexeme as a quoted tsvector/tsquery literal."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(words: list[str]) -> str:
    """``'lexeme':1,4 …`` with each word's positions (ts_rank_cd needs them)."""
    positions: dict[str, list[int]] = {}
    for at, word in enumerate(words, start=1):
        places = positions.setdefault(word, [])
        if len(places) < _MAX_POSITIONS:
            places.append(min(at, _MAX_POSITION))
    return " ".join(f"{quote(w)}:{','.join(map(str, p))}" for w, p in positions.items())


def tsquery_literal(terms: list[str]) -> str:
    """Any of ``terms`` (OR), the way BM25 matches a query."""
    return " | ".join(quote(t) for t in dict.fromkeys(terms))


def idf(df: int, n: int) -> float:
    """Lucene's idf, as bm25s computes it."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def bm25_weights(words: list[str], avgdl: float) -> dict[str, float]:
    """Each distinct word's saturated term frequency in a chunk of ``words``."""
    norm = K1 * (1 - B + B * len(words) / (avgdl or 1.0))
    return {w: tf / (tf + norm) for w, tf in Counter(words).items()}


# Candidates for a keyword search are first the chunks holding a question word in at most this
# share of the chunks (at least the rarest word): `của`, `là` are in most chunks, and scoring
# every chunk that holds one is what made BM25 slow at scale. At 100k chunks, 100 questions
# (before the second query looked for word sets): share 0.05 → p50 28 ms (5 % needed a second
# query), 0.02 → 17 ms (34 %), 0.005 → 12 ms (77 %) but a slower p95; every matching chunk:
# 222 ms. At 1M, 60 questions: 0.02 → p50 404 / p95 890 ms, 0.005 → 218 / 1,175, 0.001 →
# 525 / 2,544 (busy machine).
COMMON_SHARE = 0.02
_MARGIN = 1e-5  # float32 scores against a float64 bound


def rare_terms(rarest: list[str], dfs: list[int], n: int) -> int:
    """How many of ``rarest`` (ascending document frequency ``dfs``) select the first candidates."""
    return max(1, sum(1 for df in dfs if df <= COMMON_SHARE * n))


def beyond(weights: dict[str, float], left_out: list[str], kth: float) -> bool:
    """Whether no chunk holding only ``left_out`` words can score ``kth`` or more: its score is
    below their weights' sum (each saturated term frequency is below 1)."""
    return kth > sum(weights[t] for t in left_out) * (1 + _MARGIN)


def terms_needed(rarest: list[str], weights: dict[str, float], kth: float) -> int:
    """The fewest rarest-first words leaving out only words that cannot reach ``kth`` together."""
    for needed in range(1, len(rarest)):
        if beyond(weights, rarest[needed:], kth):
            return needed
    return len(rarest)


_MAX_COMBINATIONS = 64


def combinations_reaching(terms: list[str], weights: dict[str, float], kth: float) -> list[list[str]] | None:
    """The minimal sets of ``terms`` whose weights together exceed ``kth``: a chunk holding none of
    them (and no other question word) scores below ``kth``. ``None`` when there are more than
    ``_MAX_COMBINATIONS`` (then any of ``terms`` must do)."""
    bound = kth / (1 + _MARGIN)
    heavy = sorted(terms, key=lambda t: (-weights[t], t))
    left = [sum(weights[t] for t in heavy[i:]) for i in range(len(heavy) + 1)]
    found: list[list[str]] = []

    def grow(chosen: list[str], total: float, start: int) -> bool:
        # Heaviest first: a set is minimal when it passes only with its last (lightest) word.
        for i in range(start, len(heavy)):
            if total + left[i] <= bound:
                return True  # nothing further can pass
            weight = total + weights[heavy[i]]
            if weight > bound:
                found.append(chosen + [heavy[i]])
                if len(found) > _MAX_COMBINATIONS:
                    return False
            elif not grow(chosen + [heavy[i]], weight, i + 1):
                return False
        return True

    return found if grow([], 0.0, 0) else None


def tsquery_any_of_all(groups: list[list[str]]) -> str:
    """Chunks holding every word of at least one group: ``('a' & 'b') | 'c'``."""
    return " | ".join("(" + " & ".join(quote(t) for t in g) + ")" for g in groups)


def sparse_literal(weights: dict[int, float], dimensions: int) -> str:
    """``{id:value,…}/dimensions`` (ids from 1, ascending), pgvector's sparsevec text."""
    inner = ",".join(f"{i}:{v:.6g}" for i, v in sorted(weights.items()) if v)
    return "{" + inner + "}/" + str(dimensions)


def vector_literal(vector) -> str:
    """``[x, y, …]``, pgvector's vector text."""
    return str(np.asarray(vector, dtype=np.float32).tolist())
