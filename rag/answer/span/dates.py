"""Dates: a day, month, year, decade, span of years or time before the era, as the sentence
writes it; and the condition a statute's "khi nào" asks for when no date is quoted."""

from __future__ import annotations

import re

from rag.answer.question import ASKS_YEAR, TERM, event_years, read
from rag.answer.span.base import ShortAnswer, _I, _nearest, _trim


_DATES = [
    re.compile(r"(?<!\d)\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}(?!\d)"),
    re.compile(r"(?<!\d)\d{1,2}\s+(?:tháng|ngày)\s+\d{1,2}(?:\s*(?:năm|,)\s*\d{4})?(?!\d)", _I),
    re.compile(r"tháng\s+\d{1,2}(?:\s*(?:năm|/|,)\s*\d{4})?(?!\d)", _I),
    re.compile(r"(?<!\d)\d{1,2}\s*/\s*(?:19|20)\d{2}(?!\d)"),
    re.compile(r"thế\s+kỷ\s+(?:thứ\s+)?[IVXLC\d]+|thập\s+(?:kỷ|niên)\s+\d+", _I),
    # Time before now or before the era: "22.000 năm trước", "66 triệu năm trước", "năm 13.000 BP",
    # "29,000–24,000 BP", "năm 221 TCN"; not "5 năm trước" (a span, not a date) nor "50 bp".
    re.compile(r"(?<![\w.,])(?:\d{1,3}[.,]\d{3}(?:[.,]\d{3})*|\d{4,}|\d[\d.,]*\s+(?:triệu|nghìn|ngàn|tỷ))\s+năm\s+trước(?!\w)"
               r"|(?<!\w)(?:[Nn]ăm\s+)?(?:\d[\d.,]*\s*[-–]\s*)?\d[\d.,]*\s*(?:BP|TCN|trước Công nguyên)(?!\w)"),
    re.compile(r"(?<![\d/.-])(?:1[0-9]|20)\d{2}(?:\s*[-–]\s*(?:1[0-9]|20)\d{2})?(?![\d/])"),
]
_DAY_PATTERNS = 2  # the first patterns of _DATES name a day, not only a month or year


# A day and month with no year ("Ngày 27/6, …", "tựu trường vào ngày 28-8"), as news writes it.
_DAY_MONTH = re.compile(r"(?<![\d/.-])\d{1,2}\s*[/-]\s*\d{1,2}(?![\d/.-])")


def names_day(text: str) -> bool:
    """Whether ``text`` names a day ("08/5/2023", "25 tháng 01 năm 2021", "ngày 27/6"), not only
    a month or year."""
    return (any(pattern.search(text) for pattern in _DATES[:_DAY_PATTERNS]) or bool(_DAY_MONTH.search(text))
            or bool(_SIGNING.fullmatch(text.strip())))
_ASKS_DAY = re.compile(r"(?<!\w)(?:ngày nào|ngày bao nhiêu|ngày mấy|hôm nào|vào ngày)(?!\w)", _I)
_SCHOOL_YEAR = re.compile(r"năm\s+học\s*$", _I)  # "trong năm học 2021-2022" says when, a term does not
_ASKS_WHEN_ANY = re.compile(r"(?<!\w)(?:khi nào|bao giờ|lúc nào|thời gian nào|thời điểm nào|dịp nào)(?!\w)", _I)


# "có hiệu lực từ ngày nào?", "… đến ngày nào?": the word before the question word says which
# date of a sentence answers ("từ ngày 01 tháng 7 năm 2026", not "đến hết ngày 30 tháng 6 năm 2027").
_ASKS_BOUND = re.compile(r"(?<!\w)(kể từ|từ|đến|trước|sau)\s+(?:ngày|thời điểm|khi|lúc)?\s*(?:nào|bao giờ)(?!\w)", _I)


