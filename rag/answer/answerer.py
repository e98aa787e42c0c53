"""The answer step: choose the sentences that answer, cite them, find the short answer, or abstain.

Extractive on purpose: every word of the answer is a verbatim span of a cited article, so
staff can trust and check it. In order:

1. small talk gets a friendly reply (``chitchat``);
2. what the question pins down (province, year, term, name) must be in the evidence,
   otherwise the reply says the articles do not cover it and what they do cover (``scope``);
3. the evidence must be close enough in meaning and words (``min_dense_score`` …);
4. each candidate sentence is scored by meaning (the question's vector against the sentence
   vector stored at ingest) plus shared weighted words (tf-isf), and the best one is quoted
   with its neighbour, or with the list it introduces;
5. other articles that support the answer about as well are cited too (at most three);
6. the short answer is the span of the quote that the question asks for (``span``).
"""

from __future__ import annotations

import functools
import math
import re
import time
from dataclasses import dataclass, field, replace

import numpy as np

from rag.answer import about, chitchat, provision, scope, support, tenure
from rag.answer.question import FOLLOW_LEAD, POINTING, Question, answer_kind, read
from rag.answer.slot import slot
from rag.answer.span import (
    LIST_ITEM, ShortAnswer, asks_anyone, asks_day_part, asks_purpose, asks_yes_no, claimed_person, counted,
    dated_as_asked, find, fits, holds_post, item_level, labelled_item, of_department, person_names, post_asked,
    post_held, syllables, yes_no_tail,
)
from rag.clean.metadata import SURNAMES, author_of, unlabelled_author
from rag.index.sentences import unpack
from rag.retrieve import Hit, Retrieval
from rag.text import segment, sentence_spans

NOT_FOUND = "Không tìm thấy thông tin liên quan trong các bài viết đã đưa vào hệ thống."

# Question words carry no evidence: "ngày nào" must not reward sentences containing "nào".
QUESTION_WORDS = {
    "ai", "gì", "nào", "đâu", "sao", "bao_nhiêu", "bao_giờ", "khi_nào", "ở_đâu", "thế_nào", "bao_lâu", "lúc_nào",
    "ra_sao", "những_ai", "như",  # "như thế nào": pyvi reads "như" + "thế_nào"
    "như_thế_nào", "tại_sao", "vì_sao", "là", "có", "không", "được", "của", "và", "thì", "mấy",
    "những", "các", "một", "cho", "với", "trong", "đã", "bị", "ra", "hay", "hoặc", "này", "đó", "tên",
    "chức_vụ", "chức_danh",  # "… giữ chức vụ gì?" asks for a post, which articles name, not call one
}
# Function words a small index may never have seen: unknown, "ở" would weigh as much as the
# rarest name (the rule for unseen words) and sink a question about Kon Tum.
_FUNCTION_WORDS = {"ở", "tại", "về", "từ", "đến", "theo", "trên", "dưới", "sau", "trước", "khi", "mà", "nên", "vì",
                   "do", "bởi", "để", "rồi", "cũng", "vẫn", "đang", "sẽ", "đây", "ấy", "vậy", "nhé", "ạ", "nhỉ",
                   "chứ", "à", "hả", "nếu", "thêm", "còn", "thế",
                   # "Văn bản nào … được nhắc đến?": the kind asked and the asking, no subject.
                   "văn_bản", "nhắc", "nhắc_đến", "nhắc_tới", "đề_cập",
                   # Happening and asking: "diễn ra" (pyvi leaves "diễn" alone), "điều gì", "với tư cách".
                   "diễn", "diễn_ra", "xảy", "xảy_ra", "điều", "tư_cách",
                   # Who asks: "Tôi là giáo viên …, tôi phải có …", "Bạn cho biết …".
                   "tôi", "chúng_tôi", "chúng_ta", "bạn", "mình"}
# "ngày nào?", "Năm 2020?": with nothing but these (and the pinned year), nothing is asked about.
_FOLLOW_WORDS = {"còn", "thế", "vậy", "thì", "sao", "nữa", "nhỉ"}  # "Thế còn … thì sao?" asks nothing itself


def _focus(asked: str, question: str) -> tuple[str, ...]:
    """The syllables a follow-up says itself ("Còn dự khuyết?" → dự, khuyết) that the completed
    question kept. Not a province, a person or a time swapped in ("Còn ở Trà Vinh thì sao?"):
    those say which article, and the earlier question's words still say where in it."""
    read_asked = read(asked)
    if read_asked.provinces or read_asked.names or read_asked.years or read_asked.terms:
        return ()
    kept = syllables(question) - _FOLLOW_WORDS
    return tuple(dict.fromkeys(t for t in re.findall(r"\w+", asked.lower()) if t in kept))  # in the follow-up's order
_TIME_WORDS = {"ngày", "năm", "tháng", "hôm_nay", "bây_giờ", "hiện_nay"}
_DAY = re.compile(r"(?<!\w)(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}(?!\d)"
                  r"|(?<!\w)ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?", re.IGNORECASE)
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
LABEL_BONUS = 1.0
# Asked "… điều nào?", a heading holding this share of the question's weight names the article;
# below it, the article of the quoted clause does. Set by hand (API probe questions).
ARTICLE_HEADING_SHARE = 0.3
# A sentence under the statute article the question cites ("Theo Điều 17, …"), in the same
# standardised units as the score. Set by hand: the four legal4 dev questions that cite an
# article, and the tests' cases (tests/test_answer.py), came out alike from 0.5 to 5 (without it,
# "Theo Điều 113, … nghỉ mấy ngày?" is answered from Điều 112).
PROVISION_BONUS = 1.5
ANSWER_TYPE_BONUS = 1.25
# A sentence dating something from the day asked ("có hiệu lực … từ ngày …"), over one whose
# date ends a transition ("… đến hết ngày 30 tháng 6 năm 2027"), which shares as many words.
DATED_AS_ASKED = 1.5
# An item of a list or of a numbered clause: "- …", "1. …", "2) …", "a) …" (legal texts).
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
    date_kind: str | None = None  # "published" or "event" (rag.documents.Article.date_kind)


def paragraphs(citations: list[Citation]) -> str:
    """Each source's quote with its number, a paragraph each: two meetings' sentences run
    together would read as one text."""
    return "\n\n".join(f"{c.quote} [{c.number}]" for c in citations)


@dataclass
class Answer:
    """The reply to one question.

    ``status`` says what kind of reply it is: ``answered`` (quotes with citations),
    ``not_found`` (nothing relevant), ``out_of_scope`` (the question pins down a province,
    year, term or name no article covers; ``note`` says what they do cover), ``filtered``
    (nothing inside the active filters), or ``chitchat`` (small talk, a friendly reply).
    """

    question: str
    text: str
    citations: list[Citation]
    abstained: bool
    timings: dict[str, float] = field(default_factory=dict)
    query: str = ""  # what was searched: the question, completed from the conversation if a follow-up
    short_answer: ShortAnswer | None = None
    status: str = "answered"
    note: str | None = None


@dataclass
class _Sentence:
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


@dataclass
class AnswerPolicy:
    """The answer step's knobs (``Settings`` fills them; README says where each was chosen)."""

    min_dense_score: float = 0.82
    confident_dense_score: float = 0.92
    min_coverage: float = 0.2
    max_sentences: int = 2
    meaning_weight: float = 1.0
    max_sources: int = 3
    source_margin: float = 2.0
    candidates: int = 5


