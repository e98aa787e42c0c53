"""Open answers: a quotation, a definition ("… được gọi là gì?"), a list after ":", the stretch
the question leaves open (its gap), and one of two options ("A hay B?")."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.answer.span.base import (
    ShortAnswer, _CLAUSE_END, _EDGE_WORDS, _I, _after, _anchors, _nearest, syllables, _tokens,
)


_QUOTED = re.compile(r"[“\"«]([^”\"»]{3,400})[”\"»]")
_DEFINES_NAMED = re.compile(r"(?<!\w)(?:được gọi là|gọi là|có nghĩa là|nghĩa là|tức là|được định nghĩa là)\s+", _I)
_DEFINES = re.compile(r"(?<!\w)là\s+", _I)


def _quote(sentence, question, anchors):
    spans = [(m.start(1), m.end(1)) for m in _QUOTED.finditer(sentence)]
    if spans:
        return _nearest(spans, anchors)
    colon = sentence.find(":")
    if 0 < colon < len(sentence) - 3:
        return colon + 1 + (len(sentence[colon + 1:]) - len(sentence[colon + 1:].lstrip())), len(sentence.rstrip(" ."))
    return None


def _definition(sentence, question, anchors):
    return _after(sentence, _DEFINES_NAMED, anchors, 16) or _after(sentence, _DEFINES, anchors, 16)


def _list(sentence, question, anchors):
    colon = sentence.find(":")
    if 0 < colon < len(sentence) - 3:
        start = colon + 1 + (len(sentence[colon + 1:]) - len(sentence[colon + 1:].lstrip()))
        return start, len(sentence.rstrip(" .;"))
    return None


def _gap(sentence, question, anchors):
    """The longest stretch of new words in the clause nearest the question's words."""
    anchors = [a[0] if isinstance(a, tuple) else a for a in anchors]  # positions; weights unused here
    asked = syllables(question)
    tokens = _tokens(sentence)
    if not anchors:
        return None
    runs, run = [], []
    for i, (t, s, e) in enumerate(tokens):
        boundary = i > 0 and _CLAUSE_END.search(sentence[tokens[i - 1][2]:s])
        if t in asked or boundary:
            if run:
                runs.append(run)
            run = [] if t in asked else [(t, s, e)]
        else:
            run.append((t, s, e))
    if run:
        runs.append(run)
    best, best_score = None, 0.0
    for r in runs:
        while r and r[0][0] in _EDGE_WORDS:
            r = r[1:]
        while r and r[-1][0] in _EDGE_WORDS:
            r = r[:-1]
        if not r:
            continue
        # SQuAD-style answers are short: keep the words nearest the question's words.
        if len(r) > _GAP_WORDS:
            after = min(anchors, key=lambda a: abs(a - r[0][1])) <= r[0][1]
            r = r[:_GAP_WORDS] if after else r[-_GAP_WORDS:]
            while r and r[-1][0] in _EDGE_WORDS:
                r = r[:-1]
            while r and r[0][0] in _EDGE_WORDS:
                r = r[1:]
            if not r:
                continue
        start, end = r[0][1], r[-1][2]
        distance = min(min(abs(start - a), abs(end - a)) for a in anchors)
        score = min(len(r), 6) / (1 + distance / 20)
        if score > best_score:
            best, best_score = (start, end), score
    return best


_GAP_WORDS = 8


# Questions asking the name of what they describe: "… được gọi là gì?", "… có tên là gì?",
# "Tên của … là gì?" (not "X là gì?", which asks what X is, nor "… có nghĩa là gì?").
_ASKS_DEFINED = re.compile(r"\s+(?:(?:thì\s+)?(?:được\s+)?(?:gọi|biết đến)\s+(?:với tên\s+)?là|có tên(?:\s+là)?)"
                           r"\s+(?:gì|cái gì)\s*\??\s*$", _I)
