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

_I = re.IGNORECASE
_HEAD = r"(?:người\s+đứng\s+đầu|(?:người\s+)?lãnh\s+đạo\s+cao\s+nhất|cấp\s+trưởng|thủ\s+trưởng)"
_DEPUTY = r"(?:cấp\s+phó|người\s+phó)"
# The title that heads each kind of body, written before the body's own word ("Trưởng" +
# "phòng GDĐT"), and its deputy's. Longer bodies first: "hội đồng nhân dân" before "hội".
_BODIES = [
    (r"sở", "Giám đốc", "Phó Giám đốc"),
    (r"trường", "Hiệu trưởng", "Phó Hiệu trưởng"),
    (r"đảng\s+bộ|đảng\s+(?:ủy|uỷ)|chi\s+bộ|(?:tỉnh|huyện|thành)\s+(?:ủy|uỷ)|đoàn\s+thanh\s+niên", "Bí thư", "Phó Bí thư"),
    (r"công\s+đoàn|(?:ủy|uỷ)\s+ban|ubnd|hội\s+đồng\s+nhân\s+dân|hđnd|hội", "Chủ tịch", "Phó Chủ tịch"),
    (r"phòng|ban|khoa", "Trưởng", "Phó Trưởng"),
    (r"bộ", "Bộ trưởng", "Thứ trưởng"),
    (r"tổ", "Tổ trưởng", "Tổ phó"),
]
_ROLE = re.compile(rf"(?<!\w)(?:({_HEAD})|({_DEPUTY}))\s+(?:của\s+)?(?=({'|'.join(b for b, _, _ in _BODIES)})(?!\w))",
                   _I)
# Only a question asking who: "Người đứng đầu cơ quan có trách nhiệm gì?" quotes a statute's
# own term, which the article writes as such.
_ASKS_WHO = re.compile(r"(?<!\w)(?:ai|họ\s+tên|tên\s+(?:là\s+)?gì|tên\s+gọi)(?!\w)", _I)


def posts_named(question: str) -> str:
    """``question`` with a role that heads a body ("người đứng đầu", "cấp trưởng", "lãnh đạo
    cao nhất"; "cấp phó" for the deputy) replaced by the body's title: "Người đứng đầu Sở GDĐT
    Trà Vinh là ai?" → "Giám đốc Sở GDĐT Trà Vinh là ai?", "Ai là cấp phó của phòng GDĐT?" →
    "Ai là Phó Trưởng phòng GDĐT?". Questions not asking who, and bodies whose head has no one
    title ("cơ quan", "đơn vị"), are returned unchanged."""
    if not _ASKS_WHO.search(question):
        return question

    def titled(m: re.Match) -> str:
        for pattern, head, deputy in _BODIES:
            if re.fullmatch(pattern, m.group(3), _I):
                return f"{deputy if m.group(2) else head} "
        return m.group(0)

    return _ROLE.sub(titled, question)


# What staff say and what the articles write for the same thing. A phrase is replaced only
# when the index never writes one of its words and does write all of the replacement's, so
# articles that do say "trúng cử" are searched as asked.
_SAID_OTHERWISE = [
    ("trúng cử", "được bầu"),
    ("đắc cử", "được bầu"),
    ("lời khai mạc", "diễn văn khai mạc"),
    ("lời bế mạc", "diễn văn bế mạc"),
    ("bài phát biểu khai mạc", "diễn văn khai mạc"),
]


def as_written(question: str, knows: Callable[[str], bool], words: Callable[[str], list[str]]) -> str:
    """``question`` with a phrase the articles write otherwise in their words: "Ai trúng cử
    chức Phó Bí thư …?" → "Ai được bầu chức Phó Bí thư …?" when the index has "bầu" and not
    "trúng_cử". ``knows(word)``: whether the index has a (pyvi) word; ``words(text)``: pyvi's
    words of a text."""
    for said, written in _SAID_OTHERWISE:
        pattern = re.compile(rf"(?<!\w){re.escape(said)}(?!\w)", _I)
        if pattern.search(question) and not all(knows(w) for w in words(said)) \
                and all(knows(w) for w in words(written)):
            question = pattern.sub(written, question)
    return question