class Answerer:
    """Chooses answer sentences and decides when to abstain.

    A question term weighs its BM25 idf over the index (a term the index has never seen
    weighs as much as the rarest term: it is evidence the answer may be missing) times its
    inverse sentence frequency among the candidate sentences (tf-isf): words shared by the
    whole article, like its topic, cannot tell its sentences apart. Meaning comes from the
    sentence vectors stored at ingest; both scores are standardised over the candidates
    and summed, as retrieval fuses its two lists.
    """

    def __init__(self, idf, policy: AnswerPolicy | None = None, dimension: int = 384, max_idf: float = 10.0,
                 article=None):
        self.idf = idf
        # Article id -> the stored article (its text for scope checks and lists that run past
        # a chunk, its author for by-lines); read once per article however many steps ask.
        self.article = functools.lru_cache(maxsize=16)(article) if article else None
        # None when the article is gone (deleted on PostgreSQL between search and answer, where
        # deletes show at once): the answer then reads the retrieved chunks only.
        self.article_text = (lambda article_id: getattr(self.article(article_id), "text", None)) if article else None
        # Article id -> where its statute articles ("Điều 17. …") start; read only for a
        # question that cites one.
        self._headings_of = functools.lru_cache(maxsize=16)(
            lambda article_id: provision.headings((self.article_text(article_id) if self.article_text else None) or ""))
        self.policy = policy or AnswerPolicy()
        self._clause_spans: dict[tuple[str, str], list[tuple[int, int]]] = {}  # (article id, number) → cited clauses
        self.dimension = dimension
        self.max_idf = max_idf

    # -- public ------------------------------------------------------------------------
    def answer(self, retrieval: Retrieval, sources: list[str] = (), asked: str | None = None,
               prefer: str | None = None) -> Answer:
        """Build the answer from a retrieval; ``sources`` (the index's organisations) are named in
        "not covered" replies; ``asked`` is the user's own words when the search ran a completed
        follow-up; ``prefer`` the article the conversation is about, whose passages are read as
        if ranked first."""
        t = time.perf_counter()
        answer = self._answer(retrieval, list(sources), asked, prefer)
        answer.timings["answer"] = time.perf_counter() - t
        return answer

    def _answer(self, retrieval: Retrieval, sources: list[str], asked: str | None, prefer: str | None) -> Answer:
        question = retrieval.question
        small_talk = chitchat.reply(question)
        if small_talk:
            return Answer(question, small_talk, [], True, status="chitchat")
        q = read(question)
        # "Bao nhiêu đảng viên?" after a date question asks for a count: the user's own words
        # decide the kind of answer when they name one; the completed query supplies the rest.
        # Not when the follow-up was rewritten whole ("Ông ấy là ai?" → "Bùi Thái Trọng là ai?"):
        # that is the question to read.
        own_kind = answer_kind(asked) if asked and FOLLOW_LEAD.sub("", asked).casefold() in question.casefold() \
            else None  # "Vậy hồ sơ gồm những gì?" is searched without its "Vậy"
        # "Hội nghị đó có công khai … không?" searched with the earlier question after it (for
        # "đó"): a whole question of its own, which says what is asked even when it names no kind.
        pointing_back = bool(asked) and question != asked and question.startswith(asked)
        # Said with "đó", "ấy", "bài này": the earlier words only say which thing is meant (not a
        # short question borrowing the earlier one whole, "Ngày nào? …", nor a province added).
        said_back = pointing_back and bool(POINTING.search(asked))
        if own_kind or pointing_back:
            q.kind = own_kind
        span_question = asked if own_kind or pointing_back else question
        if asks_anyone(span_question):
            q.kind = None  # "Có ai được … không?": the clause that says so, not a name
        if asks_day_part(span_question):
            q.kind = "date"  # "… vào buổi chiều à?": the sentence dating the event, which may say the part
        # A follow-up that borrows the earlier question ("Còn dự khuyết?" after "… bao nhiêu đại
        # biểu chính thức?"): its own words say which of the earlier question's answers it wants.
        focus = _focus(asked, question) if asked and not (own_kind or pointing_back) else ()
        # "bí_thư" in "Ai là Bí thư …?"; in a follow-up that borrowed the earlier question ("còn
        # phó giám đốc sở là ai?" + "buổi làm việc … ngày nào"), the post its own words ask for.
        asked_post = support.asked_post(span_question) or (support.asked_post(asked) if asked else None)
        if q.kind != "person" and asked_post:
            q.kind = "person"  # "Giám đốc Sở … tên là gì?" asks who holds the post
        hits = retrieval.hits[: self.policy.candidates]
        tail = yes_no_tail(span_question)  # "… phải không?": "phải" asks, no sentence need say it
        weights = self._weights([t for t in retrieval.terms if t not in tail])
        # What pins the article down (its province, year, term) is checked by scope, and
        # tells nothing about which of its sentences answers.
        # A day the question names ("Tại buổi làm việc ngày 8/5/2023, …") says which event, too.
        days = [] if q.kind == "date" else [m.group(0) for m in _DAY.finditer(question)]
        pinned = set(segment(" ".join(q.provinces + q.years + [f"{a} {b}" for a, b in q.terms] + days)))
        if any(re.search(rf"(?<!\w)năm\s+{re.escape(y)}", question, re.IGNORECASE) for y in q.years):
            pinned.add("năm")  # "Năm 2020, Giám đốc Sở … là ai?": the year's word, not the sentence's
        # A law the index never names ("Theo Luật Phòng, chống tham nhũng, …") is scope's to
        # report; its words, found nowhere, would only make the evidence look irrelevant.
        pinned |= {t for law in q.laws for t in segment(f"{law.kind} {law.name}") if not self.idf(t)}
        asks_author = about.asks_author(span_question)
        asks_published = not asks_author and about.asks_published(span_question)
        asks_summary = not (asks_author or asks_published) and about.asks_summary(span_question)
        # "Theo Điều 17, …": the number says where the answer is (below), no word of it; the
        # clauses below the heading do not say it, those citing another article do.
        provisions = provision.cited(span_question)
        clauses = provision.clauses(span_question)  # "khoản 2 Điều 112": where within the article
        pinned |= set(provisions) | ({"điều"} if provisions else set())
        pinned |= {n for items in clauses.values() for n in items} | ({"khoản"} if clauses else set())
        if asks_author:
            pinned |= about.WORDS
        if asks_published:
            pinned |= about.PUBLISHED_WORDS
        if asks_summary:
            pinned |= about.SUMMARY_WORDS
        # pyvi may glue the next word to a pinned name ("lạng_sơn_đăng"): that word goes with it.
        glued = tuple(f"{t}_" for t in pinned if "_" in t)
        sentence_weights = {t: w for t, w in weights.items() if t not in pinned and not t.startswith(glued)}
        if not set(sentence_weights) - _TIME_WORDS:
            return Answer(question, NOT_FOUND, [], True, status="not_found")
        dense = max((h.dense for h in hits if h.dense is not None), default=retrieval.best_dense)
        # "Nguyễn Thị Bạch Vân là ai?": a name and a question word say little to the model, but
        # the name written in the best passage is evidence enough to look for the post beside it.
        post_of = post_asked(span_question) or claimed_person(span_question)  # "X là ai?", "X có phải là …?"
        # How a name is addressed: "Ông X …?" may be asked of an article writing "đồng chí X", so
        # these do not count against the evidence here (a sentence saying "bà X" still gains).
        addressed = {t: w for t, w in sentence_weights.items() if t not in support.ADDRESS}
        # Where the question names a statute, its own best passage says whether the words are
        # there: another decree ranked first had made "Nghị định 233 … thay thế nghị định nào?"
        # irrelevant.
        first = (scope.of_statutes(q, hits) or hits)[:1]
        relevant = bool(hits) and self._relevant(dense, self._passage_coverage(first[0], addressed))
        if not relevant and asked_post and hits:
            # "Ai là Giám đốc Sở Giáo dục và Đào tạo Kon Tum?": the article's chunk ranked first may
            # not write the post (spelled out, the Department's name weighs next to nothing); its
            # chunk that does, among the candidates, is the evidence ("Giám đốc Sở Kon Tum là
            # ai?" had the article's naming chunk fifth).
            # In a conversation, the chunk of the article it is about ("ai được bầu làm phó bí
            # thư?" after a question on Lạng Sơn's congress).
            talked_of = prefer if prefer and any(h.chunk.article_id == prefer for h in hits) else hits[0].chunk.article_id
            naming = [h for h in hits if h.chunk.article_id == talked_of
                      and asked_post.replace("_", " ") in h.chunk.text.casefold()]
            relevant = any(self._relevant(dense, self._passage_coverage(h, addressed)) for h in naming)
        asks_subject = bool(provisions) and provision.asks_subject(span_question)
        if provisions and not (q.laws or q.statutes):  # a named law is scope's to check first (below)
            absent = self._absent(provisions, retrieval.hits, asks_subject)
            if absent:
                return Answer(question, absent, [], True, status="not_found", note=absent)
        # The user pointed at the statute article the best passage is in (or asks what one is
        # about): that is relevance enough when the law's words and theirs differ ("sàn" for
        # "nền tảng").
        if provisions and hits and dense >= self.policy.min_dense_score and not relevant:
            relevant = bool(self._provisions(hits[0]) & set(provisions)
                            or asks_subject and self._having(hits, provisions))
        # Any passage retrieved: "… giữ chức gì?" may rank another sentence about posts first.
        asks_issued = about.asks_issued(span_question)  # "Nghị định 233 được ban hành ngày nào?"
        if not relevant and hits and (q.statutes or q.laws) and asks_issued \
                and scope.is_statute(hits[0].chunk.title):
            relevant = True  # "Nghị định 31/2026 được ban hành ngày nào?": scope checks it is that one
        named = any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", h.chunk.text, re.IGNORECASE)
                    for h in hits for n in post_of)
        if not relevant and not named:
            # "Ông Lê Văn Hùng là ai?": no article near enough names him, which says more than
            # "nothing relevant". Vietnamese names only: reading every hit's article for the
            # foreign names of an off-topic question would slow every refusal down.
            if q.names and all(n.split()[0].casefold() in SURNAMES for n in q.names):
                kept, missing = scope.keep(q, hits, self.article_text)
                if not kept and missing and set(missing.names) == set(q.names):
                    note = scope.explain(scope.Missing(names=q.names, near=missing.near), sources, hits[0])
                    return Answer(question, note, [], True, status="out_of_scope", note=note)
            return Answer(question, NOT_FOUND, [], True, status="not_found")
        kept, missing = scope.keep(q, hits, self.article_text)
        if not kept:
            note = scope.explain(missing, sources, hits[0])
            return Answer(question, note, [], True, status="out_of_scope", note=note)
        # "Ai viết bài này?" in a conversation: "bài này" is the article it is about.
        article = next((h for h in kept if h.chunk.article_id == prefer), kept[0])
        if asks_author and self.article:
            # The by-line, or a plain "not stated": no speaker in the prose is the author.
            return self._byline(question, article)
        if asks_published and self.article:
            return self._published(question, article)
        if asks_summary and self.article and not scope.is_statute(article.chunk.title):
            return self._summary(question, article)  # a statute opens on its recitals ("Căn cứ …"): read on
        if self.article and asks_issued and scope.is_statute(kept[0].chunk.title):
            # "Nghị định 233 được ban hành ngày nào?": the date its header gives, which the cleaner
            # keeps as the article's date; the deadlines in its clauses are not when it was issued.
            c = kept[0].chunk
            if c.date and c.date_kind != "event":
                return self._published(question, kept[0], about.issued(c.title, c.date))
            note = f"Văn bản “{c.title}” trong hệ thống không ghi ngày ban hành."
            return Answer(question, note, [], True, status="not_found", note=note)
        if provisions and (q.laws or q.statutes):  # the named law's text, now that scope kept it
            absent = self._absent(provisions, kept, asks_subject)
            if absent:
                return Answer(question, absent, [], True, status="not_found", note=absent)
        if asks_subject:
            subject = self._provision_subject(question, kept, provisions, clauses)
            if subject:
                return subject
        if prefer and said_back and any(h.chunk.article_id == prefer for h in kept):
            # "Đảng bộ Sở đó thuộc tỉnh nào?": "đó" is the conversation's, whatever else says "thuộc".
            kept = [h for h in kept if h.chunk.article_id == prefer]
        elif prefer:
            kept = sorted(kept, key=lambda h: h.chunk.article_id != prefer)  # stable: the rest keep their order
        if said_back:
            # "Ai báo cáo tóm tắt tại buổi làm việc đó?" searched with the earlier question after
            # it: those words found the article; which of its sentences answers is the user's own.
            own = set(segment(asked))
            sentence_weights = {t: w for t, w in sentence_weights.items() if t in own} or sentence_weights
        sentences = self._sentences(kept, sentence_weights, q, retrieval.vector, span_question, asked_post,
                                    asks_author)
        if prefer and not said_back:
            # "được tặng bằng khen gì" in a talk about the Đảng ủy Khối's conference: where its
            # article has a sentence saying every word asked, that article answers, not another
            # whose sentence scores higher (a staff user got Trà Vinh's award).
            said_all = [s for s in sentences if s.hit.chunk.article_id == prefer
                        and set(sentence_weights) - _TIME_WORDS <= s.words]
            if said_all:
                sentences = [s for s in sentences if s.hit.chunk.article_id == prefer]
        if provisions:
            self._favour(sentences, provisions, clauses)
        # The sentence that writes the post beside the name, whatever else scores higher. With
        # none, the usual answer where the evidence passed the usual test (the post may be
        # written before the name), else nothing.
        holding = [s for s in sentences if post_held(span_question, [(s.text, s.start)], post_of)] if post_of else []
        # "… có phải là Bí thư … nhiệm kỳ 2020-2025 không?": the sentence naming the post of that term.
        holding = [s for s in holding if tenure.term_of(s.text, post_of[0]) in tenure.asked_terms(q.terms)] or holding
        if asked_post and not post_of and sentences and not _fits_post(sentences[0], span_question):
            # "Ai là Phó Bí thư Đảng ủy Sở Lạng Sơn?": the best sentence names a visiting "Phó bí thư
            # Đảng ủy Khối"; one of the article's that names the post asked, of the body asked, beside a name.
            top = max(sentences, key=lambda s: s.score).hit.chunk.article_id if sentences else None
            holding = [s for s in sentences if s.hit.chunk.article_id == top and _fits_post(s, span_question)]
        if post_of and not holding and not relevant:
            return Answer(question, NOT_FOUND, [], True, status="not_found")
        best = max(holding or sentences, key=lambda s: (s.score, -s.hit_rank, -s.start), default=None)
        if best is None:
            return Answer(question, NOT_FOUND, [], True, status="not_found")
        if provisions and asked and question != asked and provision.cited(asked) \
                and provision.at(self._headings_of(best.hit.chunk.article_id), best.start) not in provisions:
            # "Còn Điều 21 thì sao?" after "Theo Điều 20, …?": the user moved to that article; when
            # the earlier question's words are answered elsewhere, what the article says.
            subject = self._provision_subject(question, kept, provisions, clauses)
            if subject:
                return subject
        # The post is beside the name; a list asked for may be read from its lead.
        chosen = [best] if holding else self._unit(best, sentences, span_question if q.kind == "list" else None)
        if clauses and self._in_cited_clause(best, clauses):  # the clause cited, not its neighbour
            chosen = [s for s in chosen if self._in_cited_clause(s, clauses)]
        citations = [self._cite(1, chosen)]
        otherwise = scope.quoted_otherwise(q, citations[0].quote, citations[0].title)
        if otherwise:
            note = scope.explain(otherwise, sources, best.hit)
            return Answer(question, note, [], True, status="out_of_scope", note=note)
        ordered = sorted(chosen, key=lambda s: (not s.fits, s is not best))
        short = find(span_question, q.kind, [(s.text, s.start) for s in ordered], {s.start: s.words for s in ordered},
                     focus)
        otherwise = scope.dated_otherwise(q, short.text if short else None)
        if otherwise:
            note = scope.explain(otherwise, sources, best.hit)
            return Answer(question, note, [], True, status="out_of_scope", note=note)
        # A statute article's heading lists what its clauses say: "Các hành vi bị cấm … là gì?"
        # restating "Điều 6. Các hành vi bị cấm …" asks for them (the guess had been "Điều 6").
        # Asked for a list, the lead an item was quoted with (:meth:`_unit`) leads it too.
        lead = chosen[0] if chosen[0] is best or q.kind == "list" else None
        heading = bool(lead and _ARTICLE_HEADING.match(lead.text))
        is_list = bool(lead) and (lead.text.rstrip().endswith(":") or heading) and len(chosen) > 1 \
            and all(LIST_ITEM.match(s.text) for s in chosen[1:])
        if is_list and (q.kind in ("list", None) or heading and q.kind == "definition"):
            first, last, cited = chosen[1], chosen[-1], citations[0]
            text = cited.quote[first.start - cited.start : last.end - cited.start]
            short = ShortAnswer(text, first.start, first.start + len(text), "list", basis="list")
            short = labelled_item(span_question, chosen[1:]) or short
        inline = _INLINE_LEAD.search(chosen[0].text) if q.kind == "list" and len(chosen) > 1 \
            and not LIST_ITEM.match(chosen[0].text) else None  # as :meth:`_unit` quoted it
        if inline and chosen[0] is best:  # "… như sau: A. B. C.": what follows the colon
            cited, start = citations[0], chosen[0].start + inline.end()
            text = cited.quote[start - cited.start : chosen[-1].end - cited.start]
            short = ShortAnswer(text, start, start + len(text), "list", basis="list")
        unsupported = support.other_post(span_question, citations[0].quote)
        if unsupported:
            note = f"{unsupported} {scope.nearest(best.hit)}"
            return Answer(question, note, [], True, status="not_found", note=note)
        short = support.holder(span_question, short, citations[0].quote, citations[0].start) or short
        if asks_anyone(span_question) and not support.names_someone(short.text if short else citations[0].quote):
            # "Có ai bị kỷ luật không?": a clause naming no one and counting no one ("Thi hành kỷ
            # luật Đảng được triển khai …") says nobody was; the articles do not say who.
            note = f"Các bài viết không nêu ai như vậy. {scope.nearest(best.hit)}"
            return Answer(question, note, [], True, status="not_found", note=note)
        if q.kind in ("number", "person") or asked_post:  # "… tên là gì?" too
            unsupported = support.unsupported(span_question, short, citations[0].quote, citations[0].start)
        elif q.kind == "date":
            unsupported = support.no_day(span_question, short, citations[0].quote)
        elif q.kind == "place":
            unsupported = support.no_venue(span_question, short)
        else:
            unsupported = None
        if unsupported:
            note = f"{unsupported} {scope.nearest(best.hit)}"
            return Answer(question, note, [], True, status="not_found", note=note)
        note = None
        held = tenure.held_term(citations[0].quote, short.end - citations[0].start) \
            if short and short.kind == "person" and asked_post else None
        wanted = tenure.wanted(held, q.terms, citations[0].quote, citations[0].title) if held else None
        if wanted:  # the quoted holder served another term than the asked one, or than the article reports
            other = self._holder_of(wanted, span_question, sentences, best)
            if other:
                best, citations = other, [self._cite(1, [other])]
                short = find(span_question, q.kind, [(other.text, other.start)], {other.start: other.words})
                short = support.holder(span_question, short, citations[0].quote, citations[0].start) or short
            else:
                note = tenure.not_said(tenure.asked_post_words(span_question, asked_post), short.text, held, wanted)
                if q.terms:
                    note = f"{note} {scope.nearest(best.hit)}"
                    return Answer(question, note, [], True, status="not_found", note=note)
                short = replace(short, basis="past")
        # In a conversation about one article, its holder: no list of every organisation's.
        others = [] if prefer and best.hit.chunk.article_id == prefer else \
            self._other_holders(q, span_question, asked_post, best, sentences, short)
        if others:
            # "Ai là Giám đốc Sở GDĐT?" with no province: each organisation's holder, said first,
            # and no one of them in bold (a staff user read "Có thể là: Phạm Thị Trung" above a
            # list of three as a contradiction).
            note = tenure.several(tenure.asked_post_words(span_question, asked_post),
                                  [(short.text, best.hit.chunk.source, tenure.term_of(best.text, short.text))]
                                  + [(name, s.hit.chunk.source, tenure.term_of(s.text, name)) for name, s in others])
            for _, other in others:
                citations.append(self._cite(len(citations) + 1, [other]))
            return Answer(question, f"{note}\n\n{paragraphs(citations)}", citations, False, note=note)
        located = self._article_asked(span_question, provisions, best, kept, sentence_weights)
        if located:  # "… nằm ở điều nào?": the statute article saying it, its heading cited
            heading, short = located
            if heading.article_id == citations[0].article_id and citations[0].start <= heading.start \
                    and heading.end <= citations[0].end:
                short = replace(short, citation=1)  # the quote opens with the heading already
            else:
                citations.append(replace(heading, number=len(citations) + 1))
                short = replace(short, citation=len(citations))
        for other in self._other_sources(best, sentences, short):
            citations.append(self._cite(len(citations) + 1, self._unit(other, sentences)))
        text = paragraphs(citations)
        return Answer(question, f"{text}\n\n{note}" if note else text, citations, False, short_answer=short, note=note)

    def _article_asked(self, question: str, provisions: list[str], best: _Sentence, hits: list[Hit],
                       weights: dict[str, float]) -> tuple[Citation, ShortAnswer] | None:
        """Asked which statute article says something ("… quy định tại điều nào?", "… nằm ở điều
        mấy?") and citing none: the article whose heading says most of the question's words, in
        the statutes of the evidence (ties: the one ``best`` lies in), its heading as a citation
        and its "Điều N" as the short answer (an API probe had got "13", a number in a clause)."""
        if provisions or not _ASKS_ARTICLE.search(question) or not self.article_text:
            return None
        found = []  # (share of the question's weight in the heading, is best's article, hit, text, start, end)
        firsts: dict[str, Hit] = {}
        for h in hits:  # each article once, by its best-ranked chunk, in rank order
            firsts.setdefault(h.chunk.article_id, h)
        for hit in firsts.values():
            text = self.article_text(hit.chunk.article_id) if scope.is_statute(hit.chunk.title) else None
            heads = self._headings_of(hit.chunk.article_id) if text else None
            if not heads:
                continue
            here = provision.at(heads, best.start) if hit.chunk.article_id == best.hit.chunk.article_id else None
            for number in heads[1]:
                start, end, _ = provision.heading(text, heads, number)
                words = set(segment(text[start:end].casefold()))
                said = sum(w for t, w in weights.items() if t in words) / (sum(weights.values()) or 1.0)
                found.append((said, number == here, hit, text, start, end))
        if not found:
            return None
        chosen = max(found, key=lambda f: f[:2])
        if chosen[0] < ARTICLE_HEADING_SHARE:  # no heading says it: the article the quoted clause is in
            chosen = next((f for f in found if f[1]), None)
            if chosen is None:
                return None
        _, _, hit, text, start, end = chosen
        label = re.match(r"\s*(Điều\s+\d+[a-zđ]?)", text[start:end], re.IGNORECASE)
        if not label:
            return None
        s, e = start + label.start(1), start + label.end(1)
        return _article_citation(hit, text, start, end, start), ShortAnswer(text[s:e], s, e, "entity", basis="provision")

    def _other_holders(self, q: Question, question: str, post: str | None, best: _Sentence,
                       sentences: list[_Sentence], short: ShortAnswer | None) -> list[tuple[str, _Sentence]]:
        """Who holds the asked ``post`` (:func:`support.asked_post`) in the other organisations'
        articles, when the question names no province, body or person: ``(name, sentence)``,
        best first, at most ``max_sources - 1``. Articles without an organisation (a QA set's
        passages) take no part."""
        if (short is None or short.kind != "person" or q.provinces or q.bodies or q.names
                or not best.hit.chunk.source or not post):
            return []
        words = tenure.asked_post_words(question, post)
        at = question.casefold().find(words.casefold())
        after = question[at + len(words):] if at >= 0 else ""
        if not of_department(after):  # "Ai là Bí thư Đảng ủy Khối?": not each Department's
            return []
        found: dict[str, tuple[str, _Sentence]] = {}
        for s in sorted(sentences, key=lambda s: -s.score):
            source = s.hit.chunk.source
            if not source or source == best.hit.chunk.source or source in found:
                continue
            for start, end in support.holders(question, s.text):
                name = s.text[start:end]
                # The Department's own holder, written beside the name: not a visiting "Phó Bí
                # thư Đảng ủy Khối" nor a name the post is only written before.
                if name != short.text and holds_post(words, after, s.text, name):
                    found[source] = (name, s)
                    break
        return list(found.values())[: self.policy.max_sources - 1]

    def _holder_of(self, term: str, question: str, sentences: list[_Sentence], best: _Sentence) -> _Sentence | None:
        """The best-scoring sentence of ``best``'s article that writes the post ``question``
        asks about with ``term`` and names someone: the holder of the wanted term."""
        found = [s for s in sentences if s.hit.chunk.article_id == best.hit.chunk.article_id and s is not best
                 and tenure.holds_for(s.text, term) and support.names_asked_post(s.text, question)
                 and person_names(s.text, question)]
        return max(found, key=lambda s: s.score, default=None)

    def _byline(self, question: str, hit: Hit) -> Answer:
        """The answer to "who wrote it": the article's by-line quoted, the name as short answer."""
        article = self.article(hit.chunk.article_id)
        if article is None:  # removed since it was found
            return Answer(question, NOT_FOUND, [], True, status="not_found")
        found = about.byline(article.text, article.author)
        if not found:
            note = f"Bài viết “{hit.chunk.title}” không ghi tên tác giả."
            return Answer(question, note, [], True, status="not_found", note=note)
        start, end, name_start, name_end = found
        text = article.text
        # The passage shown around the quote: the by-line and the paragraph before it.
        citation = _article_citation(hit, text, start, end, text.rfind("\n", 0, max(0, start - 2)) + 1)
        short = ShortAnswer(text[name_start:name_end], name_start, name_end, "person", basis="byline")
        return Answer(question, f"{citation.quote} [1]", [citation], False, short_answer=short)

    def _summary(self, question: str, hit: Hit) -> Answer:
        """The answer to "what does the article say": its opening sentences quoted, no short answer
        (a guessed span of a summary request had been shown as the answer)."""
        article = self.article(hit.chunk.article_id)
        found = about.lead(list(sentence_spans(article.text)), article.text) if article else None
        if found is None:
            return Answer(question, NOT_FOUND, [], True, status="not_found")
        citation = _article_citation(hit, article.text, found[0], found[1], found[0])
        return Answer(question, f"{citation.quote} [1]", [citation], False)

    def _published(self, question: str, hit: Hit, reply: str | None = None) -> Answer:
        """The answer to "when was it published" (or ``reply``, when a statute was issued): the
        page's date (not in the article's text, so there is no short answer), citing the article
        by its opening sentence."""
        article = self.article(hit.chunk.article_id)
        if article is None:  # removed since it was found
            return Answer(question, NOT_FOUND, [], True, status="not_found")
        start, end = next(iter(sentence_spans(article.text)), (0, 0))
        citation = _article_citation(hit, article.text, start, end, 0)
        reply = reply or about.published(hit.chunk.title, hit.chunk.date, hit.chunk.date_kind)
        return Answer(question, f"{reply} [1]", [citation], False)

    # -- scoring -----------------------------------------------------------------------
    def _weights(self, terms: list[str]) -> dict[str, float]:
        # In the question's order, not a set's: sums of floats in another order differ in the
        # last bit, and a tie between two sentences then went one way or the other by run.
        weights = {term: self.idf(term) or (0.0 if term in _FUNCTION_WORDS else self.max_idf)
                   for term in dict.fromkeys(terms) if term not in QUESTION_WORDS}
        return {term: w for term, w in weights.items() if w}

    def _sentences(self, hits: list[Hit], weights: dict[str, float], q: Question, vector,
                   span_question: str, post: str | None = None, asks_author: bool = False) -> list[_Sentence]:
        # Whether a sentence holds the asked-for kind is read from the user's own words
        # (span_question), as the short answer is, so ranking and span agree.
        total = sum(weights.values()) or 1.0
        pool, titles = [], {}
        for rank, hit in enumerate(hits):
            c = hit.chunk
            spans = sentence_spans(c.text, c.start)
            title_words, sentence_words = chunk_words(c, spans)
            titles[id(hit)] = title_words
            stored = unpack(c.sentence_vectors, self.dimension)
            sims = stored @ vector if stored is not None and vector is not None and len(stored) == len(spans) else None
            for k, ((s, e), words) in enumerate(zip(spans, sentence_words)):
                text = c.text[s - c.start : e - c.start]
                pool.append(_Sentence(rank, hit, s, e, text, words, dense=float(sims[k]) if sims is not None else 0.0))
        if not asks_author:
            # The by-line ("Phan Xuân Nghĩa, Văn phòng Sở") names who wrote the article, not who
            # was honoured in it: a staff user had got him for "Ai được công nhận …?".
            pool = [p for p in pool if not self._byline_of(p)]
        n = len(pool)
        for p in pool:
            if "%" in p.text:  # "bao nhiêu phần trăm" is answered with a "%"
                p.words = p.words | {"phần_trăm"}
            if post and post in p.words and support.only_board(p.text, post):
                # "Ai là Giám đốc Sở?": "Dự Hội nghị có Ban Giám đốc Sở" names a board, not the post.
                p.words = p.words - {post}
        isf = {t: math.log(1 + n / (1 + sum(t in p.words for p in pool))) for t in weights}
        leads = _leads(pool)
        heads = self._headings(pool)
        aim = asks_purpose(span_question)  # "… nhằm mục đích gì?" asks no kind, yet a sentence can fit
        yes_no, asked_text = asks_yes_no(span_question), " ".join(span_question.casefold().split())
        exceptions_unasked = not _ASKS_CASE.search(span_question)
        stage = _stage(span_question)
        asks_article = bool(_ASKS_ARTICLE.search(span_question)) and not provision.cited(span_question)
        asked_syllables = syllables(span_question)
        stages = _stages(pool) if stage else {}
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
        w = self.policy.meaning_weight if any(p.dense for p in pool) else 0.0
        for p, lz, dz in zip(pool, lex_z, dense_z):
            # Rank prior: the fused ranking already weighed the whole chunk.
            heading = scope.is_statute(p.hit.chunk.title) and _HEADING.match(p.text)
            # Asked which article says it, an article's heading naming the question's subject is
            # the answer itself ("Điều 12. Xếp loại chất lượng viên chức"): it gains the unit other
            # headings lose.
            p.score = lz + w * dz - 0.25 * p.hit_rank - (
                0.0 if not heading else -HEADING_PENALTY if asks_article and _ARTICLE_HEADING.match(p.text)
                else HEADING_PENALTY)
            if not yes_no and _denies(p.text, asked_text):
                p.score -= DENIAL_PENALTY
            if exceptions_unasked and _EXCEPTION.match(p.text):
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

    def _byline_of(self, p: _Sentence) -> bool:
        """Whether ``p`` is its article's by-line: a line naming an author, the article's last (a
        statute's last line is whoever signed it, which is asked)."""
        if not (author_of(p.text) or unlabelled_author(p.text.strip())) or scope.is_statute(p.hit.chunk.title):
            return False
        text = self.article_text(p.hit.chunk.article_id) if self.article_text else None
        return text is not None and not text[p.end:].strip()

    def _headings(self, pool: list[_Sentence]) -> dict[int, list[set[str]]]:
        """``{id(sentence): [words of the headings it is under]}``: its statute article's
        heading ("Điều 17. Lưu giữ tài liệu …", read from the article's text when the chunk
        starts below it) and a clause heading above its items ("6. Tỷ lệ xếp loại …")."""
        out, article_head, clause_head, item, last = {}, None, None, None, None
        for p in pool:
            if not scope.is_statute(p.hit.chunk.title):  # a news report's "1. Tổng số thí sinh …" is no heading
                continue
            if last is None or last.hit is not p.hit:
                article_head, clause_head, item = self._heading_above(p.hit.chunk), None, None
            if _HEADING.match(p.text):
                if _ARTICLE_HEADING.match(p.text):
                    article_head, clause_head = p.words, None
                else:
                    clause_head = p.words
                item = None
            elif _CLAUSE_ITEM.match(p.text) and not p.text.rstrip().endswith(":"):
                # "2. Vòng 2: Đánh giá năng lực …" over "a) Hình thức thi: …": a numbered clause
                # says what its lettered items are about, as a heading does (one ending in ":"
                # is their lead, which lends its words already).
                out[id(p)] = [article_head] if article_head else []
                clause_head, item = p.words, p.words
            elif LIST_ITEM.match(p.text):
                if _CLAUSE_ITEM.match(p.text):
                    clause_head = None
                out[id(p)] = [h for h in (article_head, clause_head) if h]
                item = p.words
            else:
                # "b) Phần II: Ngoại ngữ, 30 câu hỏi … Thời gian thi 30 phút.": a sentence going on
                # in its item's paragraph is read under the item, as the item's first is.
                c = p.hit.chunk
                going_on = item is not None and last is not None and last.hit is p.hit \
                    and "\n" not in c.text[last.end - c.start:p.start - c.start]
                if not going_on:
                    clause_head, item = None, None
                out[id(p)] = [h for h in (article_head, clause_head, item) if h]
            last = p
        return out

    def _heading_above(self, chunk) -> set[str] | None:
        """Words of the statute article heading above ``chunk`` in its article's text, if any
        (one that opens the chunk is read as the chunk's own first sentence)."""
        text = self.article_text(chunk.article_id) if self.article_text and chunk.start else None
        heads = self._headings_of(chunk.article_id) if text else None
        number = provision.at(heads, chunk.start - 1) if heads else None
        if number is None:
            return None
        start, end, _ = provision.heading(text, heads, number)
        return set(segment(text[start:end])) if _HEADING.match(text[start:end]) else None

    def _provisions(self, hit: Hit) -> set[str]:
        """The numbers of the statute articles ``hit``'s chunk lies in or opens (none for news)."""
        c = hit.chunk
        return provision.spanned(self._headings_of(c.article_id), c.start, c.end)

    def _favour(self, sentences: list[_Sentence], provisions: list[str], clauses: dict[str, list[str]]) -> None:
        """Raise the score of the sentences under the statute articles the question cites, and
        again of those in a clause it cites ("Theo khoản 2 Điều 112, …").

        A bonus, not a filter: users cite the wrong article too ("Theo Điều 113, lao động
        nước ngoài được nghỉ thêm mấy ngày Tết?" is answered by Điều 112), and a sentence
        elsewhere that answers far better should still win.
        """
        for s in sentences:
            number = provision.at(self._headings_of(s.hit.chunk.article_id), s.start)
            if number in provisions:
                s.score += PROVISION_BONUS
                if self._in_cited_clause(s, clauses):
                    s.score += PROVISION_BONUS

    def _in_cited_clause(self, sentence: _Sentence, clauses: dict[str, list[str]]) -> bool:
        """Whether ``sentence`` lies in a clause the question cites ("khoản 2 Điều 112")."""
        aid = sentence.hit.chunk.article_id
        number = provision.at(self._headings_of(aid), sentence.start) if clauses else None
        if number not in clauses or not self.article_text:
            return False
        key = (aid, number)
        if key not in self._clause_spans:
            text = self.article_text(aid) or ""
            found = (provision.clause(text, self._headings_of(aid), number, item) for item in clauses[number])
            self._clause_spans[key] = [span for span in found if span]
        return any(start <= sentence.start < end for start, end in self._clause_spans[key])

    def _absent(self, provisions: list[str], hits: list[Hit], asks_subject: bool) -> str | None:
        """The reply when no text found has an article the question cites: "Văn bản … không có
        Điều 99." when the best passage is a statute's (a text set out in "Điều 1.", "Điều 2.", …,
        whatever its title); with no statute found, only when the question asks what the article
        is about (news may say "theo Điều 5" in passing, and its facts answer without it)."""
        if not hits or not self.article_text or self._having(hits, provisions):
            return None
        if self._headings_of(hits[0].chunk.article_id)[1]:
            return self._lacking([f"Điều {n}" for n in provisions], hits[0])
        asked = ", ".join(f"Điều {n}" for n in provisions)
        return f"Không tìm thấy {asked} trong các văn bản đã đưa vào hệ thống." if asks_subject else None

    def _having(self, hits: list[Hit], provisions: list[str]) -> bool:
        """Whether the text of any of ``hits`` has one of the statute articles ``provisions``."""
        return any(set(provisions) & set(self._headings_of(h.chunk.article_id)[1]) for h in hits)

    @staticmethod
    def _lacking(missing: list[str], hit: Hit) -> str:
        """The reply naming the statute articles (or clauses) ``hit``'s text does not have."""
        return f"Văn bản “{hit.chunk.title}” không có {', '.join(missing)}."

    def _provision_subject(self, question: str, hits: list[Hit], provisions: list[str],
                           clauses: dict[str, list[str]]) -> Answer | None:
        """What the statute articles cited are about: each one quoted from its heading on (up
        to three, in the question's order; a long article up to a line end near 1,500
        characters; a clause cited, "Khoản 2 Điều 113 quy định gì?", whole), the first
        heading's title the short answer. Articles or clauses the text lacks are named after
        the quotes ("Văn bản … không có Điều 5."); with nothing to quote, a clause its article
        lacks is the reply (with how many the article has), and otherwise the sentences answer."""
        quoted, missing, counts, articles = [], [], [], 0
        for number in provisions:
            for item in clauses.get(number) or [None]:
                place, count = self._provision_place(hits, number, item)
                articles += count is not None
                if place:
                    quoted.append(place)
                    continue
                missing.append(f"khoản {item} Điều {number}" if item else f"Điều {number}")
                if item and count:
                    counts.append(f"Điều {number} có {count} khoản.")
        if not quoted and not articles:
            return None  # no text kept has the article (scope left it out): the sentences answer
        note = " ".join([self._lacking(missing, quoted[0][0] if quoted else hits[0]), *counts]) if missing else None
        if not quoted:
            return Answer(question, note, [], True, status="not_found", note=note)
        citations = [replace(_article_citation(hit, text, start, end, start), number=k)
                     for k, (hit, text, start, end, _) in enumerate(quoted[: self.policy.max_sources], 1)]
        _, text, _, _, title = quoted[0]
        # A heading written on two lines ("Điều 5.\nPhạm vi …") has no title on its own; a
        # clause says too much to be a short answer.
        short = ShortAnswer(text[title[0]:title[1]], title[0], title[1], "subject", basis="heading") \
            if title and title[1] > title[0] else None
        reply = paragraphs(citations)
        # The note stands apart from the quotes: it says what is not there, they what is.
        return Answer(question, f"{reply}\n\n{note}" if note else reply, citations, False, short_answer=short, note=note)

    def _provision_place(self, hits: list[Hit], number: str, item: str | None) -> tuple[tuple | None, int | None]:
        """``(hit, text, start, end, (title_start, title_end))`` of article ``number`` from its
        heading on (or of its clause ``item``, with no title) in the first of ``hits`` whose
        text has it, or ``None``; and, when it is not found, how many clauses the article has
        in the texts that have it (``None``: none has it)."""
        count = None
        for hit in hits:
            text = self.article_text(hit.chunk.article_id) if self.article_text else None
            heads = self._headings_of(hit.chunk.article_id) if text else None
            if not heads or number not in heads[1]:
                continue
            if item is None:
                _, heading_end, title_start = provision.heading(text, heads, number)
                start, end = provision.body(text, heads, number)
                return (hit, text, start, end, (title_start, heading_end)), None
            found = provision.clause(text, heads, number, item)
            if found:
                return (hit, text, *found, None), None
            count = max(count or 0, provision.items(text, heads, number))
        return None, count

    def _passage_coverage(self, hit: Hit, weights: dict[str, float]) -> float:
        """Share of the question's weighted words found in the hit's title and chunk."""
        title_words, sentence_words = chunk_words(hit.chunk, sentence_spans(hit.chunk.text, hit.chunk.start))
        words = title_words.union(*sentence_words)
        return sum(w for t, w in weights.items() if t in words) / (sum(weights.values()) or 1.0)

    def _relevant(self, dense: float, coverage: float) -> bool:
        """Answer when the question's words are mostly there, or its meaning clearly is."""
        p = self.policy
        if dense >= p.confident_dense_score:
            return True
        return dense >= p.min_dense_score and coverage >= p.min_coverage

    # -- what is quoted ----------------------------------------------------------------
    def _unit(self, best: _Sentence, sentences: list[_Sentence], listing: str | None = None) -> list[_Sentence]:
        """The best sentence with what completes it: the list a ':' opens, or a nearby sentence.

        A question usually echoes the sentence that sets the scene, and the answer often
        sits in a sentence next to it, so a second sentence is quoted: the better-scoring of
        the next, the previous and the one after next (the quote then spans the middle one), or, when the question asks for a date, a count, a name or a quotation
        and the best sentence holds none, the nearest one that does (up to three away). The
        quote is the verbatim stretch from one to the other. A sentence ending in ':' is
        quoted with its items.
        """
        same = [s for s in sentences if s.hit is best.hit]
        i = next(k for k, s in enumerate(same) if s.start == best.start)
        asked = syllables(listing) if listing else set()
        if listing and LIST_ITEM.match(best.text) and ":" not in best.text:  # "d) … bao gồm: …" lists itself
            # Asked "những việc gì" in the lead's words ("… yêu cầu các chi bộ thực hiện …"), an
            # item is answered with its lead and every item under it (the lead's own first item,
            # in the chunk before, had been left out); asked in the item's own words, the item.
            lead = self._lead_of(best)
            if lead and len(asked & syllables(lead.text)) > len(asked & syllables(best.text)):
                best = lead
        if listing and _INLINE_LEAD.search(best.text) and not LIST_ITEM.match(best.text):
            # "… các giải pháp chủ yếu như sau: Bám sát …. Đổi mới …. …": the list runs on in
            # the sentences of the same paragraph (the quote had stopped at the second).
            rest = self._paragraph_after(best)
            if rest:
                return [best, *rest]
        if best.text.rstrip().endswith(":") or _ARTICLE_HEADING.match(best.text):  # a heading leads its clauses
            items = self._items(best, sentences)
            if items:
                return [best, *items]
        if self.policy.max_sentences < 2:
            return [best]
        near = [same[k] for k in (i + 1, i - 1, i + 2, i - 2, i + 3) if 0 <= k < len(same)]
        fitting = [s for s in near if s.fits]
        if not best.fits and fitting:  # none fit when the question names no kind (nor asks an aim)
            other = fitting[0]
        else:
            # After first on a tie; the sentence after next too (chosen on the dev split: +2.8
            # points of answers containing the gold on XQuAD-vi), the quote then spanning both.
            # A photo's caption ("Đồng chí … chủ trì buổi làm việc", no full stop) completes nothing.
            neighbours = [same[k] for k in (i + 1, i - 1, i + 2) if 0 <= k < len(same) and not _caption(same[k])]
            if not neighbours:
                return [best]
            other = max(neighbours, key=lambda s: s.score)
        return [s for s in same if min(best.start, other.start) <= s.start <= max(best.start, other.start)]

    def _paragraph_after(self, lead: _Sentence, limit: int = 10) -> list[_Sentence]:
        """The sentences after ``lead`` in its paragraph of the article's text (at most ``limit``)."""
        text = self.article_text(lead.hit.chunk.article_id) if self.article_text else None
        if text is None:
            return []
        found, end = [], lead.end
        for s, e in sentence_spans(text[lead.end : lead.end + 6000], lead.end):
            if "\n" in text[end:e] or len(found) == limit:
                break
            found.append(_Sentence(lead.hit_rank, lead.hit, s, e, text[s:e], set()))
            end = e
        return found

    def _lead_of(self, item: _Sentence) -> _Sentence | None:
        """The sentence ending in ':' that opens the list ``item`` is in (read back over the
        items before it in the article's text), or ``None``."""
        text = self.article_text(item.hit.chunk.article_id) if self.article_text else None
        if text is None:
            return None
        back = max(0, item.start - 6000)
        before = list(sentence_spans(text[back : item.start], back))
        for s, e in reversed(before):
            piece = text[s:e]
            if LIST_ITEM.match(piece) and item_level(piece) == item_level(item.text):
                continue
            return _Sentence(item.hit_rank, item.hit, s, e, piece, set()) if piece.rstrip().endswith(":") else None
        return None

    def _items(self, lead: _Sentence, sentences: list[_Sentence], limit: int = 8) -> list[_Sentence]:
        """The list items that follow ``lead`` in its article, read on past the chunk's end
        (from the article's text; without it, from the retrieved chunks only)."""
        text = self.article_text(lead.hit.chunk.article_id) if self.article_text else None
        if text is not None:
            article = [_Sentence(lead.hit_rank, lead.hit, s, e, text[s:e], set())
                       for s, e in sentence_spans(text[lead.end : lead.end + 6000], lead.end)]
        else:
            article = sorted({s.start: s for s in sentences if s.hit.chunk.article_id == lead.hit.chunk.article_id
                              and s.start > lead.start}.values(), key=lambda s: s.start)
        items, end, level = [], lead.end, None
        for s in article:
            if not LIST_ITEM.match(s.text) or s.start - end > 2:
                break
            # Items "a) … đ)" end where the next numbered clause "3. …" starts: a marker of a
            # higher level than the first item's opens the next provision, not another item.
            own = item_level(s.text)
            level = own if level is None else level
            if own > level:
                break
            items.append(s)
            end = s.end
        return items[:limit]

    def _other_sources(self, best: _Sentence, sentences: list[_Sentence], short: ShortAnswer | None) -> list[_Sentence]:
        """The best sentence of each other article that supports the answer as well.

        Supporting means stating the same short answer as a whole (the same date, count, name;
        a guess supports nothing), or,
        with no short answer, being as close in meaning to the question as the best
        sentence (cosine within 0.01) and nearly as good on the combined score.
        """
        by_article: dict[str, _Sentence] = {}
        if short is not None and not short.sure:
            return []  # a guess ("Có thể là: Bí thư") written elsewhere supports nothing
        # The same answer as a whole: "VII" is not inside "XVII".
        wanted = re.compile(r"(?<!\w)" + re.escape(short.text) + r"(?!\w)", re.IGNORECASE) if short else None
        for s in sentences:
            a = s.hit.chunk.article_id
            if a == best.hit.chunk.article_id or (s.hit.dense or 0.0) < self.policy.min_dense_score:
                continue
            if wanted is not None:
                ok = wanted.search(s.text) is not None
            else:
                ok = s.dense >= best.dense - 0.01 and s.score >= best.score - self.policy.source_margin
            if ok and (a not in by_article or s.score > by_article[a].score):
                by_article[a] = s
        return sorted(by_article.values(), key=lambda s: -s.score)[: self.policy.max_sources - 1]

    def _cite(self, number: int, chosen: list[_Sentence]) -> Citation:
        chosen = sorted(chosen, key=lambda s: s.start)
        c = chosen[0].hit.chunk
        passage, passage_start = c.text, c.start
        beyond = chosen[-1].end > c.end or chosen[0].start < c.start
        whole = self.article_text(c.article_id) if beyond and self.article_text else None
        if whole:
            # A list may run on into the next chunk, or its lead be in the one before: the
            # passage extends to its last item and back to its lead.
            passage_start = min(c.start, chosen[0].start)
            passage = whole[passage_start : max(c.end, chosen[-1].end)]
        chosen = [s for s in chosen if s.end <= passage_start + len(passage)]
        start, end = chosen[0].start, chosen[-1].end
        best = max(chosen, key=lambda s: s.score)
        return Citation(number=number, article_id=c.article_id, title=c.title, date=c.date, source=c.source,
                        url=c.url, path=c.path, quote=passage[start - passage_start : end - passage_start],
                        start=start, end=end, score=round(float(best.hit.score), 6), passage=passage,
                        passage_start=passage_start, date_kind=c.date_kind)


