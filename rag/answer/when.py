"""Yes or no to when something happened: "Đại hội … diễn ra năm 2021 phải không?".

The year in such a question is the claim, not what pins the article down: read as a scope it
refused the question ("… không có thông tin về năm 2021") though the article dates the
congress 21/5/2020. The question is asked as "… diễn ra khi nào?", and the date the quote
gives settles the claim: "không" when it states another day, month or year than claimed, "có"
when it states the same, nothing when it states less than is claimed (a year for a day).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.answer.span.confirm import asks_yes_no
from rag.answer.span.dates import names_day
from rag.clean.metadata import parse_date

_I = re.IGNORECASE
# What happens on a day: the event's verb, then the claimed time ("diễn ra vào tháng 6 năm 2020",
# "được tổ chức ngày 21/5/2020", "khai mạc năm 2021").
_EVENT_VERB = (r"diễn ra|được tổ chức|tổ chức|tiến hành|được tiến hành|khai mạc|bế mạc|họp|khai giảng|"
               r"ban hành|được ban hành|có hiệu lực|ký")
_WHEN = (r"(?:ngày\s+\d{1,2}\s*(?:[/.-]\s*\d{1,2}|tháng\s+\d{1,2})(?:\s*(?:[/.-]|năm)\s*\d{4})?"
         r"|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"
         r"|tháng\s+\d{1,2}(?:\s*(?:[/.-]|năm)\s*\d{4})?"
         r"|năm\s+\d{4})")
# The yes/no ending, and "Có phải" opening, which the "when" (and "how many",
# :mod:`rag.answer.tally`) question drops.
TAIL = (r"\s*(?:,\s*)?(?:có\s+)?(?:phải\s+không|đúng\s+không|có\s+đúng\s+không|không|chưa)"
         r"(?:\s+(?:ạ|vậy|nhỉ|nhé|hả|à|thế))?\s*[?.!]*\s*$")
# The time claimed is what the question ends on: "Nghị định 233 ban hành năm 2026 có áp dụng
# đối với viên chức không?" claims no date, it asks whom the decree applies to.
_CLAIM = re.compile(rf"(?<!\w)(?P<verb>{_EVENT_VERB})\s+(?P<lead>vào\s+|trong\s+|(?:kể\s+)?từ\s+)?"
                    rf"(?P<when>{_WHEN})(?!\d)(?={TAIL})", _I)
OPENING = re.compile(r"^\s*(?:có\s+phải\s+(?:là\s+)?|phải\s+chăng\s+)", _I)


@dataclass
class Claim:
    """A claimed day, month and year (each ``None`` when not claimed), and the question that
    asks when instead ("Đại hội … diễn ra vào ngày nào?")."""

    asked: str
    day: int | None
    month: int | None
    year: int | None


def claim_in(question: str, pattern: re.Pattern) -> re.Match | None:
    """Where ``pattern`` finds the claim of a yes/no question ("… năm 2021 phải không?"), if
    ``question`` asks yes or no at all."""
    return pattern.search(question) if asks_yes_no(question) else None


def claimed(question: str) -> Claim | None:
    """The time a yes/no question claims an event happened at, or ``None``."""
    found = claim_in(question, _CLAIM)
    if not found:
        return None
    day, month, year = parts(found.group("when"))
    if year is None and month is None:
        return None
    rest = OPENING.sub("", question[: found.start("lead") if found.group("lead") else found.start("when")])
    rest = re.sub(r"(?<=\s)(?:có\s+)?phải\s+(?:là\s+)?(?=\S)", "", rest).rstrip(" ,")
    if not rest:
        return None
    # Asked for the day: a year or a school year the article also names ("báo cáo … năm 2020",
    # "năm học 2019 - 2020") would settle nothing. "có hiệu lực từ …" keeps its "từ", which says
    # which of a statute's dates is asked.
    since = (found.group("lead") or "").strip().lower().endswith("từ")
    asked = rest[:1].upper() + rest[1:] + (" từ ngày nào?" if since else " vào ngày nào?")
    return Claim(asked, day, month, year)


def parts(text: str) -> tuple[int | None, int | None, int | None]:
    """(day, month, year) a date as written states: "21/5/2020", "ngày 21 tháng 5 năm 2020",
    "03-7-2020", "tháng 6 năm 2020", "năm 2021"."""
    text = " ".join(text.split())
    full = parse_date(text)  # "21/5/2020", "01 tháng 7 năm 2026" as statutes write it, "08 ngày 5 năm 2023"
    if full:
        year, month, day = (int(part) for part in full.split("-"))
        return day, month, year
    # Less than a whole date: "ngày 21/5", "ngày 21 tháng 5", "tháng 6 năm 2020", "năm 2021".
    day = re.search(r"ngày\s+(\d{1,2})(?:\s*[/.-]\s*(\d{1,2}))?|(?<!\d)(\d{1,2})(?=\s+tháng)", text, _I)
    month = re.search(r"tháng\s+(\d{1,2})", text, _I)
    year = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)
    d = int(day.group(1) or day.group(3)) if day else None
    m = int(month.group(1)) if month else (int(day.group(2)) if day and day.group(2) else None)
    return d, m, int(year.group(1)) if year else None


def verdict(claim: Claim, date: str) -> str | None:
    """"có" when ``date`` (the short answer) states each part of the claim alike, "không" when
    it states one otherwise, ``None`` when it does not state a part the claim names, or names
    no day: a bare year in the quote is as likely another thing's ("đến hết năm 2022")."""
    if not names_day(date):
        return None
    stated = parts(date)
    asked = (claim.day, claim.month, claim.year)
    if any(a is not None and s is not None and a != s for a, s in zip(asked, stated)):
        return "không"
    if all(a is None or s is not None for a, s in zip(asked, stated)):
        return "có"
    return None
