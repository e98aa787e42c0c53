"""Yes/no questions ("Đảng bộ Sở có được tặng bằng khen … không?"): the clause that says so.

A yes/no question has no gap to fill; what a reader wants first is the statement that settles
it, which the quote's sentence holds as one of its clauses (the one repeating most of what the
question asks). Whether it confirms or denies is left to that clause's own words ("không ghi
học vị Tiến sĩ"): reading negation and conditions reliably needs more than rules. Only an
amount the question claims ("… ít nhất 02 năm, phải không?") is settled by the amount the
clause states (:mod:`rag.answer.span.settle`).
"""

from __future__ import annotations

import re

from rag.answer.question import WH
from rag.answer.span.base import ShortAnswer, syllables, _tokens
from rag.answer.span.settle import settles
from rag.text import pos_tags

_I = re.IGNORECASE
# "… có tăng không?", "… đã … chưa?", "Có phải … không?", "… phải không?", "… đúng không?"
_YES_NO = re.compile(r"(?<!\w)(?:không|chưa|phải không|đúng không|có đúng không)"
                     r"(?:\s+(?:ạ|vậy|nhỉ|nhé|hả|à|thế))?\s*[?.!]*\s*$", _I)  # "… không ạ?" as staff write
# The words a yes/no question asks with ("có tăng", "được ghi", "đã đạt"); "là" asks too ("… là
# Giám đốc phải không?") but is never what is confirmed.
_LEADS = {"có", "được", "đã", "phải", "bị", "còn", "nên", "cần"}
_ENDS = {"không", "chưa", "đúng", "ạ", "vậy", "nhỉ", "nhé", "hả", "à", "thế"}  # "… phải không ạ?" asks nothing more
_ASKING = re.compile(rf"(?<!\w)(?:{'|'.join(sorted(_LEADS | {'là'}))})(?!\w)", _I)
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
    # "Có ai được … không?", "Có đơn vị nào … không?": whether any, which a clause settles.
    anyone = _ANYONE.match(text)
    if not end or WH.search(text[anyone.end() if anyone else 0:end.start()]):
        return False
    said = end.group(0).split()
    # "… phải không?" / "… đúng không?" ask alone; "… không?" after "có", "được", "đã", … .
    return said[0].lower() in ("phải", "đúng", "có") or bool(_ASKING.search(text[:end.start()]))


# "Có ai là Giám đốc …?" asks who.
_ANYONE = re.compile(r"^\s*có\s+(?:ai|(?:người|đơn vị|cơ quan|tổ chức|trường|chi bộ|cá nhân|tập thể|công chức|viên chức|"
                     r"cán bộ|đảng viên|giáo viên|nhà giáo|học sinh|đại biểu|đồng chí|thành viên)\s+nào)(?!\w)"
                     r"(?!\s+là\s)", _I)


def asks_anyone(question: str) -> bool:
    """Whether ``question`` asks yes or no of whether anyone did ("Có ai được … không?"): its "ai"
    asks for no name."""
    return bool(_ANYONE.match(question)) and asks_yes_no(question)


def yes_no_tail(question: str) -> set[str]:
    """The words of a yes/no question's closing "phải không", "đúng không", "… ạ?": they ask,
    and say nothing a sentence could share ("Ông X là Giám đốc Sở phải không?" must not
    look for "phải")."""
    end = _YES_NO.search(question.strip()) if asks_yes_no(question) else None
    return {w.lower() for w in end.group(0).replace("?", " ").split()} if end else set()


def _asked_word(question: str) -> str | None:
    """What the question asks to be confirmed: the word after its "có"/"được"/"phải" ("có
    tăng không" → "tăng", "Có phải 100% công chức …" → "100%"), lower-cased."""
    anyone = _ANYONE.match(question)
    words = [t for t, _, _ in _tokens(question[anyone.end():] if anyone else question)]
    for k, word in enumerate(words):
        if word in _LEADS:
            rest = [w for w in words[k:] if w not in _LEADS and w not in _ENDS]
            return rest[0] if rest else None
    return None



