"""Chunking: token-sized, sentence-aligned, exact offsets into the cleaned article."""

from __future__ import annotations

import unicodedata

import pytest

from rag.chunk import Chunker
from rag.clean import clean_document
from rag.documents import RawDocument
from tests.conftest import SAMPLES


def _articles():
    for path in sorted(SAMPLES.glob("*.txt")):
        yield clean_document(RawDocument(id=path.stem, path=str(path), text=path.read_text(encoding="utf-8")))


def test_offsets_are_exact_and_sizes_in_model_tokens(embedder):
    chunker = Chunker(embedder.count_tokens, 128, 16)
    for article in _articles():
        chunks = chunker.split(article)
        assert len(chunks) >= 2
        for c in chunks:
            assert article.text[c.start : c.end] == c.text
            assert embedder.count_tokens(c.text) <= 128
        covered = set()
        for c in chunks:
            covered.update(range(c.start, c.end))
        assert len(covered) >= 0.97 * len(article.text.replace("\n", ""))


def test_chunks_prefer_sentence_ends(embedder):
    chunker = Chunker(embedder.count_tokens, 96, 0)
    ends = [c.text[-1] for a in _articles() for c in chunker.split(a)]
    assert sum(e in ".;:!?…" for e in ends) / len(ends) >= 0.6


def test_default_size_fits_the_model(embedder, base_settings):
    assert base_settings.chunk_tokens + 2 + embedder.count_tokens("passage: ") + 40 <= 512


@pytest.mark.parametrize("text, sentences", [
    # A small letter after … ! ? or . continues the sentence, whatever its accents: "đ", "ở" and
    # "ấ" lie inside [À-Ỹ], which the splitter used as "a capital" and cut before them.
    ("Ông nói… đó là điều quan trọng. Hội nghị kết thúc.", ["Ông nói… đó là điều quan trọng.", "Hội nghị kết thúc."]),
    ("Kết quả đạt 98,5%. ở vùng sâu thấp hơn.", ["Kết quả đạt 98,5%. ở vùng sâu thấp hơn."]),
    ("Họ hỏi: vì sao? ấy là câu hỏi khó.", ["Họ hỏi: vì sao? ấy là câu hỏi khó."]),
    # Capitals with and without accents, digits and quotes still start a sentence.
    ("Năm học mới. Ở vùng sâu cũng vậy. Đà Nẵng dẫn đầu. 5 trường đạt chuẩn. “Ấy là” ông nói.",
     ["Năm học mới.", "Ở vùng sâu cũng vậy.", "Đà Nẵng dẫn đầu.", "5 trường đạt chuẩn.", "“Ấy là” ông nói."]),
    ("TP. Hồ Chí Minh dẫn đầu. Hà Nội thứ hai.", ["TP. Hồ Chí Minh dẫn đầu.", "Hà Nội thứ hai."]),
    # A clause's number is part of its clause: statutes number every clause and article.
    ("Điều 13. Hệ thống hồ sơ\n1. Trường phải có hồ sơ, gồm:\na) Đối với giáo viên: sổ chủ nhiệm.\n"
     "2. Hồ sơ điện tử được dùng. Việc quản lý theo luật.\nII. Tổ chức. Năm 2020. Ông A. Nguyễn đến.",
     ["Điều 13. Hệ thống hồ sơ", "1. Trường phải có hồ sơ, gồm:", "a) Đối với giáo viên: sổ chủ nhiệm.",
      "2. Hồ sơ điện tử được dùng.", "Việc quản lý theo luật.", "II. Tổ chức.", "Năm 2020.", "Ông A. Nguyễn đến."]),
    # A line break after a full stop ends the sentence whatever opens the next line.
    ("2. Vòng 2: thực hành sư phạm.\na) Hình thức thi: vấn đáp.\nb) Nội dung thi: kỹ năng.",
     ["2. Vòng 2: thực hành sư phạm.", "a) Hình thức thi: vấn đáp.", "b) Nội dung thi: kỹ năng."]),
])
def test_sentences_start_with_a_capital_or_digit(text, sentences):
    from rag.text import sentence_spans

    assert [text[s:e] for s, e in sentence_spans(text)] == sentences
    decomposed = unicodedata.normalize("NFD", text)  # combining marks follow the base letter
    assert len(sentence_spans(decomposed)) == len(sentences)
