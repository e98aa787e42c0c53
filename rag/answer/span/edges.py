"""Where a found span starts and ends: whole words (as stored at ingest), whole names, no
function word at an edge, a name without the verb after it."""

from __future__ import annotations

import re
import unicodedata

from rag.answer.scope import SYLLABLE
from rag.answer.span.base import ShortAnswer, _I, _sentence_of
from rag.text import segment


def _whole_words(found: ShortAnswer, sentences: list[tuple[str, int]], words: dict[int, set[str]]) -> ShortAnswer:
    """An open answer does not cut a word in two: "trình của ông …" is read from "công trình",
    "án phát triển" from "dự án", as pyvi joined the sentence's syllables into words at ingest
    (``words``: each sentence's words by its offset; pyvi is not run again here)."""
    if found.kind not in _EDGE_KINDS | {"organisation"}:
        return found
    text, offset = _sentence_of(found, sentences)
    known = words.get(offset)
    if text is None or not known:
        return found
    syllables = list(_SYLLABLE_RUN.finditer(text))
    first = next((k for k, m in enumerate(syllables) if m.start() >= found.start - offset), None)
    last = next((k for k in range(len(syllables) - 1, -1, -1) if syllables[k].end() <= found.end - offset), None)
    if first is None or last is None or last < first:
        return found

    def joined(a: int, b: int) -> bool:  # syllables a..b, one space apart, are one word of the sentence
        run = syllables[a : b + 1]
        # A name does not run on into the lower-case word pyvi glued to it ("An sinh" of "Nguyễn Văn An sinh ra").
        same_case = len({m.group(0)[:1].isupper() for m in run}) == 1
        # A body's name opening on its capital before the cut ("ủy Khối …" of "Đảng ủy Khối …").
        if found.kind == "organisation" and a >= 0 and run:
            same_case = a < first and run[0].group(0)[:1].isupper() and not any(m.group(0)[:1].isupper() for m in run[1:])
        return a >= 0 and b < len(syllables) and same_case and \
            all(text[x.end() : y.start()] == " " for x, y in zip(run, run[1:])) and "_".join(m.group(0).lower() for m in run) in known

    start, end = first, last
    for a, b in ((first - 2, first), (first - 1, first + 1), (first - 1, first)):
        if joined(a, b):
            start = a
            break
    for a, b in ((last, last + 2), (last - 1, last + 1), (last, last + 1)):
        if joined(a, b):
            end = b
            break
    if (start, end) == (first, last):
        return found
    s, e = min(syllables[start].start(), found.start - offset), max(syllables[end].end(), found.end - offset)
    return ShortAnswer(text[s:e], offset + s, offset + e, found.kind, found.citation)


_SYLLABLE_RUN = re.compile(r"[^\W\d_]+")


# Words an open answer neither starts nor ends with ("của lý thuyết …", "bằng cử nhân và"). Chosen on
# the dev parts: XQuAD-vi dev F1 0.452 -> 0.454 (EM 0.244 -> 0.254), dev2 0.533 -> 0.535, others alike;
# "đến", "tới" ("quan tâm đến công tác …", a staff user's pass) left every dev row unchanged.
_LEAD = {"của", "và", "là", "thì", "mà", "với", "cho", "bởi", "do", "rằng", "đến", "tới"}
_TAIL = {"và", "của", "là", "trong", "với", "cho", "thì", "mà", "đã", "được", "bởi", "do", "rằng", "như", "khi", "để", "từ",
         "tại", "ở"}  # not "trên", "dưới": "cấp trên"
_EDGE_KINDS = {"span", "entity", "definition"}


def _edges(found: ShortAnswer) -> ShortAnswer:
    """An open answer without the function words at its edges (``_LEAD``, ``_TAIL``)."""
    if found.kind not in _EDGE_KINDS | {"organisation"}:
        return found
    words = list(re.finditer(r"\S+", found.text))
    i, j = 0, len(words)
    while i < j - 1 and words[i].group(0) in _LEAD:  # as written: "Như" of "Nguyễn Quỳnh Như" is a name
        i += 1
    while j > i + 1 and words[j - 1].group(0) in _TAIL:
        j -= 1
    if (i, j) == (0, len(words)):
        return found
    a, b = words[i].start(), words[j - 1].end()
    return ShortAnswer(found.text[a:b], found.start + a, found.start + b, found.kind, found.citation)


# Chosen on the dev parts: XQuAD-vi dev F1 0.447 -> 0.452, dev2 0.520 -> 0.533, legal3 0.546 -> 0.549,
# samples and legal dev unchanged (places alike; cutting at any lower-case word cost legal dev 0.04).
_NAME_ONLY_KINDS = {"entity", "organisation", "person"}
_NAME_STOPS = {"rằng", "do", "đã", "đang", "sẽ", "dưới", "khi", "để", "nhưng", "thì", "là", "được", "bị", "có", "cho",
               "với", "trong", "tại", "ở", "từ", "vào", "về", "theo", "đến", "nên", "mà", "vì", "sau", "trước"}


