"""Counts and amounts: a number with the noun it counts ("139 đảng viên"), its unit, its bound
("ít nhất 06 tháng") and the share it is of; not a year, a term or a percentage asked as a head count."""

from __future__ import annotations

import re

from rag.answer.question import KINDS
from rag.answer.span.base import _EDGE_WORDS, _I, _TOKEN, _nearest, _pull
from rag.answer.span.dates import ASKS_SESSION, SESSION_NUMBER, _DATES
from rag.text import joins, pos_tags, segment


NUMBER_WORDS = r"(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn|triệu|tỷ|tỉ|rưỡi|lẻ)"
_NUMBER = re.compile(
    rf"(?<![\w/.-])(?<!\d:)(?:\d+(?:[.,]\d+)*(?::\d{{2}}(?!\d))?(?:\s*%)?|{NUMBER_WORDS}(?:\s+{NUMBER_WORDS})*)"
    rf"(?:\s+(?:nghìn|ngàn|triệu|tỷ|tỉ))?(?![\w/-])(?!\s*[/.-]\s*\d)"
    # "tỷ lệ" is a rate and "phần trăm" a percent, not a billion or a hundred.
    rf"(?!\s+lệ(?!\w))(?<!phần\străm)", _I)
_UNITS = re.compile(r"\s+(%|phần trăm|km|mét|m|cm|kg|tấn|ha|héc-ta|đồng chí|đồng|USD|đô la|tuổi|năm|tháng|tuần|ngày|"
                    r"giờ|phút|giây|lần|km2|dặm|feet|inch|độ|người)(?!\w)", _I)
ASKS_ORDINAL = re.compile(r"(?<!\w)thứ (?:mấy|bao nhiêu)(?!\w)", _I)
_ORDINAL_SAID = re.compile(r"(?<!\w)thứ\s+((?:[IVXLC]+|\d+|nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)(?:\s+(?:mốt|hai|ba|tư|"
                           r"lăm|năm|sáu|bảy|tám|chín))?)(?!\w)")
ASKS_PERCENT = re.compile(r"(?<!\w)(?:phần trăm|tỷ lệ|tỉ lệ)(?!\w)", _I)
_PERCENT = re.compile(r"[\d.,\s]+(?:%|phần trăm)", _I)
_PREPOSITIONS = {"trong", "trên", "dưới", "mỗi", "một", "cho", "đối", "tính", "kể"}


def counted(sentence: str, question: str, anchors: list = (), focus: tuple[str, ...] = ()) -> tuple[int, int] | None:
    """A number with the noun the question counts ("139 đảng viên"), nearest ``anchors`` (plain
    positions, or weighed ones: :func:`rag.answer.span.base._nearest`);
    ``focus``: a follow-up's own words ("Còn dự khuyết?"), which say which count it asks."""
    found = [sp for sp, p in _number_candidates(sentence, question, focus) if p == 0]
    return _listed_nearest(sentence, found, list(anchors)) or _clause_nearest(sentence, found, list(anchors))


def _listed_nearest(sentence: str, spans: list[tuple[int, int]], anchors: list) -> tuple[int, int] | None:
    """Of counts listed one after another ("… 08 cá nhân đạt danh hiệu Chiến sĩ thi đua cấp cơ
    sở, 04 công chức được … tặng bằng khen"), the one whose own stretch, from it to the next
    count, says the question's words: a count leads what it counts. None unless the counts are
    so listed, parted by commas."""
    if len(spans) < 2 or not anchors or not isinstance(anchors[0], tuple):
        return None
    spans = sorted(spans)
    if not all("," in sentence[a[1]:b[0]] for a, b in zip(spans, spans[1:])):
        return None
    # Each opens its clause ("…, trong đó 08 cá nhân …, 04 công chức …"); not "… gửi 01 bộ hồ
    # sơ …, … trước thời điểm nghỉ hưu ít nhất 06 tháng", whose count closes what it measures.
    if any(len(re.split(r"[,;:]", sentence[:sp[0]])[-1].split()) > 2 for sp in spans):
        return None
    ends = [b[0] for b in spans[1:]] + [len(sentence)]

    def own(sp: tuple[int, int], end: int) -> float:
        return sum(w for a, w in anchors if sp[1] <= a < end)

    said = [own(sp, end) for sp, end in zip(spans, ends)]
    best = max(said)
    return spans[said.index(best)] if best and said.count(best) == 1 else None


