"""The verifier: what the model wrote is kept only where the passages it cites say so.

It runs on the finished reply, whatever the model wrote, and nothing in the reply can turn
it off. Sentence by sentence:

1. citations ``[n]`` outside the passages given ([1]..[k]) are dropped;
2. the sentence's *facts* are found: numbers and dates written in digits, and proper names
   (runs of Capitalised words, as ``rag.answer.question.capitalised_runs`` finds them,
   single Capitalised words inside the sentence, and ALL-CAPS abbreviations such as GDĐT);
3. every fact must appear in a passage the sentence cites. A cited passage that holds
   none of them is a wrong citation and is removed; a fact no cited passage holds is
   looked for in the other passages, and the sentence is re-cited to the passage that has
   it; a fact that no passage holds (an invented date, a wrong count) drops the sentence;
4. at least half of the sentence's content syllables must be in its cited passages, so
   that a sentence without facts still rests on what a passage says; a sentence with no
   citation left, or too little overlap even after re-citing, is dropped.

The kept sentences, with their final citations, are the answer. Dates are compared as
(day, month, year), so "21/5/2020" supports "ngày 21 tháng 5 năm 2020" and not "20/5/2020";
numbers are compared as numbers ("1.500" = "1500"). Numbers written in words are not
checked: a reply rarely spells out what its passage writes in digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.answer.question import capitalised_runs
from rag.clean import normalize_vietnamese
from rag.generate.prompt import NO_ANSWER, Passage
from rag.text import sentence_spans

# Share of a sentence's content syllables its cited passages must hold. Half lets a model
# rephrase ("được tổ chức" for "diễn ra") while refusing sentences about something else.
MIN_OVERLAP = 0.5

_CITE = re.compile(r"\[\s*(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\s*\]")
_LEADING_CITES = re.compile(r"^(?:\s*\[\s*\d{1,3}(?:\s*[,;]\s*\d{1,3})*\s*\])+")
_BULLET = re.compile(r"^\s*(?:[-*•+]|\d{1,2}[.)])\s+")
_SYLLABLE = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
_DIGITS = re.compile(r"\d+")
_I = re.IGNORECASE
# (pattern, which groups are day, month, year): the forms Vietnamese articles write dates in.
_DATE_FORMS = [
    (re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?![\d/])"), (1, 3, 4)),
    (re.compile(r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm|,)\s*(\d{4}))?(?!\d)", _I), (1, 2, 3)),
    (re.compile(r"(?<!\w)tháng\s+(\d{1,2})(?:\s*(?:năm|/|-|,)\s*(\d{4}))?(?!\d)", _I), (None, 1, 2)),
    (re.compile(r"(?<![\d/.-])(\d{1,2})\s*/\s*(\d{4})(?![\d/])"), (None, 1, 2)),
    (re.compile(r"(?<![\d/.-])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])"), (1, 2, None)),
]
# Function syllables: present in any passage, so they prove nothing about support.
_FUNCTION = {
    "và", "là", "của", "các", "những", "một", "có", "được", "đã", "sẽ", "đang", "trong", "với", "cho", "tại",
    "ở", "về", "theo", "từ", "này", "đó", "ấy", "khi", "thì", "mà", "để", "do", "bởi", "như", "cũng", "nên",
    "ra", "vào", "lên", "bị", "không", "rằng", "nhiều", "hơn", "rất", "cùng", "trên", "dưới", "sau", "trước",
    "ngày", "tháng", "năm", "việc", "nhằm", "hay", "hoặc", "các", "vậy", "nào", "gì", "ai", "đến",
}


@dataclass
class Span:
    """A stretch of an article (offsets in its cleaned text) that supports a generated sentence."""

    text: str
    start: int
    end: int
    kind: str  # sentence (the passage's closest sentence), number, date or name


@dataclass
class CheckedSentence:
    """One sentence of the reply and what the verifier decided about it."""

    text: str  # without its citation markers
    cited: list[int]  # the numbers the model wrote
    citations: list[int] = field(default_factory=list)  # the passages it cites once checked
    kept: bool = False
    recited: bool = False  # kept, but with other citations than the model wrote
    reason: str | None = None  # why it was dropped
    facts: list[str] = field(default_factory=list)
    out_of_range: int = 0  # citations to passages that do not exist


@dataclass
class Verification:
    """The verifier's verdict on a whole reply."""

    sentences: list[CheckedSentence]
    declined: bool = False  # the model wrote the fixed "the passages do not answer" reply

    @property
    def kept(self) -> list[CheckedSentence]:
        """The sentences that stand."""
        return [s for s in self.sentences if s.kept]

    @property
    def text(self) -> str:
        """The verified answer: each kept sentence followed by its citations."""
        return " ".join(s.text + " " + "".join(f"[{n}]" for n in s.citations) for s in self.kept)

    def counts(self) -> dict[str, int]:
        """Sentences written, kept, dropped, re-cited; out-of-range citations dropped."""
        kept = self.kept
        return {"sentences": len(self.sentences), "kept": len(kept), "dropped": len(self.sentences) - len(kept),
                "recited": sum(s.recited for s in kept),
                "citations_dropped": sum(s.out_of_range for s in self.sentences)}


