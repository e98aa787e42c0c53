"""Greetings, thanks and questions about the assistant itself: a short friendly reply, never a quote."""

from __future__ import annotations

import re

from rag.answer.question import WH
from rag.clean.metadata import PROVINCE

_I = re.IGNORECASE
# Each pattern covers a whole turn of small talk; "Xin chào, Đại hội … diễn ra ngày nào?"
# keeps its question once the greeting is stripped.
_GREETING = re.compile(r"^\s*(xin chào|chào buổi (?:sáng|trưa|chiều|tối)|chào bạn|chào em|chào anh|chào chị|chào|"
                       r"hello|hi|alo|hey)\b[\s,.!]*", _I)
_TAIL = r"(?:\s+(?:bạn|em|nhé|nha|nhiều|rất nhiều|lắm|ạ|à|vậy|thế|nhỉ|không))*[\s!?.…]*$"
_WHO = (r"(?:(?<!\w)(?:bạn|em|mày)\s+(?:là ai|tên (?:là )?gì|là gì|làm (?:được )?(?:gì|những gì)|"
        r"có thể (?:làm )?(?:gì|những gì)|(?:có thể )?giúp (?:được )?(?:gì|tôi (?:được )?gì)(?: (?:được )?cho (?:tôi|em|mình))?|"
        r"(?:có )?khỏe không|bao nhiêu tuổi)|kể (?:cho tôi )?(?:một )?(?:câu )?chuyện(?: cười)?|hôm nay (?:là )?thứ mấy|"
        r"mấy giờ rồi|chúc (?:bạn )?(?:một )?(?:buổi|ngày)(?: \w+){1,3})")
# What follows "bạn là ai," once the assistant is addressed: "giúp được gì cho tôi?".
_WHO_MORE = (r"(?:(?:bạn|em)\s+)?(?:làm (?:được )?(?:gì|những gì)|có thể (?:làm )?(?:gì|những gì)|"
             r"(?:có thể )?giúp (?:được )?(?:gì|tôi (?:được )?gì)(?: (?:được )?cho (?:tôi|em|mình))?)")
# Each pattern must cover the whole turn: "Cảm ơn, còn … ngày nào?" is a question, not thanks,
# and "Lượt xem là gì?" must not be read as "em là gì".
_SMALL_TALK = [
    ("thanks", re.compile(r"^\s*(?:xin\s+)?(?:cảm ơn|cám ơn|thanks?|thank you|tks)" + _TAIL, _I)),
    ("bye", re.compile(r"^\s*(?:tạm biệt|bye|hẹn gặp lại|chào tạm biệt)" + _TAIL, _I)),
    # "Bạn là ai, bạn giúp được gì cho tôi?": one or more of these, joined.
    ("who", re.compile(rf"^\s*{_WHO}(?:\s*(?:,|và|;)\s*(?:{_WHO}|{_WHO_MORE}))*" + _TAIL, _I)),
    # "ok 👍", "Vâng, tôi hiểu rồi": an acknowledgement, nothing asked.
    ("ok", re.compile(r"^\s*(?:(?:ok|oke|okay|ừ|ừm|vâng|dạ|được rồi|hiểu rồi|rõ rồi|tôi hiểu rồi|mình hiểu rồi|"
                      r"(?:xin )?(?:cảm ơn|cám ơn)(?: bạn)?(?: nhiều)?)(?:[\s,.!]+|$))+[^\w?]*$", _I)),
]
HELP = ("Tôi trả lời câu hỏi về các bài viết của cơ quan đã đưa vào hệ thống, và trích dẫn bài viết, "
        "ngày đăng và đoạn văn làm căn cứ. Ví dụ: “Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?”")
REPLIES = {
    "hello": "Xin chào! " + HELP,
    "thanks": "Rất vui được giúp. Bạn cứ hỏi tiếp về các bài viết nhé.",
    "bye": "Tạm biệt! Khi cần, bạn cứ hỏi về các bài viết của cơ quan.",
    "who": HELP,
    "ok": "Vâng. Bạn cứ hỏi tiếp về các bài viết nhé.",
}


# A polite request before the question ("Cho tôi biết …", "Bạn có biết …", "Tôi muốn hỏi về …"):
# its words are in no article, and unseen words weigh as much as the rarest name.
_REQUEST_LEAD = re.compile(
    r"^\s*(?:(?:bạn|anh|chị|em|ad|admin)\s+ơi[\s,]*)?(?:(?:xin|làm ơn|vui lòng|hãy|bạn|anh|chị|em)\s+)*"
    r"(?:(?:có thể\s+)?cho\s+(?:tôi|mình|em|tớ)\s+(?:hỏi|biết|được biết)|(?:có thể\s+)?cho\s+(?:hỏi|biết)|"
    r"(?:tôi|mình|em)\s+(?:muốn|cần)\s+(?:hỏi|biết)|có biết|xin\s+hỏi|"
    # "Quay lại Lạng Sơn, chủ đề đại hội là gì?": the place stays, the move is no question.
    r"(?:quay|trở)\s+(?:lại|về)(?:\s+(?:với|chuyện))?(?=\s+(?:tỉnh\s+|thành\s+phố\s+)?" + PROVINCE.pattern + r"\s*,)|"
    r"(?:ok|oke|okay|vâng|dạ|ừ|được rồi)(?=\s*,))"
    r"(?:\s+(?:là|về|thêm|xem|chút|một chút|với|nhé|nha|ạ))*(?!\w)[\s,:]*(?=\S)", _I)


