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
from collections import Counter
from pathlib import Path

from rag.clean import normalize_query
from rag.config import Settings
from rag.documents import RawDocument
from rag.index.backends import scratch_index
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


def contains_gold(answer, golds: list[str]) -> bool:
    """Whether the quotes of ``answer``'s citations, together, contain one of the gold answers."""
    got = normalize_answer(" ".join(c.quote for c in answer.citations))
    return any(normalize_answer(g) in got for g in golds if g.strip())


def short_answer_scores(predicted: str | None, golds: list[str]) -> tuple[float, float]:
    """SQuAD exact match and token F1 of a short answer against its gold answers (best gold)."""
    if not predicted:
        return 0.0, 0.0
    pred = normalize_answer(predicted).split()
    em, f1 = 0.0, 0.0
    for gold in golds:
        g = normalize_answer(gold).split()
        em = max(em, float(pred == g))
        common = Counter(pred) & Counter(g)
        same = sum(common.values())
        if same:
            precision, recall = same / len(pred), same / len(g)
            f1 = max(f1, 2 * precision * recall / (precision + recall))
    return em, f1


def in_split(position: int, split: str, declared: str | None = None) -> bool:
    """Whether an item belongs to ``split`` ("dev", "test" or "all").

    Items that declare their split keep it; otherwise every third item (0, 3, 6, …) is
    "dev", where rules and thresholds are chosen, and the rest is "test", reported only.
    """
    if split == "all":
        return True
    return (declared or ("dev" if position % 3 == 0 else "test")) == split