def _named_after(question: str, word: str | None) -> set[str]:
    """The capitalised words right after ``question``'s asked ``word`` ("tặng Huân chương Lao
    động"), lower-cased: the name it claims; none where a plain word follows it."""
    tokens = _tokens(question)
    at = next((k for k, (t, _, _) in enumerate(tokens) if t == word), None) if word else None
    named: set[str] = set()
    for t, s, _ in tokens[at + 1:] if at is not None else []:
        if not question[s:s + 1].isupper():
            break
        named.add(t)
    return named


def _enumerated(item: str, shared: int) -> bool:
    """Whether a comma-joined clause reads as an item of an enumeration: no verb, no count, and
    a few words ("hình ảnh"), a few more where it repeats a word of the question ("hành vi trái
    đạo đức xã hội"); "kết nạp 2 đảng viên mới" says something else."""
    words = len(item.split())
    if re.search(r"\d", item) or words > (_ITEM_WORDS if shared else _BARE_ITEM_WORDS):
        return False
    return not any(tag.startswith("V") for _, tag in pos_tags(item))


_ITEM_WORDS, _BARE_ITEM_WORDS = 6, 3


def _confirm(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """The clause of the best quoted sentence that repeats most of the question's words, with
    the comma-joined clauses after it up to the last that repeats one of them ("Hội nghị cán bộ,
    công chức và người lao động năm 2021": a comma in a list ends no statement)."""
    asked = syllables(question) - _PARTICLES
    if not sentences:
        return None
    text, offset = sentences[0]
    clauses, start = [], 0  # (start, end, shared syllables, the mark ending it, its words)
    for m in list(_CLAUSE.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        words = {t for t, _, _ in _tokens(piece)}
        clauses.append((start + lead, end, len(words & asked), m.group(0) if m else ".", words))
        start = end + 1
    # The clause must say what is asked ("tăng", "100%"): one that only shares the setting
    # ("đảng viên … Lạng Sơn") would read as a yes to something the article never says.
    must = _asked_word(question)
    # A name the question claims after it ("… được tặng Huân chương Lao động phải không?") must
    # be written in the clause too: "… tặng Bằng khen tập thể Lao động xuất sắc" settles nothing.
    named = _named_after(question, must)
    said = [k for k, c in enumerate(clauses) if (not must or must in c[4]) and named <= c[4]]
    if not said:
        return None
    # Of clauses alike, the one stating the amount claimed ("… ban đêm thì được nghỉ giữa giờ ít
    # nhất 45 phút" over the day's "… 30 phút" before it): its verdict is the one asked for.
    best = max(said, key=lambda k: (clauses[k][2], settles(question, text[clauses[k][0]:clauses[k][1]]) == "có",
                                    -k))
    s, e, shared, stop, _ = clauses[best]
    if shared < _MIN_SHARED:
        return None
    if len(text[s:e].split()) > _MAX_WORDS:
        return None
    # Read on through an enumeration of short items with no verb to the last one repeating the
    # question's words ("Không sử dụng ngôn ngữ, hình ảnh, trang phục, hành vi trái …" answers
    # "… có được sử dụng trang phục … không?" only whole), and through any clause after a comma
    # that repeats two of them ("Hội nghị cán bộ, công chức và người lao động năm 2021").
    k = best
    while stop == "," and k + 1 < len(clauses) and len(text[s:clauses[k + 1][1]].split()) <= _MAX_WORDS:
        item = clauses[k + 1]
        if item[2] < _MIN_SHARED and not _enumerated(text[item[0]:item[1]], item[2]):
            break
        k += 1
        if item[2] >= 1:
            e = item[1]
        stop = item[3]
    piece = text[s:e].rstrip()
    return ShortAnswer(piece, offset + s, offset + s + len(piece), "confirm")
