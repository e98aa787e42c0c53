"""Answer: quote the one or two sentences of the evidence that answer the question.

Extractive on purpose: every word of the answer is a verbatim span of a cited article,
so staff can trust and check it. Sentences are scored by how much of the question's
weighted vocabulary (BM25 idf) they contain, with a prior for better-ranked chunks.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field

from rag.retrieve import Hit, Retrieval
from rag.text import segment, sentence_spans

NOT_FOUND = "Không tìm thấy thông tin liên quan trong các bài viết đã được lập chỉ mục."

# Question words carry no evidence: "ngày nào" must not reward sentences containing "nào".
QUESTION_WORDS = {
    "ai", "gì", "nào", "đâu", "sao", "bao_nhiêu", "bao_giờ", "khi_nào", "ở_đâu", "thế_nào",
    "như_thế_nào", "tại_sao", "vì_sao", "là", "có", "không", "được", "của", "và", "thì", "mấy",
    "những", "các", "một", "cho", "với", "trong", "đã", "bị", "ra", "hay", "hoặc", "này", "đó",
}


TITLE_TERM_FACTOR = 0.3
ANSWER_TYPE_BONUS = 1.25
# What kind of answer a question asks for, and how such an answer looks in a sentence.
_ANSWER_TYPES = [
    (re.compile(r"\b(ngày nào|năm nào|tháng nào|khi nào|bao giờ|lúc nào|thời gian nào|thời điểm nào|vào ngày|năm bao nhiêu)\b", re.I),
     re.compile(r"\b(\d{1,2}\s*[/.-]\s*\d{1,2}([/.-]\d{2,4})?|(19|20)\d{2}|ngày \d+|tháng \d+|năm \d+|thế kỷ)\b", re.I)),
    # A count is a number that is not part of a date ("214 giáo viên", not the 12 of 12/3/2024).
    (re.compile(r"\b(bao nhiêu|mấy|số lượng|tỷ lệ|bao xa|bao lâu)\b", re.I),
     re.compile(r"(?<![\d/.-])\d+(?:[.,]\d+)*(?![\d/-])(?!\s*[/.-]\s*\d)")),
]


def expected_answer(question: str):
    """A pattern an answering sentence is likely to contain (a date, a number), or ``None``."""
    for asks, looks in _ANSWER_TYPES:
        if asks.search(question):
            return looks
    return None


def chunk_words(chunk, spans: list[tuple[int, int]]) -> tuple[set[str], list[set[str]]]:
    """(title words, words of each sentence in ``spans``) of a stored chunk.

    Read from the words the index stored per sentence; segmented here only for an index
    written before they were stored that way.
    """
    lines = chunk.terms.split("\n") if chunk.terms else []
    if len(lines) == len(spans) + 1:
        title = set(lines[0].split()) or set(segment(chunk.title))
        return title, [set(line.split()) for line in lines[1:]]
    text = chunk.text
    return set(segment(chunk.title)), [set(segment(text[s - chunk.start : e - chunk.start])) for s, e in spans]


@dataclass
class Citation:
    """One cited source: the article and the verbatim quote with its offsets."""

    number: int
    article_id: str
    title: str
    date: str | None
    source: str | None
    url: str | None
    path: str
    quote: str
    start: int
    end: int
    score: float
    passage: str
    passage_start: int


@dataclass
class Answer:
    """The reply to one question."""

    question: str
    text: str
    citations: list[Citation]
    abstained: bool
    timings: dict[str, float] = field(default_factory=dict)
    query: str = ""  # what was searched: the question, completed from the conversation if a follow-up


@dataclass
class _Sentence:
    hit_rank: int
    hit: Hit
    start: int  # offsets in the article
    end: int
    text: str
    coverage: float = 0.0
    score: float = 0.0
    terms: frozenset = frozenset()


class Answerer:
    """Chooses answer sentences and decides when to abstain.

    A question term weighs its BM25 idf over the index (a term the index has never seen
    weighs as much as the rarest term: it is evidence the answer may be missing) times its
    inverse sentence frequency among the candidate sentences, the classic tf-isf of
    sentence retrieval: words shared by the whole article, like its topic, cannot tell
    its sentences apart.
    """

    def __init__(self, idf, min_dense_score: float, confident_dense_score: float,
                 min_coverage: float, max_sentences: int = 2, max_idf: float = 10.0):
        self.idf = idf
        self.min_dense_score = min_dense_score
        self.confident_dense_score = confident_dense_score
        self.max_sentences = max_sentences
        self.min_coverage = min_coverage
        self.max_idf = max_idf

    def _weights(self, terms: list[str]) -> dict[str, float]:
        weights = {}
        for term in set(terms) - QUESTION_WORDS:
            weights[term] = self.idf(term) or self.max_idf
        return weights

    def _sentences(self, hits: list[Hit], weights: dict[str, float], expected=None) -> list[_Sentence]:
        total = sum(weights.values()) or 1.0
        pool, titles = [], {}
        for rank, hit in enumerate(hits):
            c = hit.chunk
            spans = sentence_spans(c.text, c.start)
            title_words, sentence_words = chunk_words(c, spans)
            titles[id(hit)] = title_words
            for (s, e), words in zip(spans, sentence_words):
                pool.append((rank, hit, s, e, c.text[s - c.start : e - c.start], words))
        n = len(pool)
        isf = {t: math.log(1 + n / (1 + sum(t in p[5] for p in pool))) for t in weights}
        out = []
        for rank, hit, s, e, text, words in pool:
            found = [t for t in weights if t in words]
            coverage = sum(weights[t] for t in found) / total
            # Terms in the article's title are already satisfied by the article as a whole;
            # within it they say little about which sentence holds the answer.
            score = sum(weights[t] * isf[t] * (TITLE_TERM_FACTOR if t in titles[id(hit)] else 1.0) for t in found)
            if expected and expected.search(text):
                score *= ANSWER_TYPE_BONUS
            # Rank prior: the fused ranking already weighed the whole chunk.
            out.append(_Sentence(rank, hit, s, e, text, coverage, score / (1 + 0.25 * rank), frozenset(found)))
        return out

    def answer(self, retrieval: Retrieval, candidates: int = 3) -> Answer:
        """Build the answer from a retrieval (its top ``candidates`` hits are read)."""
        t = time.perf_counter()
        weights = self._weights(retrieval.terms)
        expected = expected_answer(retrieval.question)
        sentences = self._sentences(retrieval.hits[:candidates], weights, expected)
        best = max(sentences, key=lambda s: (s.score, -s.hit_rank, -s.start), default=None)
        if best is None or not self._relevant(retrieval.best_dense, self._passage_coverage(best.hit, weights)):
            return Answer(retrieval.question, NOT_FOUND, [], True, {"answer": time.perf_counter() - t})
        chosen = [best]
        if self.max_sentences > 1:
            chosen += self._companion(best, sentences, expected)
        chosen.sort(key=lambda s: s.start)
        c = best.hit.chunk
        start, end = chosen[0].start, chosen[-1].end
        quote = c.text[start - c.start : end - c.start]
        citation = Citation(1, c.article_id, c.title, c.date, c.source, c.url, c.path, quote, start, end,
                            round(best.hit.score, 6), c.text, c.start)
        text = quote + " [1]"  # adjacent sentences: the quote is exactly the article's text
        return Answer(retrieval.question, text, [citation], False, {"answer": time.perf_counter() - t})

    def _passage_coverage(self, hit: Hit, weights: dict[str, float]) -> float:
        """Share of the question's weighted words found in the hit's title and chunk."""
        title_words, sentence_words = chunk_words(hit.chunk, sentence_spans(hit.chunk.text, hit.chunk.start))
        words = title_words.union(*sentence_words)
        return sum(w for t, w in weights.items() if t in words) / (sum(weights.values()) or 1.0)

    def _relevant(self, dense: float, coverage: float) -> bool:
        """Answer when the question's words are mostly there, or its meaning clearly is."""
        if dense >= self.confident_dense_score:
            return True
        return dense >= self.min_dense_score and coverage >= self.min_coverage

    def _companion(self, best: _Sentence, sentences: list[_Sentence], expected=None) -> list[_Sentence]:
        """The best sentence's better-scoring neighbour in the same chunk.

        A question usually echoes the sentence that sets the scene, and the answer often
        sits in the sentence next to it ("... bài kiểm tra nào? ... Đó là bài kiểm tra AKS."),
        so the second quoted sentence is always a neighbour. When the question asks for a
        date or a number and the best sentence has none, the neighbour that has one wins.
        """
        same = [s for s in sentences if s.hit is best.hit]
        i = next(k for k, s in enumerate(same) if s.start == best.start)
        # The following sentence first: on equal scores, what comes after the scene is the answer.
        neighbours = [same[k] for k in (i + 1, i - 1) if 0 <= k < len(same)]
        if expected and not expected.search(best.text):
            neighbours = [s for s in neighbours if expected.search(s.text)] or neighbours
        return [max(neighbours, key=lambda s: s.score)] if neighbours else []
