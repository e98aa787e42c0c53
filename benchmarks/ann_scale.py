"""Approximate vs exact search at scale: recall@10, single-thread latency, build time, memory.

The synthetic set is made of real embeddings: every XQuAD-vi sentence and paragraph is
embedded (through the embedding cache), and each synthetic vector is a random mix of two
of them plus a little noise, re-normalised, so it lies where real passages lie rather than
on a uniform sphere (which no real corpus resembles and which defeats every index). The
queries are the 1,190 real XQuAD-vi questions, which are not in the set. Ground truth is
exact inner-product search; the approximate index is the one ``rag`` itself builds
(``rag/index/vectors.py``: same code path, same defaults).

    .venv/bin/python benchmarks/ann_scale.py --vectors 1000000
"""

from __future__ import annotations

import argparse
import time

import faiss
import numpy as np

from rag.config import Settings
from rag.evaluate import load_squad
from rag.index.vectors import Vectors
from rag.sync import embedding_cache
from rag.text import sentence_spans

from benchmarks.synthetic import XQUAD


def real_vectors(settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """(passage vectors of every XQuAD-vi sentence and paragraph, query vectors of its questions)."""
    from embeddings import load_embedder

    embedder = load_embedder(settings)
    docs, questions = load_squad(XQUAD)
    texts = [d.text for d in docs] + [d.text[s:e] for d in docs for s, e in sentence_spans(d.text, 0)]
    passages, _ = embedding_cache(settings, embedder.name).encode(texts, embedder.encode_passages, progress=True)
    return passages, embedder.encode_queries([q["question"] for q in questions])


def synthetic(base: np.ndarray, n: int, seed: int = 0, noise: float = 0.02) -> np.ndarray:
    """``n`` vectors, each a random convex mix of two real ones plus Gaussian noise, normalised."""
    rng = np.random.default_rng(seed)
    out = np.empty((n, base.shape[1]), dtype=np.float32)
    for start in range(0, n, 100_000):
        m = min(100_000, n - start)
        i, j = rng.integers(0, len(base), m), rng.integers(0, len(base), m)
        w = rng.uniform(0.0, 1.0, (m, 1)).astype(np.float32)
        v = w * base[i] + (1 - w) * base[j] + rng.normal(0, noise, (m, base.shape[1])).astype(np.float32)
        out[start : start + m] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def size_mib(vectors: Vectors) -> float:
    """The index's size, MiB, as written to disk (and as held in memory)."""
    return len(faiss.serialize_index(vectors.index)) / 2**20


def timed_search(vectors: Vectors, queries: np.ndarray, k: int) -> tuple[np.ndarray, list[float]]:
    """Search one query at a time (as ``/ask`` does); ids and per-query seconds."""
    found, times = [], []
    for q in queries:
        t = time.perf_counter()
        hits = vectors.search(q, k)
        times.append(time.perf_counter() - t)
        found.append([i for i, _ in hits] + [-1] * (k - len(hits)))
    return np.array(found), times


def main() -> None:
    """Build both indexes over the synthetic set and print recall, latency, build time, memory."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vectors", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1190)
    parser.add_argument("--nprobe", type=int, nargs="*", default=[8, 16, Settings().ivf_nprobe, 64])
    args = parser.parse_args()
    settings = Settings()
    base, queries = real_vectors(settings)
    queries = queries[: args.queries]
    data = synthetic(base, args.vectors)
    ids = np.arange(1, len(data) + 1)
    print(f"{len(data):,} synthetic vectors from {len(base):,} real ones; {len(queries)} real questions as queries")

    faiss.omp_set_num_threads(1)  # single-threaded figures, as asked
    exact = Vectors.empty(data.shape[1])
    t = time.perf_counter()
    exact.add(list(ids), data)
    exact_build = time.perf_counter() - t
    exact_mem = size_mib(exact)
    truth, exact_times = timed_search(exact, queries, 10)

    faiss.omp_set_num_threads(2)  # building uses both cores, as `rag ingest` would
    t = time.perf_counter()
    approx = Vectors(faiss.clone_index(exact.index))
    del exact
    approx.fit(exact_max=0, nprobe=settings.ivf_nprobe)
    ivf_build = time.perf_counter() - t
    ivf_mem = size_mib(approx)
    faiss.omp_set_num_threads(1)

    print(f"exact (IndexFlatIP):  build {exact_build:.1f} s, {exact_mem:.0f} MiB, "
          f"p50 {np.median(exact_times) * 1e3:.2f} ms, p95 {np.percentile(exact_times, 95) * 1e3:.2f} ms")
    print(f"IVF ({approx.index.nlist} cells): build (train + add) {ivf_build:.1f} s, {ivf_mem:.0f} MiB")
    print("| nprobe | recall@10 vs exact | p50 ms | p95 ms | speed-up (p50) |")
    print("|---|---|---|---|---|")
    for nprobe in args.nprobe:
        approx.index.nprobe = nprobe
        found, times = timed_search(approx, queries, 10)
        recall = np.mean([len(set(f) & set(g)) / 10 for f, g in zip(found, truth)])
        print(f"| {nprobe} | {recall:.3f} | {np.median(times) * 1e3:.2f} | {np.percentile(times, 95) * 1e3:.2f} | "
              f"{np.median(exact_times) / np.median(times):.0f}× |")

    removed = ids[::10]
    t = time.perf_counter()
    approx.remove(list(removed))
    print(f"delete {len(removed):,} ids: {time.perf_counter() - t:.1f} s; "
          f"{approx.size:,} left; a deleted id is never returned: "
          f"{not (set(timed_search(approx, queries[:100], 10)[0].ravel()) & set(removed))}")


if __name__ == "__main__":
    main()
