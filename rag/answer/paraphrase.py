"""A question in the articles' own words: a post named by what it does ("người đứng đầu Sở")
read as the post itself ("Giám đốc Sở"), a phrase the articles write otherwise ("trúng cử") as
they write it ("được bầu").

Articles name the holder of a post by its title ("bà Nguyễn Thị Bạch Vân, Giám đốc Sở GDĐT");
staff ask by the role ("Người đứng đầu Sở GDĐT Trà Vinh là ai?"). The title is what the
search, the post checks and the holder rule read, so the question is reworded before them, and
the reworded question is what the reply shows as read.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.text import segment

_I = re.IGNORECASE
_HEAD = r"(?:người\s+đứng\s+đầu|(?:người\s+)?lãnh\s+đạo\s+cao\s+nhất|cấp\s+trưởng|thủ\s+trưởng)"
_DEPUTY = r"(?:cấp\s+phó|người\s+phó)"
_ROLE = re.compile(rf"(?<!\w)(?:({_HEAD})|({_DEPUTY}))\s+(?:của\s+)?(?=\w)", _I)
# The title that heads each kind of body, by the body's word as pyvi reads it (so "tổ_chức",
# "bộ_phận", "hội_nghị", "ban_chấp_hành" are no "tổ", "bộ", "hội", "ban"), written before the
# body's own word ("Trưởng" + "phòng GDĐT"), and its deputy's.
_TITLES = {
    "sở": ("Giám đốc", "Phó Giám đốc"),
    "trường": ("Hiệu trưởng", "Phó Hiệu trưởng"),
    "công_đoàn": ("Chủ tịch", "Phó Chủ tịch"),
    "ủy_ban": ("Chủ tịch", "Phó Chủ tịch"),
    "ubnd": ("Chủ tịch", "Phó Chủ tịch"),
    "hội_đồng": ("Chủ tịch", "Phó Chủ tịch"),
    "hđnd": ("Chủ tịch", "Phó Chủ tịch"),
    "hội": ("Chủ tịch", "Phó Chủ tịch"),
    "phòng": ("Trưởng", "Phó Trưởng"),
    "ban": ("Trưởng", "Phó Trưởng"),
    "khoa": ("Trưởng", "Phó Trưởng"),
    "bộ": ("Bộ trưởng", "Thứ trưởng"),
    "tổ": ("Tổ trưởng", "Tổ phó"),
    **{body: ("Bí thư", "Phó Bí thư") for body in ("đảng_ủy", "đảng_uỷ", "đảng_bộ", "chi_bộ", "chi_ủy", "tỉnh_ủy",
                                                  "huyện_ủy", "thành_ủy", "đoàn_thanh_niên")},
}
# Bodies headed otherwise than their first word says: the Ủy ban Kiểm tra by its Chủ nhiệm, a
# "Ban Giám hiệu" by the Hiệu trưởng; left as asked.
_OTHERWISE = {("ủy_ban", "kiểm_tra"), ("ban", "giám_hiệu"), ("ban", "giám_đốc"), ("ban", "thường_vụ")}
# Only a question asking who: "Người đứng đầu cơ quan có trách nhiệm gì?" quotes a statute's
# own term, which the article writes as such; "Tên gọi chức danh của người đứng đầu …" asks
# for the title itself.
_ASKS_WHO = re.compile(r"(?<!\w)(?:ai|họ\s+tên|họ\s+và\s+tên|tên\s+(?:là\s+)?gì)(?!\w)", _I)
_WHO_HEADS = re.compile(r"(?<!\w)ai\s+(?:là\s+người\s+|là\s+)?đứng\s+đầu\s+(?=\w)", _I)
_ASKS_TITLE = re.compile(r"(?<!\w)(?:chức\s+danh|chức\s+vụ|tên\s+gọi)(?!\w)", _I)


def posts_named(question: str) -> str:
    """``question`` with a role that heads a body ("người đứng đầu", "cấp trưởng", "lãnh đạo
    cao nhất", "thủ trưởng"; "cấp phó" for the deputy) replaced by the body's title: "Người
    đứng đầu Sở GDĐT Trà Vinh là ai?" → "Giám đốc Sở GDĐT Trà Vinh là ai?", "Ai là cấp phó của
    phòng GDĐT?" → "Ai là Phó Trưởng phòng GDĐT?". Questions not asking who, and bodies whose
    head has no one title ("cơ quan", "đơn vị", "tổ chức"), are returned unchanged."""
    if not _ASKS_WHO.search(question) or _ASKS_TITLE.search(question):
        return question
    # "Ai đứng đầu Sở …?" asks the same, when the body has a title ("Ai đứng đầu danh sách?" does not).
    headed = _WHO_HEADS.sub(lambda m: m.group(0)[0] + "i là người đứng đầu ", question)
    if headed != question:
        titled_question = posts_named(headed)
        return titled_question if titled_question != headed else question

    def titled(m: re.Match) -> str:
        words = segment(question[m.end():])[:2]
        titles = _TITLES.get(words[0]) if words else None
        if not titles or tuple(words) in _OTHERWISE:
            return m.group(0)
        return f"{titles[1] if m.group(2) else titles[0]} "

    return _ROLE.sub(titled, question)


# What staff say and what the articles write for the same thing. "trúng cử" is one pyvi word,
# so whether the index writes it is known exactly: it is replaced only where the index never
# does. "lời khai mạc" is two, and "lời" is everywhere, so it is replaced wherever the index
# writes the official "diễn văn" (the "khai mạc" both share is searched either way).
_DOCUMENT = r"(?:nghị\s+định|bộ\s+luật|luật|thông\s+tư|quyết\s+định|nghị\s+quyết|pháp\s+lệnh|văn\s+bản)"
_SAID_OTHERWISE = [  # (asked, written, only where the index never writes the asked word)
    (re.compile(rf"(?<!\w){re.escape(said)}(?!\w)", _I), said, written, guarded) for said, written, guarded in (
        ("trúng cử", "được bầu", True),
        ("đắc cử", "được bầu", True),
        ("lời khai mạc", "diễn văn khai mạc", False),
        ("lời bế mạc", "diễn văn bế mạc", False),
        # "… được bầu chức gì?": pyvi reads "bầu_chức", a word no article has.
        ("bầu chức", "bầu giữ chức", False),
    )
] + [
    # "… bắt đầu áp dụng từ ngày nào?": a statute says when it takes effect ("có hiệu lực thi
    # hành từ ngày …"). Only "from when": "Học bổng … được áp dụng khi nào?" asks in what case.
    (re.compile(r"(?<!\w)(?:bắt\s+đầu\s+)?(?:được\s+)?áp\s+dụng(?=\s+(?:kể\s+)?từ\s+(?:(?:ngày|khi|lúc|thời\s+điểm)\s+nào"
                r"|bao\s+giờ))", _I), "áp dụng", "có hiệu lực", False),
    # "Nghị định 233 thay thế nghị định nào?": a statute says which ones it replaces as "Nghị định
    # số 90/2020/NĐ-CP … hết hiệu lực kể từ ngày Nghị định này có hiệu lực".
    (re.compile(r"(?<!\w)thay\s+thế(?=\s+(?:cho\s+)?(?:các\s+)?" + _DOCUMENT + r"(?:\s+\S+){0,3}?\s+nào)", _I),
     "thay thế", "làm hết hiệu lực", False),
]


def as_written(question: str, knows: Callable[[str], bool]) -> str:
    """``question`` with a phrase the articles write otherwise in their words: "Ai trúng cử
    chức Phó Bí thư …?" → "Ai được bầu chức Phó Bí thư …?" when the index has "bầu" and not
    "trúng_cử"; "lời khai mạc" → "diễn văn khai mạc" when it has "diễn_văn". ``knows(word)``:
    whether the index has a (pyvi) word."""
    for pattern, said, written, guarded in _SAID_OTHERWISE:
        if not pattern.search(question) or not all(knows(w) for w in segment(written)):
            continue
        if guarded and all(knows(w) for w in segment(said)):
            continue
        question = pattern.sub(lambda m: written[0].upper() + written[1:] if m.group(0)[0].isupper() else written,
                               question)
    return question
