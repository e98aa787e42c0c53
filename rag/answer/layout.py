"""How a text lays its sentences out: statute headings, numbered clauses and their lettered
items, lists a colon opens, stages ("Vòng 2"), and the sentences that deny or make an exception.

Read off the sentence pool the answer step scores (:mod:`rag.answer.sentences`), in article
order; the functions here look at a sentence's text and its neighbours, never at the question's
meaning.
"""

from __future__ import annotations

import re

from rag.answer import scope
from rag.answer.span import LIST_ITEM

# A heading: a statute's article or chapter ("Điều 17. Lưu giữ tài liệu …"), or a numbered
# clause that names its subject without saying anything ("6. Tỷ lệ xếp loại … đối với viên chức").
# "ĐIỀU 3: Giải thích", "Điều 3 - …" as well (the forms provision.headings reads).
_PARTS = r"(?:Điều|Chương|Mục|Phần|ĐIỀU|CHƯƠNG|MỤC|PHẦN)"
HEADING = re.compile(rf"^\s*(?:{_PARTS}\s+(?:\d+[a-zđ]?|[IVXLC]+)\b\s*(?:[.:]|[-–](?=\s))?|\d{{1,2}}\.(?!\d))"
                      r"[^\n.;:!?]{2,200}$")
ARTICLE_HEADING = re.compile(rf"^\s*{_PARTS}\s")
# A list announced inside its sentence and run on in the paragraph: "… như sau: Bám sát …".
# Not "gồm:", which usually ends its list in the sentence ("Đoàn gồm: đồng chí A, đồng chí B.").
INLINE_LEAD = re.compile(r"(?<!\w)(?:như sau|sau đây)\s*:\s*(?=\S)", re.IGNORECASE)
CLAUSE_ITEM = re.compile(r"^\s*\d{1,2}[.)]\s")
# "… được quy định tại điều nào?", "… nằm ở điều mấy?": which statute article, not a clause's content.
# Not "những điều nào", "các điều gì" (the things a rule forbids or allows).
ASKS_ARTICLE = re.compile(r"(?<!\w)(?<!những\s)(?<!các\s)điều\s+(?:luật\s+)?(?:nào|mấy|số\s+mấy|bao\s+nhiêu)(?!\w)",
                           re.IGNORECASE)


# A stage or part named with its number ("Vòng 2", "giai đoạn II", "Bước 3"), which a
# numbered clause opens with ("2. Vòng 2: Đánh giá năng lực …") and its lettered items inherit.
_STAGE = re.compile(r"(?<!\w)(vòng|bước|giai\s+đoạn|đợt|phần)\s+(\d{1,2}|[IVX]{1,4})(?!\w)", re.IGNORECASE)
_STAGE_LABEL = re.compile(r"^\s*(?:\d{1,2}[.)]\s*)?" + _STAGE.pattern[len(r"(?<!\w)"):] + r"\s*[:.–-]", re.IGNORECASE)


def stage(text: str) -> tuple[str, int] | None:
    """The one stage a question names ("Vòng 2 của kỳ thi …" → ("vòng", 2)), else None."""
    found = {_stage_of(m) for m in _STAGE.finditer(text)}
    return found.pop() if len(found) == 1 else None


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def _stage_of(m: re.Match) -> tuple[str, int]:
    """("giai đoạn", 2) for "Giai đoạn II" and "giai đoạn 2" alike."""
    number = m.group(2).upper()
    if not number.isdigit():  # I-XXXIX: a numeral smaller than the next is subtracted
        values = [_ROMAN_VALUES[c] for c in number]
        number = sum(-v if v < w else v for v, w in zip(values, values[1:] + [0]))
    return " ".join(m.group(1).casefold().split()), int(number)


def stages(pool: list) -> dict[int, tuple[str, int]]:
    """``{id(sentence): stage}`` for sentences labelled with a stage: a clause opening with one
    ("1. Vòng 1: …") and the lettered items under it."""
    out, current, last = {}, None, None
    for p in pool:
        if last is None or last.hit is not p.hit:
            current = None
        m = _STAGE_LABEL.match(p.text)
        if m:
            current = _stage_of(m)
        elif CLAUSE_ITEM.match(p.text) or not LIST_ITEM.match(p.text):
            current = None
        if current:
            out[id(p)] = current
        last = p
    return out


# An item labelled with what is asked ("a) Hình thức thi: …" for "… theo những hình thức thi
# nào?", "c) Thời gian thi: …"): the label is the statute's own answer slot.
_ITEM_LABEL = re.compile(r"^\s*(?:[a-zđ]\)|\d{1,2}[.)])\s*([^\W\d][^:;.\n]{1,38}?)\s*:\s*\S")


