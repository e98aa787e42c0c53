"""The vector index picks its kind by size: exact while small, IVF beyond; ids, deletes,
filters and persistence work on both."""

from __future__ import annotations

import numpy as np
import pytest

from rag.index import Index
from rag.index.vectors import Vectors, ivf_cells
from rag.pipeline import Assistant
from rag.sync import delete_articles, ingest_folder


def clustered(n: int, d: int = 384, centres: int = 40, seed: int = 0) -> np.ndarray:
    """Unit vectors around a few centres, like embeddings of a corpus with topics."""
    rng = np.random.default_rng(seed)
    c = rng.normal(size=(centres, d))
    x = c[rng.integers(0, centres, n)] + rng.normal(scale=0.6, size=(n, d))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture
def large() -> tuple[Vectors, Vectors, np.ndarray]:
    """(exact, approximate) over the same 3,000 vectors with ids 1000…3999, and queries."""
    data = clustered(3000)
    ids = list(range(1000, 4000))
    exact, approx = Vectors.empty(384), Vectors.empty(384)
    exact.add(ids, data)
    approx.add(ids, data)
    approx.fit(exact_max=2000, nprobe=16)
    return exact, approx, clustered(50, seed=1)


def test_small_stays_exact_large_becomes_ivf(large):
    exact, approx, _ = large
    exact.fit(exact_max=3000, nprobe=16)
    assert exact.kind == "exact" and approx.kind == "ivf"
    assert approx.size == 3000 and approx.index.nlist == ivf_cells(3000)


def test_ivf_finds_what_exact_finds(large):
    exact, approx, queries = large
    recall = np.mean([len({i for i, _ in exact.search(q, 10)} & {i for i, _ in approx.search(q, 10)}) / 10
                      for q in queries])
    assert recall >= 0.9
    # Scores are true cosines, best first.
    hits = approx.search(queries[0], 5)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)


def test_ivf_deletes_and_adds_by_id(large):
    _, approx, queries = large
    gone = [i for i, _ in approx.search(queries[0], 5)]
    approx.remove(gone)
    assert approx.size == 2995 and not set(gone) & {i for i, _ in approx.search(queries[0], 20)}
    approx.add([99_999], queries[:1])
    assert approx.search(queries[0], 1)[0][0] == 99_999


def test_ivf_filter_scans_every_cell(large):
    exact, approx, queries = large
    allowed = list(range(1000, 4000, 97))  # a few ids scattered over many cells
    for q in queries[:10]:
        got, want = approx.search(q, 3, allowed), exact.search(q, 3, allowed)
        assert [i for i, _ in got] == [i for i, _ in want]
        assert [s for _, s in got] == pytest.approx([s for _, s in want], abs=1e-5)
    assert approx.search(queries[0], 3, []) == []


def test_ivf_round_trips_and_shrinks_back_to_exact(large, tmp_path):
    _, approx, queries = large
    approx.save(tmp_path / "v.faiss")
    loaded = Vectors.load(tmp_path / "v.faiss")
    assert loaded.kind == "ivf" and loaded.index.nprobe == 16
    assert loaded.search(queries[0], 5) == approx.search(queries[0], 5)
    ids, _ = loaded.all()
    loaded.remove(list(ids[:2500]))
    loaded.fit(exact_max=2000, nprobe=16)
    assert loaded.kind == "exact" and loaded.size == 500
    assert sorted(loaded.all()[0]) == sorted(ids[2500:])


def test_pipeline_on_ivf_answers_and_forgets_deleted(settings, embedder, articles_dir):
    s = settings.model_copy(update={"exact_search_max": 5})  # the 5 samples make ~20 chunks
    ingest_folder(articles_dir, s, embedder)
    index = Index.open(s.index_dir)
    assert index.vectors.kind == "ivf" and index.manifest.vector_index.startswith("ivf")
    assistant = Assistant(s, embedder)
    question = "Đại hội Đảng bộ Sở GDĐT Lạng Sơn nhiệm kỳ 2020-2025 diễn ra ngày nào?"
    answer = assistant.ask(question)
    assert not answer.abstained and "21/5/2020" in answer.text
    article = answer.citations[0].article_id
    delete_articles([article], s, embedder)
    again = assistant.ask(question)
    assert all(c.article_id != article for c in again.citations)