def _fold(text: str) -> str:
    return " ".join(normalize_vietnamese(text).casefold().split())


def _syllables(text: str) -> list[str]:
    return [w for w in _SYLLABLE.findall(text.casefold()) if not w.isdigit() and w not in _FUNCTION]


def dates(text: str) -> list[tuple[tuple, int, int]]:
    """``((day, month, year), start, end)`` of each date written in digits in ``text``
    (a missing part is ``None``; two-digit years are read as 20xx)."""
    found = []
    for pattern, parts in _DATE_FORMS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for _, s, e in found):
                continue
            value = tuple(int(m.group(g)) if g and m.group(g) else None for g in parts)
            day, month, year = value
            if month is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
                continue
            if year is not None and year < 100:
                year += 2000
            found.append(((day, month, year), m.start(), m.end()))
    return found


def _number_value(token: str) -> str:
    # "1.500" and "1,500" are fifteen hundred in Vietnamese writing; "1,5" is one and a half.
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", token):
        return token.replace(".", "").replace(",", "").lstrip("0") or "0"
    whole, _, frac = token.replace(",", ".").partition(".")
    return (whole.lstrip("0") or "0") + ("." + frac if frac else "")


def numbers(text: str, skip: list[tuple[int, int]] = ()) -> list[tuple[str, int, int]]:
    """``(value, start, end)`` of each number written in digits in ``text``, outside ``skip``."""
    return [(_number_value(m.group(0)), m.start(), m.end()) for m in _NUMBER.finditer(text)
            if not any(s <= m.start() < e for s, e in skip)]


def names(sentence: str) -> list[tuple[str, int, int]]:
    """Proper names in ``sentence``: runs of Capitalised words and ALL-CAPS abbreviations,
    except the sentence's own first word (capitalised anyway)."""
    words = list(_SYLLABLE.finditer(sentence))
    first = words[0].start() if words else 0
    found = []
    for s, e in capitalised_runs(sentence):
        if s == first:
            s = words[1].start() if len(words) > 1 else e
        if s < e:
            found.append((sentence[s:e], s, e))
    for m in words:
        w = m.group(0)
        if m.start() == first or any(s <= m.start() < e for _, s, e in found):
            continue
        if w[0].isupper() and not w.isdigit():
            found.append((w, m.start(), m.end()))
    return found


@dataclass
class _Facts:
    """What one passage holds, folded for comparison."""

    passage: Passage
    folded: str
    dates: list[tuple[tuple, int, int]]
    numbers: set[str]
    syllables: set[str]

    @classmethod
    def of(cls, p: Passage) -> "_Facts":
        text = normalize_vietnamese(p.text)
        found_dates = dates(text)
        values = {v for v, _, _ in numbers(text)} | {_number_value(d) for d in _DIGITS.findall(text)}
        return cls(p, _fold(text), found_dates, values, set(_syllables(text)))

    def holds(self, fact: tuple) -> bool:
        kind, value = fact
        if kind == "date":
            return any(all(a is None or a == b for a, b in zip(value, d)) for d, _, _ in self.dates)
        if kind == "number":
            return value in self.numbers
        return re.search(r"(?<!\w)" + re.escape(value) + r"(?!\w)", self.folded) is not None


def split_sentences(reply: str) -> list[tuple[str, list[int]]]:
    """The reply's sentences, each with the citation numbers written in it or right after it.

    Sentences end where :func:`rag.text.sentence_spans` ends them, and also after a
    citation followed by a capitalised word ("… [1] Hội nghị …"); markers that open a
    sentence ("… 2020. [1] Hội nghị …") belong to the sentence before.
    """
    pieces = []
    for s, e in sentence_spans(reply):
        text = reply[s:e]
        start = 0
        for m in re.finditer(r"\]\s+(?=[^\W\d_])", text):
            if text[m.end()].isupper():
                pieces.append(text[start : m.start() + 1])
                start = m.end()
        pieces.append(text[start:])
    out: list[tuple[str, list[int]]] = []
    for piece in pieces:
        lead = _LEADING_CITES.match(piece)
        if lead and out:
            out[-1][1].extend(_numbers_in(lead.group(0)))
            piece = piece[lead.end():]
        cited = _numbers_in(piece)
        text = _CITE.sub(" ", piece)
        text = re.sub(r"\s+([.,;:!?…)])", r"\1", " ".join(text.split())).strip()
        if text.strip(" .,;:-*•"):
            out.append((text, cited))
        elif out:
            out[-1][1].extend(cited)
    return out