def bound_asked(question: str) -> str | None:
    """The word that bounds the date ``question`` asks for ("từ", "đến", "trước", "sau"), if any;
    asked when a text takes effect ("… có hiệu lực khi nào?"), "từ": a statute takes effect
    from a day, and its transitional clauses' other dates ("đến hết ngày 30 tháng 6") answer
    nothing about it."""
    found = _ASKS_BOUND.search(question)
    if found:
        return found.group(1).lower().removeprefix("kể ")
    return "từ" if _ASKS_EFFECT_WHEN.search(question) else None


def _bound_before(sentence: str, span: tuple[int, int], bound: str) -> bool:
    before = sentence[max(0, span[0] - 20) : span[0]]
    return bool(re.search(rf"(?<!\w){bound}\s+(?:hết\s+)?(?:(?:ngày|tháng|năm)\s+)?$", before, _I))


def dated_as_asked(sentence: str, question: str) -> bool:
    """Whether ``sentence`` has a date after the word that bounds the asked one ("từ ngày …"),
    or, asked when a text takes effect, says it does: "có hiệu lực … từ ngày 01 tháng 7 năm
    2026", "… kể từ ngày ký ban hành" (a transitional clause's "từ ngày 01 tháng 4 năm 2026"
    bounds something else)."""
    bound = bound_asked(question)
    effect = _ASKS_EFFECT.search(question)
    return bool(bound) and (any(_bound_before(sentence, sp, bound) and (not effect or _takes_effect(sentence, sp))
                                for sp in _date_spans(sentence, question)[0])
                            or _signed_day(sentence, question) is not None)


def _takes_effect(sentence: str, span: tuple[int, int]) -> bool:
    return re.search(r"hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+(?:ngày\s+)?$",
                     sentence[max(0, span[0] - 40):span[0]], _I) is not None


_ASKS_EFFECT_WHEN = re.compile(r"(?<!\w)có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:vào\s+)?(?:khi\s+nào|bao\s+giờ|ngày\s+nào|"
                               r"lúc\s+nào|thời\s+điểm\s+nào)(?!\w)", _I)
# "Nghị định này có hiệu lực thi hành kể từ ngày ký ban hành": a statute dated by its signing,
# the answer to "… có hiệu lực từ ngày nào?" though it writes no date.
_ASKS_EFFECT = re.compile(r"(?<!\w)hiệu\s+lực(?!\w)", _I)
_SIGNING = re.compile(r"ngày\s+(?:ký|công\s+bố)(?:\s+ban\s+hành)?", _I)
_SIGNED_DAY = re.compile(rf"(?<!\w)có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+({_SIGNING.pattern})(?!\s+\d)", _I)


def _signed_day(sentence: str, question: str) -> tuple[int, int] | None:
    if not _ASKS_EFFECT.search(question):
        return None
    found = _SIGNED_DAY.search(sentence)
    return found.span(1) if found else None


def _not_in_question(spans, sentence: str, question_lower: str):
    return [sp for sp in spans if sentence[sp[0]:sp[1]].lower() not in question_lower]


def _date_spans(sentence, question):
    spans, days = [], []
    for k, pattern in enumerate(_DATES):
        for m in pattern.finditer(sentence):
            if not any(s <= m.start() < e for s, e in spans):
                spans.append((m.start(), m.end()))
                if k < _DAY_PATTERNS:
                    days.append((m.start(), m.end()))
    return _not_in_question(spans, sentence, question.lower()), days


# "… tính từ khi nào đến khi nào?": the stretch of time from its start to its end, as written
# ("từ đầu nhiệm kỳ 2022-2025 đến hết năm 2022"; a staff user's pass got "năm 2022").
ASKS_STRETCH = re.compile(r"(?<!\w)từ\s+(?:khi|lúc|bao giờ|thời điểm|năm|ngày)\s+nào\s+(?:đến|tới)\s+"
                           r"(?:khi|lúc|bao giờ|thời điểm|năm|ngày)\s+nào(?!\w)", _I)
_STRETCH = re.compile(r"(?<!\w)từ\s+(?:[^,;.:]|\.(?=\d)){1,60}?\s+(?:đến|tới)\s+(?:(?:hết\s+|cuối\s+)?"
                      r"(?:ngày\s+|tháng\s+|năm\s+)?[^,;:]{0,20}?(?:1[0-9]|20)\d{2}(?!\d)|nay|hiện nay|hiện tại)", _I)