# "Trong bối cảnh chúng tôi đang tổng hợp tư liệu …, xin cho biết: <question>": the request, with
# a colon, says where the question starts (an API probe's long preface had been searched too,
# and nothing found).
_REQUEST_INSIDE = re.compile(r"(?<!\w)(?:(?:xin|vui lòng|làm ơn|hãy)\s+cho\s+(?:(?:tôi|mình|em)\s+)?|"
                             r"cho\s+(?:tôi|mình|em)\s+)(?:hỏi|biết|được biết)\s*:\s*(?=\S)", _I)


def _only_context(preface: str) -> bool:
    """Whether the words before a request say only why it is asked: long, and pinning nothing
    down ("Về Đại hội Đảng bộ Sở GDĐT Lạng Sơn, xin cho biết: …" says which congress)."""
    return len(preface.split()) >= _CONTEXT_WORDS and not PROVINCE.search(preface) and not _PINS.search(preface)


_CONTEXT_WORDS = 12
_PINS = re.compile(r"\d")  # a year, a date, a document's code ("Chỉ thị 05-CT/TW")


def strip_preamble(question: str) -> str:
    """``question`` without a leading greeting ("Chào bạn, …") or polite request ("Cho tôi
    biết …", "Bạn có biết …"), nor what comes before a request ending in a colon ("…, xin cho
    biết: …")."""
    inside = list(_REQUEST_INSIDE.finditer(question))
    if inside and len(question[inside[-1].end():].split()) >= 3 and _only_context(question[: inside[-1].start()]):
        question = question[inside[-1].end():]
    rest = _GREETING.sub("", question, count=1).strip()
    asked = _REQUEST_LEAD.sub("", rest, count=1).strip()
    asked = _REQUEST_LEAD.sub("", asked, count=1).strip() or asked  # "Dạ, cho em hỏi …"
    if len(asked.split()) >= 2:
        return asked
    return rest or question.strip()  # "Em có biết không?" asks nothing else; "Xin chào" is small talk


def reply(question: str) -> str | None:
    """A friendly reply when ``question`` is small talk only, else ``None``."""
    rest = _GREETING.sub("", question, count=1).strip()
    if not rest.strip(" ?!.,"):
        return REPLIES["hello"] if question.strip() else None
    for kind, pattern in _SMALL_TALK:
        if pattern.search(rest):
            return REPLIES[kind]
    if _THANKS.match(rest) and "?" not in rest and not WH.search(rest) and not _REQUEST.search(rest):
        return REPLIES["thanks"]  # "Cảm ơn bạn nhiều nhé, bạn giải thích dễ hiểu quá!": nothing asked
    return None


_THANKS = re.compile(r"^\s*(?:xin\s+)?(?:cảm ơn|cám ơn|thanks?|thank you|tks)(?!\w)", _I)
# A request after the thanks is a question without a question word: "Cảm ơn, cho tôi biết thêm …".
_REQUEST = re.compile(r"(?<!\w)(?:cho (?:tôi|em|mình)|hãy|giúp|tìm|kể|liệt kê|nói|biết thêm|hỏi|xem|tra cứu|"
                      r"giải thích thêm|còn)(?!\w)", _I)


# English function words that no Vietnamese question typed without marks uses ("who", "the");
# not those it could ("do" for "do", "in" for "in", "can", "me", "long", "you", "is", "tell", "on").
_ENGLISH = {"the", "what", "who", "whom", "when", "where", "which", "why", "how", "are", "was", "were", "did",
            "does", "of", "for", "and", "with", "please", "about", "many", "much", "should", "must"}
IN_VIETNAMESE = "Trợ lý chỉ đọc câu hỏi tiếng Việt: bạn hãy hỏi lại bằng tiếng Việt."


def english(question: str) -> bool:
    """Whether ``question`` is written in English ("Who chaired the meeting in July 2020?", or
    mixed: "How many weeks summer holiday for giáo viên mầm non?"): at least two English
    function words, of those no Vietnamese word typed without marks could be where it has marks."""
    return sum(w in _ENGLISH for w in re.findall(r"[^\W\d_]+", question.casefold())) >= 2