def labelled_as_asked(text: str, asked: set[str]) -> bool:
    """Whether ``text`` is an item whose label's syllables (two at least) are all in ``asked``."""
    m = _ITEM_LABEL.match(text)
    label = m and re.findall(r"\w+", m.group(1).casefold())
    return bool(label) and len(label) >= 2 and set(label) <= asked


def caption(s) -> bool:
    """Whether ``s`` reads as a news photo's caption: a line of a report with no closing mark."""
    text = s.text.strip()
    return bool(text) and not text.endswith((".", "!", "?", "…", ":", ";", "”", '"', ")")) \
        and not LIST_ITEM.match(text) and not scope.is_statute(s.hit.chunk.title) and len(text.split()) <= 30


# Not a limit ("không được nghỉ quá 12 ngày", "không quá") nor "không chỉ/những" (not only).
_DENIAL = re.compile(r"(?<!\w)(?:không|chưa|chẳng)\s+(?!(?:được|quá|chỉ|những|phải)\s)(\w+\s+\w+(?:\s+\w+)?)",
                     re.IGNORECASE)


# A clause opening on a special case ("b) Trường hợp đơn vị … có thành tích xuất sắc … thì tỷ lệ
# … không quá 25%"), read against the rule before it (20%), for a question that sets no case.
EXCEPTION = re.compile(r"^\s*(?:(?:\d{1,2}|[a-zđ])[.)]\s*)?(?:trường hợp|đối với trường hợp|nếu|ngoại trừ|trừ trường hợp)"
                        r"(?!\w)", re.IGNORECASE)
ASKS_CASE = re.compile(r"(?<!\w)(?:trường hợp|nếu|khi|thì|ngoại trừ|trừ)(?!\w)", re.IGNORECASE)


def denies(text: str, question: str) -> bool:
    """Whether ``text`` denies what ``question`` (folded) states: "đối với viên chức không giữ
    chức vụ quản lý" for a question about those who "giữ chức vụ quản lý"."""
    for m in _DENIAL.finditer(text):
        phrase = " ".join(m.group(1).casefold().split())
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", question) and f"{m.group(0).split()[0].casefold()} {phrase}" \
                not in question:
            return True
    return False


def leads(pool: list) -> dict[int, object]:
    """``{id(item): the sentence ending in ':' that opens its list}`` for the list items in ``pool``
    (an item of a chunk whose lead is in an earlier chunk has none here)."""
    leads, lead, last = {}, None, None
    for p in pool:
        if last is None or last.hit is not p.hit:
            lead = None
        is_item = bool(LIST_ITEM.match(p.text))
        if is_item and lead is not None:
            leads[id(p)] = lead
        if p.text.rstrip().endswith(":"):
            lead = p
        elif not is_item:
            lead = None
        last = p
    return leads


def headings(pool: list, heading_above) -> dict[int, list[set[str]]]:
    """``{id(sentence): [words of the headings it is under]}``: its statute article's
    heading ("Điều 17. Lưu giữ tài liệu …", read from the article's text by
    ``heading_above(chunk)`` when the chunk starts below it) and a clause heading above its
    items ("6. Tỷ lệ xếp loại …")."""
    out, article_head, clause_head, item, last = {}, None, None, None, None
    for p in pool:
        if not scope.is_statute(p.hit.chunk.title):  # a news report's "1. Tổng số thí sinh …" is no heading
            continue
        if last is None or last.hit is not p.hit:
            article_head, clause_head, item = heading_above(p.hit.chunk), None, None
        if HEADING.match(p.text):
            if ARTICLE_HEADING.match(p.text):
                article_head, clause_head = p.words, None
            else:
                clause_head = p.words
            item = None
        elif CLAUSE_ITEM.match(p.text) and not p.text.rstrip().endswith(":"):
            # "2. Vòng 2: Đánh giá năng lực …" over "a) Hình thức thi: …": a numbered clause
            # says what its lettered items are about, as a heading does (one ending in ":"
            # is their lead, which lends its words already).
            out[id(p)] = [article_head] if article_head else []
            clause_head, item = p.words, p.words
        elif LIST_ITEM.match(p.text):
            if CLAUSE_ITEM.match(p.text):
                clause_head = None
            out[id(p)] = [h for h in (article_head, clause_head) if h]
            item = p.words
        else:
            # "b) Phần II: Ngoại ngữ, 30 câu hỏi … Thời gian thi 30 phút.": a sentence going on
            # in its item's paragraph is read under the item, as the item's first is.
            c = p.hit.chunk
            going_on = item is not None and last is not None and last.hit is p.hit \
                and "\n" not in c.text[last.end - c.start:p.start - c.start]
            if not going_on:
                clause_head, item = None, None
            out[id(p)] = [h for h in (article_head, clause_head, item) if h]
        last = p
    return out