def _date(sentence, question, anchors):
    stretch = _STRETCH.search(sentence) if ASKS_STRETCH.search(question) else None
    if stretch:
        return stretch.span()
    spans, days = _date_spans(sentence, question)
    bound = bound_asked(question)
    if bound:
        spans = [sp for sp in spans if _bound_before(sentence, sp, bound)] or spans
    # "báo cáo chuyên đề lần 1/2020", "Kế hoạch số 12/2021": a number of the year, not a month.
    spans = [sp for sp in spans if not _NUMBERED.search(sentence, 0, sp[0])]
    if not _ASKS_DOCUMENT.search(question):
        # "… theo Hướng dẫn số 08-HD/BTCTU, ngày 07-8-2018": the day a cited document was
        # issued, not when the event asked about happened.
        spans = [sp for sp in spans if not _ISSUED.search(sentence[max(0, sp[0] - 60) : sp[0]])]
    if event_years(question):
        # "Hội nghị … năm 2021 diễn ra bao giờ?" knows the year: another bare year
        # ("… kết quả năm 2020") is what the sentence is about, not when the event was.
        # Nor a school year or term ("năm học 2020-2021") the sentence names.
        spans = [sp for sp in spans if not _BARE_YEAR.fullmatch(sentence[sp[0]:sp[1]])
                 and not TERM.fullmatch(sentence[sp[0]:sp[1]].strip())]
    # "ngày nào" asks for a day: a full date wherever it stands (Vietnamese often fronts it:
    # "Ngày 25/01/2021, Sở … tổ chức hội nghị … năm 2021") beats a bare year nearer the verb.
    if _ASKS_DAY.search(question):
        spans = [sp for sp in spans if sp in days] or spans
    elif _ASKS_WHEN_ANY.search(question) or ASKS_YEAR.search(question) and _EVENT.search(question):
        # "… diễn ra khi nào?": the day, where the sentence gives one, over the term it opened
        # ("Ngày 21/5/2020, … tổ chức Đại hội nhiệm kỳ 2020-2025"); asked the year it was held,
        # a term alone is no answer (an API probe got "2020 – 2025", as sure), a school year is.
        spans = [sp for sp in spans if sp in days] or [sp for sp in spans if not TERM.fullmatch(
            sentence[sp[0]:sp[1]].strip())] or ([sp for sp in spans if _SCHOOL_YEAR.search(sentence, 0, sp[0])]
                                                if ASKS_YEAR.search(question) else spans)
    # "Kết luận số 01-KL/TW ban hành ngày nào?" over "Kết luận số 21-KL/TW ngày 25/10/2021 …; Kết
    # luận số 01-KL/TW ngày 18/5/2021": the date written right after the code asked.
    for code in CODE.findall(question):
        at = code_ends(code, sentence)
        after = [sp for sp in spans if any(0 <= sp[0] - end <= 25 for end in at)]
        if after:
            spans = after
            break
    found = _nearest(spans, anchors)
    if not spans or bound and not any(_bound_before(sentence, sp, bound) for sp in spans):
        found = _signed_day(sentence, question) or found
    if found and ASKS_YEAR.search(question) and not _ASKS_DAY.search(question):
        # "… năm nào?" asks for the year of "ngày 7 tháng 1 năm 1943".
        year = _YEAR_OF.search(sentence, *found)
        if year and year.span() != found:
            found = year.span()
    if found and not re.search(r"\d\s*[-–]\s*\d", sentence[found[0]:found[1]]):
        # "từ 1500 đến 1850", "2011 và 2012": a span of years is answered whole.
        more = _YEARS_ON.match(sentence, found[1])
        if more:
            found = (found[0], more.end())
        before = _YEARS_BEFORE.search(sentence[: found[0]])
        if before and re.fullmatch(r"(?:năm\s+)?(?:1[0-9]|20)\d{2}", sentence[found[0]:found[1]], _I):
            found = (before.start(), found[1])
        if more or before:
            lead = re.search(r"(?<!\w)từ\s+(?:năm\s+)?$", sentence[: found[0]], _I)
            found = (lead.start() if lead else found[0], found[1])
        elif re.fullmatch(r"(?:1[0-9]|20)\d{2}", sentence[found[0] : found[1]]):
            # "năm 1886" as the sentence writes it (XQuAD-vi dev: the gold kept "năm" 20 times, dropped it 12).
            lead = re.search(r"(?<!\w)(?:những\s+|các\s+)?năm\s+$", sentence[: found[0]], _I)
            found = (lead.start() if lead else found[0], found[1])
    return found