def _number(sentence, question, anchors):
    candidates = _number_candidates(sentence, question)
    if not candidates:
        return None
    best = min(p for _, p in candidates)
    found = [sp for sp, p in candidates if p == best]
    found = _listed_nearest(sentence, found, anchors) or _clause_nearest(sentence, found, anchors)
    if found and sentence[found[0]:found[1]].rstrip().endswith("%"):
        found = (found[0], _share_of(sentence, found[1]))
    return _bounded(sentence, found) if found else None


def _clause_nearest(sentence: str, spans: list[tuple[int, int]], anchors: list) -> tuple[int, int] | None:
    """:func:`_nearest`, each ";"-clause saying its own case: "… trình độ trung cấp … là 06 tuần;
    của nhà giáo giảng dạy trình độ sơ cấp là 04 tuần" asked of "sơ cấp" is 04 tuần, the
    question's words in another clause pulling a number with a fraction of their weight."""
    if not spans or not anchors or not isinstance(anchors[0], tuple) or ";" not in sentence:
        return _nearest(spans, anchors)
    cuts = [m.start() for m in re.finditer(";", sentence)]

    def clause(at: int) -> int:
        return sum(c < at for c in cuts)

    return max(spans, key=lambda sp: _pull(sp, [(a, w if clause(a) == clause(sp[0]) else w * _OTHER_CLAUSE)
                                               for a, w in anchors]))


_OTHER_CLAUSE = 0.25