def _article_citation(hit: Hit, text: str, start: int, end: int, passage_start: int) -> Citation:
    """Citation 1 of ``hit``'s article quoting ``text[start:end]``, shown from ``passage_start``."""
    c = hit.chunk
    return Citation(number=1, article_id=c.article_id, title=c.title, date=c.date, source=c.source, url=c.url,
                    path=c.path, quote=text[start:end], start=start, end=end, score=round(float(hit.score), 6),
                    passage=text[passage_start:end], passage_start=passage_start, date_kind=c.date_kind)


# A heading: a statute's article or chapter ("Điều 17. Lưu giữ tài liệu …"), or a numbered
# clause that names its subject without saying anything ("6. Tỷ lệ xếp loại … đối với viên chức").
# "ĐIỀU 3: Giải thích", "Điều 3 - …" as well (the forms provision.headings reads).
_PARTS = r"(?:Điều|Chương|Mục|Phần|ĐIỀU|CHƯƠNG|MỤC|PHẦN)"
_HEADING = re.compile(rf"^\s*(?:{_PARTS}\s+(?:\d+[a-zđ]?|[IVXLC]+)\b\s*(?:[.:]|[-–](?=\s))?|\d{{1,2}}\.(?!\d))"
                      r"[^\n.;:!?]{2,200}$")
