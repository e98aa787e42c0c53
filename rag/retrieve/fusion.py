"""Rank fusion of the dense and BM25 result lists.

Reciprocal-rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): each list contributes
``1 / (k + rank)``. It needs no score calibration between cosine similarities and BM25
scores, whose scales differ per query and per corpus, which is why it generalises to
unseen collections without fitted weights; k = 60 is the paper's value.
"""

from __future__ import annotations


def reciprocal_rank_fusion(lists: list[list[tuple[int, float]]], k: int = 60) -> list[tuple[int, float]]:
    """Fuse ranked ``[(id, score)]`` lists into one ``[(id, fused score)]``, best first."""
    fused: dict[int, float] = {}
    for ranked in lists:
        for rank, (item, _score) in enumerate(ranked, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
