"""Yes/no questions ("Đảng bộ Sở có được tặng bằng khen … không?"): the clause that says so.

A yes/no question has no gap to fill; what a reader wants first is the statement that settles
it, which the quote's sentence holds as one of its clauses (the one repeating most of what the
question asks). Whether it confirms or denies is left to that clause's own words ("không ghi
học vị Tiến sĩ"): reading negation and conditions reliably needs more than rules.
"""

from __future__ import annotations

import re

from rag.answer.question import WH
from rag.answer.span.base import ShortAnswer, _syllables, _tokens

_I = re.IGNORECASE
# "… có tăng không?", "… đã … chưa?", "Có phải … không?", "… phải không?", "… đúng không?"
_YES_NO = re.compile(r"(?<!\w)(?:không|chưa|phải không|đúng không|có đúng không)"
                     r"(?:\s+(?:ạ|vậy|nhỉ|nhé|hả|à|thế))?\s*[?.!]*\s*$", _I)  # "… không ạ?" as staff write
_ASKING = re.compile(r"(?<!\w)(?:có|được|đã|phải|là|còn|nên|cần|bị)(?!\w)", _I)
# Clause ends; a comma inside “…” (a title, a motto) ends nothing, nor a "." or ":" inside a
# number, a time or an abbreviation ("1.200", "7:30", "TP.HCM").
_CLAUSE = re.compile(r"[;!?()\n]|[.:](?=\s|$)|,(?![^“”]*”)")
# The question's own particles, which every clause may or may not repeat.
_PARTICLES = {"có", "không", "chưa", "phải", "đúng", "được", "đã"}
_MIN_SHARED = 2  # syllables of the question a clause must repeat to settle it
_MAX_WORDS = 40  # a longer clause is no short answer; chosen on the dev parts (30 lost two answers)


def asks_yes_no(question: str) -> bool:
    """Whether ``question`` asks yes or no: it ends in "phải không"/"đúng không", or in
    "không"/"chưa" (a particle such as "ạ" may follow) with "có", "được", "đã" or the like
    before, and it has no question word ("Tại sao … không?" asks why)."""
    text = question.strip()
    end = _YES_NO.search(text)
    if not end or WH.search(text[:end.start()]):
        return False
    said = end.group(0).split()
    # "… phải không?" / "… đúng không?" ask alone; "… không?" after "có", "được", "đã", … .
    return said[0].lower() in ("phải", "đúng", "có") or bool(_ASKING.search(text[:end.start()]))


def _confirm(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """The clause of the best quoted sentence that repeats most of the question's words, with
    the comma-joined clauses after it that repeat at least two of them too ("Hội nghị cán bộ,
    công chức và người lao động năm 2021": a comma in a list ends no statement)."""
    asked = _syllables(question) - _PARTICLES
    if not sentences:
        return None
    text, offset = sentences[0]
    clauses, start = [], 0
    for m in list(_CLAUSE.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        shared = len({t for t, _, _ in _tokens(piece)} & asked)
        clauses.append((start + lead, end, shared, m.group(0) if m else "."))
        start = end + 1
    best = max(range(len(clauses)), key=lambda k: (clauses[k][2], -k))
    s, e, shared, stop = clauses[best]
    if shared < _MIN_SHARED:
        return None
    if len(text[s:e].split()) > _MAX_WORDS:
        return None
    k = best
    while (stop == "," and k + 1 < len(clauses) and clauses[k + 1][2] >= _MIN_SHARED
           and len(text[s:clauses[k + 1][1]].split()) <= _MAX_WORDS):
        k += 1
        e, stop = clauses[k][1], clauses[k][3]
    piece = text[s:e].rstrip()
    return ShortAnswer(piece, offset + s, offset + s + len(piece), "confirm")
