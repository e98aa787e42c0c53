"""The assistant: one loaded model and index, answering questions with citations.

Used by the CLI, the API and the evaluation alike, so all three answer the same way.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from rag.answer import NOT_FOUND, Answer, Answerer, AnswerPolicy, tally, when
from rag.answer.chitchat import IN_VIETNAMESE, english, strip_preamble
from rag.answer.chitchat import reply as small_talk
from rag.answer.paraphrase import as_written, posts_named
from rag.answer.question import count_typed, definition_typed, post_typed, read
from rag.clean.metadata import organisation_label, vn_date
from rag.clean.normalize import clean_question, normalize_query
from rag.config import Settings
from rag.followup import contextualize, earlier_question, person_pointed_at, points_at_person
from rag.index import Index, IndexDamagedError
from rag.index.backends import current_version, open_index
from rag.retrieve import Filters, Retrieval, Retriever
from rag.retrieve.spelling import readable as as_typed


class Assistant:
    """Holds the embedder and the current index; picks up new index versions on its own."""

    def __init__(self, settings: Settings, embedder=None):
        from embeddings import load_embedder

        self.settings = settings
        self.embedder = embedder or load_embedder(settings)
        self._lock = threading.Lock()
        # The article each recent question was answered from (its first citation), by index
        # version, question as read and filters: a follow-up's "conversation article" is the one
        # the user read, found here without answering the earlier question again.
        self._cited: OrderedDict[tuple, str] = OrderedDict()
        self.index: Index | None = None
        self._version = None
        self.refresh()

    def refresh(self) -> Index | None:
        """Load the current index version if it changed since the last call (cheap if not).

        A damaged index leaves :attr:`problem` set (and the previous version served if one
        is on disk, else ``None``) instead of raising, so the API stays up and says why.
        """
        version = current_version(self.settings)
        if version == self._version and hasattr(self, "problem"):
            return self.index
        with self._lock:
            if version != self._version or not hasattr(self, "problem"):
                for attempt in range(3):
                    try:
                        index = open_index(self.settings, self.embedder.name, self.embedder.dimension)
                        self.problem = index.problem if index else None
                        break
                    except IndexDamagedError as exc:
                        # A writer may have swapped and pruned versions between resolving
                        # `current` and opening it: look again before calling it damaged.
                        version = current_version(self.settings)
                        if attempt == 2:
                            index, self.problem = None, str(exc)
                self.index, self._version = index, version
        return self.index

    def ask(self, question: str, top_k: int | None = None, filters: Filters | None = None,
            history: list[str] | None = None, answers: list[str | None] | None = None) -> Answer:
        """Answer ``question`` from the indexed articles, citing them; abstains when nothing fits.

        ``history`` holds the conversation's earlier questions, oldest first, so that a
        follow-up such as "Còn ở Trà Vinh thì sao?" is searched as a complete question;
        ``answers`` the short answers given to them, where known, so that "Ông ấy …" after
        "Ai là …?" asks about the person named.
        """
        return self.ask_verbose(question, top_k, filters, history, answers)[1]

    def ask_verbose(self, question: str, top_k: int | None = None, filters: Filters | None = None,
                    history: list[str] | None = None,
                    answers: list[str | None] | None = None) -> tuple[Retrieval | None, Answer]:
        """Like :meth:`ask`, also returning the retrieval the answer was built from."""
        started = time.perf_counter()
        index = self.refresh()
        version = self._version  # of the index this answer reads, for what is remembered of it
        s = self.settings
        question = clean_question(question)
        # "Chào bạn, Đại hội … ngày nào?", "Cho tôi biết …": greeting and request are not searched,
        # nor in the earlier turn a follow-up completes; "người đứng đầu Sở" is read "Giám đốc Sở".
        asked = _as_asked(index, question)
        history = [_as_asked(index, clean_question(h)) for h in history or []]
        if history and points_at_person(asked) and not any(answers or []):
            answers = self._people_answered(history)
        query = contextualize(asked, history, index.lexical.idf if index else None, answers,
                              filtered=bool(filters and filters.source))
        # "Đại hội … diễn ra năm 2021 phải không?": searched and answered as "… diễn ra vào ngày
        # nào?" (the year is the claim, not what to look for), the date found settles the claim.
        # "… có 150 đảng viên dự phải không?": asked "… có bao nhiêu đảng viên dự?", the count
        # found settles it.
        claim, count, own = _claims(query)
        typed = normalize_query(asked)
        if not (claim or count) and query != asked and query.startswith(typed):
            # "Buổi làm việc đó diễn ra ngày 08/5/2023 phải không?" with the earlier question
            # after it for "đó": the claim is the user's own, the earlier words only say which event.
            claim, count, own = _claims(typed)
            if own:
                query = own + query[len(typed):]
        elif own:
            query = own
        if index is None or index.vectors.size == 0:
            return None, Answer(question, NOT_FOUND, [], True, {"total": time.perf_counter() - started}, query,
                                status="not_found")
        pointed = person_pointed_at(asked) if points_at_person(query) else None
        pointed = pointed if history or pointed and _says_no_more(asked, pointed) else None
        if pointed:
            # "ông ấy giữ chức gì?" in a talk where no one was named, or as the first question:
            # any answer would be about someone else (a staff user got the deputy secretary
            # elected, a woman); asked who is meant.
            note = (f"Chưa rõ “{pointed}” là ai: bạn hãy hỏi kèm tên người đó "
                    f"(ví dụ: “Ông Nguyễn Văn A giữ chức vụ gì?”).")
            return None, Answer(question, note, [], True, {"total": time.perf_counter() - started}, query,
                                status="not_found", note=note)
        retriever = Retriever(index, self.embedder, candidates=s.candidates, rrf_k=s.rrf_k, fusion=s.fusion)
        policy = AnswerPolicy(
            min_dense_score=s.min_dense_score, confident_dense_score=s.confident_dense_score,
            min_coverage=s.min_coverage, max_sentences=s.answer_sentences, meaning_weight=s.meaning_weight,
            max_sources=s.max_sources, source_margin=s.source_margin, candidates=s.answer_candidates)
        retrieval = retriever.search(query, max(top_k or s.top_k, policy.candidates), filters, reserve=policy.reserve,
                                     named_at=policy.candidates)
        answerer = Answerer(index.lexical.idf, policy, self.embedder.dimension,
                            article=index.store.get_article)
        # Standing on its own, pointing back ("Đảng bộ Sở đó thuộc tỉnh nào?" searched with the
        # question it points at, which another article may outrank) or searched with the earlier
        # question after it ("ngày nào?" after a count question had been answered from another
        # article, unremarked, an API probe): the conversation's article.
        about = query[len(typed):].strip() if query != typed and query.startswith(typed) else None
        prefer = self._conversation_article(retriever, typed, lambda turns: about or earlier_question(
            turns, index.lexical.idf, answers[:len(turns)] if answers else None), filters, history, version,
            back=not about) if history and (query == typed or about) else None
        answer = answerer.answer(retrieval, index.sources,
                                 asked=own if own and query != own else
                                 asked if query != asked and not (claim or count) else None, prefer=prefer)
        if claim and answer.short_answer and answer.short_answer.kind == "date":
            answer.short_answer.verdict = when.verdict(claim, answer.short_answer.text)
        if count and answer.short_answer and answer.short_answer.kind == "number":
            answer.short_answer.verdict = tally.verdict(count, answer.short_answer.text)
        if filters and filters.active() and answer.abstained and answer.status != "chitchat":
            answer = self._explain_filters(index, retrieval, filters, answer, query, top_k)
        talked_of = index.store.get_article(prefer) if prefer and answer.citations and not answer.abstained \
            and answer.citations[0].article_id != prefer and not answer.note else None
        if talked_of:
            # "có bao nhiêu người dự?" in a talk about Trà Vinh's conference, answered from Lạng
            # Sơn's congress (Trà Vinh's article gives no count): said, not left to be noticed.
            answer.note = (f"Lưu ý: câu trả lời lấy từ bài viết “{answer.citations[0].title}”, không phải bài "
                           f"đang trao đổi “{talked_of.title}”.")
            answer.text = f"{answer.text}\n\n{answer.note}"
        if answer.status == "not_found" and answer.text == NOT_FOUND and english(question):
            answer.text = answer.note = f"{NOT_FOUND} {IN_VIETNAMESE}"  # an English question is refused, with why
        retrieval.hits = retrieval.hits[: top_k or s.top_k]
        answer.question, answer.query = question, query
        answer.timings = {**retrieval.timings, **answer.timings, "total": time.perf_counter() - started}
        if answer.citations and not answer.abstained:
            # Keyed by the conversation before it too: the same words after other turns may
            # have been answered from another article.
            with self._lock:
                self._cited[(version, tuple(history), asked, repr(filters))] = answer.citations[0].article_id
                while len(self._cited) > _CITED_KEPT:
                    self._cited.popitem(last=False)
        return retrieval, answer

    def _conversation_article(self, retriever: Retriever, typed: str, earlier, filters: Filters | None,
                              history: list[str], version, back: bool = True) -> str | None:
        """The article the ``earlier()`` question (the one ``typed`` follows or points at) was
        answered from, when ``typed`` names nothing that pins an article down ("Báo cáo chính trị
        do ai trình bày?" after a question on Lạng Sơn's congress): staff ask on about the
        article in front of them. It is the first citation of the earlier question's answer, not
        the first-ranked chunk: what the user read (a staff user was told the talk was about an
        article no answer had cited). Remembered when that answer was given, after the same
        turns; otherwise the earlier question is answered again (one more answer). An earlier
        question answered from no article (refused: "Giám đốc Sở GDĐT Bình Định là ai?") makes no
        talk: the turn before it does, ``back`` up to a few turns (``earlier(turns)`` is the
        question the first ``turns`` point at); with no citation at all, the first-ranked article."""
        q = read(typed)
        if small_talk(typed) or english(typed) or any(getattr(q, pin) for pin in _PINNING):
            return None  # nothing to prefer: no search for it
        turns, first = history, None
        for _ in range(_TALK_TURNS if back else 1):
            asked = earlier(turns)
            if not asked:
                break
            first = first or asked
            turn = max((i for i, h in enumerate(turns) if h == asked), default=None)
            cited = self._cited.get((version, tuple(turns[:turn]), asked, repr(filters))) if turn is not None else None
            if cited:  # what the user read then
                return cited
            answered = self.ask(asked, filters=filters)
            if answered.citations and not answered.abstained:
                return answered.citations[0].article_id
            if not turn:
                break
            turns = turns[:turn]
        hits = retriever.search(first, 1, filters).hits if first else []
        return hits[0].chunk.article_id if hits else None

    def _people_answered(self, history: list[str]) -> list[str | None]:
        """For a client that sends earlier questions only: the person the last question naming
        no one by pronoun answers now ("Ai là Giám đốc Sở GDĐT Kon Tum?"), as the answer of it
        and of the turns after it, so that "ông ấy" is read as that person. The latest earlier
        questions are asked again, at most three, each after the turns before it (a short "ai
        đọc diễn văn khai mạc?" is about the talk's article: alone, it had found no one), with
        no filters."""
        answers: list[str | None] = [None] * len(history)
        asked = [i for i in range(len(history) - 1, -1, -1) if not points_at_person(history[i])]
        for last in asked[:_PEOPLE_ASKED]:  # the latest that names someone ("… ngày nào?" since names no one)
            earlier = self.ask(history[last], history=history[:last])
            if earlier.short_answer and earlier.short_answer.kind == "person":
                answers[last:] = [earlier.short_answer.text] * (len(history) - last)
                break
        return answers

    def _explain_filters(self, index: Index, retrieval: Retrieval, filters: Filters, answer: Answer,
                         query: str, top_k: int | None) -> Answer:
        """Nothing inside the filters answers: say which filter, and whether articles outside it
        would; when no article covers what the question names, that alone (``out_of_scope``)."""
        parts = []
        if filters.source:
            parts.append(f"đơn vị “{organisation_label(filters.source)}”")  # the chat sidebar's word
        if filters.date_from or filters.date_to:
            bounds = [f"từ {vn_date(filters.date_from)}" if filters.date_from else "",
                      f"đến {vn_date(filters.date_to)}" if filters.date_to else ""]
            parts.append("thời gian " + " ".join(b for b in bounds if b))  # "thời gian từ 01/01/2023"
            undated = index.store.undated_articles()
            if undated:
                parts[-1] += f" ({undated} bài viết không có ngày nên không được xét)"
        note = "Không tìm thấy câu trả lời trong các bài viết thuộc bộ lọc " + ", ".join(parts) + "."
        unfiltered = self.ask_verbose(query, top_k)[1]
        if unfiltered.status == "out_of_scope":
            # No article at all covers what the question names ("… Bình Định …"): that, not
            # the filter, is why, and it is said first.
            answer.text, answer.note, answer.status = unfiltered.note, unfiltered.note, "out_of_scope"
            return answer
        # Only articles outside the filters: one the filtered search found was read already, and
        # found not to answer (asked of its hits, which either backend gives alike).
        inside = {h.chunk.article_id for h in retrieval.hits}
        outside = [c for c in unfiltered.citations if c.article_id not in inside]
        if not unfiltered.abstained and outside:
            titles = "; ".join(f"“{c.title}”" for c in outside)
            note += f" Ngoài bộ lọc có bài viết liên quan: {titles}. Hãy bỏ bộ lọc để xem câu trả lời."
        elif unfiltered.note:
            # The nearest article it names was found without the filters: say so (a staff user
            # read it as one inside them).
            note += " " + unfiltered.note.replace("Bài viết gần nhất:", "Ngoài bộ lọc, bài viết gần nhất:")
        answer.text, answer.note, answer.status = note, note, "filtered"
        return answer


_CITED_KEPT = 1024  # questions whose cited article is remembered (a few dozen bytes each)
_TALK_TURNS = 3  # earlier turns looked back at for the talk's article, past refused ones
_PEOPLE_ASKED = 3  # earlier questions asked again to learn who "ông ấy" is, latest first
# What names an article's own subject: a question naming one of these is searched on its own
# words alone. A kind of gathering ("đại hội") is what the conversation was about.
_PINNING = ("provinces", "years", "terms", "names", "ordinals", "bodies", "statutes", "laws", "periods")


def _says_no_more(question: str, pointer: str) -> bool:
    """Whether ``question``, asked first, says nothing but what it asks of the person it points
    at ("Ông ấy giữ chức gì?"): a few words and no name ("Ông ấy được Nixon chọn vào năm nào?",
    "Người này đề xuất giải thích về nguồn gốc …, tên của ông là gì?" say who is meant)."""
    rest = question[question.find(pointer) + len(pointer):].split()
    return len(rest) <= _FEW_WORDS and not any(w[:1].isupper() for w in rest)


_FEW_WORDS = 5


def _as_asked(index: Index | None, text: str) -> str:
    """What ``text`` asks, in the articles' words: spelled as the index spells it, without a
    greeting or polite lead, a post named by its title, a phrase as the articles write it, a
    count typed as a search asked as a question ("số chi bộ …" → "bao nhiêu chi bộ …"), a
    definition asked as "X là gì?" ("Thế nào là X?"), a post typed alone asked of the
    Department ("bí thư?" → "Ai là Bí thư Đảng ủy Sở?")."""
    asked = post_typed(definition_typed(count_typed(posts_named(strip_preamble(_as_read(index, text))))))
    if index is None:
        return asked
    return as_written(asked, lambda word: index.lexical.idf(word) > 0)


def _as_read(index: Index | None, text: str) -> str:
    """``text`` as the index spells it: typed without tone marks, in the other i/y spelling or
    without capitals (:func:`rag.retrieve.spelling.readable`)."""
    if index is None:
        return text
    return as_typed(text, lambda: index.lexical.spellings, lambda: index.lexical.syllables)


def _claims(question: str) -> tuple[when.Claim | None, tally.Claim | None, str | None]:
    """The time or count a yes/no ``question`` claims, and the question that looks it up."""
    claim = when.claimed(question)
    count = None if claim else tally.claimed(question)
    return claim, count, (claim or count).asked if claim or count else None