_ARTICLE_HEADING = re.compile(rf"^\s*{_PARTS}\s")
# A list announced inside its sentence and run on in the paragraph: "… như sau: Bám sát …".
# Not "gồm:", which usually ends its list in the sentence ("Đoàn gồm: đồng chí A, đồng chí B.").
_INLINE_LEAD = re.compile(r"(?<!\w)(?:như sau|sau đây)\s*:\s*(?=\S)", re.IGNORECASE)
_CLAUSE_ITEM = re.compile(r"^\s*\d{1,2}[.)]\s")
# "… được quy định tại điều nào?", "… nằm ở điều mấy?": which statute article, not a clause's content.
# Not "những điều nào", "các điều gì" (the things a rule forbids or allows).
_ASKS_ARTICLE = re.compile(r"(?<!\w)(?<!những\s)(?<!các\s)điều\s+(?:luật\s+)?(?:nào|mấy|số\s+mấy|bao\s+nhiêu)(?!\w)",
                           re.IGNORECASE)


# A stage or part named with its number ("Vòng 2", "giai đoạn II", "Bước 3"), which a
# numbered clause opens with ("2. Vòng 2: Đánh giá năng lực …") and its lettered items inherit.
_STAGE = re.compile(r"(?<!\w)(vòng|bước|giai\s+đoạn|đợt|phần)\s+(\d{1,2}|[IVX]{1,4})(?!\w)", re.IGNORECASE)
_STAGE_LABEL = re.compile(r"^\s*(?:\d{1,2}[.)]\s*)?" + _STAGE.pattern[len(r"(?<!\w)"):] + r"\s*[:.–-]", re.IGNORECASE)