def _name_only(found: ShortAnswer) -> ShortAnswer:
    """A name and no more: a span opening with a name ends before the first word that starts the
    sentence's own business ("Kokochu rằng Bầu trời …" → "Kokochu", "James Dewar đã có thể" →
    "James Dewar"); lower-case words of the name stay ("Ủy ban nhân dân cấp xã", "Sở Giáo dục và
    Đào tạo"), as pyvi's words decide, and so do capitalised ones ("Nguyễn Văn Được")."""
    text = found.text
    if found.kind not in _NAME_ONLY_KINDS or not text[:1].isupper() or not unicodedata.is_normalized("NFC", text):
        return found
    words = _aligned(text)
    end = 0
    for n, (word, start, stop) in enumerate(words):
        written = text[start:stop]
        following = text[words[n + 1][1] : words[n + 1][2]] if n + 1 < len(words) else ""
        if n and written[:1].islower() and (word in _NAME_STOPS or (word == "và" and not following[:1].isupper())):
            break
        end = stop
    if not end or end >= len(text.rstrip()):
        return found
    return ShortAnswer(text[:end], found.start, found.start + end, found.kind, found.citation)


def _aligned(text: str) -> list[tuple[str, int, int]]:
    """pyvi's words of ``text`` with their offsets: ``[(word, start, end)]`` ("GD&ĐT" may be
    several words; a word pyvi changed beyond recognition ends the list)."""
    lower, at, out = text.lower(), 0, []
    for word in segment(text):
        start = None
        for part in (x for x in word.split("_") if x):
            k = lower.find(part, at)
            if k < 0:
                return out
            start = k if start is None else start
            at = k + len(part)
        if start is not None:
            out.append((word, start, at))
    return out


_NAME_PARTICLES = {"de", "da", "van", "von", "der", "di", "du", "la", "le", "ibn", "bin", "al", "of", "and", "&"}


def _whole_name(found: ShortAnswer, sentences: list[tuple[str, int]]) -> ShortAnswer:
    """A lone capitalised syllable that opens a compound is read on to the name after it: "Tập"
    of "Tập đoàn Thiết kế Troika", "Vương" of "Vương quốc Anh", "Thiếu" of "Thiếu tướng
    Louis-Joseph de Montcalm". Only a Vietnamese syllable, and only before a name: pyvi also
    joins a foreign name to the verb after it ("Kuechly dẫn")."""
    word = found.text
    if " " in word or not word[:1].isupper() or word.isupper() or not SYLLABLE.fullmatch(word.casefold()):
        return found
    text, offset = _sentence_of(found, sentences)
    if text is None:
        return found
    start = found.start - offset
    first = (segment(text[start : start + 60]) or [""])[0].split("_")
    compound = re.match(r"\s+".join(map(re.escape, first)), text[start:], _I) if len(first) > 1 else None
    if not compound or first[0] != word.casefold():
        return found
    end = at = start + compound.end()
    named = False
    # The words after it, as pyvi joins them ("Thiết kế" is one word of "… Thiết kế Troika").
    for word in segment(text[at : at + 100]):
        m = re.match(r"(?:\s+|-)" + r"\s*".join(map(re.escape, word.split("_"))), text[at:], _I)
        token = text[at : at + m.end()].strip(" -") if m else ""
        if not token or not (token[:1].isupper() or token.isdigit() or (named and token.casefold() in _NAME_PARTICLES)):
            break
        named = named or token[:1].isupper()
        at += m.end()
        if token.casefold() not in _NAME_PARTICLES:  # never end on "de"
            end = at
    if not named:
        return found
    return ShortAnswer(text[start:end], offset + start, offset + end, found.kind, found.citation)


_QUOTE_WORDS = 14  # a short answer that would grow longer keeps its mark: the quote is beside it


def _whole_quote(found: ShortAnswer, sentences: list[tuple[str, int]]) -> ShortAnswer:
    """A span that opens or closes a quotation (“ ”) takes in the rest of it: "vững mạnh” tiêu
    biểu" is read as "“trong sạch, vững mạnh” tiêu biểu", not shown with a stray mark. A
    closing mark before any opening one ("a” và “b") is stray too, whatever the counts."""
    span = found.text
    opens, closes = span.find("“"), span.find("”")
    needs_open = closes >= 0 and (opens < 0 or closes < opens)
    needs_close = span.rfind("“") > span.rfind("”")
    if not (needs_open or needs_close):
        return found
    text, offset = _sentence_of(found, sentences)
    if text is None:
        return found
    start, end = found.start - offset, found.end - offset
    opening = text.rfind("“", 0, start) if needs_open else -1
    closing = text.find("”", end) if needs_close else -1
    start, end = (opening if opening >= 0 else start), (closing + 1 if closing >= 0 else end)
    if (opening, closing) == (-1, -1) or len(text[start:end].split()) > _QUOTE_WORDS:
        return found
    return ShortAnswer(text[start:end], offset + start, offset + end, found.kind, found.citation)
