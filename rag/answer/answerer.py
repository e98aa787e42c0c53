"""The answer step: choose the sentences that answer, cite them, find the short answer, or abstain.

Extractive on purpose: every word of the answer is a verbatim span of a cited article, so
staff can trust and check it. In order:

1. small talk gets a friendly reply (``chitchat``);
2. what the question pins down (province, year, term, name) must be in the evidence,
   otherwise the reply says the articles do not cover it and what they do cover (``scope``);
3. the evidence must be close enough in meaning and words (``min_dense_score`` …);
4. each candidate sentence is scored by meaning and shared weighted words (``sentences``,
   reading the text's layout with ``layout``; a statute's articles with ``statute``), and the
   best one is quoted with its neighbour, or with the list it introduces (``unit``);
5. other articles that support the answer about as well are cited too (at most three);
6. the short answer is the span of the quote that the question asks for (``span``).

What it returns (``Answer``, ``Citation``) is in ``reply``.
"""

from __future__ import annotations

import functools
import re
import time
from dataclasses import dataclass, replace

from rag.answer import about, chitchat, provision, scope, support, tenure
from rag.answer.layout import ARTICLE_HEADING, INLINE_LEAD
from rag.answer.question import ASKS_YEAR, Question
from rag.answer.reading import reading
from rag.answer.reply import NOT_FOUND, Answer, Citation, article_citation, cite, paragraphs
from rag.answer.sentences import Sentence, chunk_words, score
from rag.answer.span import (
    LIST_ITEM, ShortAnswer, asks_anyone, asks_who_does, claimed_person, find, holds_post, labelled_item, of_department,
    part_said, person_names, post_asked, post_held, yes_no_tail,
)
from rag.answer.statute import Statutes
from rag.answer.unit import unit
from rag.clean.metadata import SURNAMES
from rag.retrieve import Hit, Retrieval
from rag.text import segment, sentence_spans

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
                   "chứ", "à", "hả", "nếu", "thêm", "còn", "thế", "khác", "nữa",
                   # "Văn bản nào … được nhắc đến?": the kind asked and the asking, no subject.
                   "văn_bản", "nhắc", "nhắc_đến", "nhắc_tới", "đề_cập",
                   # Happening and asking: "diễn ra" (pyvi leaves "diễn" alone), "điều gì", "với tư cách".
                   "diễn", "diễn_ra", "xảy", "xảy_ra", "điều", "tư_cách",
                   # Who asks: "Tôi là giáo viên …, tôi phải có …", "Bạn cho biết …".
                   "tôi", "chúng_tôi", "chúng_ta", "bạn", "mình"}
_TIME_WORDS = {"ngày", "năm", "tháng", "hôm_nay", "bây_giờ", "hiện_nay"}
_DAY = re.compile(r"(?<!\w)(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}(?!\d)"
                  r"|(?<!\w)ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?", re.IGNORECASE)