_ASKS_NAME = re.compile(r"^\s*tên\s+(?:của|gọi của)?\s*(.+?)\s+là\s+gì\s*\??\s*$", _I)
_SUBJECT_START = re.compile(r"(?:^|[,;:]\s*)(?=[^,;:]*$)")
_PRONOUNS = {"đó", "đây", "nó", "điều", "này", "chúng", "họ", "ông", "bà"}


def _defined_subject(sentence: str, question: str) -> tuple[int, int] | None:
    """Asked "<description> được gọi là gì?", the subject of the sentence that states the
    description after "là": "Ergänzungsschulen là các trường trung học … tư thục" answers
    "Các trường trung học tư thục … được gọi là gì?"."""
    m = _ASKS_DEFINED.search(question)
    named = None if m else _ASKS_NAME.match(question)
    if not (m or named):
        return None
    description = question[: m.start()] if m else named.group(1)
    described = {t for t, _, _ in _tokens(description)} - _EDGE_WORDS
    if len(described) < 2:
        return None
    for la in re.finditer(r"(?<!\w)là(?!\w)", sentence):
        before = sentence[: la.start()]
        start = max((b.end() for b in _SUBJECT_START.finditer(before)), default=0)
        subject = sentence[start : la.start()].strip()
        words = subject.split()
        if not words or len(words) > 8 or words[0].lower() in _PRONOUNS | _EDGE_WORDS - {"các", "những", "một"} or set("()") & set(subject):
            continue
        rest = sentence[la.end():]
        stop = _CLAUSE_END.search(rest)
        after = {t for t, _, _ in _tokens(rest[: stop.start() if stop else len(rest)])}
        said = {t for t, _, _ in _tokens(subject)}
        if len(described & after) >= 0.5 * len(described) and len(described & said) < 0.34 * len(described):
            a = start + (len(sentence[start : la.start()]) - len(sentence[start : la.start()].lstrip()))
            return a, a + len(subject)
    return None


# "… vào buổi sáng hay buổi chiều?": the answer is the option the quote says.
_CHOICE = re.compile(r"(?<!\w)((?:[^\W\d_]+\s+)?[^\W\d_]+)\s+hay\s+(?:là\s+)?((?:[^\W\d_]+\s+)?[^\W\d_]+)\s*\??\s*$", _I)


