"""Remove the navigation, widget and counter lines that scraped news pages carry.

Rules match whole lines only, so a sentence that merely mentions "lượt xem" or
"đánh giá" is never touched. Footer markers end the article: what follows a visitor
counter or a related-news heading is page furniture, not the article.
"""

from __future__ import annotations

import re

_IGNORE_CASE = re.IGNORECASE | re.UNICODE

_NOISE_LINES = [
    r"in( trang| bài( viết)?| bản tin)?",
    r"bản in",
    r"(đọc|nghe) bài( viết)?",
    r"lượt (xem|đọc)\s*:?\s*[\d.,]*",
    r"số lượt xem\s*:?\s*[\d.,]*",
    r"a-?\s*a\s*a\+.*",
    r"(tăng|giảm)? ?tương phản.*",
    r"cỡ chữ.*",
    r"truy cập nội dung luôn",
    r"(chi tiết|nội dung) tin( tức)?",
    r"(trang chủ|tin tức|tin tức - sự kiện)(\s*[>»/|]\s*[^>»/|]{1,60})*",
    r"đánh giá bài viết.*",
    r"click để đánh giá bài viết",
    r"tổng số điểm của bài viết là.*",
    r"(bình chọn|đánh giá)\s*:?\s*\(?\d+(/\d+)?\)?",
    r"(chia sẻ|share|tweet|gửi email|gửi bài viết|lưu bài viết|bình luận|quay lại|"
    r"về đầu trang|lên đầu trang|xem thêm|facebook|zalo|twitter|email)\s*:?",
    r"(đang truy cập|đang online|hôm nay|hôm qua|tuần này|tháng này|tháng trước|năm nay|"
    r"tất cả|tổng lượt truy cập|lượt truy cập|truy cập)\s*:?\s*[\d.,]+",
    r"[\w./:%-]*\.(jpe?g|png|gif|webp|bmp|svg)(\?\S*)?",
    r"(ảnh|hình)\s*:\s*\S+\.(jpe?g|png|gif|webp)",
]
_NOISE = re.compile(r"^\s*(?:" + "|".join(_NOISE_LINES) + r")\s*$", _IGNORE_CASE)

_FOOTER = re.compile(
    r"^\s*(thống kê truy cập|tin (liên quan|cùng chuyên mục|mới hơn|cũ hơn|khác)|các tin (khác|đã đưa)"
    r"|bài viết liên quan|ý kiến bạn đọc|tổng số điểm của bài viết)\b",
    _IGNORE_CASE,
)


def is_noise(line: str) -> bool:
    """True for a line that is page furniture (widgets, counters, image paths)."""
    return bool(_NOISE.match(line))


def strip_boilerplate(lines: list[str]) -> list[str]:
    """Drop noise lines and everything from the first footer marker on."""
    kept = []
    for line in lines:
        if _FOOTER.match(line):
            break
        if not is_noise(line):
            kept.append(line)
    return kept