def _numbers_in(text: str) -> list[int]:
    return [int(n) for m in _CITE.finditer(text) for n in re.split(r"\s*[,;]\s*", m.group(1))]


def _facts_of(sentence: str) -> list[tuple]:
    body = _BULLET.sub("", sentence)
    found_dates = dates(body)
    facts = [("date", d) for d, _, _ in found_dates]
    facts += [("number", v) for v, _, _ in numbers(body, [(s, e) for _, s, e in found_dates])]
    facts += [("name", _fold(n)) for n, _, _ in names(body)]
    return list(dict.fromkeys(facts))


def _describe(fact: tuple) -> str:
    kind, value = fact
    if kind == "date":
        return "/".join(str(x) for x in value if x is not None)
    return str(value)


def _overlap(sentence: str, facts: list[_Facts]) -> float:
    words = _syllables(sentence)
    if not words:
        return 1.0
    have = set().union(*(f.syllables for f in facts)) if facts else set()
    return sum(w in have for w in words) / len(words)


def check_sentence(text: str, cited: list[int], passages: list[_Facts]) -> CheckedSentence:
    """Decide one sentence: keep it with the passages that support it, re-cite it, or drop it."""
    result = CheckedSentence(text, list(cited))
    k = len(passages)
    valid = list(dict.fromkeys(n for n in cited if 1 <= n <= k))
    result.out_of_range = sum(1 for n in cited if not 1 <= n <= k)
    if _fold(text).rstrip(".") == _fold(NO_ANSWER).rstrip("."):
        result.reason = "declined"
        return result
    facts = _facts_of(text)
    result.facts = [_describe(f) for f in facts]
    by_number = {f.passage.number: f for f in passages}
    # A cited passage that holds none of the sentence's facts was cited wrongly.
    current = [n for n in valid if not facts or any(by_number[n].holds(f) for f in facts)]
    missing = [f for f in facts if not any(by_number[n].holds(f) for n in current)]
    while missing:
        # The passage holding most of what is still missing; the better-ranked one on a tie.
        best = max((p for p in passages if p.passage.number not in current),
                   key=lambda p: (sum(p.holds(f) for f in missing), -p.passage.number), default=None)
        if best is None or not any(best.holds(f) for f in missing):
            result.reason = "unsupported " + ", ".join(_describe(f) for f in missing)
            return result
        current.append(best.passage.number)
        missing = [f for f in missing if not best.holds(f)]
    if _overlap(text, [by_number[n] for n in current]) < MIN_OVERLAP:
        # The words may be in another passage than the one cited: try the closest one.
        best = max(passages, key=lambda p: (_overlap(text, [p]), -p.passage.number), default=None)
        if best is not None and best.passage.number not in current and \
                _overlap(text, [by_number[n] for n in current] + [best]) >= MIN_OVERLAP:
            current.append(best.passage.number)
        else:
            result.reason = "no citation" if not current else "not in the cited passages"
            return result
    if not current:
        result.reason = "no citation"
        return result
    result.citations, result.kept = current, True
    result.recited = set(current) != set(valid)
    return result


def verify(reply: str, passages: list[Passage]) -> Verification:
    """Check every sentence of the model's ``reply`` against the numbered ``passages``."""
    reply = normalize_vietnamese(reply).strip()
    facts = [_Facts.of(p) for p in passages]
    checked = [check_sentence(text, cited, facts) for text, cited in split_sentences(reply)]
    declined = any(s.reason == "declined" for s in checked) and not any(s.kept for s in checked)
    return Verification(checked, declined)


def support(sentence: CheckedSentence, p: Passage) -> list[Span]:
    """Where passage ``p`` supports ``sentence``: its closest sentence, then each fact found
    (offsets in the article's cleaned text)."""
    spans = []
    words = set(_syllables(sentence.text))
    best = max(sentence_spans(p.text), key=lambda se: len(words & set(_syllables(p.text[se[0]:se[1]]))),
               default=None)
    if best:
        spans.append(Span(p.text[best[0]:best[1]], p.start + best[0], p.start + best[1], "sentence"))
    text = p.text
    for kind, value in _facts_of(sentence.text):
        span = _find(kind, value, text)
        if span:
            spans.append(Span(text[span[0]:span[1]], p.start + span[0], p.start + span[1], kind))
    return spans


def _find(kind: str, value, text: str) -> tuple[int, int] | None:
    if kind == "date":
        return next(((s, e) for d, s, e in dates(text) if all(a is None or a == b for a, b in zip(value, d))), None)
    if kind == "number":
        return next(((s, e) for v, s, e in numbers(text) if v == value), None)
    # Names were compared case-folded: find the same letters in the passage as written.
    m = re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, value.split())) + r"(?!\w)", text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None
