"""Yes or no from the amount a settling clause states: "… lưu trữ ít nhất 02 năm, phải không?".

The clause that settles a yes/no question (:mod:`rag.answer.span.confirm`) often states the
amount the question claims, or another: "… trong thời gian ít nhất 01 năm …" answers a claim
of "02 năm" with a no, "trước ngày 5 tháng 12 hằng năm" a claim of "trước ngày 15 tháng 12"
with a no. Only an amount of the same kind settles anything (a time against a time, converted
exactly between days and weeks or months and years; points against points; a day of a month against
another); a clause with none of that kind, or with bounds pointing opposite ways ("tối đa"
claimed, "tối thiểu" stated), gets no verdict and the reader judges it.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
_NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?"
# An amount: an optional bound, the number and its unit (the first word after it, or "%").
_AMOUNT = re.compile(rf"(?:(?P<bound>ít nhất|tối thiểu|tối đa|không quá|không dưới|trên|dưới|hơn)\s+(?:là\s+)?)?"
                     rf"(?<![\w/.,-])(?P<number>{_NUMBER})(?![\w/]|[.,]\d)\s*(?P<unit>%|[^\W\d_]+)", _I)
# "ngày 15 tháng 12", "ngày 15/12": a day of a month, compared as such.
_DAY = re.compile(r"(?<!\w)ngày\s+(?P<day>\d{1,2})\s*(?:tháng\s+|[/.-]\s*)(?P<month>\d{1,2})(?!\d)", _I)
# Words before a number that make it a name or a position, not an amount ("Điều 5", "năm 2020").
_NOT_AMOUNT = re.compile(r"(?<!\w)(?:năm|ngày|tháng|thứ|số|điều|khoản|điểm|khóa|khoá|nhiệm kỳ|lần|chương|mục|"
                         r"vòng|giai đoạn|quý|lớp|hạng|bậc|loại|nghị định|luật|thông tư|quyết định|kế hoạch|chỉ thị|"
                         r"công văn|hướng dẫn|thông báo|tờ trình|nghị quyết|kết luận)\s*$", _I)
# Times compared exactly: days with weeks, months with years; a week against a month, which no
# whole number converts, settles nothing ("4 tuần" is not "01 tháng").
_TIMES = {"ngày": ("days", 1), "tuần": ("days", 7), "tháng": ("months", 1), "năm": ("months", 12)}
_NEGATION = re.compile(r"(?<!\w)(?:chưa|chẳng|không được|không phải|không có)(?!\w)")
_LOW, _HIGH = {"ít nhất", "tối thiểu", "không dưới", "trên", "hơn"}, {"tối đa", "không quá", "dưới"}


def settles(question: str, clause: str) -> str | None:
    """"có" when ``clause`` states the amount ``question`` claims, "không" when it states only
    other amounts of that kind, ``None`` when the question claims no amount, the clause states
    none of its kind, or not the conditions the question sets before it."""
    claimed = _amounts(question)
    if not claimed or ASKED_AFTER.search(question[_last_amount_end(question):]):
        # "… chưa đủ 6 tháng có được xếp loại chất lượng không?": the months set the case; what
        # is asked comes after them, and the clause stating them says no ("… không xếp loại").
        return None
    # The claim is the last amount; any before it is a condition ("làm việc 6 giờ trở lên …
    # ít nhất 30 phút"), which the clause must state too, or it is about another case.
    *conditions, (kind, value, bound) = claimed
    amounts = _amounts(clause)
    if any(not any(k == c[0] and v == c[1] for k, v, _ in amounts) for c in conditions):
        return None
    stated = [(v, b) for k, v, b in amounts if k == kind]
    if not stated or conditions and all(v in {c[1] for c in conditions} for v, _ in stated):
        return None
    if any(v == value for v, _ in stated):
        # "chưa đạt 100%": a negation the question does not make turns the same amount into a no,
        # which is for the reader to see.
        negated = _NEGATION.findall(clause.lower()) != _NEGATION.findall(question.lower())
        opposite = any(v == value and _opposite(bound, b) for v, b in stated)
        return None if opposite or negated else "có"
    return "không"


# What a yes/no question asks, after the amount: "… có được xếp loại …", "… có phải nộp …";
# not the ending "… có phải không?", which asks about the amount itself.
ASKED_AFTER = re.compile(r"(?<!\w)có\s+(?:(?:được|bị|cần|thể)(?!\w)|phải\s+(?!(?:không|là|chăng)(?!\w))(?=\w))", _I)


def _last_amount_end(text: str) -> int:
    ends = [m.end() for m in _AMOUNT.finditer(text) if not _NOT_AMOUNT.search(text[:m.start("number")])]
    return ends[-1] if ends else len(text)


def _amounts(text: str) -> list[tuple[str, object, str | None]]:
    """(kind, value, bound) of each amount ``text`` states: a day of a month, a time in days,
    or a number with its unit word."""
    found = [("day", (int(m["day"]), int(m["month"])), None) for m in _DAY.finditer(text)]
    days = [m.span() for m in _DAY.finditer(text)]
    for m in _AMOUNT.finditer(text):
        start = m.start("number")
        if any(a <= start < b for a, b in days) or _NOT_AMOUNT.search(text[:start]):
            continue
        number = float(m["number"].replace(".", "").replace(",", "."))
        unit, bound = m["unit"].lower(), (m["bound"] or "").lower() or None
        if unit in _TIMES:
            base, scale = _TIMES[unit]
            found.append((base, number * scale, bound))
        else:
            found.append((unit, number, bound))
    return found


def _opposite(claimed: str | None, stated: str | None) -> bool:
    """Whether two bounds point opposite ways ("tối đa" and "ít nhất")."""
    return bool(claimed and stated) and ((claimed in _LOW) != (stated in _LOW)) \
        and (claimed in _LOW | _HIGH) and (stated in _LOW | _HIGH)
