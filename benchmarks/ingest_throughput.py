"""Ingest throughput: end-to-end chunks/s (clean + chunk + embed + index, empty caches)
against plain ``SentenceTransformer.encode`` on the same chunk texts, in one process.

    .venv/bin/python benchmarks/ingest_throughput.py [--paragraphs 120]

Prints both rates and their ratio, and the share of ingest time spent outside the encoder.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from embeddings import load_embedder
from rag.config import Settings
from rag.evaluate import load_squad
from rag.index import Index
from rag.sync import add_documents



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


XQUAD = Path(__file__).resolve().parents[2] / "shared" / "data" / "xquad-vi" / "xquad.vi.json"


def main() -> None:
    """Run both measurements and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", type=int, default=120)
    parser.add_argument("--squad", type=Path, default=XQUAD)
    args = parser.parse_args()
    docs = load_squad(args.squad)[0][: args.paragraphs]
    settings = Settings(_env_file=None)
    embedder = load_embedder(settings)
    embedder.encode_passages(["khởi động"])  # warm-up outside both timings

    with tempfile.TemporaryDirectory() as tmp:
        s = settings.model_copy(update={"index_dir": Path(tmp) / "index", "cache_dir": Path(tmp) / "cache"})
        clock = EncoderClock(embedder)
        t = time.perf_counter()
        _, report = add_documents(docs, s, clock)
        pipeline_s = time.perf_counter() - t
        index = Index.open(s.index_dir)
        rows = index.store.db.execute("SELECT c.text, a.title FROM chunks c JOIN articles a ON a.id = c.article_id").fetchall()
        texts = [f"{title}\n{text}" if s.embed_title else text for text, title in rows]

    t = time.perf_counter()
    embedder.model.encode(["passage: " + x for x in texts], batch_size=settings.batch_size, normalize_embeddings=True)
    plain_s = time.perf_counter() - t
    n = report.chunks_added
    print(f"chunks: {n} from {len(docs)} paragraphs")
    print(f"plain SentenceTransformer.encode: {n / plain_s:.2f} chunks/s ({plain_s:.1f} s)")
    print(f"rag ingest end to end:            {n / pipeline_s:.2f} chunks/s ({pipeline_s:.1f} s)")
    print(f"ratio ingest / plain encode:      {plain_s / pipeline_s:.3f}")
    print(f"share of ingest outside encoder:  {1 - clock.seconds / pipeline_s:.1%}")


if __name__ == "__main__":
    main()
