"""Greetings, thanks and questions about the assistant itself: a short friendly reply, never a quote."""

from __future__ import annotations

import re

_I = re.IGNORECASE
# Each pattern covers a whole turn of small talk; "Xin chào, Đại hội … diễn ra ngày nào?"
# keeps its question once the greeting is stripped.
_GREETING = re.compile(r"^\s*(xin chào|chào bạn|chào em|chào anh|chào chị|chào|hello|hi|alo|hey)\b[\s,.!]*", _I)
_SMALL_TALK = [
    ("thanks", re.compile(r"^\s*(xin )?(cảm ơn|cám ơn|cảm ơn bạn|thanks?|thank you|tks)\b.*$", _I)),
    ("bye", re.compile(r"^\s*(tạm biệt|bye|hẹn gặp lại|chào tạm biệt)\b.*$", _I)),
    ("who", re.compile(r"(bạn|em|mày) (là ai|tên (là )?gì|là gì)|bạn làm (được )?(gì|những gì)|"
                       r"bạn (có thể|giúp được|giúp) (gì|làm gì|những gì|tôi (được )?gì)|"
                       r"(bạn|em) (có )?khỏe không|bạn (có )?(vui|buồn) không|bạn bao nhiêu tuổi|"
                       r"kể (cho tôi )?(một )?(câu )?chuyện|chuyện cười|hôm nay (là )?thứ mấy|"
                       r"mấy giờ rồi|chúc (bạn )?(một )?(buổi|ngày)", _I)),
]
HELP = ("Tôi trả lời câu hỏi về các bài viết đã được lập chỉ mục của cơ quan, và trích dẫn bài viết, "
        "ngày đăng và đoạn văn làm căn cứ. Ví dụ: “Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?”")
REPLIES = {
    "hello": "Xin chào! " + HELP,
    "thanks": "Rất vui được giúp. Bạn cứ hỏi tiếp về các bài viết nhé.",
    "bye": "Tạm biệt! Khi cần, bạn cứ hỏi về các bài viết của cơ quan.",
    "who": HELP,
}


def strip_greeting(question: str) -> str:
    """``question`` without a leading greeting ("Chào bạn, …")."""
    return _GREETING.sub("", question, count=1).strip()


def reply(question: str) -> str | None:
    """A friendly reply when ``question`` is small talk only, else ``None``."""
    rest = strip_greeting(question)
    if not rest.strip(" ?!.,"):
        return REPLIES["hello"] if question.strip() else None
    for kind, pattern in _SMALL_TALK:
        if pattern.search(rest):
            return REPLIES[kind]
    return None
