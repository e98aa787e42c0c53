"""How the answer step reads a question, in a conversation too: what kind of answer it asks
for, in whose words, and which post.

A follow-up is searched completed with the earlier question ("Còn dự khuyết?" → "… bao nhiêu
đại biểu chính thức? Còn dự khuyết?"); the user's own words still decide what is asked. The
completed query says which article; what the user typed says which answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.answer import support
from rag.answer.question import FOLLOW_LEAD, POINTING, Question, answer_kind, read
from rag.answer.span import asks_anyone, asks_day_part, syllables

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


@dataclass
class Reading:
    """A question as the answer step reads it.

    ``q``: what it pins down and the kind of answer asked (:func:`rag.answer.question.read`);
    ``span_question``: the words the short answer and the sentence's fit are read from (the
    user's own, when they name what is asked); ``said_back``: the user pointed back with "đó",
    "ấy" and the earlier words only say which thing is meant; ``focus``: the syllables a
    follow-up borrowing the earlier question says itself; ``asked_post``: the post asked about.
    """

    q: Question
    span_question: str
    said_back: bool
    focus: tuple[str, ...]
    asked_post: str | None


def reading(question: str, asked: str | None) -> Reading:
    """Read ``question`` (what was searched: a follow-up completed from the conversation) with
    ``asked``, the user's own words when they differ."""
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
    # Not when the earlier question's subject was put before the user's words ("Do cơ quan nào ban
    # hành?" → "Hướng dẫn số 08-HD/BTCTU do cơ quan nào ban hành?"): that whole is the question.
    typed = " ".join(FOLLOW_LEAD.sub("", asked).casefold().split()) if asked else ""
    subject_added = bool(typed) and " ".join(question.casefold().split()).endswith(" " + typed)
    span_question = asked if (own_kind and not subject_added) or pointing_back else question
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
    return Reading(q, span_question, said_back, focus, asked_post)