def _stage(text: str) -> tuple[str, int] | None:
    """The one stage a question names ("Vòng 2 của kỳ thi …" → ("vòng", 2)), else None."""
    found = {_stage_of(m) for m in _STAGE.finditer(text)}
    return found.pop() if len(found) == 1 else None


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def _stage_of(m: re.Match) -> tuple[str, int]:
    """("giai đoạn", 2) for "Giai đoạn II" and "giai đoạn 2" alike."""
    number = m.group(2).upper()
    if not number.isdigit():  # I-XXXIX: a numeral smaller than the next is subtracted
        values = [_ROMAN_VALUES[c] for c in number]
        number = sum(-v if v < w else v for v, w in zip(values, values[1:] + [0]))
    return " ".join(m.group(1).casefold().split()), int(number)


def _stages(pool: list[_Sentence]) -> dict[int, tuple[str, int]]:
    """``{id(sentence): stage}`` for sentences labelled with a stage: a clause opening with one
    ("1. Vòng 1: …") and the lettered items under it."""
    out, current, last = {}, None, None
    for p in pool:
        if last is None or last.hit is not p.hit:
            current = None
        m = _STAGE_LABEL.match(p.text)
        if m:
            current = _stage_of(m)
        elif _CLAUSE_ITEM.match(p.text) or not LIST_ITEM.match(p.text):
            current = None
        if current:
            out[id(p)] = current
        last = p
    return out


