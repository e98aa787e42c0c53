"""Tenure: the term of office a "who is" answer holds its post for.

An article about the 2020-2025 congress names the outgoing Bí thư by the term he served
("… Trần Quốc Tuấn – Tỉnh ủy viên, Bí thư Đảng ủy Sở GDĐT nhiệm kỳ 2015-2020"). Read as the
answer to "Ai là Bí thư Đảng ủy Sở?" it names a past holder as if he held the post now, and
to "… nhiệm kỳ 2020-2025?" it is wrong. The answer step asks :func:`held_term` which term the
quoted name's post is written with, and :func:`later_term` whether the article reports a later
one; a sentence that names a holder of the wanted term wins, else the reply says what it knows.
"""

from __future__ import annotations

import re

from rag.answer.question import TERM
from rag.text import STATEMENT_END

# "… nhiệm kỳ 2015-2020", "…, nhiệm kỳ 2020 – 2025", "khóa 2015-2020": a term written after the post.
_TERM_WORD = re.compile(r"(?:nhiệm kỳ|nhiệm kì|khóa|khoá)[\s,:]*$", re.IGNORECASE)
# Another person named before the term: the term is theirs ("… do đồng chí Hà Thị Khánh Vân, …");
# the name's capital tells "Đồng chí Hà …" from "ông ấy".
_ANOTHER = re.compile(r"(?<!\w)(?:đồng chí|ông|bà)\s+(\w)", re.IGNORECASE)
# A term in an article's words: "nhiệm kỳ 2020-2025", "khóa 2015 – 2020" (a plan's "giai đoạn
# 2021-2025" is no term of office).
_TERM_IN_TEXT = re.compile(r"(?:nhiệm kỳ|nhiệm kì|khóa|khoá)\s*,?\s*((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)",
                           re.IGNORECASE)
_MAX_WORDS = 20  # between the name and its term: "…, Phó Giám đốc Sở GDĐT được bầu giữ chức Phó Bí thư Đảng bộ Sở, nhiệm kỳ"


def term_text(a: str, b: str) -> str:
    """A term as the replies write it: ``2015-2020``."""
    return f"{a}-{b}"


def held_term(text: str, name_end: int) -> str | None:
    """The term ("2015-2020") written with the post of the name ending at ``name_end`` in
    ``text``: the first term after it, in its sentence, before anyone else is named, preceded
    by "nhiệm kỳ" or "khóa"; ``None`` when the post is written with no term."""
    rest = text[name_end:]
    end = STATEMENT_END.search(rest)
    rest = rest[: end.start()] if end else rest
    for m in TERM.finditer(rest):
        before = rest[: m.start()]
        if len(before.split()) > _MAX_WORDS or any(m.group(1).isupper() for m in _ANOTHER.finditer(before)):
            return None
        if _TERM_WORD.search(before):
            return term_text(m.group(1), m.group(2))
    return None


def term_of(text: str, name: str) -> str | None:
    """:func:`held_term` of ``name``'s first mention in ``text``."""
    at = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
    return held_term(text, at.end()) if at else None


def later_term(held: str, *texts: str) -> str | None:
    """The latest term of office ``texts`` (the quote, the article's title) name that begins
    after ``held`` begins, or ``None``: the article reports a term the held one came before."""
    start = int(held[:4])
    later = sorted({(int(a), term_text(a, b)) for text in texts for a, b in _TERM_IN_TEXT.findall(text or "")
                    if int(a) > start})
    return later[-1][1] if later else None


def asked_terms(terms: list[tuple[str, str]]) -> list[str]:
    """The question's terms (:attr:`Question.terms`) as the replies write them."""
    return [term_text(a, b) for a, b in terms]


def wanted(held: str, asked: list[tuple[str, str]], *texts: str) -> str | None:
    """The term whose holder the question wants when the quoted one served ``held`` instead:
    the question's own term (:attr:`Question.terms`) when it names one and not that one, else
    the later term ``texts`` report (:func:`later_term`); ``None`` when ``held`` is the wanted one."""
    terms = asked_terms(asked)
    if terms:
        return None if held in terms else terms[0]
    return later_term(held, *texts)


# "… nhiệm kỳ mới?", "… khóa này?": the term the article reports, asked as plainly as by its years.
_NEW_TERM = re.compile(r"(?<!\w)(?:nhiệm kỳ|khóa|khoá)\s+(?:mới|này|tới|hiện tại|hiện nay)(?!\w)", re.IGNORECASE)


def asks_new_term(question: str) -> bool:
    """Whether ``question`` asks for the holder of the new term without naming its years."""
    return bool(_NEW_TERM.search(question))


def not_said(post: str, name: str, held: str, term: str) -> str:
    """What the reply says when no quoted sentence names the holder of ``term``: that the
    articles do not, and for which term ``name`` held ``post`` (as the question writes it;
    :func:`asked_post_words`), a Vietnamese sentence."""
    return (f"Các bài viết không nêu ai là {post} nhiệm kỳ {term}; "
            f"bài viết ghi {name} là {post} nhiệm kỳ {held}.")


def asked_post_words(question: str, post: str) -> str:
    """``post`` (``support.asked_post``: "bí_thư") as ``question`` writes it ("Bí thư")."""
    post = post.replace("_", " ")
    m = re.search(rf"(?<!\w){re.escape(post)}(?!\w)", question, re.IGNORECASE)
    return m.group(0) if m else post


def holds_for(text: str, term: str) -> bool:
    """Whether ``text`` names ``term``, whatever dash and spaces it is written with."""
    a, b = term.split("-")
    return re.search(rf"(?<!\d){a}\s*[-–—]\s*{b}(?!\d)", text) is not None


def several(post: str, held: list[tuple[str, str | None, str | None]]) -> str:
    """The note when articles of several organisations each name a holder of ``post`` and the
    question names none: who (``(name, organisation, term written with the post)``), of
    which, and to name the province (a Vietnamese sentence)."""
    listed = "; ".join(name + f" ({', '.join(x for x in (source, term and f'nhiệm kỳ {term}') if x)})"
                       if source or term else name for name, source, term in held)
    return f"Các bài viết nêu {post} của nhiều đơn vị: {listed}. Hãy nêu tên tỉnh để hỏi đúng đơn vị."
