"""Ingest throughput: end-to-end chunks/s (clean + chunk + embed + index, empty caches) with
the configured engine, against plain fp32 ``SentenceTransformer.encode`` on the same chunk
texts, in one process.

    .venv/bin/python benchmarks/ingest_throughput.py [--paragraphs 120]

Prints both rates and their ratio, the share of ingest time spent outside the encoder, and
how close the encoder comes to this machine's own matrix-multiply rate: the model's
multiply-adds per token (from its config) times tokens/s, against numpy's fp32 GEMM on the
same cores. The plain encode runs before and after the ingest; the ratio uses their mean,
so a machine that slows down halfway does not flatter either side.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np

from embeddings import load_embedder, resolve_model_path
from rag.config import Settings
from rag.evaluate import load_squad
from rag.index import Index
from rag.sync import add_documents

XQUAD = Path(__file__).resolve().parents[2] / "shared" / "data" / "xquad-vi" / "xquad.vi.json"


class EncoderClock:
    """Delegates to an embedder and adds up the seconds spent in ``encode_passages``."""

    def __init__(self, embedder):
        self.inner = embedder
        self.seconds = 0.0

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def encode_passages(self, texts, progress: bool = False):
        """Encode and time."""
        t = time.perf_counter()
        try:
            return self.inner.encode_passages(texts, progress)
        finally:
            self.seconds += time.perf_counter() - t


def gemm_gflops(size: int = 2048, repeats: int = 5) -> float:
    """This machine's fp32 matrix-multiply rate on all cores (numpy's BLAS), GFLOP/s."""
    a = np.random.default_rng(0).random((size, size), dtype=np.float32)
    a @ a
    t = time.perf_counter()
    for _ in range(repeats):
        a @ a
    return 2 * size**3 * repeats / (time.perf_counter() - t) / 1e9


def encoder_flops(config: dict, tokens: int) -> float:
    """Floating-point operations of one forward pass over a sequence of ``tokens``."""
    h, ff, layers = config["hidden_size"], config["intermediate_size"], config["num_hidden_layers"]
    dense = 2 * (4 * h * h + 2 * h * ff)  # Q, K, V, output projections and the feed-forward
    attention = 4 * tokens * h  # scores and weighted sum
    return layers * tokens * (dense + attention)


def main() -> None:
    """Run the measurements and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", type=int, default=120)
    parser.add_argument("--squad", type=Path, default=XQUAD)
    args = parser.parse_args()
    docs = load_squad(args.squad)[0][: args.paragraphs]
    settings = Settings(_env_file=None)
    embedder = load_embedder(settings)
    reference = load_embedder(settings.model_copy(update={"encoder": "torch"}))
    for e in (embedder, reference):
        e.encode_passages(["khởi động"] * 4)  # warm-up outside every timing

    with tempfile.TemporaryDirectory() as tmp:
        s = settings.model_copy(update={"index_dir": Path(tmp) / "index", "cache_dir": Path(tmp) / "cache"})
        index_texts = []

        def plain() -> float:
            t = time.perf_counter()
            reference.model.encode([settings.passage_prefix + x for x in index_texts],
                                   batch_size=settings.batch_size, normalize_embeddings=True)
            return time.perf_counter() - t

        # The chunk texts come from a first, untimed ingest (the same chunker makes them).
        add_documents(docs, s.model_copy(update={"index_dir": Path(tmp) / "probe"}), embedder)
        index = Index.open(Path(tmp) / "probe")
        rows = index.store.db.execute("SELECT c.text, a.title FROM chunks c JOIN articles a ON a.id = c.article_id").fetchall()
        index_texts = [f"{title}\n{text}" if s.embed_title else text for text, title in rows]
        (Path(tmp) / "cache" / "embeddings.sqlite").unlink(missing_ok=True)

        before = plain()
        clock = EncoderClock(embedder)
        t = time.perf_counter()
        _, report = add_documents(docs, s, clock)
        pipeline_s = time.perf_counter() - t
        after = plain()

    n = report.chunks_added
    plain_s = (before + after) / 2
    tokens = [embedder.count_tokens(settings.passage_prefix + x) + 2 for x in index_texts]
    config = json.loads((Path(resolve_model_path(settings)) / "config.json").read_text())
    flops = sum(encoder_flops(config, t) for t in tokens)
    gemm = gemm_gflops()
    print(f"chunks: {n} from {len(docs)} paragraphs, {sum(tokens):,} tokens (mean {np.mean(tokens):.0f})")
    print(f"plain fp32 SentenceTransformer.encode:  {n / plain_s:.2f} chunks/s (before {before:.1f} s, after {after:.1f} s)")
    print(f"rag ingest end to end ({settings.encoder}):  {n / pipeline_s:.2f} chunks/s ({pipeline_s:.1f} s)")
    print(f"ratio ingest / plain encode:            {plain_s / pipeline_s:.2f}x")
    print(f"share of ingest outside the encoder:    {1 - clock.seconds / pipeline_s:.1%}")
    print(f"encoder: {sum(tokens) / clock.seconds:,.0f} tokens/s = {flops / clock.seconds / 1e9:.1f} GFLOP/s "
          f"(fp32-equivalent); plain fp32: {sum(tokens) / plain_s:,.0f} tokens/s = {flops / plain_s / 1e9:.1f} GFLOP/s")
    print(f"machine fp32 GEMM (numpy, all cores):   {gemm:.1f} GFLOP/s -> encoder at {flops / clock.seconds / 1e9 / gemm:.0%}, "
          f"plain fp32 at {flops / plain_s / 1e9 / gemm:.0%} of it")


if __name__ == "__main__":
    main()
