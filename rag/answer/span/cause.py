"""Why and on what grounds: "Vì sao …?" answers with the clause a cause or aim opens ("vì …",
"bởi vì …", "để …", "nhằm …"), "… căn cứ vào đâu?" with the grounds a sentence opens with
("Căn cứ vào chương trình làm việc …", "Thực hiện Chương trình công tác năm 2023 …").

The marker stays in the answer: "vì …" says it is the cause, and readers quote it so. Causal
"do" is left out on purpose: it far more often names who did something ("do đồng chí Bí thư
trình bày"); only "là do" and "chủ yếu do" are causes for sure.
"""

from __future__ import annotations

import re

from rag.answer.span.base import ShortAnswer, _anchors, _nearest, syllables

_I = re.IGNORECASE
ASKS_WHY = re.compile(r"(?<!\w)(?:tại sao|vì sao|vì l[ýí] do gì|vì l[ýí] do nào|l[ýí] do (?:gì|nào|là gì)|"
                      r"nguyên nhân (?:gì|nào|là gì)|do đâu)(?!\w)", _I)
ASKS_BASIS = re.compile(r"(?<!\w)(?:căn cứ (?:vào )?(?:đâu|gì|văn bản nào)|dựa (?:trên|vào) (?:đâu|gì|cơ sở nào|"
                        r"văn bản nào)|trên cơ sở nào)(?!\w)", _I)
# "vì vậy", "bởi vậy" say what follows from something, not its cause; a bare "bởi" names who
# did it ("được trao bởi Bộ trưởng"); "để lại", "để ý", "để dành" are verbs, not an aim.
_CAUSE = re.compile(r"(?<!\w)(?:bởi vì|bởi lẽ|vì(?! vậy| thế| sao)|là do|chủ yếu do|nhờ|"
                    r"để(?! lại| ý| dành| mà)|nhằm)\s+", _I)
_BASIS = re.compile(r"(?:^|(?<=[,;:(]\s)|(?<=\n))(?:căn cứ(?: vào)?|thực hiện|trên cơ sở|dựa (?:trên|vào))\s+", _I)
# A full stop inside a sentence is an abbreviation or a number ("TP. Hồ Chí Minh", "1.200").
_WHY_END = re.compile(r"[;!?\n]|\.\s*$|\.\s+(?=[A-ZÀ-Ỹ])")
_BASIS_END = re.compile(r"[,;!?\n]|\.\s*$|\.\s+(?=[A-ZÀ-Ỹ])")
_MAX_WORDS = 25  # a longer clause is cut at its last comma within this many words


def asks_cause(question: str) -> bool:
    """Whether ``question`` asks why, or on what grounds."""
    return bool(ASKS_WHY.search(question) or ASKS_BASIS.search(question))


def _cause(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """The cause, aim or grounds a quoted sentence states, asked why or on what grounds (best
    sentence first; in a sentence, the marker nearest the question's other words)."""
    if not asks_cause(question):
        return None
    basis = bool(ASKS_BASIS.search(question))
    # Asked why, the grounds an action was taken on answer too ("Thực hiện Chương trình công tác …").
    markers = [(_BASIS, _BASIS_END)] if basis else [(_CAUSE, _WHY_END), (_BASIS, _BASIS_END)]
    asked = syllables(question)
    for text, offset in sentences[:2]:
        anchors = _anchors(text, asked)
        if not anchors:  # a sentence sharing no word with the question says nothing of its cause
            continue
        spans = []
        for m, end_at in ((m, end_at) for marker, end_at in markers for m in marker.finditer(text)):
            stop = end_at.search(text, m.end())
            end = stop.start() if stop else len(text.rstrip(" ."))
            words = list(re.finditer(r"\S+", text[m.end():end]))
            if not words:
                continue
            if len(words) > _MAX_WORDS:
                cut = text.rfind(",", m.end(), m.end() + words[_MAX_WORDS - 1].end())
                end = cut if cut > m.end() else m.end() + words[_MAX_WORDS - 1].end()
            spans.append((m.start(), end))
        best = _nearest(spans, anchors)
        if best:
            said = text[best[0]:best[1]].rstrip(" ,")
            return ShortAnswer(said, offset + best[0], offset + best[0] + len(said), "reason")
    return None
