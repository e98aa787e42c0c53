"""Statute articles a question cites by number: "Theo Điều 17, sàn … phải báo trước mấy ngày?".

Staff who read a law ask about its provisions by number. The number tells where the answer
is, not what it says: sentences under "Điều 17." answer, others do not; the cited number is
no word a sentence shares with the question (the heading says it, the clauses below do not);
and a statute with no Điều 17 cannot answer at all.
"""

from __future__ import annotations

import bisect
import re

# "Điều 17", "điều 5a"; not "Điều lệ", "điều kiện", "điều gì" (no number follows).
CITED = re.compile(r"(?<!\w)điều\s+(\d{1,3}[a-zđ]?)(?!\w)", re.IGNORECASE)
# A statute's article heading opens its line: "Điều 17. Tạm khóa …", "ĐIỀU 17:", "Điều 17 -".
_HEADING = re.compile(r"^[ \t]*(Điều[ \t]+(\d{1,3}[a-zđ]?))[ \t]*(?:[.:]|[-–](?=[ \t]))", re.MULTILINE | re.IGNORECASE)


# Numbered clauses of an article: "khoản 2 Điều 112", "khoản 2 của Điều 112", "khoản 2, Điều 112",
# "Điều 112 khoản 2", "khoản 1, 2 Điều 5", "khoản 2 và khoản 3 Điều 5".
_ITEMS = r"\d{1,2}(?:\s*(?:,|và|hoặc)\s*(?:khoản\s+)?\d{1,2})*"
CLAUSE = re.compile(rf"(?<!\w)khoản\s+({_ITEMS})\s*,?\s*(?:của\s+)?điều\s+(\d{{1,3}}[a-zđ]?)(?!\w)"
                    rf"|(?<!\w)điều\s+(\d{{1,3}}[a-zđ]?)\s*,?\s*khoản\s+({_ITEMS})(?!\w)", re.IGNORECASE)


def clauses(question: str) -> dict[str, list[str]]:
    """``{article: [clauses]}`` for the clauses ``question`` cites ("khoản 2 Điều 112" →
    {"112": ["2"]}, "khoản 1, 2 Điều 5" → {"5": ["1", "2"]})."""
    out: dict[str, list[str]] = {}
    for m in CLAUSE.finditer(question):
        items, number = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        listed = out.setdefault(number.lower(), [])
        listed += [n for n in (x.lstrip("0") or "0" for x in re.findall(r"\d{1,2}", items)) if n not in listed]
    return out


def cited(question: str) -> list[str]:
    """The article numbers ``question`` cites ("Điều 17" → "17"), in its order."""
    return list(dict.fromkeys(m.group(1).lower() for m in CITED.finditer(question)))


def headings(text: str) -> tuple[list[int], list[str]]:
    """Where each article of a statute's ``text`` starts, and its number (two parallel lists)."""
    found = [(m.start(1), m.group(2).lower()) for m in _HEADING.finditer(text)]
    return [at for at, _ in found], [number for _, number in found]


def at(heads: tuple[list[int], list[str]], position: int) -> str | None:
    """The number of the article ``position`` lies in (``None`` before the first one)."""
    starts, numbers = heads
    k = bisect.bisect_right(starts, position) - 1
    return numbers[k] if k >= 0 else None


def spanned(heads: tuple[list[int], list[str]], start: int, end: int) -> set[str]:
    """The numbers of the articles a stretch ``[start, end)`` of the text lies in or opens."""
    starts, numbers = heads
    first = bisect.bisect_right(starts, start) - 1
    last = bisect.bisect_left(starts, end) - 1
    return set(numbers[max(first, 0) : last + 1]) if last >= 0 else set()


# "Điều 17 quy định gì?", "Điều 5 của Luật này nói về vấn đề gì?", "Nội dung của Điều 17 là gì?":
# what the article is about, which its heading says. Not past a comma: "Theo Điều 105, người
# sử dụng lao động có quyền quy định gì?" asks what the clause says.
_ASKS_SUBJECT = re.compile(
    r"(?<!\w)điều\s+\d{1,3}[a-zđ]?(?!\w)[^?.,;]{0,40}?\s(?:quy định|nói|đề cập|có)\s+(?:(?:về|đến|tới)\s+)?"
    r"(?:(?:vấn đề|nội dung|những|điều|việc)\s+)*(?:gì|nào)\s*\??\s*$"
    r"|^\s*nội dung(?:\s+chính)?\s+của\s+(?:khoản\s+\d{1,2}\s+(?:của\s+)?)?điều\s+\d{1,3}[a-zđ]?(?!\w)[^?.,;]{0,40}?"
    r"\s(?:là\s+)?gì\s*\??\s*$",
    re.IGNORECASE)


