"""Latency of the ``/ask`` path with the model loaded (embed the question, search, fuse,
pick the answer sentences), one question at a time, per encoder engine, in one process.

    .venv/bin/python benchmarks/ask_latency.py [--questions 300] [--chunks 50000]

Two indexes per engine: the five sample articles (``data/articles``) and a synthetic one of
``--chunks`` chunks (``benchmarks/synthetic.py``: real XQuAD-vi paragraphs, perturbed
vectors). The questions are XQuAD-vi's, so on the sample index they are off-topic and end in
an abstention, which still runs every stage. Prints p50/p95 of the total and each stage's
share of the mean, and the speed-up of the default engine over the fp32 torch baseline.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

import numpy as np

from benchmarks.synthetic import XQUAD, build
from embeddings import load_embedder
from rag.config import Settings
from rag.evaluate import load_squad
from rag.pipeline import Assistant
from rag.sync import ingest_folder

ROOT = Path(__file__).resolve().parents[1]
STAGES = ["prepare", "embed", "dense", "lexical", "fuse", "answer"]


def measure(assistant: Assistant, questions: list[str]) -> dict:
    """Ask every question once (after a warm-up); p50/p95 of the total and mean per stage, seconds."""
    for q in questions[:10]:
        assistant.ask(q)
    timings = [assistant.ask(q).timings for q in questions]
    totals = [t["total"] for t in timings]
    return {"p50": statistics.median(totals), "p95": float(np.percentile(totals, 95)),
            "mean": statistics.fmean(totals), **{s: statistics.fmean(t.get(s, 0.0) for t in timings) for s in STAGES}}


def main() -> None:
    """Build the indexes, measure both engines, print a table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--chunks", type=int, default=50_000)
    parser.add_argument("--engines", nargs="+", default=["torch", "onnx-int8"])
    args = parser.parse_args()
    questions = [q["question"] for q in load_squad(XQUAD)[1]][: args.questions]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for engine in args.engines:
            settings = Settings(_env_file=None, encoder=engine)
            embedder = load_embedder(settings)
            sample = settings.model_copy(update={"index_dir": Path(tmp) / engine / "sample"})
            ingest_folder(ROOT / "data" / "articles", sample, embedder)
            synthetic = settings.model_copy(update={"index_dir": Path(tmp) / engine / "synthetic"})
            build(synthetic.index_dir, args.chunks, synthetic)
            for label, s in (("sample", sample), (f"synthetic {args.chunks // 1000}k", synthetic)):
                results[(engine, label)] = measure(Assistant(s, embedder), questions)
    print(f"{len(questions)} questions, one at a time; stage shares of the mean time")
    print("| engine | index | p50 | p95 | " + " | ".join(STAGES) + " |")
    print("|---|---|---|---|" + "---|" * len(STAGES))
    for (engine, label), r in results.items():
        shares = " | ".join(f"{r[s] / r['mean']:.0%}" for s in STAGES)
        print(f"| {engine} | {label} | {r['p50'] * 1e3:.1f} ms | {r['p95'] * 1e3:.1f} ms | {shares} |")
    base, fast = args.engines[0], args.engines[-1]
    for label in {label for _, label in results}:
        if (base, label) in results and (fast, label) in results:
            b, f = results[(base, label)], results[(fast, label)]
            print(f"{label}: {fast} p50 {b['p50'] / f['p50']:.2f}x faster than {base}, p95 {b['p95'] / f['p95']:.2f}x")


if __name__ == "__main__":
    main()