# A document's code, in either case, with a letter in it (a date "21/5/2020" has none):
# "01-KL/TW", "kết luận 01-kl/tw", "05/CT-TTg", "73/2025/QH15".
CODE = re.compile(r"(?<![\w/-])\d+(?:/\d{4})?[-/](?=[\w/-]*[^\W\d_])\w+(?:[-/]\w+)*(?![\w/-])")


def code_ends(code: str, sentence: str) -> list[int]:
    """Where each mention of the document ``code`` ends in ``sentence``, in either case."""
    return [m.end() for m in re.finditer(rf"(?<![\w/-]){re.escape(code)}(?![\w/-])", sentence, _I)]
_NUMBERED = re.compile(r"(?<!\w)(?:lần|số|đợt|khóa|khoá)\s*(?:thứ\s*)?:?\s*$", _I)
_BARE_YEAR = re.compile(r"(?:năm\s+)?(?:1[0-9]|20)\d{2}", _I)
# A document named by its word or "số" and its code ("Hướng dẫn số 08-HD/BTCTU", "Nghị định
# số 115/2020/NĐ-CP"), right before a date; a room or class ("A2-ĐHSP", "12A1-THPT") has no "/".
_ISSUED = re.compile(r"(?<!\w)(?i:số|hướng dẫn|kế hoạch|quyết định|nghị định|thông tư|công văn|chỉ thị|nghị quyết|kết luận|"
                     r"thông báo|tờ trình|báo cáo|luật)\s*(?i:số)?\s*:?\s*\d+[\w.-]*/[\w/.-]*[A-ZĐ][\w/.-]*"
                     r"\s*,?\s*(?i:ban hành\s+)?(?i:ngày\s+)?$")
_ASKS_DOCUMENT = re.compile(r"(?<!\w)(?:văn bản|hướng dẫn|nghị định|thông tư|quyết định|luật|bộ luật|kế hoạch|công văn|"
                            r"chỉ thị|nghị quyết|kết luận(?=\s+(?:số\s+)?\d)|thông báo|tờ trình|báo cáo|ban hành|(?<!đăng )ký|"
                            r"số hiệu)(?!\w)", _I)
_YEAR_OF = re.compile(r"(?:năm\s+)?(?:1[0-9]|20)\d{2}(?!\d)", _I)
# "… đến 1850", "… và 2012": not "… và 2000 học sinh" (a count) nor "… và 2025 - 2030" (another span).
_YEARS_BEFORE = re.compile(r"(?<![\d/.-])(?:1[0-9]|20)\d{2}\s*(?:đến|tới|và|-|–)\s*(?:năm\s+)?$", _I)
_YEARS_ON = re.compile(r"\s*(?:đến|tới|và|-|–)\s*(?:năm\s+)?(?:1[0-9]|20)\d{2}(?!\d)(?!\s*[-–]\s*\d)"
                       r"(?!\s+(?!năm|và|đến|tới)[^\W\d_])", _I)


# "… chỉ có giá trị khi nào?": in rules and statutes "when" is often a condition, not a date.
# Only where the question asks on what condition: "chỉ … khi nào", "được phép … khi nào".
_ASKS_WHEN = re.compile(r"(?<!\w)(?:chỉ|được phép|có giá trị|có hiệu lực)(?!\w).*(?<!\w)khi nào(?!\w)", _I)
_CONDITION = re.compile(r"(?<!\w)(?:chỉ\s+)?(?:khi|nếu|trong trường hợp)\s+(?!nào)[^;.!?\n]{3,200}", _I)


