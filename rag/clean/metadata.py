"""Read the title, publication date, author and organisation that a page states."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from rag.clean.normalize import source_key

_I = re.IGNORECASE

# The commonest Vietnamese family names: an unlabelled by-line opens with one.
SURNAMES = {"nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ",
            "ngô", "dương", "lý", "hà", "lương", "trương", "đinh", "lâm", "mai", "tô", "cao", "đoàn", "tạ",
            "triệu", "thái", "văn", "châu", "quách", "kiều", "lưu", "chu", "tăng", "la", "hứa", "đào", "trịnh"}
# "Phan Xuân Nghĩa, Văn phòng Sở": a name of two to four syllables, maybe with its unit.
_BYLINE = re.compile(r"^\s*((?:[^\W\d_]+\s+){1,3}[^\W\d_]+)\s*(?:[,–-]\s*[^.:;!?]{2,60})?\s*$")

_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?!\d)")
# A date line in the header: a bare date, or a label and a date, maybe with a clock time.
_DATE_LINE = re.compile(
    r"^\s*(?:(?:cập nhật|ngày đăng|đăng ngày|ngày cập nhật|đăng lúc|thời gian đăng|ngày)\b[^\d]{0,20})?"
    r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?\s*,?\s*)?(?:thứ [^,]{1,8},\s*)?"
    r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}(?:\s*,?\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*$",
    _I,
)
_AUTHOR = re.compile(
    r"^\s*(tác giả(?: bài viết)?|thực hiện|người viết|bài(?: và ảnh)?|tin(?: và ảnh)?|người đăng)\s*:\s*(.{2,120})$",
    _I,
)
_SOURCE = re.compile(r"^\s*nguồn(?: tin)?\s*:\s*(.{2,120})$", _I)

PROVINCES = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn",
    "Bắc Ninh", "Bến Tre", "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau",
    "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai",
    "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
    "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
    "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An",
    "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi",
    "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên",
    "Thanh Hóa", "Thừa Thiên Huế", "Huế", "Tiền Giang", "Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh",
    "TP Hồ Chí Minh", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]
_PROVINCE = "|".join(sorted(map(re.escape, PROVINCES), key=len, reverse=True))
# A province named anywhere in a text, longest name first ("Bà Rịa - Vũng Tàu" before "Vũng Tàu").
PROVINCE = re.compile(r"(?<!\w)(" + _PROVINCE + r")(?!\w)", re.IGNORECASE)
_DEPARTMENT = r"Sở\s+(?:Giáo\s+dục\s+và\s+Đào\s+tạo|GD\s*&\s*ĐT|GDĐT|GD-ĐT|GD\s+và\s+ĐT)"
_DEPT_WITH_PROVINCE = re.compile(
    rf"{_DEPARTMENT}\s*(?:\((?:GDĐT|GD&ĐT)\))?\s*(?:tỉnh\s+|thành phố\s+|TP\.?\s*)?({_PROVINCE})(?!\w)"
)
_PROVINCE_MENTION = re.compile(rf"(?:tỉnh|thành phố|TP\.?)\s+({_PROVINCE})(?!\w)")


# "ngày 12 tháng 3 năm 2024", and the slip "08 ngày 5 năm 2023" seen on a sample page.
_DATE_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s+(?:tháng|ngày)\s+(\d{1,2})\s*(?:năm|,)\s*((?:19|20)\d{2})(?!\d)", _I)


# Legal documents' types, as printed above their names; longest first, so that "THÔNG TƯ LIÊN
# TỊCH" is not read as "THÔNG TƯ". Statutes are cited by number ("Nghị định 66/2026"); the
# other documents an office issues are named the same way.
STATUTE_TYPES = ("BỘ LUẬT", "LUẬT", "NGHỊ ĐỊNH", "THÔNG TƯ LIÊN TỊCH", "THÔNG TƯ", "QUYẾT ĐỊNH", "NGHỊ QUYẾT",
                 "CHỈ THỊ", "PHÁP LỆNH")
DOCUMENT_TYPES = STATUTE_TYPES + ("HƯỚNG DẪN", "KẾ HOẠCH", "CÔNG VĂN", "THÔNG BÁO")


def parse_date(text: str) -> str | None:
    """The first date in ``text`` written dd/mm/yyyy (or with - or .) or "ngày d tháng m năm y",
    as ISO ``yyyy-mm-dd``, if it is a real date."""
    found = sorted((m.start(), m) for pattern in (_DATE, _DATE_WORDS) for m in pattern.finditer(text))
    for _, m in found:
        day, month, year = (int(g) for g in m.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


# The event date a report opens with: "Ngày 21/5/2020, …", "…, chiều ngày 08/5/2023, …",
# "Sáng ngày 5 tháng 4 năm 2021 …". Only at the start of the paragraph or of a clause, so a
# date inside a reference ("Quyết định số 12 ngày 3/3/2024 của …") is not taken for it.
_EVENT_LEAD = re.compile(
    r"(?:^|[,;:]\s+)(?:vào\s+)?(?:(?:buổi\s+)?(?:sáng|trưa|chiều|tối|đêm)\s+)?(?:hôm\s+)?ngày\s+(?=\d)", _I)
# Where the date's own words end: "21/5/2020, Đảng bộ …", "03-7-2020 tại …", "12 và 13/3/2024".
_CLAUSE_END = re.compile(r"[,;:()]|\s(?:tại|ở|và|đến|-|–)\s", _I)


def vn_date(iso: str | None) -> str:
    """``2020-05-21`` as ``21/05/2020``, the order Vietnamese readers expect; empty if unknown."""
    if not iso:
        return ""
    try:
        return date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso


def event_date(paragraph: str) -> str | None:
    """The date of the event a paragraph reports ("Ngày 12/3/2024, …", "sáng ngày 5 tháng 4 năm
    2021, …"), as ISO, if it is a real date; ``None`` when the paragraph opens no clause with one.

    Used for pages that give no publication date: news reports state the event's date in
    their first sentence. A day without its year ("Ngày 12/3, …") is not guessed.
    """
    for m in _EVENT_LEAD.finditer(paragraph):
        clause = _CLAUSE_END.split(paragraph[m.end() : m.end() + 40], maxsplit=1)[0].strip()
        if (found := _leading_date(clause)) is not None:
            return found
    return None


def _leading_date(clause: str) -> str | None:
    """The date a clause starts with: the numeric and Vietnamese forms, else (for words such as
    "5 tháng Tư năm 2021") dateparser in strict mode; validated either way."""
    m = _DATE.match(clause) or _DATE_WORDS.match(clause)
    if m:
        day, month, year = (int(g) for g in m.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    if not re.search(r"\btháng\b", clause, _I):
        return None
    import dateparser  # slow to import; only for the rare written-out months

    parsed = dateparser.parse(clause, languages=["vi"], settings={"STRICT_PARSING": True, "DATE_ORDER": "DMY"})
    return parsed.date().isoformat() if parsed else None


def parse_stated_date(value: str) -> str | None:
    """A date a source states as metadata (JSONL, HTML): ISO, Vietnamese or English
    ("March 5, 2024"), as ISO; ``None`` when it is not a real date, never a cut string."""
    value = value.strip()
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    found = parse_date(value)
    if found:
        return found
    import dateparser  # slow to import; only for the rare written-out forms

    parsed = dateparser.parse(value, languages=["vi", "en"], settings={"STRICT_PARSING": True})
    return parsed.date().isoformat() if parsed else None


def is_date_line(line: str) -> bool:
    """True for a header line that only states a date (and maybe a time)."""
    return bool(_DATE_LINE.match(line))


def author_of(line: str) -> str | None:
    """The author named by a by-line such as "Tác giả: …" or "Thực hiện: …"."""
    m = _AUTHOR.match(line)
    return m.group(2).strip() if m else None


def unlabelled_author(line: str) -> str | None:
    """The author of an article whose last line is a bare by-line ("Phan Xuân Nghĩa, Văn
    phòng Sở"): a Vietnamese name (a family name, two to four capitalised syllables),
    maybe followed by a unit; ``None`` for any other line."""
    m = _BYLINE.match(line)
    # "Hà Nội, ngày 5 tháng 3 năm 2023", "Văn Phòng Sở": a place, a date or a unit is no name.
    if not m or re.search(r"\d|ngày|tháng", line, _I) or m.group(1).casefold() in PROVINCES_FOLDED:
        return None
    words = m.group(1).split()
    if words[0].casefold() not in SURNAMES - {"văn"} or not all(w[0].isupper() and w[1:].islower() for w in words):
        return None
    return m.group(1)


# Provinces in lower case, for set look-ups (PROVINCES has "Hà Nội" and "Thành phố Hồ Chí Minh").
PROVINCES_FOLDED = {p.casefold() for p in PROVINCES}


def source_of(line: str) -> str | None:
    """The source named by a "Nguồn: …" line."""
    m = _SOURCE.match(line)
    return m.group(1).strip() if m else None


# The Department named with no province: what an article naming none is filed under.
NO_PROVINCE = "Sở Giáo dục và Đào tạo"


def organisation_label(source: str) -> str:
    """``source`` as staff read it in lists: the bare Department says why it stands apart
    (its articles name no province), or it reads as a unit of its own."""
    return f"{source} (không ghi tỉnh)" if source_key(source) == source_key(NO_PROVINCE) else source


def organisation_of(text: str) -> str | None:
    """The Department of Education and Training the article is about, when stated.

    A province written right after the department's name wins; otherwise, for an article
    that names the department, the province the text mentions most.
    """
    named = Counter(_short_province(m.group(1)) for m in _DEPT_WITH_PROVINCE.finditer(text))
    if not named:
        if not re.search(_DEPARTMENT, text):
            return None
        named = Counter(_short_province(m.group(1)) for m in _PROVINCE_MENTION.finditer(text))
        if not named:
            return NO_PROVINCE
    return f"Sở Giáo dục và Đào tạo {named.most_common(1)[0][0]}"


def _short_province(name: str) -> str:
    return "Thành phố Hồ Chí Minh" if "Hồ Chí Minh" in name else name.replace("–", "-")
