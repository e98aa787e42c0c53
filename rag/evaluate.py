"""``rag eval``: passage-level retrieval and answer quality on a SQuAD v1.1 file.

Each paragraph becomes one article and goes through the normal pipeline (cleaning,
chunking, embedding, indexing) into a temporary index; every question is then asked
as a user would ask it. Hits are counted per article, so a paragraph split into
several chunks is still one passage.
"""

from __future__ import annotations

import json
import re
import statistics
import tempfile
import time
import unicodedata
from pathlib import Path

from rag.clean import normalize_query
from rag.config import Settings
from rag.documents import RawDocument
from rag.pipeline import Assistant
from rag.sync import IngestReport, add_documents


def load_squad(path: Path) -> tuple[list[RawDocument], list[dict]]:
    """Paragraphs as documents and questions as ``{question, answers, article_id}``."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    docs, questions = [], []
    for a, article in enumerate(data["data"]):
        for p, paragraph in enumerate(article["paragraphs"]):
            doc_id = f"squad-{a}-{p}"
            docs.append(RawDocument(id=doc_id, path=f"{path}#{doc_id}", text=paragraph["context"],
                                    title=article.get("title") or None))
            for qa in paragraph["qas"]:
                questions.append({"id": qa["id"], "question": qa["question"], "article_id": doc_id,
                                  "answers": [x["text"] for x in qa.get("answers", [])]})
    return docs, questions


def normalize_answer(text: str) -> str:
    """Lower-case, one Vietnamese spelling, no punctuation, single spaces (SQuAD-style)."""
    text = normalize_query(unicodedata.normalize("NFC", text)).lower()
    text = "".join(" " if unicodedata.category(ch).startswith("P") else ch for ch in text)
    return re.sub(r"\s+", " ", text).strip()


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def load_unanswerable(path: Path) -> list[str]:
    """Questions from a ``{"questions": [...]}`` JSON file (or a plain JSON list)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return list(data["questions"] if isinstance(data, dict) else data)


def evaluate(squad_file: Path, settings: Settings, embedder=None, limit: int | None = None,
             progress: bool = False, unanswerable: list[str] | None = None) -> dict:
    """Index ``squad_file`` into a temporary index, ask every question, return the metrics."""
    docs, questions = load_squad(squad_file)
    if limit:
        questions = questions[:limit]
    with tempfile.TemporaryDirectory(prefix="rag-eval-") as tmp:
        s = settings.model_copy(update={"index_dir": Path(tmp) / "index"})
        if embedder is None:
            from embeddings import load_embedder

            embedder = load_embedder(s)
        _, report = add_documents(docs, s, embedder)
        assistant = Assistant(s, embedder)
        ranks, latencies, contains, abstained = [], [], [], 0
        iterator = questions
        if progress:
            from tqdm import tqdm

            iterator = tqdm(questions, desc="questions", unit="q")
        for q in iterator:
            t = time.perf_counter()
            retrieval, answer = assistant.ask_verbose(q["question"], top_k=30)
            latencies.append(time.perf_counter() - t)
            order = list(dict.fromkeys(h.chunk.article_id for h in retrieval.hits))
            ranks.append(order.index(q["article_id"]) + 1 if q["article_id"] in order else None)
            abstained += answer.abstained
            got = normalize_answer(" ".join(c.quote for c in answer.citations))
            contains.append(any(normalize_answer(g) in got for g in q["answers"] if g.strip()))
        refused = [assistant.ask(q).abstained for q in unanswerable or []]
    n = len(questions) or 1
    return {
        "file": str(squad_file), "questions": len(questions), "passages": len(docs),
        "chunks": report.total_chunks, "model": embedder.name,
        "recall@1": sum(r == 1 for r in ranks if r) / n,
        "recall@5": sum(r <= 5 for r in ranks if r) / n,
        "recall@10": sum(r <= 10 for r in ranks if r) / n,
        "mrr@10": sum(1 / r for r in ranks if r and r <= 10) / n,
        "answer_contains_gold": sum(contains) / n,
        "abstained": abstained / n,
        "unanswerable": len(refused),
        "abstained_on_unanswerable": sum(refused) / len(refused) if refused else None,
        "p50_seconds": statistics.median(latencies) if latencies else 0.0,
        "p95_seconds": _percentile(latencies, 0.95),
        "ingest": _ingest_summary(report),
    }


def _ingest_summary(report: IngestReport) -> dict:
    return {"embedded": report.embedded, "from_cache": report.from_cache, "seconds": round(report.seconds, 2)}
