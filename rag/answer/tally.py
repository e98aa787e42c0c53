"""Yes or no to a count: "Dự Đại hội có 150 đảng viên phải không?".

Searched as it stands, the question finds the sentence ("Dự đại hội có mặt 139 đảng viên …")
and quotes it, but no span says yes or no. It is asked instead as "… có bao nhiêu đảng viên
…?", and the count the quote gives settles the claim: "không" when it is another number, "có"
when the same. Only a number right before the counted noun is a claim ("lần thứ 7", "năm
2020", "Điều 5", "ngày 21" are not counts), and a count with a bound ("trên 95%", "từ 2 đến 4")
settles nothing; a share ("100% đảng viên … phải không?") is left to the clause that
says it (:mod:`rag.answer.span.confirm`), as is a count in a condition ("… 5 tháng thì …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.answer.span.settle import ASKED_AFTER
from rag.answer.when import OPENING, TAIL, claim_in

_I = re.IGNORECASE
# The claimed number and the noun it counts, up to the yes/no ending: "có 150 đảng viên dự".
_CLAIM = re.compile(rf"(?<![\w/.,-])(?P<number>\d+/\d+|\d{{1,3}}(?:[.,]\d{{3}})*|\d+)(?P<percent>\s*%)?\s+"
                    rf"(?P<noun>[^\W\d_]+(?:\s+[^\W\d_]+){{0,14}}?)"
                    # "… 9/10 chỉ tiêu năm 2020 đúng không?": the year says which, and is asked again
                    rf"(?P<when>\s+(?:trong\s+)?(?:năm|nhiệm\s+kỳ)\s+\d{{4}}(?:\s*[-–]\s*\d{{4}})?)?(?={TAIL})", _I)
# Words before a number that make it a name, a date or a place in a text, not a count.
_NOT_COUNT = re.compile(r"(?<!\w)(?:năm|ngày|tháng|thứ|số|điều|khoản|điểm|khóa|khoá|nhiệm kỳ|lần|chương|mục|"
                        r"vòng|giai đoạn|quý|nghị định|luật|thông tư|quyết định|nghị quyết|chỉ thị|kết luận|"
                        r"hướng dẫn|kế hoạch|công văn|phụ lục|mẫu)\s*$", _I)  # "Nghị định 233 có áp dụng …?"

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_FRACTION = re.compile(r"(?<![\w/])\d+/\d+(?![\w/])")
# "… làm việc được 5 tháng thì có được xếp loại không?": a condition, not a claim.
_CONDITION = re.compile(r"(?<!\w)(?:thì|nếu|khi)(?!\w)", _I)
_BOUNDS = r"(?:trên|dưới|hơn|gần|khoảng|từ|đến|tới|ít nhất|tối đa|tối thiểu|không quá|trở lên|trở xuống|đủ|chưa đủ)"
_BOUNDED = re.compile(rf"(?<!\w){_BOUNDS}(?!\w)|%", _I)  # a bound, a range or a share settles no count
# "trong 06 tháng": a duration, which the settling clause may state in other units ("01 năm";
# :mod:`rag.answer.span.settle`), not a count of months.
_BOUND_BEFORE = re.compile(rf"(?<!\w)(?:{_BOUNDS}|trong)\s*$", _I)


@dataclass
class Claim:
    """A claimed count, and the question that asks how many instead."""

    asked: str
    number: float | str  # a count, or a share of a whole as written ("9/10")


def claimed(question: str) -> Claim | None:
    """The count a yes/no question claims ("… có 150 đảng viên dự phải không?"), or ``None``."""
    found = claim_in(question, _CLAIM)
    if not found:
        return None
    before = question[: found.start()]
    if found.group("percent") or _NOT_COUNT.search(before) or _BOUND_BEFORE.search(before) \
            or _CONDITION.search(question) or ASKED_AFTER.search(found.group("noun")):
        # "… chưa đủ 6 tháng có được xếp loại … không?" asks whether they are graded: the
        # months are a condition, not the claim.
        return None
    written = found.group("number")
    number = _fraction(written) if "/" in written else _value(written)
    if number is None:
        return None
    asked = f"{OPENING.sub('', before)}bao nhiêu {found.group('noun')}{found.group('when') or ''}?"
    return Claim(asked[:1].upper() + asked[1:], number)


def verdict(claim: Claim, count: str) -> str | None:
    """"có" when ``count`` (the short answer) states the claimed number, "không" when another,
    ``None`` when it states a bound, a range or a share, or no number."""
    if _BOUNDED.search(count):
        return None
    if isinstance(claim.number, str):  # "hoàn thành 9/10 chỉ tiêu": the fraction the quote gives
        stated = _FRACTION.findall(count)
        return ("có" if _fraction(stated[0]) == claim.number else "không") if len(stated) == 1 else None
    if len(_NUMBER.findall(count)) != 1 or "/" in count:
        return None
    stated = _value(_NUMBER.search(count).group(0))
    if stated is None:
        return None
    return "có" if stated == claim.number else "không"


def _fraction(text: str) -> str:
    """"09/10" as "9/10"."""
    return "/".join(str(int(part)) for part in text.split("/"))


def _value(text: str) -> float | None:
    """A number as Vietnamese writes it: "1.200" is twelve hundred, "2,5" two and a half."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        text = text.replace(".", "")
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None