# An item labelled with what is asked ("a) Hình thức thi: …" for "… theo những hình thức thi
# nào?", "c) Thời gian thi: …"): the label is the statute's own answer slot.
_ITEM_LABEL = re.compile(r"^\s*(?:[a-zđ]\)|\d{1,2}[.)])\s*([^\W\d][^:;.\n]{1,38}?)\s*:\s*\S")


def labelled_as_asked(text: str, asked: set[str]) -> bool:
    """Whether ``text`` is an item whose label's syllables (two at least) are all in ``asked``."""
    m = _ITEM_LABEL.match(text)
    label = m and re.findall(r"\w+", m.group(1).casefold())
    return bool(label) and len(label) >= 2 and set(label) <= asked


def _fits_post(s: _Sentence, question: str) -> bool:
    """Whether ``s`` names the post ``question`` asks about, of the body it names, and names
    someone (a person's name)."""
    return support.names_asked_post(s.text, question) and bool(person_names(s.text, question))


def _caption(s: _Sentence) -> bool:
    """Whether ``s`` reads as a news photo's caption: a line of a report with no closing mark."""
    text = s.text.strip()
    return bool(text) and not text.endswith((".", "!", "?", "…", ":", ";", "”", '"', ")")) \
        and not LIST_ITEM.match(text) and not scope.is_statute(s.hit.chunk.title) and len(text.split()) <= 30


