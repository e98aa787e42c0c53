"""Where the answer sits in a sentence, read from where the question word sits in the question.

Vietnamese questions keep their question word in place ("Hội nghị diễn ra vào ngày nào?"
answers "Hội nghị diễn ra vào ngày 5/4"; "Ai chủ trì hội nghị?" answers "Ông X chủ trì
hội nghị"). So the words just before the question word, found in the sentence, mark where
the answer starts, and the words just after it mark where it ends. This reads the
sentence the way the question is built, with no vocabulary of any domain, which is why it
carries over from news to encyclopaedia and legal text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.answer.question import WH

_TOKEN = re.compile(r"[\wÀ-ỹ]+(?:[./,:&-][\wÀ-ỹ]+)*%?", re.UNICODE)
_BOUNDARY = re.compile(r"[;:.!?()\n–—]|\s-\s|,")
# Context words that say little on their own: a match made only of these is no anchor.
_LIGHT = {"là", "của", "và", "được", "đã", "các", "những", "một", "trong", "với", "cho", "thì", "mà", "có", "bởi",
          "do", "từ", "về", "tại", "ở", "vào", "theo", "như", "này", "đó", "rằng", "sẽ", "đang", "bị", "cũng",
          "để", "khi", "ra", "lên", "gồm", "không", "phải", "nhất", "người", "năm", "ngày", "bằng", "cách", "loại"}
# Light words a question shares with the words inside its answer ("… có chức năng … phải làm
# thủ tục gì trước khi …" ← "thông báo với cơ quan nhà nước có thẩm quyền trước khi …"), which
# therefore end no answer read back from its right anchor.
_INSIDE = {"có", "và", "của", "các", "những", "với"}
_CONTEXT = 4  # question words read on each side of the question word
_MAX_SKIP = 2  # question words next to the question word that the sentence may leave out ("bằng [cách] nào")
_MAX_WORDS = 12  # an answer longer than this is a clause, not a span
_NEARBY = 10  # words on each side where the question's other words break a tie


@dataclass
class Slot:
    """A stretch of a sentence the question's gap points at, and how firmly it is anchored."""

    start: int
    end: int
    score: float


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _weight(tokens: list[str]) -> float:
    return sum(0.4 if t in _LIGHT else 1.0 for t in tokens)


def _left_matches(words: list[str], context: list[str]) -> dict[int, float]:
    """For each sentence position i, the best score of ``context`` (read backwards) ending at i."""
    found: dict[int, float] = {}
    for skip in range(min(_MAX_SKIP, len(context) - 1) + 1):
        ctx = context[: len(context) - skip]
        for i in range(len(words)):
            k = 0
            while k < len(ctx) and i - k >= 0 and words[i - k] == ctx[-1 - k]:
                k += 1
            if k and _weight(ctx[len(ctx) - k:]) >= 1.0:
                score = _weight(ctx[len(ctx) - k:]) - 0.5 * skip
                found[i] = max(found.get(i, 0.0), score)
    return found


def _right_matches(words: list[str], context: list[str]) -> dict[int, float]:
    """For each sentence position j, the best score of ``context`` (read forwards) starting at j."""
    found: dict[int, float] = {}
    for skip in range(min(_MAX_SKIP, len(context) - 1) + 1):
        ctx = context[skip:]
        for j in range(len(words)):
            k = 0
            while k < len(ctx) and j + k < len(words) and words[j + k] == ctx[k]:
                k += 1
            if k and _weight(ctx[:k]) >= 1.0:
                score = _weight(ctx[:k]) - 0.5 * skip
                found[j] = max(found.get(j, 0.0), score)
    return found