def _bounded(sentence: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` with the bound around its number: "ít nhất 06 tháng" is not "06 tháng", nor "từ
    8,5 trở lên" "8,5", even where the question states the bound ("ít nhất bao nhiêu phút?"):
    the answer then reads whole. On the dev parts: XQuAD-vi dev number F1 0.537 -> 0.569, legal
    dev 0.533 -> 0.529 and legal3 dev alike (leaving out a bound the question states lost 0.01 more)."""
    start, end = span
    lower = _RANGE_FROM.search(sentence[:start])  # "từ 2 đến 4 năm" asked as "bao nhiêu năm": the range
    if lower:
        start = lower.start()
    else:
        # "… đạt được 75 đến 85 trường chuẩn quốc gia" asked "là bao nhiêu": the range, with the
        # word it counts (it had been "75").
        upper = _RANGE_TO.match(sentence, end)
        if upper:
            word = re.match(r"\s+([^\W\d_]+)", sentence[upper.end():])
            end = upper.end() + (word.end() if word and word.group(1).casefold() not in _NOT_COUNTED else 0)
    while bound := _BOUND.search(sentence[:start]):  # "tối thiểu từ 400 học sinh"
        if re.search(r"\d\s*$", sentence[: bound.start()]):  # "28 trên 30 chỉ tiêu" is no bound
            break
        start = bound.start()
        if bound.group(1).casefold() == "từ":  # "từ 2 đến 4 năm": the range whole, not its minimum
            to = re.match(r"\s*(?:đến|tới|-|–)\s*(?:dưới\s+|không quá\s+)?", sentence[end:], _I)
            upper = _NUMBER.match(sentence, end + to.end()) if to else None
            if upper:
                # "từ 70 điểm đến dưới 90 điểm": the upper bound with the lower's own noun
                noun = re.search(r"\d\s+([^\W\d_]+)$", sentence[span[0]:end])
                unit = _UNITS.match(sentence, upper.end()) or (
                    noun and re.compile(r"\s+" + re.escape(noun.group(1)) + r"(?!\w)").match(sentence, upper.end()))
                end = unit.end() if unit else upper.end()
    least = _BOUND.search(sentence[:span[0]])
    if least and least.group(1).casefold() in ("tối thiểu", "ít nhất"):
        # "tối thiểu là 04 tuần, tối đa là 08 tuần": both bounds are the answer
        most = _UPPER.match(sentence, end)
        if most:
            unit = _UNITS.match(sentence, most.end())
            end = unit.end() if unit else most.end()
    # "30 ngày làm việc" is not "30 ngày": a legal deadline counts working days.
    if re.search(r"(?<!\w)(?:ngày|giờ)$", sentence[start:end], _I):
        working = re.match(r"\s+làm việc(?!\w)", sentence[end:], _I)
        end += working.end() if working else 0
    upward = re.match(r"\s+trở\s+(?:lên|xuống)(?!\w)", sentence[end:], _I)
    return start, end + (upward.end() if upward else 0)


# "từ 2 đến 4 năm", and without "từ", "đạt được 75 đến 85 trường" (not "ngày 4 đến 15": a date's).
_RANGE_FROM = re.compile(r"(?<!\w)từ\s+\d+(?:[.,]\d+)*(?:\s+[^\W\d_]+){0,2}\s*(?:đến|tới|-|–)\s*(?:dưới\s+|không quá\s+)?$"
                         r"|(?<![\w/.,-])\d+(?:[.,]\d+)*\s+(?:đến|tới)\s+$", _I)
_RANGE_TO = re.compile(r"\s+(?:đến|tới)\s+\d+(?:[.,]\d+)*(?![\d/])", _I)
_BOUND = re.compile(r"(?<!\w)(ít nhất|tối thiểu|tối đa|nhiều nhất|không quá|không dưới|chưa đến|chưa tới|hơn|trên|"
                    r"dưới|gần|khoảng|xấp xỉ|có tới|lên tới|lên đến|từ|sau mỗi|mỗi)(?:\s+là)?\s+$", _I)
_UPPER = re.compile(r",?\s*(?:và\s+)?(?:tối đa|nhiều nhất|không quá)(?:\s+là)?\s+\d+(?:[.,]\d+)*", _I)


_SHARE_WORDS = 5  # pyvi words; 3 and 5 scored alike on the dev parts


_NOUN_AFTER = re.compile(r"\s+(?!(?:trở|đến|tới|và|hoặc|hay|lần|rưỡi)(?!\w))[^\W\d_]")
_LINE_START = re.compile(r"(?:^|\n)[ \t(]*$")
# "ngày 01 tháng 6 năm 2026": a day and a month, no count of days or months (a probe's "đến bao
# nhiêu tuổi?" had got "6 năm" out of it), unless the day or month is asked ("tháng mấy?").
_DATE_PART = re.compile(r"(?<!\w)(ngày|tháng)\s+$", _I)
# What follows a day or a month in a date: "ngày 01 tháng 6", "ngày 4/7", "tháng 6 năm 2026".
_DATE_GOES_ON = {"ngày": re.compile(r"\s*(?:tháng(?!\w)|[/.-]\d)", _I), "tháng": re.compile(r"\s*(?:năm(?!\w)|[/.-]\d)", _I)}
_ASKS_DATE_PART = re.compile(r"(?<!\w)(?:ngày|tháng)\s+(?:bao\s+nhiêu|mấy)(?!\w)", _I)


def _date_part(sentence: str, m: re.Match) -> bool:
    """Whether the number ``m`` is the day or month of a date, not "5 ngày, mỗi ngày 8 tiếng"."""
    before = _DATE_PART.search(sentence, 0, m.start())
    return bool(before) and bool(_DATE_GOES_ON[before.group(1).casefold()].match(sentence, m.end()))


# A number that cites a part of a text ("khoản 1 Điều này", "điểm 2", "Phụ lục 3", "Mẫu số 05"),
# right before it.
_CITED_NUMBER = re.compile(r"(?<!\w)(?:khoản|điểm|điều|mục|chương|phụ\s+lục|mẫu(?:\s+số)?|tiết)\s+$", _I)


def _share_named(sentence: str, span: tuple[int, int], question: str) -> bool:
    """Whether the words right after a percentage ("95% quần chúng") are the question's."""
    after = re.match(r"\s*(?:%|phần trăm)?\s*([^\W\d_]+(?:\s+[^\W\d_]+)?)", sentence[span[1]:])
    if not after:
        return False
    words = after.group(1).lower().split()
    asked = question.lower()
    return len(words) == 2 and re.search(rf"(?<!\w){re.escape(' '.join(words))}(?!\w)", asked) is not None


def _share_of(sentence: str, end: int) -> int:
    """The end of what a percentage is a share of, when nouns follow it ("80% mức lương cơ sở")."""
    rest = sentence[end:end + 80]
    words = pos_tags(rest)
    tokens = list(_TOKEN.finditer(rest))
    taken, k = 0, 0
    for word, tag in words[:_SHARE_WORDS]:
        n = len([x for x in word.split("_") if x])
        if not tag.startswith("N") or k + n > len(tokens):
            break
        if re.search(r"[,;:.()]", rest[taken:tokens[k].start()]):  # punctuation ends the phrase
            break
        k += n
        taken = tokens[k - 1].end()
    return end + taken


def _counted_word(question: str, asks) -> str:
    """The whole word counted after "bao nhiêu" ("học sinh", "lượt"), as pyvi joins it."""
    words = segment(question[asks.end():])
    return words[0].replace("_", " ") if words else ""


_TERM_YEARS = re.compile(r"\s*[-–]\s*(?:1[0-9]|20)\d{2}(?!\d)")
_TERM_BEFORE = re.compile(r"(?:(?:nhiệm kỳ|khóa|khoá|giai đoạn|năm học)\s+|(?:1[0-9]|20)\d{2}\s*[-–]\s*)$", _I)


def _number_candidates(sentence: str, question: str, focus: tuple[str, ...] = ()) -> list:
    asks = dict(KINDS)["number"].search(question)
    # The noun after "bao nhiêu"/"mấy" is what is counted: "139 đảng viên".
    counted = re.findall(r"[^\W\d_]+", question[asks.end():])[:2] if asks else []
    if counted and counted[-1].lower() in _EDGE_WORDS | _PREPOSITIONS:  # "bao nhiêu giờ trong …"
        counted = counted[:1]
    if counted and counted[0].lower() in TIME_UNITS:
        counted = counted[:1]  # "mấy ngày Tết": "01 ngày" counts the days; "Tết" says which
    if counted and counted[0].lower() in _NOT_COUNTED:
        counted = []  # "từ bao nhiêu trở lên", "cao hơn bao nhiêu so với …": nothing is counted
    candidates = []
    # The counted noun as pyvi reads it ("đảng_viên"): written before a number, it must be whole.
    after_asks = segment(question[asks.end():]) if counted else []
    first_noun = (after_asks[0] if after_asks else counted[0]).replace("_", " ") if counted else ""
    if ASKS_ORDINAL.search(question):
        # "lần thứ mấy": the ordinal ("lần thứ VII", "thứ hai"), whatever else is counted.
        return [((m.start(1), m.end(1)), 0) for m in _ORDINAL_SAID.finditer(sentence)]
    sessions = [((m.start(), m.end()), 0) for m in SESSION_NUMBER.finditer(sentence)] \
        if ASKS_SESSION.search(question) else []
    if sessions:
        # "… Ban Chấp hành Trung ương Đảng khóa mấy?": the committee's number ("khóa XI"), not a
        # year the sentence also writes (an API probe got "2018", as sure).
        return sessions
    if counted:
        # "hoàn thành 10/10 chỉ tiêu", "3/6 tập thể": a fraction counting the asked noun (a bare
        # "10/10" would read as a date, so only with the noun after it).
        noun = r"\s+" + re.escape(counted[0]) + "".join(r"(?:\s+" + re.escape(w) + ")?" for w in counted[1:])
        candidates += [((m.start(), _word_end(sentence, m.end())), 0) for m in re.finditer(
            r"(?<![\w/.-])\d+/\d+" + noun + r"(?!\w)", sentence, _I)]
    for m in _NUMBER.finditer(sentence):
        word = m.group(0).lower()
        if _CITED_NUMBER.search(sentence, 0, m.start()) or (
                _date_part(sentence, m) and not _ASKS_DATE_PART.search(question)) or (
                sentence[m.end():m.end() + 1] in (".", ")") and _LINE_START.search(sentence, 0, m.start())):
            continue  # "khoản 1 Điều này", "7. Lưu trữ …": where a clause is, not a count
        if word in {"năm", "một", "ba"} and not (counted and re.match(
                re.escape(_counted_word(question, asks) if word == "năm" else counted[0].lower()) + r"(?!\w)",
                sentence[m.end():].lstrip().lower())):
            # "năm" is also "year", "một" also "a", unless what is counted follows: "ba trường"
            # counts schools; "năm" only before the whole word, "năm học" (a school year)
            # counts no "học sinh".
            continue
        if any(p.fullmatch(m.group(0)) for p in _DATES[-1:]) and (
                "năm" in sentence[max(0, m.start() - 5):m.start()] or _TERM_YEARS.match(sentence, m.end())
                or _TERM_BEFORE.search(sentence, 0, m.start())):
            continue  # "năm 2020", "nhiệm kỳ 2020 – 2025", "2015-2020": years, not a count
        end = m.end()
        unit = _UNITS.match(sentence, end)
        after = sentence[end:].lstrip().lower()
        if counted and after.startswith(" ".join(counted).lower()):
            end = end + (len(sentence[end:]) - len(sentence[end:].lstrip())) + len(" ".join(counted))
            candidates.append(((m.start(), _word_end(sentence, end)), 0))  # "6/6 phòng chuyên môn", not "… chuyên"
        elif counted and re.match(re.escape(counted[0].lower()) + r"(?!\w)", after):
            end = end + (len(sentence[end:]) - len(after)) + len(counted[0])
            candidates.append(((m.start(), end), 0))
        elif counted and re.search(r"(?<!\w)" + re.escape(first_noun) + r"\s+$", sentence[:m.start()].lower()):
            # "ở tuổi 39", "lần 3": the counted noun may also come first, as a whole word
            # ("công tác Đảng 6 tháng" counts no "đảng viên").
            candidates.append(((m.start(), end), 0))
        else:
            candidates.append(((m.start(), unit.end() if unit else end), 1))
    if counted and counted[0].lower() in TIME_UNITS:
        # "mấy ngày": "12 tháng" counts another unit and answers nothing.
        # Nor a number that names or counts something else: "Trung tâm giáo dục thường xuyên 1
        # tỉnh" gives no length of a congress.
        candidates = [(sp, p) for sp, p in candidates
                      if not p or _last_word(sentence[sp[0]:sp[1]]) not in TIME_UNITS - {counted[0].lower()}
                      and not _NOUN_AFTER.match(sentence, sp[1])]
    candidates = _qualified(sentence, question[asks.end():] if asks else "", counted, candidates, focus)
    if ASKS_PERCENT.search(question):
        # "Bao nhiêu phần trăm …", "tỷ lệ … là bao nhiêu": a share, not a head count; of several,
        # the share of what the question names ("100 % đảng viên và trên 95% quần chúng" asked
        # "Tỷ lệ quần chúng …").
        candidates = [(sp, 0 if _PERCENT.match(sentence[sp[0]:sp[1] + 12]) else 2) for sp, _ in candidates]
        named = [sp for sp, p in candidates if p == 0 and _share_named(sentence, sp, question)]
        if named and len(named) < sum(p == 0 for _, p in candidates):
            candidates = [(sp, 0.5 if p == 0 and sp not in named else p) for sp, p in candidates]
    elif counted:
        # "Bao nhiêu đảng viên …": a head count, not a share ("100% đảng viên dự Đại hội nhất trí …").
        candidates = [(sp, 2 if _PERCENT.match(sentence[sp[0]:sp[1]]) else p) for sp, p in candidates]
    return [(sp, p) for sp, p in candidates if sentence[sp[0]:sp[1]].lower() not in question.lower()]


TIME_UNITS = {"năm", "tháng", "tuần", "ngày", "giờ", "phút", "giây"}
# "từ bao nhiêu trở lên", "cao hơn bao nhiêu so với …" count nothing; "bao nhiêu ngày" counts days.
_NOT_COUNTED = (_EDGE_WORDS - TIME_UNITS) | _PREPOSITIONS | {"trở", "xuống", "trở_lên", "so"}
# Words after the counted noun that say nothing of which count: "trong một tuần" says "tuần";
# "ngày" and "năm" do say (and "năm" is a number word too, "five").
_NOT_QUALIFYING = (_EDGE_WORDS | _PREPOSITIONS | set(NUMBER_WORDS.strip("(?:)").split("|"))) - {"ngày", "năm"}


def _word_end(sentence: str, end: int) -> int:
    """``end`` moved past the syllables pyvi reads as one word with the one before it; not after
    a unit of time ("05 ngày trước" is not "ngày_trước", formerly)."""
    while (last := re.search(r"([^\W\d_]+)$", sentence[:end])) and last.group(1).lower() not in TIME_UNITS and (
            following := re.match(r"\s+([^\W\d_]+)", sentence[end:])) and joins(last.group(1), following.group(1)):
        end += following.end()
    return end


def _last_word(text: str) -> str | None:
    found = re.findall(r"[^\W\d_]+", text)
    return found[-1].lower() if found else None


def _qualified(sentence: str, asked: str, counted: list[str], candidates: list, focus: tuple[str, ...] = ()) -> list:
    """Among the numbers with the counted noun, prefer those followed by what the question says
    after it: "bao nhiêu giờ trong một tuần?" is "48 giờ trong 01 tuần", not "10 giờ trong 01 ngày";
    by what a follow-up says, where there is one ("Còn dự khuyết?": "01 đại biểu dự khuyết")."""
    if not counted:
        return candidates
    tail = re.findall(r"[^\W\d_]+", re.split(r"[,;:?.!]", asked, maxsplit=1)[0])[len(counted):len(counted) + 4]
    wanted = (set(focus) - {w.lower() for w in counted} or {w.lower() for w in tail}) - _NOT_QUALIFYING
    if not wanted:
        return candidates

    def said(span: tuple[int, int]) -> bool:
        after = re.split(r"[,;:.()]", sentence[span[1]:span[1] + 60], maxsplit=1)[0]
        return bool(wanted & {w.lower() for w in re.findall(r"[^\W\d_]+", after)[:4]})

    counts = [sp for sp, p in candidates if p == 0]
    if len(counts) < 2 or not any(map(said, counts)):
        return candidates
    return [(sp, p + 0.5 if p == 0 and not said(sp) else p) for sp, p in candidates]
