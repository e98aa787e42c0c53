"""Phrases the CLI, the chat and the copied text all show, kept in one place (importing no
more than the chat already does, so that it does not load the answer step to say them)."""

import re

from rag.clean.metadata import vn_date

# How a guess (``ShortAnswer.sure`` false) is introduced wherever it is shown.
GUESS_LEAD = "Có thể là"
GUESS_NOTE = "chưa chắc chắn, vui lòng đối chiếu đoạn trích"

# How a yes/no verdict (``ShortAnswer.verdict``) opens the short answer: "Có — Tỉnh ủy viên, …".
VERDICTS = {"có": "Có", "không": "Không"}


def with_verdict(text: str, verdict: str | None, holder: str | None = None) -> str:
    """``text`` after its yes/no verdict, when it has one, and whose posts it lists, when it
    lists a person's: ``Không — Phạm Thị Trung: Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT``."""
    text = f"{holder}: {text}" if holder else text
    return f"{VERDICTS[verdict]} — {text}" if verdict in VERDICTS else text


def with_day(text: str, day: str | None) -> str:
    """A date span with the day it names written as staff write dates, where the article wrote
    it otherwise: ``08 ngày 5 năm 2023 (08/05/2023)``; ``21/5/2020`` as it is."""
    if not day or re.fullmatch(r"(?:ngày\s+)?\d{1,2}/\d{1,2}/\d{4}", text.strip(), re.IGNORECASE):
        return text
    return f"{text} ({vn_date(day)})"