def slot(sentence: str, question: str, max_words: int = _MAX_WORDS) -> Slot | None:
    """The stretch of ``sentence`` that stands where ``question``'s question word stands, if any."""
    wh = WH.search(question)
    if not wh:
        return None
    q_tokens = _tokens(question)
    before = [t for t, s, _ in q_tokens if s < wh.start()][-_CONTEXT:]
    after = [t for t, s, _ in q_tokens if s >= wh.end()][:_CONTEXT]
    asked = {t for t, _, _ in q_tokens}
    tokens = _tokens(sentence)
    words = [t for t, _, _ in tokens]
    left = _left_matches(words, before) if before else {}
    right = _right_matches(words, after) if after else {}

    def cut(i: int, j: int) -> bool:
        """Whether punctuation separates token i from token j (i < j)."""
        return bool(_BOUNDARY.search(sentence[tokens[i][2]:tokens[j][1]]))

    candidates: list[tuple[float, int, int]] = []
    for i, ls in left.items():
        # Between a left and a right anchor: the whole stretch.
        for j, rs in right.items():
            if 0 < j - i - 1 <= max_words or 0 < j - i - 1 <= max_words * _BETWEEN and _QUOTED.search(
                    sentence[tokens[i][2]:tokens[j][1]]):
                # A ";" between the anchors ends one clause: "đánh giá cao; chỉ đạo kịp thời, hiệu
                # quả trong công tác …" answers with the clause the right anchor is in.
                start = max((k for k in range(i + 2, j) if ";" in sentence[tokens[k - 1][2]:tokens[k][1]]),
                            default=i + 1)
                candidates.append((ls + rs + 0.5, start, j - 1))
        # From a left anchor on, up to punctuation or a word the question says.
        e = i + 1
        # With nothing after the question word ("… được gọi là gì?") the answer may repeat
        # the question's words ("hợp số"); otherwise a question word is where the answer ends.
        while e < len(words) and e - i <= max_words and (not after or words[e] not in asked) and not cut(e - 1, e):
            e += 1
        if not after and e < len(words) and _pair_to_end(sentence, tokens, e, max_words - (e - i)):
            e = len(words)  # "… công khai gì?": "công tác thu, chi tài chính đảng." is one object
        if e > i + 1:
            candidates.append((ls, i + 1, e - 1))
    for j, rs in right.items():
        # Up to a right anchor ("Ai chủ trì …" → "Ông X chủ trì …"): back to punctuation or a question word.
        b = j
        while b > 0 and j - b < max_words and (words[b - 1] not in asked or words[b - 1] in _INSIDE) \
                and not cut(b - 1, b):
            b -= 1
        if b < j:
            candidates.append((rs - 0.25, b, j - 1))
    if not candidates:
        return None
    # Equal anchors ("được nghỉ giữa giờ ít nhất" 30 phút … ban đêm … "được nghỉ giữa giờ ít
    # nhất" 45 phút): the one with more of the question's other words nearby wins.
    # Read on the side the question puts its words: before the gap, unless it opens with it.
    def nearby(a: int, b: int) -> int:
        return len(asked & set(words[max(0, a - _NEARBY):a] if before else words[b + 1:b + 1 + _NEARBY]))

    score, a, b = max(candidates, key=lambda c: (c[0], nearby(c[1], c[2]), -(c[2] - c[1])))
    return Slot(tokens[a][1], tokens[b][2], score)


# Between two anchors, a stretch holding a quoted name may run longer: "tặng bằng khen [tổ chức
# cơ sở Đảng “trong sạch, vững mạnh” tiêu biểu năm 2020] cho Đảng bộ Sở" (a staff user's pass
# had got "tổ chức cơ sở", cut at the "Đảng" the question also says).
_BETWEEN = 2
_QUOTED = re.compile(r"[“\"][^”\"]+[”\"]")
_TAIL_WORDS = 5  # words after a comma that still end the same object at the sentence's end


def _pair_to_end(sentence: str, tokens: list[tuple[str, int, int]], e: int, room: int) -> bool:
    """Whether a comma before token ``e`` only joins a short last item ("thu, chi tài chính đảng")
    that runs to the sentence's end, so the gap at the question's end takes it in."""
    between = sentence[tokens[e - 1][2]:tokens[e][1]]
    rest = len(tokens) - e
    return between.strip() == "," and rest <= min(_TAIL_WORDS, room) \
        and not _BOUNDARY.search(sentence[tokens[e][1]:tokens[-1][2]])