@dataclass
class AnswerPolicy:
    """The answer step's knobs (``Settings`` fills them but ``reserve``; README says where each was chosen)."""

    min_dense_score: float = 0.82
    confident_dense_score: float = 0.92
    min_coverage: float = 0.2
    max_sentences: int = 2
    meaning_weight: float = 1.0
    max_sources: int = 3
    source_margin: float = 2.0
    candidates: int = 5
    # Chunks ranked just after the candidates, read only for the article a conversation is
    # about and for the chunk naming an asked post: a model build whose vectors differ in the
    # last digits had ranked them sixth ("Báo cáo chính trị do ai trình bày?" after a question
    # on Lạng Sơn's congress; "Giám đốc Sở Kon Tum là ai?").
    reserve: int = 5


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
        self.policy = policy or AnswerPolicy()
        self.statutes = Statutes(self.article_text, self.policy.max_sources)
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
        r = reading(question, asked)
        q, span_question, asked_post = r.q, r.span_question, r.asked_post
        hits = retrieval.hits[: self.policy.candidates]
        reserve = (retrieval.hits[self.policy.candidates:] + retrieval.reserve)[: self.policy.reserve]
        tail = yes_no_tail(span_question)  # "… phải không?": "phải" asks, no sentence need say it
        tail |= about.pointing_words(span_question)  # "… được nhắc đến trong bài về …": nor these
        weights = self._weights([t for t in retrieval.terms if t not in tail])
        asks_author = about.asks_author(span_question)
        asks_published = not asks_author and about.asks_published(span_question)
        asks_summary = not (asks_author or asks_published) and about.asks_summary(span_question)
        provisions = provision.cited(span_question)
        clauses = provision.clauses(span_question)  # "khoản 2 Điều 112": where within the article
        pinned = self._pinned(q, question, provisions, clauses)
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

        def passes(hit: Hit) -> bool:
            return self._relevant(dense, self._passage_coverage(hit, addressed))

        relevant = bool(hits) and passes(first[0])
        # The conversation's article when it is among the evidence: read further than the candidates.
        talk = prefer if prefer and any(h.chunk.article_id == prefer for h in hits) else None
        if not relevant and talk:
            # "ai đọc diễn văn khai mạc?" in a talk about Lạng Sơn's congress: that article's
            # chunks are the evidence, not another article's that ranked first and says none of it
            # (a staff user was told nothing was found).
            relevant = any(passes(h) for h in hits + reserve if h.chunk.article_id == talk)
        if not relevant and asked_post and hits:
            # "Ai là Giám đốc Sở Giáo dục và Đào tạo Kon Tum?": the article's chunk ranked first may
            # not write the post (spelled out, the Department's name weighs next to nothing); its
            # chunk that does, among the candidates, is the evidence ("Giám đốc Sở Kon Tum là
            # ai?" had the article's naming chunk fifth).
            # In a conversation, the chunk of the article it is about ("ai được bầu làm phó bí
            # thư?" after a question on Lạng Sơn's congress).
            talked_of = talk or hits[0].chunk.article_id
            naming = [h for h in hits + reserve if h.chunk.article_id == talked_of
                      and asked_post.replace("_", " ") in h.chunk.text.casefold() and passes(h)]
            relevant = bool(naming)
            hits = hits + [h for h in naming[:1] if h not in hits]  # read after the candidates
        asks_subject = bool(provisions) and provision.asks_subject(span_question)
        if provisions and not (q.laws or q.statutes):  # a named law is scope's to check first (below)
            absent = self.statutes.absent(provisions, retrieval.hits, asks_subject)
            if absent:
                return Answer(question, absent, [], True, status="not_found", note=absent)
        # The user pointed at the statute article the best passage is in (or asks what one is
        # about): that is relevance enough when the law's words and theirs differ ("sàn" for
        # "nền tảng").
        if provisions and hits and dense >= self.policy.min_dense_score and not relevant:
            relevant = bool(self.statutes.spanned(hits[0]) & set(provisions)
                            or asks_subject and self.statutes.having(hits, provisions))
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
        if talk:
            hits = hits + [h for h in reserve if h.chunk.article_id == talk and h not in hits]
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
            absent = self.statutes.absent(provisions, kept, asks_subject)
            if absent:
                return Answer(question, absent, [], True, status="not_found", note=absent)
        if asks_subject:
            subject = self.statutes.subject(question, kept, provisions, clauses)
            if subject:
                return subject
        if prefer and r.said_back and any(h.chunk.article_id == prefer for h in kept):
            # "Đảng bộ Sở đó thuộc tỉnh nào?": "đó" is the conversation's, whatever else says "thuộc".
            kept = [h for h in kept if h.chunk.article_id == prefer]
        elif prefer:
            kept = sorted(kept, key=lambda h: h.chunk.article_id != prefer)  # stable: the rest keep their order
        if r.said_back:
            # "Ai báo cáo tóm tắt tại buổi làm việc đó?" searched with the earlier question after
            # it: those words found the article; which of its sentences answers is the user's own.
            own = set(segment(asked))
            sentence_weights = {t: w for t, w in sentence_weights.items() if t in own} or sentence_weights
        sentences = score(kept, sentence_weights, q, retrieval.vector, span_question, post=asked_post,
                          asks_author=asks_author, dimension=self.dimension, meaning_weight=self.policy.meaning_weight,
                          article_text=self.article_text, heading_above=self.statutes.heading_above)
        if prefer and not r.said_back:
            # "được tặng bằng khen gì" in a talk about the Đảng ủy Khối's conference: where its
            # article has a sentence saying every word asked, that article answers, not another
            # whose sentence scores higher (a staff user got Trà Vinh's award).
            said_all = [s for s in sentences if s.hit.chunk.article_id == prefer
                        and set(sentence_weights) - _TIME_WORDS <= s.words]
            if said_all:
                sentences = [s for s in sentences if s.hit.chunk.article_id == prefer]
        if provisions:
            self.statutes.favour(sentences, provisions, clauses)
        # The sentence that writes the post beside the name, whatever else scores higher. With
        # none, the usual answer where the evidence passed the usual test (the post may be
        # written before the name), else nothing.
        holding = [s for s in sentences if post_held(span_question, [(s.text, s.start)], post_of)] if post_of else []
        # "… có phải là Bí thư … nhiệm kỳ 2020-2025 không?": the sentence naming the post of that term.
        holding = [s for s in holding if tenure.term_of(s.text, post_of[0]) in tenure.asked_terms(q.terms)] or holding
        leader = max(sentences, key=lambda s: s.score, default=None)  # the best-scoring sentence
        top = leader.hit.chunk.article_id if leader else None
        if asked_post and not post_of and sentences and not _fits_post(sentences[0], span_question):
            # "Ai là Phó Bí thư Đảng ủy Sở Lạng Sơn?": the best sentence names a visiting "Phó bí thư
            # Đảng ủy Khối"; one of the article's that names the post asked, of the body asked, beside a name.
            holding = [s for s in sentences if s.hit.chunk.article_id == top and _fits_post(s, span_question)]
        if q.kind == "person" and not holding and leader and asks_who_does(span_question) \
                and not part_said(span_question, leader.text):
            # "Ai trình bày tóm tắt báo cáo …?": the best sentence names the delegation's head; one
            # of the article's that says someone presented it (an API probe had got the head).
            holding = [s for s in sentences if s.hit.chunk.article_id == top and s.fits]
        if post_of and not holding and not relevant:
            return Answer(question, NOT_FOUND, [], True, status="not_found")
        best = max(holding or sentences, key=lambda s: (s.score, -s.hit_rank, -s.start), default=None)
        if best is None:
            return Answer(question, NOT_FOUND, [], True, status="not_found")
        if provisions and asked and question != asked and provision.cited(asked) \
                and provision.at(self.statutes.headings_of(best.hit.chunk.article_id), best.start) not in provisions:
            # "Còn Điều 21 thì sao?" after "Theo Điều 20, …?": the user moved to that article; when
            # the earlier question's words are answered elsewhere, what the article says.
            subject = self.statutes.subject(question, kept, provisions, clauses)
            if subject:
                return subject
        # The post is beside the name; a list asked for may be read from its lead.
        chosen = [best] if holding else unit(best, sentences, span_question if q.kind == "list" else None, self.article_text,
                                                  self.policy.max_sentences)
        if clauses and self.statutes.in_cited_clause(best, clauses):  # the clause cited, not its neighbour
            chosen = [s for s in chosen if self.statutes.in_cited_clause(s, clauses)]
        citations = [cite(1, chosen, self.article_text)]
        otherwise = scope.quoted_otherwise(q, citations[0].quote, citations[0].title)
        if otherwise:
            note = scope.explain(otherwise, sources, best.hit)
            return Answer(question, note, [], True, status="out_of_scope", note=note)
        ordered = sorted(chosen, key=lambda s: (not s.fits, s is not best))
        short = find(span_question, q.kind, [(s.text, s.start) for s in ordered], {s.start: s.words for s in ordered},
                     r.focus)
        otherwise = scope.dated_otherwise(q, short.text if short else None)
        if otherwise:
            note = scope.explain(otherwise, sources, best.hit)
            return Answer(question, note, [], True, status="out_of_scope", note=note)
        # A statute article's heading lists what its clauses say: "Các hành vi bị cấm … là gì?"
        # restating "Điều 6. Các hành vi bị cấm …" asks for them (the guess had been "Điều 6").
        # Asked for a list, the lead an item was quoted with (:func:`unit`) leads it too.
        lead = chosen[0] if chosen[0] is best or q.kind == "list" else None
        heading = bool(lead and ARTICLE_HEADING.match(lead.text))
        is_list = bool(lead) and (lead.text.rstrip().endswith(":") or heading) and len(chosen) > 1 \
            and all(LIST_ITEM.match(s.text) for s in chosen[1:])
        if is_list and (q.kind in ("list", None) or heading and q.kind == "definition"):
            first, last, cited = chosen[1], chosen[-1], citations[0]
            text = cited.quote[first.start - cited.start : last.end - cited.start]
            short = ShortAnswer(text, first.start, first.start + len(text), "list", basis="list")
            short = labelled_item(span_question, chosen[1:]) or short
        inline = INLINE_LEAD.search(chosen[0].text) if q.kind == "list" and len(chosen) > 1 \
            and not LIST_ITEM.match(chosen[0].text) else None  # as :func:`unit` quoted it
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
            if not unsupported and support.not_a_day(span_question, short):
                short = None  # "năm 2020" answers no "ngày nào?": the quote's day is the reader's to see
        elif q.kind == "place":
            unsupported = support.no_venue(span_question, short)
            province = self._province(span_question, best.hit) if unsupported else None
            if province:  # the article's one province, where it writes it, cited beside the quote
                unsupported, (citation, short) = None, province
                citations = citations[:1] + [replace(citation, number=2)]
                short = replace(short, citation=2)
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
                best, citations = other, [cite(1, [other], self.article_text)]
                short = find(span_question, q.kind, [(other.text, other.start)], {other.start: other.words})
                short = support.holder(span_question, short, citations[0].quote, citations[0].start) or short
            else:
                note = tenure.not_said(tenure.asked_post_words(span_question, asked_post), short.text, held, wanted)
                if q.terms or tenure.asks_new_term(span_question):  # "… nhiệm kỳ mới?" names it plainly
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
                citations.append(cite(len(citations) + 1, [other], self.article_text))
            return Answer(question, f"{note}\n\n{paragraphs(citations)}", citations, False, note=note)
        located = self.statutes.article_asked(span_question, provisions, best, kept, sentence_weights)
        if located:  # "… nằm ở điều nào?": the statute article saying it, its heading cited
            heading, short = located
            if heading.article_id == citations[0].article_id and citations[0].start <= heading.start \
                    and heading.end <= citations[0].end:
                short = replace(short, citation=1)  # the quote opens with the heading already
            else:
                citations.append(replace(heading, number=len(citations) + 1))
                short = replace(short, citation=len(citations))
        for other in self._other_sources(best, sentences, short):
            quoted = unit(other, sentences, None, self.article_text, self.policy.max_sentences)
            citations.append(cite(len(citations) + 1, quoted, self.article_text))
        text = paragraphs(citations)
        return Answer(question, f"{text}\n\n{note}" if note else text, citations, False, short_answer=short, note=note)

    def _pinned(self, q: Question, question: str, provisions: list[str], clauses: dict[str, list[str]]) -> set[str]:
        """The question's words that say which article or provision, not which of its sentences.

        What pins the article down (its province, year, term) is checked by scope, and tells
        nothing about which of its sentences answers; a day the question names ("Tại buổi làm
        việc ngày 8/5/2023, …") says which event, too.
        """
        days = [] if q.kind == "date" else [m.group(0) for m in _DAY.finditer(question)]
        pinned = set(segment(" ".join(q.provinces + q.years + [f"{a} {b}" for a, b in q.terms] + days)))
        if any(re.search(rf"(?<!\w)năm\s+{re.escape(y)}", question, re.IGNORECASE) for y in q.years):
            pinned.add("năm")  # "Năm 2020, Giám đốc Sở … là ai?": the year's word, not the sentence's
        # "… diễn ra năm nào?": the word asking, not one the answer says ("hàng năm" had won).
        if q.kind == "date" and ASKS_YEAR.search(question):
            pinned.add("năm")
        # A law the index never names ("Theo Luật Phòng, chống tham nhũng, …") is scope's to
        # report; its words, found nowhere, would only make the evidence look irrelevant.
        pinned |= {t for law in q.laws for t in segment(f"{law.kind} {law.name}") if not self.idf(t)}
        # "Theo Điều 17, …": the number says where the answer is (below), no word of it; the
        # clauses below the heading do not say it, those citing another article do.
        pinned |= set(provisions) | ({"điều"} if provisions else set())
        pinned |= {n for items in clauses.values() for n in items} | ({"khoản"} if clauses else set())
        return pinned

    def _other_holders(self, q: Question, question: str, post: str | None, best: Sentence,
                       sentences: list[Sentence], short: ShortAnswer | None) -> list[tuple[str, Sentence]]:
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
        found: dict[str, tuple[str, Sentence]] = {}
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

    def _holder_of(self, term: str, question: str, sentences: list[Sentence], best: Sentence) -> Sentence | None:
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
        citation = article_citation(hit, text, start, end, text.rfind("\n", 0, max(0, start - 2)) + 1)
        short = ShortAnswer(text[name_start:name_end], name_start, name_end, "person", basis="byline")
        return Answer(question, f"{citation.quote} [1]", [citation], False, short_answer=short)

    def _province(self, question: str, hit: Hit) -> tuple[Citation, ShortAnswer] | None:
        """The one province ``hit``'s article names, for "… tỉnh nào?" when the quote names none:
        the sentence writing it cited, the name the short answer."""
        article = self.article(hit.chunk.article_id)
        found = support.province_written(question, article.text) if article else None
        if not found:
            return None
        start, end = next(sp for sp in sentence_spans(article.text) if sp[0] <= found[0] < sp[1])
        citation = article_citation(hit, article.text, start, end, start)
        return citation, ShortAnswer(article.text[found[0]:found[1]], found[0], found[1], "place", basis="place")

    def _summary(self, question: str, hit: Hit) -> Answer:
        """The answer to "what does the article say": its opening sentences quoted, no short answer
        (a guessed span of a summary request had been shown as the answer)."""
        article = self.article(hit.chunk.article_id)
        found = about.lead(list(sentence_spans(article.text)), article.text) if article else None
        if found is None:
            return Answer(question, NOT_FOUND, [], True, status="not_found")
        citation = article_citation(hit, article.text, found[0], found[1], found[0])
        return Answer(question, f"{citation.quote} [1]", [citation], False)

    def _published(self, question: str, hit: Hit, reply: str | None = None) -> Answer:
        """The answer to "when was it published" (or ``reply``, when a statute was issued): the
        page's date (not in the article's text, so there is no short answer), citing the article
        by its opening sentence."""
        article = self.article(hit.chunk.article_id)
        if article is None:  # removed since it was found
            return Answer(question, NOT_FOUND, [], True, status="not_found")
        start, end = next(iter(sentence_spans(article.text)), (0, 0))
        citation = article_citation(hit, article.text, start, end, 0)
        reply = reply or about.published(hit.chunk.title, hit.chunk.date, hit.chunk.date_kind)
        return Answer(question, f"{reply} [1]", [citation], False)

    # -- scoring -----------------------------------------------------------------------
    def _weights(self, terms: list[str]) -> dict[str, float]:
        # In the question's order, not a set's: sums of floats in another order differ in the
        # last bit, and a tie between two sentences then went one way or the other by run.
        weights = {term: self.idf(term) or (0.0 if term in _FUNCTION_WORDS else self.max_idf)
                   for term in dict.fromkeys(terms) if term not in QUESTION_WORDS}
        return {term: w for term, w in weights.items() if w}

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

    def _other_sources(self, best: Sentence, sentences: list[Sentence], short: ShortAnswer | None) -> list[Sentence]:
        """The best sentence of each other article that supports the answer as well.

        Supporting means stating the same short answer as a whole (the same date, count, name;
        a guess supports nothing), or,
        with no short answer, being as close in meaning to the question as the best
        sentence (cosine within 0.01) and nearly as good on the combined score.
        """
        by_article: dict[str, Sentence] = {}
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


def _fits_post(s: Sentence, question: str) -> bool:
    """Whether ``s`` names the post ``question`` asks about, of the body it names, and names
    someone (a person's name)."""
    return support.names_asked_post(s.text, question) and bool(person_names(s.text, question))
