"""A synthetic index of any size, for load and scale benchmarks (not for quality).

Real XQuAD-vi paragraphs are embedded once through the normal pipeline (so the embedding
cache holds them); then ``--chunks`` articles are written, each one paragraph under a
numbered title, with that paragraph's vector plus Gaussian noise (cosine ≈ 0.9 to it) so
that FAISS and BM25 see a corpus of the requested size with realistic text and vectors.

    .venv/bin/python benchmarks/synthetic.py var/synthetic-50k --chunks 50000
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from tqdm import tqdm

from rag.config import Settings
from rag.documents import Article, Chunk
from rag.evaluate import load_squad
from rag.index.lexical import Lexical
from rag.index.manifest import Manifest
from rag.index.store import Store
from rag.index.vectors import Vectors
from rag.chunk import passage_text
from rag.sync import embedding_cache
from rag.index.sentences import pack
from rag.text import segmented_lines, sentence_spans

XQUAD = Path(__file__).resolve().parents[2] / "shared" / "data" / "xquad-vi" / "xquad.vi.json"


def build(index_dir: Path, chunks: int, settings: Settings, squad: Path = XQUAD, noise: float = 0.02,
          seed: int = 0) -> Path:
    """Write a one-version index of ``chunks`` single-chunk articles into ``index_dir``."""
    from embeddings import load_embedder

    embedder = load_embedder(settings)
    docs, _ = load_squad(squad)
    texts = [passage_text(d.title or "", d.text, settings.embed_title) for d in docs]
    base, _ = embedding_cache(settings, embedder.name).encode(texts, embedder.encode_passages, progress=True)
    lines = [segmented_lines(d.title or "", d.text).split("\n", 1) for d in docs]  # (title, sentences)
    # Sentence vectors as an ingest stores them, so the answer step does its full work.
    sentences = [[d.text[a:b] for a, b in sentence_spans(d.text)] for d in docs]
    flat, _ = embedding_cache(settings, embedder.name).encode([x for ss in sentences for x in ss], embedder.encode_passages)
    packed, at = [], 0
    for ss in sentences:
        packed.append(pack(flat[at : at + len(ss)]))
        at += len(ss)
    rng = np.random.default_rng(seed)
    version = index_dir / "v00000001"
    version.mkdir(parents=True, exist_ok=False)
    store = Store(version / "store.sqlite")
    vectors = Vectors.empty(embedder.dimension)
    for start in tqdm(range(0, chunks, 5000), desc="writing", unit="x5000"):
        ids = list(range(start + 1, min(start + 5000, chunks) + 1))
        rows, vecs = [], []
        for i in ids:
            d = docs[i % len(docs)]
            article = Article(id=f"s{i:07d}", path=f"synthetic/{i}.txt", text=d.text, title=f"{d.title} #{i}",
                              source=f"Đơn vị {i % 50}", date=f"20{10 + i % 15}-0{1 + i % 9}-1{i % 9}")
            store.upsert_article(article)
            rows.append((i, Chunk(article.id, 0, 0, len(d.text), d.text), "\n".join((f"{lines[i % len(docs)][0]} {i}", *lines[i % len(docs)][1:])), packed[i % len(docs)]))
            v = base[i % len(docs)] + rng.normal(0, noise, base.shape[1]).astype(np.float32)
            vecs.append(v / np.linalg.norm(v))
        store.add_chunks(rows)
        vectors.add(ids, np.stack(vecs))
    store.db.commit()
    ids, all_terms = store.all_terms()
    Lexical.build(ids, all_terms).save(version / "bm25")
    vectors.fit(settings.exact_search_max, settings.ivf_nprobe)  # as an ingest would
    vectors.save(version / "vectors.faiss")
    counts = store.counts()
    store.close()
    Manifest(model=embedder.name, dimension=embedder.dimension, chunk_tokens=settings.chunk_tokens,
             chunk_overlap=settings.chunk_overlap, embed_title=settings.embed_title, version=1,
             updated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"), **counts,
             vector_index=vectors.label,
             extra={"synthetic": True}).save(version / "manifest.json")
    os.symlink(version.name, index_dir / "current")
    return index_dir


def main() -> None:
    """Build a synthetic index and print its size and build time."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--chunks", type=int, default=50_000)
    args = parser.parse_args()
    t = time.perf_counter()
    build(args.index_dir, args.chunks, Settings())
    print(f"synthetic index: {args.chunks} chunks in {args.index_dir} ({time.perf_counter() - t:.1f} s)")


if __name__ == "__main__":
    main()
