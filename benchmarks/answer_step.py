"""Time of the answer step and of the whole ``Assistant.ask``, on XQuAD-vi questions.

    .venv/bin/python -m benchmarks.answer_step [--questions 300]

Builds a throw-away index of XQuAD-vi's paragraphs (the embedding cache makes a second run
cheap) and asks the first ``--questions`` questions one at a time after a short warm-up.
Prints the answer step's mean and p50 and the whole ask's p50. To compare two commits on
a noisy machine, run it in each checkout back to back, interleaved, and compare ratios.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from benchmarks.synthetic import XQUAD
from embeddings import load_embedder
from rag.config import Settings
from rag.evaluate import load_squad
from rag.pipeline import Assistant
from rag.sync import add_documents


def main() -> None:
    """Build the index, ask, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=300)
    args = parser.parse_args()
    docs, questions = load_squad(XQUAD)
    with tempfile.TemporaryDirectory(prefix="rag-bench-") as tmp:
        settings = Settings(index_dir=Path(tmp) / "index")
        embedder = load_embedder(settings)
        add_documents(docs, settings, embedder)
        assistant = Assistant(settings, embedder)
        asked = [q["question"] for q in questions[: args.questions]]
        for q in asked[:20]:  # warm-up: first calls load kernels and fill caches
            assistant.ask(q)
        answer, total = [], []
        for q in asked:
            timings = assistant.ask(q).timings
            answer.append(timings.get("answer", 0.0) * 1000)
            total.append(timings["total"] * 1000)
    print(f"{len(asked)} questions: answer step mean {statistics.mean(answer):.2f} ms, "
          f"p50 {statistics.median(answer):.2f} ms; whole ask p50 {statistics.median(total):.2f} ms")


if __name__ == "__main__":
    main()