def _choice(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """The one option of an alternative question ("A hay B?") that the sentences state.

    The options' shared first word ("buổi sáng hay buổi chiều") is not needed in the quote
    ("chiều ngày 08/5/2023"); when both options or neither are there, no span is chosen."""
    m = _CHOICE.search(question.strip())
    if not m:
        return None
    b = m.group(2).split()
    if b[-1].casefold() in ("không", "chưa"):  # "… hay không?" asks yes or no
        return None
    a = m.group(1).split()[-len(b):]  # "họp sáng hay chiều": as many words as the other option
    options = [(" ".join(a), " ".join(b))]
    if len(a) == len(b) == 2 and a[0].casefold() == b[0].casefold():
        options.append((a[1], b[1]))  # then without the shared word
    for pair in options:
        found = [f for f in (_said(option, sentences) for option in pair) if f]
        if found:
            return found[0] if len(found) == 1 else None
    return None


def _said(option: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    for text, offset in sentences:
        hit = re.search(r"(?<!\w)" + re.escape(option) + r"(?!\w)", text, _I)
        if hit:
            return ShortAnswer(hit.group(0), offset + hit.start(), offset + hit.end(), "choice")
    return None


# The part of a day an event was held in: "buổi nào?", and a claimed one ("… vào buổi chiều phải
# không?"); articles write it before the day ("sáng ngày 03-7-2020", "Chiều 08/5").
_PARTS = r"sáng|trưa|chiều|tối|đêm"
_ASKS_PART = re.compile(r"(?<!\w)(?:buổi nào|vào buổi nào|buổi gì)(?!\w)", _I)
# Only when it dates something: "vào buổi chiều", "buổi sáng", or right after the event's verb;
# "làm thêm giờ vào ban đêm", "nghỉ trưa" say when one works or rests, not when an event was.
_CLAIMS_PART = re.compile(rf"(?:(?<!\w)vào\s+(?:buổi\s+)?|(?<!\w)buổi\s+|(?<!\w)(?:diễn ra|tổ chức|tiến hành|họp|"
                          rf"khai mạc|làm việc)\s+)(?<!ban )(?<!ca )(?P<part>{_PARTS})(?:\s+ngày)?\s*,?\s*"
                          r"(?:(?:có\s+)?(?:phải|đúng)\s+không|à|hả|sao|không)\s*\??\s*$", _I)
_PART_SAID = re.compile(rf"(?<!\w)(?:buổi\s+)?(?P<part>{_PARTS})(?:\s+(?:ngày|hôm|nay))?\s+(?=\d)", _I)
_DAY_AFTER = re.compile(r"(?:ngày\s+|hôm\s+|nay\s+)?\d{1,2}\s*(?:[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?"
                        r"|\s+(?:tháng|ngày)\s+\d{1,2}(?:\s+năm\s+\d{4})?)", _I)  # "08 ngày 5 năm 2023" as one article writes it


def asks_day_part(question: str) -> bool:
    """Whether ``question`` asks or claims the part of the day ("… vào buổi chiều à?")."""
    return bool(_CLAIMS_PART.search(question) or _ASKS_PART.search(question))


def day_part(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """The part of the day and the day the quote dates the event with ("sáng ngày 03-7-2020"),
    for a question asking which part ("… vào buổi nào?"), or claiming one ("… vào buổi chiều phải
    không?"; ``verdict`` "có" when the quote says that part, "không" when another)."""
    claimed = _CLAIMS_PART.search(question)
    if not claimed and not _ASKS_PART.search(question):
        return None
    for text, offset in sentences:
        said = _PART_SAID.search(text)
        day = _DAY_AFTER.match(text, said.end()) if said else None
        if day:
            found = ShortAnswer(text[said.start() : day.end()], offset + said.start(), offset + day.end(), "date")
            if claimed:
                same = said["part"].casefold() == claimed["part"].casefold()
                found.verdict = "có" if same else "không"
            return found
    return None


# "… nhằm mục đích gì?", "Mục đích của hội nghị là gì?": the clause the quote opens with
# "nhằm", "với mục đích" or "mục đích là", whole to its sentence's end: a purpose is often
# several aims joined by commas ("nhằm Sơ kết công tác Đảng 6 tháng đầu năm 2020, triển khai
# phương hướng, …"). Not "… để làm gì?": "dùng để" answers it in too many ways (XQuAD-vi dev).
ASKS_PURPOSE = re.compile(r"(?<!\w)(?:mục đích (?:gì|là gì|[^?.!;]{0,100}?\slà gì)|nhằm (?:làm |tìm hiểu )?(?:điều )?gì)(?!\w)", _I)
# "nhằm ngày 12/2" says on which day, not what for.
PURPOSE = re.compile(r"(?<!\w)(?:nhằm(?: mục đích)?|với mục đích|mục đích là)\s+(?!(?:ngày|hôm|lúc|dịp|tháng|năm)(?!\w))", _I)
# Where the aim ends: the sentence's own end (a full stop inside it is an abbreviation or a
# number, "TP. Hồ Chí Minh", "3.200 hộ"), or a semicolon.
_PURPOSE_END = re.compile(r"[;!?\n]|\.\s*$")
_PURPOSE_WORDS = 40  # a longer aim is cut at its last comma within this many words


@lru_cache(maxsize=1024)
def asks_purpose(question: str) -> bool:
    """Whether ``question`` asks what something was for ("… nhằm mục đích gì?"); remembered,
    as every candidate sentence asks it again."""
    return bool(ASKS_PURPOSE.search(question))


def _purpose(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """The purpose a quoted sentence states, asked "nhằm mục đích gì?" (best sentence first; in
    a sentence, the clause nearest the question's other words)."""
    if not asks_purpose(question):
        return None
    asked = syllables(question)
    for text, offset in sentences:
        spans = []
        for m in PURPOSE.finditer(text):
            stop = _PURPOSE_END.search(text, m.end())
            clause = text[m.end() : stop.start() if stop else len(text)]
            words = list(re.finditer(r"[^\s,:]+(?:[,:]+[^\s,:]+)*", clause))
            if not words:
                continue
            end = words[min(len(words), _PURPOSE_WORDS) - 1].end()
            if len(words) > _PURPOSE_WORDS and "," in clause[:end]:
                end = clause.rfind(",", 0, end)
            spans.append((m.end(), m.end() + end))
        best = _nearest(spans, _anchors(text, asked))
        if best:
            return ShortAnswer(text[best[0]:best[1]], offset + best[0], offset + best[1], "purpose")
    return None


# "X là gì?", "X được hiểu là gì?", "Luật hiểu “X” là gì?": where a quoted sentence defines X
# itself ("6. Xếp loại chất lượng viên chức là việc …"), the whole definition to the sentence's
# end — a statute's or an encyclopaedia's definition runs past its first comma and "và".
_ASKS_TERM = re.compile(
    r"^(.+?)\s+(?:(?:được|có thể được)\s+(?:hiểu|định nghĩa)(?:\s+là)?|có nghĩa là|nghĩa là|là)"
    r"\s+(gì|ai)\s*\??\s*$", _I)
_TERM_QUOTED = re.compile(r"[“\"«']([^”\"»']{3,120})[”\"»']")
# What may stand before the term in the defining sentence: nothing, a clause's number, a colon.
_TERM_LEAD = re.compile(r"(?:^|[:;]|^\s*(?:\d+|[a-zđ])[.)])\s*$", _I)
_DEFINES_AS = re.compile(r"\s+(?:được hiểu là|được định nghĩa là|có nghĩa là|nghĩa là|là)\s+", _I)
_DEFINITION_WORDS = 60


def defined_term(question: str) -> tuple[list[str], bool] | None:
    """The term a question asks the meaning of, in the ways it may be read ("Xếp loại chất
    lượng viên chức nghĩa là gì?" → ["Xếp loại chất lượng viên chức"]), and whether it asks for its meaning in so many words
    ("nghĩa là", "được hiểu là", "định nghĩa", a quoted term) rather than a plain "X là gì?";
    None for "X là ai?" without those words (a person), a name, a theme or a motto ("Tên của
    … là gì?", "Chủ đề của … là gì?": what follows "là" is named, not defined)."""
    m = _ASKS_TERM.search(question.strip())
    if not m:
        return None
    meaning = bool(re.search(r"(?<!\w)(?:hiểu|định nghĩa|nghĩa)(?!\w)", question, _I))
    if m.group(2).lower() == "ai" and not meaning:
        return None
    quoted = _TERM_QUOTED.search(m.group(1))
    # The whole of what precedes "là gì" ("Theo dõi, đánh giá viên chức"), else what follows
    # its last comma ("Theo Luật này, X là gì?").
    said = m.group(1).strip(" “”\"'«»")
    terms = [quoted.group(1)] if quoted else list(dict.fromkeys([said, said.rsplit(",", 1)[-1].strip()]))
    terms = [t for t in terms if len(t.split()) >= 2 and not _NAMED.match(t)]
    return (terms, meaning or bool(quoted)) if terms else None


# "Nội dung buổi làm việc … là gì?": what the sentence writes after the noun asked by (and whose
# it is): "…, nội dung của buổi làm việc nắm bắt tình hình lãnh đạo, chỉ đạo, …" (an API probe
# got the date of the session, as a guess).
_ASKS_NAMED = re.compile(r"^\s*(?P<noun>nội dung|mục tiêu|nhiệm vụ trọng tâm)(?:\s+(?:chính|chủ yếu))?(?!\w)"
                         r"[^?]{0,120}?\s+(?:là\s+)?gì\s*\??\s*$", _I)
_NAMED_WORDS = 40  # what a noun names is a clause at most


def content_named(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """What a quoted sentence writes after the noun "Nội dung … là gì?" asks by, past the
    question's own words beside it ("… của buổi làm việc", "… trong nhiệm kỳ 2020 - 2025:"), to
    the clause's end."""
    asked = _ASKS_NAMED.match(question)
    if not asked:
        return None
    said = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, asked["noun"].split())) + r"(?!\w)", _I)
    own = {w.lower() for w in re.findall(r"\w+", question)} | {"của", "trong", "là", "-", "–"}
    for text, offset in sentences:
        for m in said.finditer(text):
            at = m.end()
            for word in re.finditer(r"\s*(\w+|[-–])", text[at:]):
                if word.group(1).lower() not in own:
                    break
                at = m.end() + word.end()
            at += len(re.match(r"\s*:?\s*", text[at:]).group(0))
            stop = re.search(r"[;!?\n]|\.(?!\d)", text[at:])
            end = at + (stop.start() if stop else len(text) - at)
            words = text[at:end].split()
            if 2 <= len(words) <= _NAMED_WORDS:
                end = len(text[:end].rstrip(" ,."))
                return ShortAnswer(text[at:end], offset + at, offset + end, "span")
    return None


# What a question asks the name or wording of, not the meaning.
_NAMED = re.compile(r"(?:tên|chủ đề|khẩu hiệu|phương châm|tiêu đề|thông điệp|mục đích|nội dung)(?!\w)", _I)
_CLAUSE_NUMBER = re.compile(r"^\s*(?:\d+|[a-zđ])[.)]\s*$", _I)


def _defines_term(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """The definition of the asked term in the first quoted sentence that states it as "X là …"
    (the term opening the sentence or its numbered clause), whole to the sentence's end; asked
    a plain "X là gì?", only where a numbered clause defines it, as a statute's definitions do
    ("Tên gọi mới của trường là Trường THPT Lê Lợi, theo …" states a name, not a meaning)."""
    asked = defined_term(question)
    if not asked:
        return None
    terms, meaning = asked
    pattern = re.compile("|".join(r"(?<!\w)" + r"\s+".join(map(re.escape, t.split())) + r"(?!\w)" for t in terms), _I)
    for text, offset in sentences:
        for m in pattern.finditer(text):
            is_ = _DEFINES_AS.match(text, m.end())
            lead = text[: m.start()]
            if not is_ or not _TERM_LEAD.search(lead) or not (meaning or _CLAUSE_NUMBER.match(lead)):
                continue
            stop = re.search(r"[;!?\n]|\.\s*$", text[is_.end():])
            end = is_.end() + (stop.start() if stop else len(text) - is_.end())
            words = text[is_.end():end].split()
            if not words or len(words) > _DEFINITION_WORDS:
                continue
            end = len(text[:end].rstrip(" ."))
            return ShortAnswer(text[is_.end():end], offset + is_.end(), offset + end, "definition")
    return None


# A list item's marker: a dash or bullet, a clause's number ("3."), a point's letter ("a)").
_MARKER = r"^\s*(?:[-+•*–]|\d{1,2}[.)]|[a-zđ][.)])"
_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# A point's letter may be typed against its text ("b)Bị cấp có thẩm quyền …"), a capital after it.
LIST_ITEM = re.compile(_MARKER + rf"(?:\s|(?<=[a-zđ]\))(?=[{_UPPER}]))")
_LABEL = re.compile(_MARKER + r"\s+([^:;.]{3,80}):\s*(\S.*?)[\s;.]*$", re.S)


def item_level(text: str) -> int:
    """A list item's level: 2 for a numbered clause ("3."), 1 for a lettered point ("a)"), 0 for a dash."""
    m = LIST_ITEM.match(text)
    marker = m.group(0).strip() if m else ""
    return 2 if marker[:1].isdigit() else 1 if marker[:1].isalpha() else 0


def labelled_item(question: str, items: list) -> ShortAnswer | None:
    """Of items labelled "b) Giảng viên đại học: …" (each with ``text`` and ``start``), the
    one whose whole label the question says ("Các chức danh giảng viên đại học gồm những chức
    danh nào?"): its content."""
    asked = question.casefold()
    found = []
    for s in items:
        m = _LABEL.match(s.text)
        if m and len(m.group(1).split()) >= 2 and re.search(
                r"(?<!\w)" + re.escape(m.group(1).strip().casefold()) + r"(?!\w)", asked):
            found.append(ShortAnswer(m.group(2), s.start + m.start(2), s.start + m.end(2), "list", basis="list"))
    return found[0] if len(found) == 1 else None


# "Những ai dự Hội nghị …?", "… có những thành phần nào dự?": who attended, as a report lists them
# ("Dự Hội nghị có, Ban Giám đốc Sở GDĐT, lãnh đạo Công đoàn Ngành, …; cùng cán bộ, …").
_ASKS_ATTENDING = re.compile(r"(?<!\w)(?:(?:những\s+)?ai|thành phần(?:\s+nào)?)\s+(?:đã\s+)?(?:tới\s+|đến\s+)?"
                             r"(?:tham\s+)?dự(?!\w)|(?<!\w)(?:thành phần nào|những ai)(?:\s+\S+){0,2}\s+(?:tham\s+)?dự(?!\w)",
                             _I)
_ATTENDED = re.compile(r"^\s*(?:(?:tới|đến|về)\s+)?(?:tham\s+)?dự(?:\s+(?:và\s+)?[^,:;.]{1,60}?)?\s+(?:có(?:\s+mặt)?|gồm)\s*[,:]?\s+", _I)
_ATTENDING_WORDS = 60


def attending(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """Who attended, asked "Những ai dự …?": the list after "Dự … có" in the first quoted
    sentence opening so, to the sentence's end."""
    if not _ASKS_ATTENDING.search(question):
        return None
    for text, offset in sentences:
        m = _ATTENDED.match(text)
        if not m:
            continue
        end = len(text.rstrip(" .;"))
        if m.end() < end and len(text[m.end():end].split()) <= _ATTENDING_WORDS:
            return ShortAnswer(text[m.end():end], offset + m.end(), offset + end, "list")
    return None


# "… các báo cáo: báo cáo A; báo cáo B; …; báo cáo kết quả hoạt động … của Ban Thanh tra nhân
# dân.": items after a colon, set apart by semicolons.
_ITEMS_AFTER_COLON = re.compile(r":\s*(?P<items>[^:]*;[^:]*)$")
_OWNER = re.compile(r"\s+(?:của|do|cho)\s+(?P<owner>[^,;]+?)\s*$", _I)
_ASKS_WHAT = re.compile(r"(?<!\w)(?:gì|những gì)\s*\??\s*$", _I)


def item_saying(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """Of the items a quoted sentence sets apart by ";" after a colon, the one alone in saying
    two or more of the question's words ("Ban Thanh tra nhân dân báo cáo gì?" → "báo cáo kết quả
    hoạt động năm 2020 và chương trình công tác năm 2021", the item ending "của Ban Thanh tra
    nhân dân"; a staff user had been given "tổng hợp thi đua", from the item before it). Its
    owner, when the question names it ("… của <what the question says>"), is left out."""
    if not _ASKS_WHAT.search(question):  # "… của chi bộ nào?" asks for a name in the item
        return None
    asked = syllables(question)
    for text, offset in sentences[:1]:
        m = _ITEMS_AFTER_COLON.search(text)
        if not m:
            continue
        items, start = [], m.start("items")
        for piece in m.group("items").split(";"):
            lead = len(piece) - len(piece.lstrip())
            body = piece.strip().rstrip(".")
            items.append((start + lead, body))
            start += len(piece) + 1
        said = [{t for t, _, _ in _tokens(body)} & asked for _, body in items]
        alone = [k for k, words in enumerate(said)
                 if len(words - set().union(*(w for j, w in enumerate(said) if j != k))) >= 2]
        if len(alone) != 1:
            continue
        at, body = items[alone[0]]
        owner = _OWNER.search(body)
        if owner and {t for t, _, _ in _tokens(owner.group("owner"))} <= asked:
            body = body[:owner.start()]
        if len(body.split()) >= 2:
            return ShortAnswer(body, offset + at, offset + at + len(body), "span")
    return None
