"""Fusion of the dense and BM25 result lists.

Default: the sum of per-query z-scores (CombSUM over zero-mean, unit-variance scores;
Montague & Aslam, CIKM 2001). Cosine similarities and BM25 scores live on scales that
differ by query and corpus; standardising each list over its own candidates puts them on
one scale without any fitted weight, and, unlike ranks, keeps how far ahead the leader is.
A chunk missing from one list takes that list's lowest score. Both lists weigh the same:
on XQuAD-vi a weight fitted on a third of the questions did worse on the rest than 0.5.

Reciprocal-rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009; ``1 / (k + rank)``) stays
selectable with ``RAG_FUSION=rrf``; README has both measured.
"""

from __future__ import annotations

import statistics


def zscore_fusion(lists: list[list[tuple[int, float]]]) -> list[tuple[int, float]]:
    """Fuse ranked ``[(id, score)]`` lists by summing per-list z-scores, best first."""
    standardised = []
    for ranked in lists:
        if not ranked:
            continue
        scores = [s for _, s in ranked]
        mean, sd = statistics.fmean(scores), statistics.pstdev(scores) or 1.0
        standardised.append({item: (s - mean) / sd for item, s in ranked})
    floors = [min(z.values()) for z in standardised]
    items = set().union(*standardised) if standardised else set()
    fused = {i: sum(z.get(i, floor) for z, floor in zip(standardised, floors)) for i in items}
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))


def reciprocal_rank_fusion(lists: list[list[tuple[int, float]]], k: int = 60) -> list[tuple[int, float]]:
    """Fuse ranked ``[(id, score)]`` lists into one ``[(id, fused score)]``, best first."""
    fused: dict[int, float] = {}
    for ranked in lists:
        for rank, (item, _score) in enumerate(ranked, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
