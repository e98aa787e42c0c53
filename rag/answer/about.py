"""Questions about an article itself: who wrote it.

"Ai viết bài về Đại hội …?" asks for the by-line, which no sentence of the prose holds, so
sentence scoring quotes the prose about the congress. The cleaner keeps the by-line in the
article's text ("Tác giả: Lương Thị Bích Ngà", "Phan Xuân Nghĩa, Văn phòng Sở"), and the
answer quotes that line, the author's name being the short answer.
"""

from __future__ import annotations

import re

_ASKS_AUTHOR = re.compile(
    r"(?<!\w)(?:ai (?:là )?(?:viết|tác giả|thực hiện|đưa tin|đứng tên)|tác giả (?:của )?(?:bài|tin)|"
    r"người viết|do ai (?:viết|thực hiện|đứng tên|đưa tin)|đứng tên tác giả|(?:bài|tin)(?: viết)? của ai|"
    r"tác giả (?:là )?ai)(?!\w)",
    re.IGNORECASE,
)


def asks_author(question: str) -> bool:
    """Whether ``question`` asks who wrote an article ("Ai viết bài …", "Tác giả bài … là ai")."""
    return bool(_ASKS_AUTHOR.search(question))


def byline(text: str, author: str | None) -> tuple[int, int, int, int] | None:
    """Offsets in ``text`` of the line naming ``author`` last (the by-line) and of the name
    in it: ``(line_start, line_end, name_start, name_end)``; ``None`` when the text does
    not name the author (an author read from a page's markup or a JSON field only)."""
    if not author:
        return None
    at = text.rfind(author)
    if at < 0:
        return None
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end, at, at + len(author)
