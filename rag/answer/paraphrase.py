"""A post named by what it does ("người đứng đầu Sở") read as the post itself ("Giám đốc Sở").

Articles name the holder of a post by its title ("bà Nguyễn Thị Bạch Vân, Giám đốc Sở GDĐT");
staff ask by the role ("Người đứng đầu Sở GDĐT Trà Vinh là ai?"). The title is what the
search, the post checks and the holder rule read, so the question is reworded before them, and
the reworded question is what the reply shows as read.
"""

from __future__ import annotations

import re

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