# Not a limit ("không được nghỉ quá 12 ngày", "không quá") nor "không chỉ/những" (not only).
_DENIAL = re.compile(r"(?<!\w)(?:không|chưa|chẳng)\s+(?!(?:được|quá|chỉ|những|phải)\s)(\w+\s+\w+(?:\s+\w+)?)",
                     re.IGNORECASE)


# A clause opening on a special case ("b) Trường hợp đơn vị … có thành tích xuất sắc … thì tỷ lệ
# … không quá 25%"), read against the rule before it (20%), for a question that sets no case.
_EXCEPTION = re.compile(r"^\s*(?:(?:\d{1,2}|[a-zđ])[.)]\s*)?(?:trường hợp|đối với trường hợp|nếu|ngoại trừ|trừ trường hợp)"
                        r"(?!\w)", re.IGNORECASE)
_ASKS_CASE = re.compile(r"(?<!\w)(?:trường hợp|nếu|khi|thì|ngoại trừ|trừ)(?!\w)", re.IGNORECASE)


def _denies(text: str, question: str) -> bool:
    """Whether ``text`` denies what ``question`` (folded) states: "đối với viên chức không giữ
    chức vụ quản lý" for a question about those who "giữ chức vụ quản lý"."""
    for m in _DENIAL.finditer(text):
        phrase = " ".join(m.group(1).casefold().split())
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", question) and f"{m.group(0).split()[0].casefold()} {phrase}" \
                not in question:
            return True
    return False


def _leads(pool: list[_Sentence]) -> dict[int, _Sentence]:
    """``{id(item): the sentence ending in ':' that opens its list}`` for the list items in ``pool``
    (an item of a chunk whose lead is in an earlier chunk has none here)."""
    leads, lead, last = {}, None, None
    for p in pool:
        if last is None or last.hit is not p.hit:
            lead = None
        is_item = bool(LIST_ITEM.match(p.text))
        if is_item and lead is not None:
            leads[id(p)] = lead
        if p.text.rstrip().endswith(":"):
            lead = p
        elif not is_item:
            lead = None
        last = p
    return leads


def _z(values: list[float]) -> list[float]:
    if not values:
        return []
    arr = np.asarray(values, dtype=np.float64)
    sd = arr.std() or 1.0
    return list((arr - arr.mean()) / sd)
