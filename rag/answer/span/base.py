"""What every span finder shares: the :class:`ShortAnswer`, the words that never edge a span,
and where in a sentence the question's own words pull the answer (:func:`_nearest`)."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from rag.answer.question import WH
from rag.clean.metadata import parse_date


_I = re.IGNORECASE
_TOKEN = re.compile(r"[\wÀ-ỹ]+(?:[./,:&-][\wÀ-ỹ]+)*%?", re.UNICODE)
_CLAUSE_END = re.compile(r"[,;:.!?()\n–]|\s-\s|(?<!\w)(?:và|nhưng|nhằm|để|do|với|cùng)(?!\w)", _I)
# Words that never open or close an answer span.
_EDGE_WORDS = {"là", "của", "và", "được", "đã", "các", "những", "một", "trong", "với", "cho", "thì", "mà", "có",
               "bởi", "do", "từ", "về", "tại", "ở", "vào", "theo", "như", "này", "đó", "rằng", "sẽ", "đang", "bị",
               "cũng", "nên", "để", "khi", "ra", "lên", "gồm", "bao", "hơn", "nhất", "rất", "ngày", "năm"}


# How a span was found when it is a guess: the longest run of words the question does not
# say, near the words it does ("gap"), or the capitalised name nearest them ("entity", also
# an organisation question's and a person question's when the quote names no person). Read
# off the dev parts: these shared no word with the gold answer 60 % of the time on XQuAD-vi
# dev and 34 % on the in-domain and statute dev sets, the other ways (a date, a counted
# number, the question word's place …) 25 % and 10 %.
GUESSES = {"gap", "entity"}


_SEVERAL_DAYS = re.compile(r"(?<!\w)(?:và|đến|tới|hoặc)(?!\w)|–", re.IGNORECASE)


@dataclass
class ShortAnswer:
    """The span that answers, with offsets in the article text, and what kind of span it is.

    ``basis`` says how it was found: by its marks ("choice", "quote", "list", "condition"),
    by its kind ("date", "counted" number, "number", "person", "place", "post" beside a
    name, "holder" of the asked post ("past" when they held it for an earlier term than the
    article reports), "byline", "issuer" (who issued a document the question names by its
    code); "role" for who does what the question says
    after "ai" where the quote names a role, not a person), by the question word's place ("slot"), as
    the name after the noun the question asks by ("headed"), as the subject a description
    defines ("defined", "definition"), as a cited statute article's "heading"
    (:mod:`rag.answer.provision`), or as a guess (:data:`GUESSES`).
    """

    text: str
    start: int
    end: int
    kind: str
    citation: int = 1
    basis: str = ""
    # Yes or no, where a yes/no question can be settled from the span: "có" or "không" to "X có
    # phải là Giám đốc Sở không?", the post written beside X's name being the span.
    verdict: str | None = None
    # Whose post a "post" span is, the name as the article writes it beside the post: a yes or
    # no to "X có phải là …?" says whose posts it lists ("Không — Phạm Thị Trung: …").
    holder: str | None = None

    @property
    def day(self) -> str | None:
        """The day a date span names, as ISO 8601 ("2023-05-08" for "08 ngày 5 năm 2023", as a
        page misprinted it), or None (not a date, or no whole day: "năm 2020"); the span itself
        stays verbatim."""
        if self.kind != "date" or _SEVERAL_DAYS.search(self.text) or len(re.findall(r"\d+", self.text)) > 3:
            return None  # "ngày 12 và 13/3/2024", "từ ngày 21/5 đến ngày 25/5/2020": no one day
        return parse_date(self.text)

    @property
    def sure(self) -> bool:
        """False for a guess, which a reader should check against the quote, for the holder of a
        post in an earlier term than the article reports ("past", :mod:`rag.answer.tenure`), and
        for one of several organisations' holders when the question names none ("several")."""
        return self.basis not in GUESSES and self.basis not in ("past", "several")


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def syllables(question: str) -> set[str]:
    """The lower-cased syllables of ``question`` that say something: no question or edge words."""
    gapless = WH.sub(" ", question)
    return {t for t, _, _ in _tokens(gapless)} - _EDGE_WORDS



def _anchors(sentence: str, asked: set[str]) -> list[tuple[int, float]]:
    """Character positions of the sentence's words that the question also says, each weighed
    by how rarely the sentence says it."""
    tokens = _tokens(sentence)
    times = Counter(t for t, _, _ in tokens)
    return [(s, 1.0 / times[t]) for t, s, _ in tokens if t in asked]


def _nearest(spans: list[tuple[int, int]], anchors: list) -> tuple[int, int] | None:
    """The span nearest the anchors: plain positions (the question word's place), or weighed
    positions (:func:`_anchors`), whose pull fades with distance."""
    if not spans:
        return None
    if not anchors:
        return spans[0]
    if isinstance(anchors[0], tuple):
        # A word the sentence says once pins the answer down more than one it says everywhere
        # ("2,8% người Tin lành" among "56,2% là người Công giáo, 35,7% người Do Thái …").
        return max(spans, key=lambda sp: _pull(sp, anchors))
    return min(spans, key=lambda sp: min(abs(sp[0] - a) for a in anchors))


def _pull(span: tuple[int, int], anchors: list[tuple[int, float]]) -> float:
    """How strongly the weighed anchors pull ``span``: each anchor's weight, fading with its
    distance to the nearer end of the span."""
    return sum(w * math.exp(-min(abs(a - span[0]), abs(a - span[1])) / _REACH) for a, w in anchors)
_REACH = 60  # characters, about 12 words; chosen on the dev parts (40-160 scored alike, 10-20 less)


def _sentence_of(found: ShortAnswer, sentences: list[tuple[str, int]]) -> tuple[str | None, int]:
    """The quoted sentence ``found`` lies in, and its offset in the article (``(None, 0)`` if none)."""
    return next(((t, o) for t, o in sentences if o <= found.start and found.end <= o + len(t)), (None, 0))


def _trim(text: str, s: int, e: int) -> tuple[int, int] | None:
    piece = text[s:e]
    s += len(piece) - len(piece.lstrip())
    e -= len(piece) - len(piece.rstrip(" ,;.:"))
    return (s, e) if e > s else None


def _after(sentence: str, pattern: re.Pattern, anchors: list[int], max_words: int = 14, skip=None):
    """The clause after a marker (``pattern``: "tại", "gọi là") nearest the anchors, up to
    the clause's end and at most ``max_words`` words; a marker followed by ``skip`` is passed over."""
    spans = []
    for m in pattern.finditer(sentence):
        if skip and skip.match(sentence, m.end()):
            continue
        rest = sentence[m.end():]
        stop = _CLAUSE_END.search(rest)
        piece = rest[: stop.start() if stop else len(rest)].rstrip()
        words = piece.split()
        if words and len(words) <= max_words:
            spans.append((m.end(), m.end() + len(piece)))
    return _nearest(spans, anchors)