def sure_and_guessed(scored: list[tuple[bool | None, float]]) -> dict:
    """How the short answers split between sure ones and guesses (:attr:`ShortAnswer.sure`):
    ``scored`` holds (sure, F1) per question, sure None where no short answer was given.
    Returns the share of questions with each and their mean F1 (None when there are none)."""
    n = len(scored) or 1
    out = {}
    for name, wanted in (("sure", True), ("guessed", False)):
        f1s = [f1 for sure, f1 in scored if sure is wanted]
        out[f"short_{name}"] = len(f1s) / n
        out[f"short_f1_{name}"] = sum(f1s) / len(f1s) if f1s else None
    return out


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def load_unanswerable(path: Path, split: str = "all") -> list[dict]:
    """``{question, kind}`` items of a ``{"questions": [...]}`` JSON file (or a plain JSON list)
    in ``split``; entries may be plain strings."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    items = data["questions"] if isinstance(data, dict) else data
    items = [{"question": q} if isinstance(q, str) else q for q in items]
    # A file may hold both kinds (data/eval/dev2.vi.json): questions with gold answers are not these.
    return [q for i, q in enumerate(items) if in_split(i, split, q.get("split")) and "answers" not in q]


def abstention(assistant: Assistant, items: list[dict]) -> dict:
    """Share of ``items`` the assistant declines to answer from an article, overall and per kind."""
    by_kind: dict[str, list[bool]] = {}
    for q in items:
        by_kind.setdefault(q.get("kind", "off_topic"), []).append(assistant.ask(q["question"]).abstained)
    every = [x for xs in by_kind.values() for x in xs]
    return {"questions": len(every), "abstained": sum(every) / len(every) if every else None,
            "by_kind": {k: round(sum(v) / len(v), 3) for k, v in sorted(by_kind.items())}}


def evaluate_articles(folder: Path, questions_file: Path, settings: Settings, embedder=None,
                      split: str = "all", unanswerable: list[dict] | None = None) -> dict:
    """Index ``folder`` into a temporary index and ask the questions written about it.

    Each question names the ``file`` that answers it: reports how often that article is
    cited first, how often the quotes contain a gold answer, short-answer EM/F1, and the
    abstention rates on answerable and (optional) unanswerable questions. Questions of the
    file without gold ``answers`` are unanswerable ones, added to ``unanswerable``.
    """
    from rag.sync import ingest_folder

    data = json.loads(Path(questions_file).read_text(encoding="utf-8"))
    questions = [q for i, q in enumerate(data["questions"]) if in_split(i, split, q.get("split"))]
    unanswerable = (unanswerable or []) + [q for q in questions if "answers" not in q]
    questions = [q for q in questions if "answers" in q]
    with tempfile.TemporaryDirectory(prefix="rag-eval-") as tmp, scratch_index(settings, Path(tmp)) as s:
        if embedder is None:
            from embeddings import load_embedder

            embedder = load_embedder(s)
        ingest_folder(folder, s, embedder)
        assistant = Assistant(s, embedder)
        rows = []
        for q in questions:
            answer = assistant.ask(q["question"])
            short = answer.short_answer.text if answer.short_answer else None
            em, f1 = short_answer_scores(short, q["answers"])
            rows.append({"sure": answer.short_answer.sure if answer.short_answer else None,
                "id": q["id"], "kind": q.get("kind"), "abstained": answer.abstained,
                "right_article": bool(answer.citations) and answer.citations[0].path.endswith(q["file"]),
                "contains": contains_gold(answer, q["answers"]), "em": em, "f1": f1,
                "short_answer": short, "question": q["question"],
            })
        refused = abstention(assistant, unanswerable) if unanswerable else None
    n = len(rows) or 1
    return {
        "file": str(questions_file), "split": split, "questions": len(rows),
        "right_article_first": sum(r["right_article"] for r in rows) / n,
        "answer_contains_gold": sum(r["contains"] for r in rows) / n,
        "short_em": sum(r["em"] for r in rows) / n, "short_f1": sum(r["f1"] for r in rows) / n,
        "abstained": sum(r["abstained"] for r in rows) / n,
        **sure_and_guessed([(r["sure"], r["f1"]) for r in rows]),
        "unanswerable": refused, "rows": rows,
    }


def evaluate(squad_file: Path, settings: Settings, embedder=None, limit: int | None = None,
             progress: bool = False, unanswerable: list[dict] | None = None, split: str = "all") -> dict:
    """Index ``squad_file`` into a temporary index, ask every question of ``split``, return the metrics."""
    docs, questions = load_squad(squad_file)
    questions = [q for i, q in enumerate(questions) if in_split(i, split)]
    if limit:
        questions = questions[:limit]
    with tempfile.TemporaryDirectory(prefix="rag-eval-") as tmp, scratch_index(settings, Path(tmp)) as s:
        if embedder is None:
            from embeddings import load_embedder

            embedder = load_embedder(s)
        _, report = add_documents(docs, s, embedder)
        assistant = Assistant(s, embedder)
        ranks, latencies, contains, abstained, ems, f1s, sure = [], [], [], 0, [], [], []
        # With a model configured, each answer is also generated and verified; its time is
        # kept apart from the extractive latency figures.
        generated = _generation(settings)
        iterator = questions
        if progress:
            from tqdm import tqdm

            iterator = tqdm(questions, desc="questions", unit="q")
        for q in iterator:
            t = time.perf_counter()
            retrieval, answer = assistant.ask_verbose(q["question"], top_k=30)
            latencies.append(time.perf_counter() - t)
            # No retrieval when the question is answered before searching ("Ông ấy …?" asks who).
            order = list(dict.fromkeys(h.chunk.article_id for h in retrieval.hits)) if retrieval else []
            ranks.append(order.index(q["article_id"]) + 1 if q["article_id"] in order else None)
            abstained += answer.abstained
            contains.append(contains_gold(answer, q["answers"]))
            em, f1 = short_answer_scores(answer.short_answer.text if answer.short_answer else None, q["answers"])
            ems.append(em)
            f1s.append(f1)
            sure.append(answer.short_answer.sure if answer.short_answer else None)
            if generated:
                generated(assistant, retrieval, answer)
        refused = abstention(assistant, unanswerable) if unanswerable else None
    n = len(questions) or 1
    return {
        "file": str(squad_file), "split": split, "questions": len(questions), "passages": len(docs),
        "chunks": report.total_chunks, "model": embedder.name,
        "recall@1": sum(r == 1 for r in ranks if r) / n,
        "recall@5": sum(r <= 5 for r in ranks if r) / n,
        "recall@10": sum(r <= 10 for r in ranks if r) / n,
        "mrr@10": sum(1 / r for r in ranks if r and r <= 10) / n,
        "answer_contains_gold": sum(contains) / n,
        "short_em": sum(ems) / n, "short_f1": sum(f1s) / n,
        **sure_and_guessed(list(zip(sure, f1s))),
        "abstained": abstained / n,
        "unanswerable": refused,
        "p50_seconds": statistics.median(latencies) if latencies else 0.0,
        "p95_seconds": _percentile(latencies, 0.95),
        "ingest": _ingest_summary(report),
        "llm": generated.tally.summary() if generated else None,
    }


def _generation(settings: Settings):
    """A callable that generates and verifies one answer and counts what the verifier did
    (its ``tally``), or ``None`` without ``RAG_LLM_URL``."""
    import asyncio

    from rag.generate import Generator
    from rag.generate.generator import article_reader
    from rag.generate.tally import Tally

    generator = Generator.from_settings(settings)
    if generator is None:
        return None

    def generate(assistant: Assistant, retrieval, answer) -> None:
        generate.tally.add(asyncio.run(generator.answer(retrieval, answer, article_reader(assistant.index))))

    generate.tally = Tally()
    return generate


def _ingest_summary(report: IngestReport) -> dict:
    return {"embedded": report.embedded, "from_cache": report.from_cache, "seconds": round(report.seconds, 2)}