def asks_subject(question: str) -> bool:
    """Whether ``question`` asks what a cited statute article is about ("Điều 17 quy định gì?")."""
    return bool(_ASKS_SUBJECT.search(question))


def heading(text: str, heads: tuple[list[int], list[str]], number: str) -> tuple[int, int, int] | None:
    """Offsets in ``text`` of article ``number``'s heading line (start, end, without "\\r" or
    trailing blanks) and of its title after "Điều 17." (``end`` when the title is on the next
    line); ``None`` if the statute has no such article."""
    starts, numbers = heads
    if number not in numbers:
        return None
    start = starts[numbers.index(number)]
    end = text.find("\n", start)
    end = start + len(text[start : len(text) if end < 0 else end].rstrip())
    marker = _HEADING.match(text, text.rfind("\n", 0, start) + 1).end()
    title = marker + len(text[marker:end]) - len(text[marker:end].lstrip())
    return start, end, min(title, end)


def clause(text: str, heads: tuple[list[int], list[str]], number: str, item: str) -> tuple[int, int] | None:
    """Offsets in ``text`` of clause ``item`` of article ``number`` ("2. …", with its points
    "a) …"), without trailing blanks: up to clause 3, then as :func:`_ending` says; ``None`` if
    the article or the clause is not there."""
    stretch = _article(text, heads, number)
    if not stretch:
        return None
    found = re.compile(rf"^[ \t]*0?{item}[.)](?!\d)[ \t]*(?=\S)", re.MULTILINE).search(text, *stretch)
    if not found:
        return None
    start = found.end() - len(found.group(0).lstrip())
    after = re.compile(rf"^[ \t]*0?{int(item) + 1}[.)](?!\d)", re.MULTILINE).search(text, found.end(), stretch[1])
    end = _ending(text, found.end(), after.start() if after else stretch[1])
    return start, start + len(text[start:end].rstrip())


def body(text: str, heads: tuple[list[int], list[str]], number: str, limit: int = 1500) -> tuple[int, int] | None:
    """Offsets in ``text`` of article ``number`` from its heading on, as :func:`_ending` says
    it ends, cut at the last line end within ``limit`` characters (the heading line at least)."""
    stretch = _article(text, heads, number)
    if not stretch:
        return None
    start, end = stretch[0], _ending(text, *stretch)
    if end - start > limit:
        cut = text.rfind("\n", start, start + limit)
        heading_end = text.find("\n", start, end)
        end = max(cut, heading_end if heading_end > 0 else end)
    return start, start + len(text[start:end].rstrip())


def items(text: str, heads: tuple[list[int], list[str]], number: str) -> int:
    """How many numbered clauses article ``number`` has (1., 2., … in order; 0 for none)."""
    found = body(text, heads, number, limit=len(text))
    if not found:
        return 0
    count = 0
    for m in re.finditer(r"^[ \t]*0?(\d{1,2})[.)](?!\d)", text[found[0]:found[1]], re.MULTILINE):
        if int(m.group(1)) == count + 1:
            count += 1
    return count


def _article(text: str, heads: tuple[list[int], list[str]], number: str) -> tuple[int, int] | None:
    """Offsets of article ``number`` in ``text``: from its heading to the next article's (or
    the text's end); ``None`` if the statute has no such article."""
    starts, numbers = heads
    if number not in numbers:
        return None
    k = numbers.index(number)
    return starts[k], starts[k + 1] if k + 1 < len(starts) else len(text)


# A chapter or section heading ("Chương II", "Mục 1"; not "Mục tiêu …"), the line recording a
# law's passing ("Luật này đã được Quốc hội … thông qua …"), or the signature block.
_PART = re.compile(r"^[ \t]*(?:(?:Chương|Mục|Phần)[ \t]+(?:\d+|[IVXLC]+)\b|Nơi nhận|(?:Bộ luật|Luật|Nghị quyết) này đã được"
                   r"[ \t]+Quốc hội)", re.MULTILINE | re.IGNORECASE)


def _ending(text: str, start: int, end: int) -> int:
    """Where a stretch of an article that opens at ``start`` ends, at ``end`` at the latest: at
    a "Chương II" / "Mục 1" heading, a law's passing ("Luật này đã được Quốc hội …"), "Nơi
    nhận", or a line in capitals (a chapter's title, the signer's "CHỦ TỊCH QUỐC HỘI")."""
    part = _PART.search(text, start, end)
    end = part.start() if part else end
    line_start = text.find("\n", start, end)
    while 0 <= line_start < end:
        line_end = text.find("\n", line_start + 1, end)
        line = text[line_start + 1 : end if line_end < 0 else line_end].strip()
        if len(line) >= 4 and line.upper() == line and any(c.isalpha() for c in line):
            return line_start
        line_start = line_end
    return end
