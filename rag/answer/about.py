"""Questions about an article itself: who wrote it, when it was published, what it says in brief.

"Ai viết bài về Đại hội …?" asks for the by-line, which no sentence of the prose holds, so
sentence scoring quotes the prose about the congress. The cleaner keeps the by-line in the
article's text ("Tác giả: Lương Thị Bích Ngà", "Phan Xuân Nghĩa, Văn phòng Sở"), and the
answer quotes that line, the author's name being the short answer.
"""

from __future__ import annotations

import re

from rag.clean.metadata import author_of, unlabelled_author, vn_date
from rag.text import segment

_ASKS_AUTHOR = re.compile(
    r"(?<!\w)(?:ai (?:là )?(?:viết|tác giả|thực hiện|đưa tin|đứng tên|chấp bút)|tác giả (?:của )?(?:bài|tin)|"
    r"người (?:viết|đưa tin|chấp bút)|do ai (?:viết|thực hiện|đứng tên|đưa tin|chấp bút)|đứng tên tác giả|"
    r"(?:bài|tin)(?: viết)? của ai|"
    r"tác giả (?:là )?ai)(?!\w)",
    re.IGNORECASE,
)


# The question must be about the article: "Ai viết Truyện Kiều?", "Ai thực hiện dự án?" are not,
# nor is the "tin" of "thông tin" or of "đưa tin cho …" one; "đưa tin về …" reports the news.
_THE_ARTICLE = re.compile(r"(?<!\w)(?<!thông )(?<!đưa )(?:bài|tin|bản tin|bài viết|bài báo)(?!\w)|(?<!\w)đưa tin về(?!\w)",
                          re.IGNORECASE)


# How a "who wrote it" question refers to the article and its writing: evidence of nothing.
WORDS = {"viết", "bài", "bài_viết", "tin", "bản_tin", "bài_báo", "tác_giả", "thực_hiện", "người_viết", "đứng",
         "tên", "đưa", "đưa_tin", "này", "chấp_bút", "người"}


_ASKS_PUBLISHED = re.compile(
    # Not "công bố" or "cập nhật": "kết quả được công bố ngày nào" asks what the article says.
    r"(?<!\w)(?:(?:đăng|đăng tải|đưa lên|xuất bản)(?: lên| trên)?(?: trang| website| cổng thông tin)?"
    r"(?: vào)? (?:ngày nào|khi nào|lúc nào|hôm nào|bao giờ|ngày bao nhiêu|ngày mấy)|ngày đăng(?: tin| bài)?)(?!\w)",
    re.IGNORECASE,
)
# How a "when was it published" question refers to the publishing: evidence of nothing.
PUBLISHED_WORDS = {"đăng", "đăng_tải", "công_bố", "xuất_bản", "cập_nhật", "bài", "viết", "bài_viết", "tin", "bản_tin",
                   "bài_báo", "này", "trang", "website"}


# "… được nhắc đến trong bài về Đại hội …?", "Theo bài viết này, …": the phrases pointing at the
# article itself, which none of its sentences says (a test's question had been refused on a
# model build that ranked the article's opening chunk a little lower: "bài", "đến" weighed
# against it). The article, not someone's writing ("… trong bài viết của mình", an XQuAD-vi
# question about a poet) nor a poem or a test ("trong bài thơ", "bài thi").
_SELF_REFERENCE = re.compile(
    r"(?<!\w)(?:(?:trong|theo|của|ở|tại)\s+(?:bài viết|bài báo|bản tin|bài)(?:\s+này)?"
    r"(?=\s*[,.?!:;…]|\s*$|\s+(?:về|nói về|trên|thì|có)(?!\w))|được\s+(?:nhắc|đề cập|nói)\s+(?:đến|tới)(?!\w))",
    re.IGNORECASE)


def pointing_words(question: str) -> set[str]:
    """The words (as segmented) of ``question``'s phrases that point at the article itself and
    that the rest of the question does not say too ("Theo bài viết này, ai trình bày bài phát
    biểu?" keeps "bài"): evidence of nothing."""
    said = {t for m in _SELF_REFERENCE.finditer(question) for t in segment(m.group(0).casefold())}
    return said - set(segment(_SELF_REFERENCE.sub(" ", question).casefold())) if said else set()


def asks_published(question: str) -> bool:
    """Whether ``question`` asks when an article was published ("Tin về … được đăng ngày nào?")."""
    return bool(_ASKS_PUBLISHED.search(question) and _THE_ARTICLE.search(question))


# "Nghị định 233 được ban hành ngày nào?", "Thông tư này ký khi nào?": when a statute was issued.
_ASKS_ISSUED = re.compile(r"(?<!\w)(?:ban hành|ký ban hành|ký)\s+(?:vào\s+)?(?:ngày nào|khi nào|bao giờ|lúc nào|"
                          r"năm nào|ngày bao nhiêu|ngày mấy|thời gian nào)(?!\w)", re.IGNORECASE)