# "… vào thời điểm nào?" of a statute, which dates a duty by another act, not a day: "… trước
# khi mở tài khoản trên nền tảng …". Asked "khi nào", "lúc nào", "thời điểm nào", not "ngày nào".
_ASKS_MOMENT = re.compile(r"(?<!\w)(?:khi nào|lúc nào|thời điểm nào)(?!\w)", _I)
# Only of a duty ("phải đồng ý …", "được tạm ngừng …"): when an event took place ("Đại hội diễn
# ra khi nào?") is a date, and "Sau khi nghe báo cáo, …" in a news item says none.
_DUTY = re.compile(r"(?<!\w)(?:phải|cần|được|bị|có trách nhiệm|có nghĩa vụ)(?!\w)", _I)
_EVENT = re.compile(r"(?<!\w)(?:diễn ra|tổ chức|khai mạc|bế mạc|họp|xảy ra|ra đời|thành lập|ban hành|ký)(?!\w)", _I)
_MOMENT = re.compile(r"(?<!\w)(?:trước|sau|kể từ|ngay|chậm nhất)\s+khi\s+(?!nào)[^;,.!?\n]{3,120}", _I)


def moment(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """The act a duty is timed by ("trước khi mở tài khoản …") for a "khi nào" question no date
    answers, or ``None``."""
    return _first_clause(_MOMENT, sentences) if _asks_moment(question) else None


def timed(question: str, sentence: str) -> bool:
    """Whether ``sentence`` times something by another act, asked "khi nào" (see :func:`moment`)."""
    return bool(_asks_moment(question) and not _ASKS_WHEN.search(question) and _MOMENT.search(sentence))


def _asks_moment(question: str) -> bool:
    return bool(_ASKS_MOMENT.search(question) and _DUTY.search(question) and not _EVENT.search(question))


def _condition(sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """The first "khi …"/"nếu …" clause of the sentences, for a "khi nào" question no date answers."""
    return _first_clause(_CONDITION, sentences)


def _first_clause(pattern: re.Pattern, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """The first stretch ``pattern`` finds in the sentences, trimmed, as a ``condition``."""
    for text, offset in sentences:
        m = pattern.search(text)
        if m:
            sp = _trim(text, m.start(), m.end())
            if sp:
                return ShortAnswer(text[sp[0]:sp[1]], offset + sp[0], offset + sp[1], "condition")
    return None


# "… là Bí thư nhiệm kỳ nào?", "… đại hội khóa mấy?": a term of office, its years.
# "… khóa mấy?" of a committee: its number as written ("khóa XI"), not a term's years.
ASKS_SESSION = re.compile(r"(?<!\w)(?:khóa|khoá)\s+(?:mấy|bao nhiêu)(?!\w)", _I)
SESSION_NUMBER = re.compile(r"(?<!\w)(?i:khóa|khoá)\s+(?:[IVXLC]+|\d{1,2})(?![\w/-])")
_ASKS_TERM = re.compile(r"(?<!\w)(?:nhiệm kỳ|khóa|khoá)\s+(?:nào|mấy|bao nhiêu)(?!\w)", _I)


def term_asked(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """The years of the term of office a question asks for ("2015-2020"), not the words after
    them (an API probe got "2015-2020 trình bày"): in the first quoted sentence writing one, the
    term after the name the question gives, else the first term."""
    if not _ASKS_TERM.search(question):
        return None
    names = read(question).names
    for text, offset in sentences:
        terms = list(TERM.finditer(text))
        if not terms or SESSION_NUMBER.search(text) and ASKS_SESSION.search(question):
            continue  # "… Ban Chấp hành Trung ương Đảng khóa mấy?": "khóa XI" (its number) answers
        named = (re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, _I) for n in names)
        at = next((m.end() for m in named if m), 0)
        chosen = next((m for m in terms if m.start() >= at), terms[0])
        return ShortAnswer(chosen.group(0), offset + chosen.start(), offset + chosen.end(), "date")
    return None
