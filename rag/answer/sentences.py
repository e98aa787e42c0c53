"""Sentence scoring: which sentence of the evidence answers.

Each candidate sentence is scored by meaning (the question's vector against the sentence
vector stored at ingest) and by shared weighted words (tf-isf: a question term's idf over the
index times its inverse sentence frequency among the candidates, so that words the whole
article shares, like its topic, cannot tell its sentences apart); both are standardised over
the candidates and summed, as retrieval fuses its two lists. The text's layout
(:mod:`rag.answer.layout`) and the kind of answer asked for then raise or lower a sentence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from rag.answer import layout, provision, scope, support
from rag.answer.layout import ARTICLE_HEADING, ASKS_ARTICLE, ASKS_CASE, EXCEPTION, HEADING, denies, labelled_as_asked
from rag.answer.question import Question
from rag.answer.slot import slot
from rag.answer.span import asks_purpose, asks_yes_no, counted, dated_as_asked, fits, syllables
from rag.clean.metadata import author_of, unlabelled_author
from rag.index.sentences import unpack
from rag.retrieve import Hit
from rag.text import segment, sentence_spans

TITLE_TERM_FACTOR = 0.3
# How much the question word's place (slot.py) adds to an open question's best few sentences;
# chosen on the dev parts (0.25-0.5 alike, 1.0 cost XQuAD-vi 1.7 points of contains-gold).
SLOT_WEIGHT = 0.5
SLOT_CANDIDATES = 4
# A list item is read as its lead and itself: "c) Đối với giáo viên: kế hoạch giảng dạy …" answers
# "giáo viên phải có những hồ sơ nào" only with "… phải có hệ thống hồ sơ …, gồm:" above it.
# Chosen on the legal dev part (0.3 and 0.5 changed nothing; 1.0 +1 question; other dev sets unchanged).
LEAD_TERM_FACTOR = 1.0
# A statute's headings ("Điều 17. Lưu giữ tài liệu …") lend their words to the sentences below them
# and answer nothing themselves. Chosen on the legal3 dev set: lending 0.5 with a penalty of 1.0
# quoted the gold for 33/40 against 31/40 with neither (penalty 2.0 alike; lending 1.0 lost one);
# the other dev sets unchanged.
HEADING_TERM_FACTOR = 0.5
HEADING_PENALTY = 1.0
# A sentence denying what the question states ("… viên chức không giữ chức vụ quản lý" asked of
# those who "giữ chức vụ quản lý"), in the score's standardised units; not for yes/no questions,
# which a denial may settle.
DENIAL_PENALTY = 1.0
# A special case's clause against a question setting none: half a unit (an API probe's "Tỷ lệ …
# tối đa là bao nhiêu?" got the exception's 25%, not the rule's 20%; no dev row moved at 0.5 or 1).
EXCEPTION_PENALTY = 0.5
# An item labelled with what is asked ("a) Hình thức thi: …"): the statute's own answer slot.
LABEL_BONUS = 1.0
ANSWER_TYPE_BONUS = 1.25
# A sentence dating something from the day asked ("có hiệu lực … từ ngày …"), over one whose
# date ends a transition ("… đến hết ngày 30 tháng 6 năm 2027"), which shares as many words.
DATED_AS_ASKED = 1.5


@dataclass
class Sentence:
    """A candidate sentence of a retrieved chunk, with its offsets in the article and its scores."""

    hit_rank: int
    hit: Hit
    start: int  # offsets in the article
    end: int
    text: str
    words: set
    lexical: float = 0.0
    dense: float = 0.0
    score: float = 0.0
    fits: bool = False  # holds the kind of span the question asks for (span.fits)


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


def score(hits: list[Hit], weights: dict[str, float], q: Question, vector, span_question: str, *,
          post: str | None = None, asks_author: bool = False, dimension: int = 384, meaning_weight: float = 1.0,
          article_text=None, heading_above=lambda chunk: None) -> list[Sentence]:
    """Every sentence of ``hits``' chunks, scored for answering the question (``weights``: its
    weighted terms; ``vector``: its embedding; ``span_question``: the user's own words, which
    say the kind of answer asked, as the short answer reads them, so ranking and span agree).
    ``post`` is the post asked about, ``asks_author`` keeps by-lines in; ``article_text``
    (article id → text) and ``heading_above`` (chunk → words of the statute heading above it)
    read past the chunks."""
    total = sum(weights.values()) or 1.0
    pool, titles = [], {}
    for rank, hit in enumerate(hits):
        c = hit.chunk
        spans = sentence_spans(c.text, c.start)
        title_words, sentence_words = chunk_words(c, spans)
        titles[id(hit)] = title_words
        stored = unpack(c.sentence_vectors, dimension)
        sims = stored @ vector if stored is not None and vector is not None and len(stored) == len(spans) else None
        for k, ((s, e), words) in enumerate(zip(spans, sentence_words)):
            text = c.text[s - c.start : e - c.start]
            pool.append(Sentence(rank, hit, s, e, text, words, dense=float(sims[k]) if sims is not None else 0.0))
    if not asks_author:
        # The by-line ("Phan Xuân Nghĩa, Văn phòng Sở") names who wrote the article, not who
        # was honoured in it: a staff user had got him for "Ai được công nhận …?".
        pool = [p for p in pool if not is_byline(p, article_text)]
    n = len(pool)
    for p in pool:
        if "%" in p.text:  # "bao nhiêu phần trăm" is answered with a "%"
            p.words = p.words | {"phần_trăm"}
        if post and post in p.words and support.only_board(p.text, post):
            # "Ai là Giám đốc Sở?": "Dự Hội nghị có Ban Giám đốc Sở" names a board, not the post.
            p.words = p.words - {post}
    isf = {t: math.log(1 + n / (1 + sum(t in p.words for p in pool))) for t in weights}
    leads = layout.leads(pool)
    heads = layout.headings(pool, heading_above)
    aim = asks_purpose(span_question)  # "… nhằm mục đích gì?" asks no kind, yet a sentence can fit
    yes_no, asked_text = asks_yes_no(span_question), " ".join(span_question.casefold().split())
    exceptions_unasked = not ASKS_CASE.search(span_question)
    stage = layout.stage(span_question)
    asks_article = bool(ASKS_ARTICLE.search(span_question)) and not provision.cited(span_question)
    asked_syllables = syllables(span_question)
    stages = layout.stages(pool) if stage else {}
    for p in pool:
        found = [t for t in weights if t in p.words]
        # Terms of the article's title are satisfied by the article as a whole.
        p.lexical = sum(weights[t] * isf[t] * (TITLE_TERM_FACTOR if t in titles[id(p.hit)] else 1.0) for t in found)
        lead = leads.get(id(p))
        if lead is not None:  # an item is read under its lead ("… hồ sơ, gồm:" / "c) Đối với giáo viên: …")
            p.lexical += LEAD_TERM_FACTOR * sum(weights[t] * isf[t] for t in weights
                                                if t in lead.words and t not in p.words and t not in titles[id(p.hit)])
        for head in heads.get(id(p), ()):
            p.lexical += HEADING_TERM_FACTOR * sum(weights[t] * isf[t] for t in weights
                                                   if t in head and t not in p.words and t not in titles[id(p.hit)])
        p.fits = (bool(q.kind) or aim) and fits(q.kind, p.text, span_question)
        if p.fits:
            p.lexical *= ANSWER_TYPE_BONUS * (1.2 if q.kind == "number" and counted(p.text, span_question) else
                                              DATED_AS_ASKED if q.kind == "date" and dated_as_asked(p.text, span_question)
                                              else 1.0)
        p.lexical /= total
    lex_z, dense_z = _z([p.lexical for p in pool]), _z([p.dense for p in pool])
    w = meaning_weight if any(p.dense for p in pool) else 0.0
    for p, lz, dz in zip(pool, lex_z, dense_z):
        # Rank prior: the fused ranking already weighed the whole chunk.
        heading = scope.is_statute(p.hit.chunk.title) and HEADING.match(p.text)
        # Asked which article says it, an article's heading naming the question's subject is
        # the answer itself ("Điều 12. Xếp loại chất lượng viên chức"): it gains the unit other
        # headings lose.
        p.score = lz + w * dz - 0.25 * p.hit_rank - (
            0.0 if not heading else -HEADING_PENALTY if asks_article and ARTICLE_HEADING.match(p.text)
            else HEADING_PENALTY)
        if not yes_no and denies(p.text, asked_text):
            p.score -= DENIAL_PENALTY
        if exceptions_unasked and EXCEPTION.match(p.text):
            p.score -= EXCEPTION_PENALTY
        if labelled_as_asked(p.text, asked_syllables):
            p.score += LABEL_BONUS
        if stage and stages.get(id(p), stage) != stage:
            p.score -= DENIAL_PENALTY  # "Vòng 2 … hình thức nào?": not "1. Vòng 1: … hình thức trắc nghiệm"
    if SLOT_WEIGHT and q.kind not in ("date", "number", "person", "place"):
        # An article's opening sentence restates its topic and wins on meaning and shared
        # words alike; the sentence that answers holds the words the question puts right
        # beside its question word ("… nêu vấn đề gì?" → "… nêu vấn đề cần …"). A question
        # asking for a date, count, person or place has its own, surer sign (``fits``).
        for p in sorted(pool, key=lambda p: -p.score)[:SLOT_CANDIDATES]:
            found = slot(p.text, span_question)
            if found:
                p.score += SLOT_WEIGHT * found.score
    return pool


def is_byline(p: Sentence, article_text=None) -> bool:
    """Whether ``p`` is its article's by-line: a line naming an author, the article's last (a
    statute's last line is whoever signed it, which is asked)."""
    if not (author_of(p.text) or unlabelled_author(p.text.strip())) or scope.is_statute(p.hit.chunk.title):
        return False
    text = article_text(p.hit.chunk.article_id) if article_text else None
    return text is not None and not text[p.end:].strip()


def _z(values: list[float]) -> list[float]:
    if not values:
        return []
    arr = np.asarray(values, dtype=np.float64)
    sd = arr.std() or 1.0
    return list((arr - arr.mean()) / sd)