def asks_issued(question: str) -> bool:
    """Whether ``question`` asks when a statute was issued (signed)."""
    return bool(_ASKS_ISSUED.search(question))


def issued(title: str, date: str) -> str:
    """The reply to "when was it issued": the date its header gives."""
    return f"Văn bản “{title}” được ban hành ngày {vn_date(date)}."


def published(title: str, date: str | None, date_kind: str | None) -> str:
    """The reply to "when was it published": the page's date, or why there is none."""
    shown = vn_date(date)
    if shown and date_kind == "event":
        return f"Trang không ghi ngày đăng bài viết “{title}”; sự kiện trong bài diễn ra ngày {shown}."
    if shown:  # "published", or an index from before dates had a kind
        return f"Bài viết “{title}” được đăng ngày {shown}."
    return f"Bài viết “{title}” không ghi ngày đăng."


def asks_author(question: str) -> bool:
    """Whether ``question`` asks who wrote an article ("Ai viết bài …", "Tác giả bài … là ai")."""
    return bool(_ASKS_AUTHOR.search(question) and _THE_ARTICLE.search(question))


def byline(text: str, author: str | None) -> tuple[int, int, int, int] | None:
    """Offsets in ``text`` of the by-line naming ``author`` and of the name in it:
    ``(line_start, line_end, name_start, name_end)``; ``None`` when no line of the text is a
    by-line of that author (an author read from a page's markup or a JSON field only).

    Only by-lines are read ("Tác giả: …", or a last line that is a name), so a name that
    also occurs in the prose is never quoted as the by-line.
    """
    if not author:
        return None
    start = len(text)
    while start > 0:
        line_start = text.rfind("\n", 0, start - 1) + 1
        line = text[line_start:start].rstrip()
        if author_of(line) == author or unlabelled_author(line) == author:
            at = line.rfind(author)
            return line_start, line_start + len(line), line_start + at, line_start + at + len(author)
        start = line_start
    return None


# "Tóm tắt bài …", "Bài về … nói gì?": the article as a whole, which no one sentence answers.
_ASKS_SUMMARY = re.compile(
    # A request ("Tóm tắt giúp tôi …", "Tóm tắt bài …"), not "Ai trình bày tóm tắt báo cáo?".
    r"^\s*(?:hãy\s+|xin\s+|vui lòng\s+)?(?:tóm tắt|tóm lược)(?!\w)|(?<!\w)(?:tóm tắt|tóm lược)\s+(?:giúp|hộ|cho tôi|bài|tin)"
    r"(?!\w)|(?<!\w)(?:nội dung chính|ý chính|những điểm chính)\s+(?:của\s+)?(?:bài|tin|bản tin)(?!\w)"
    # Not a speech ("Bài phát biểu của Bí thư nói gì?") nor "thông tin".
    # Opening on the article ("Trong bài viết, đồng chí Bí thư nói gì?" asks what he said).
    r"|^\s*(?:bài|bài viết|tin|bản tin|bài báo)(?!\w)(?!\s+(?:phát biểu|diễn văn|báo cáo|thơ|hát))"
    r"(?:\s+\S+){0,15}?\s+nói (?:gì|về (?:điều )?gì|những gì)\s*\??\s*$",
    re.IGNORECASE,
)
# How a summary request refers to the summing up: evidence of nothing.
SUMMARY_WORDS = {"tóm_tắt", "tóm_lược", "nội_dung", "chính", "ý", "điểm", "những", "nói", "bài", "bài_viết", "tin",
                 "bản_tin", "bài_báo", "giúp", "cho", "tôi", "về", "gì"}
LEAD_SENTENCES = 3  # what a news article's opening says: who, what, when, where


def asks_summary(question: str) -> bool:
    """Whether ``question`` asks what an article says in brief ("Tóm tắt bài về …", "Bài … nói gì?")."""
    return bool(_ASKS_SUMMARY.search(question))


def lead(spans: list[tuple[int, int]], text: str) -> tuple[int, int] | None:
    """The article's opening sentences (at most :data:`LEAD_SENTENCES`), the stretch a news
    article puts its facts in; photo captions (lines with no full stop) before it skipped, one
    after it ending it."""
    found: list[tuple[int, int]] = []
    for start, end in spans:
        if not text[start:end].rstrip().endswith((".", "!", "?", "…", ":", ";")):
            if found:
                break
            continue
        found.append((start, end))
        if len(found) == LEAD_SENTENCES:
            break
    return (found[0][0], found[-1][1]) if found else None
