"""The short answer: the exact span of the quoted sentence that answers the question.

No reader model runs offline here, so the span is found the way a careful reader skims:
the kind of answer the question asks for (a date, a count with its unit, a person, a place,
a quotation, a definition, a list) is looked for in the sentence, next to the words the
question shares with it; for an open question, the stretch of the sentence that the
question does not already say, beside the words it does say, fills the question's gap.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from rag.answer.question import KINDS, WH, capitalised_runs
from rag.answer.scope import SYLLABLE
from rag.answer.slot import slot
from rag.clean.metadata import PROVINCES_FOLDED
from rag.clean.metadata import SURNAMES as _SURNAMES
from rag.text import pos_tags, segment

_I = re.IGNORECASE
_TOKEN = re.compile(r"[\wÀ-ỹ]+(?:[./,:&-][\wÀ-ỹ]+)*%?", re.UNICODE)
_DATES = [
    re.compile(r"(?<!\d)\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}(?!\d)"),
    re.compile(r"(?<!\d)\d{1,2}\s+(?:tháng|ngày)\s+\d{1,2}(?:\s*(?:năm|,)\s*\d{4})?(?!\d)", _I),
    re.compile(r"tháng\s+\d{1,2}(?:\s*(?:năm|/|,)\s*\d{4})?(?!\d)", _I),
    re.compile(r"(?<!\d)\d{1,2}\s*/\s*(?:19|20)\d{2}(?!\d)"),
    re.compile(r"thế\s+kỷ\s+(?:thứ\s+)?[IVXLC\d]+|thập\s+(?:kỷ|niên)\s+\d+", _I),
    # Time before now or before the era: "22.000 năm trước", "66 triệu năm trước", "năm 13.000 BP",
    # "29,000–24,000 BP", "năm 221 TCN"; not "5 năm trước" (a span, not a date) nor "50 bp".
    re.compile(r"(?<![\w.,])(?:\d{1,3}[.,]\d{3}(?:[.,]\d{3})*|\d{4,}|\d[\d.,]*\s+(?:triệu|nghìn|ngàn|tỷ))\s+năm\s+trước(?!\w)"
               r"|(?<!\w)(?:[Nn]ăm\s+)?(?:\d[\d.,]*\s*[-–]\s*)?\d[\d.,]*\s*(?:BP|TCN|trước Công nguyên)(?!\w)"),
    re.compile(r"(?<![\d/.-])(?:1[0-9]|20)\d{2}(?:\s*[-–]\s*(?:1[0-9]|20)\d{2})?(?![\d/])"),
]
_DAY_PATTERNS = 2  # the first patterns of _DATES name a day, not only a month or year


# A day and month with no year ("Ngày 27/6, …", "tựu trường vào ngày 28-8"), as news writes it.
_DAY_MONTH = re.compile(r"(?<![\d/.-])\d{1,2}\s*[/-]\s*\d{1,2}(?![\d/.-])")


def names_day(text: str) -> bool:
    """Whether ``text`` names a day ("08/5/2023", "25 tháng 01 năm 2021", "ngày 27/6"), not only
    a month or year."""
    return any(pattern.search(text) for pattern in _DATES[:_DAY_PATTERNS]) or bool(_DAY_MONTH.search(text))
_ASKS_DAY = re.compile(r"(?<!\w)(?:ngày nào|ngày bao nhiêu|ngày mấy|hôm nào|vào ngày)(?!\w)", _I)
NUMBER_WORDS = r"(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn|triệu|tỷ|tỉ|rưỡi|lẻ)"
_NUMBER = re.compile(
    rf"(?<![\w/.-])(?<!\d:)(?:\d+(?:[.,]\d+)*(?::\d{{2}}(?!\d))?(?:\s*%)?|{NUMBER_WORDS}(?:\s+{NUMBER_WORDS})*)"
    rf"(?:\s+(?:nghìn|ngàn|triệu|tỷ|tỉ))?(?![\w/-])(?!\s*[/.-]\s*\d)"
    # "tỷ lệ" is a rate and "phần trăm" a percent, not a billion or a hundred.
    rf"(?!\s+lệ(?!\w))(?<!phần\străm)", _I)
_UNITS = re.compile(r"\s+(%|phần trăm|km|mét|m|cm|kg|tấn|ha|héc-ta|đồng|USD|đô la|tuổi|năm|tháng|tuần|ngày|"
                    r"giờ|phút|giây|lần|km2|dặm|feet|inch|độ|người)(?!\w)", _I)
ASKS_ORDINAL = re.compile(r"(?<!\w)thứ (?:mấy|bao nhiêu)(?!\w)", _I)
_ORDINAL_SAID = re.compile(r"(?<!\w)thứ\s+((?:[IVXLC]+|\d+|nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)(?:\s+(?:mốt|hai|ba|tư|"
                           r"lăm|năm|sáu|bảy|tám|chín))?)(?!\w)")
ASKS_PERCENT = re.compile(r"(?<!\w)(?:phần trăm|tỷ lệ|tỉ lệ)(?!\w)", _I)
_PERCENT = re.compile(r"[\d.,\s]+(?:%|phần trăm)", _I)
_QUOTED = re.compile(r"[“\"«]([^”\"»]{3,400})[”\"»]")
_DEFINES_NAMED = re.compile(r"(?<!\w)(?:được gọi là|gọi là|có nghĩa là|nghĩa là|tức là|được định nghĩa là)\s+", _I)
_DEFINES = re.compile(r"(?<!\w)là\s+", _I)
_NAMED_PLACE = re.compile(r"(?<!\w)(?:tỉnh|thành phố|nước|quốc gia|huyện|vùng|châu lục|thủ đô) nào", _I)
_TIME_LEAD = re.compile(r"(?:năm|ngày|tháng|thời gian|thời kỳ|giai đoạn|dịp|quý|tuần|buổi|nhiệm kỳ|lúc|khi)(?!\w)", _I)
_PLACE_LEAD = re.compile(r"(?<!\w)(?:tại|ở|trong|đến)\s+", _I)
_CLAUSE_END = re.compile(r"[,;:.!?()\n–]|\s-\s|(?<!\w)(?:và|nhưng|nhằm|để|do|với|cùng)(?!\w)", _I)
_PREPOSITIONS = {"trong", "trên", "dưới", "mỗi", "một", "cho", "đối", "tính", "kể"}
_TITLES = {"đồng", "chí", "ông", "bà", "cô", "thầy", "anh", "chị", "tỉnh", "ủy", "uỷ", "viên", "bí", "thư", "giám",
           "đốc", "phó", "chủ", "tịch", "sở", "gdđt", "thay", "mặt", "đoàn", "tổng", "thủ", "tướng", "gs", "pgs",
           "ts", "ths", "tới", "dự", "tham", "tại", "khi", "sau", "theo", "trong", "với", "về", "kết", "luận",
           "ban", "đảng", "bộ", "khối", "hội", "nghị", "đại", "trường", "phòng", "cơ", "quan"}
# Capitalised runs that are places or things: asked "who", they are never the answer.
_PLACES = PROVINCES_FOLDED | {
    "việt nam", "trung quốc", "hoa kỳ", "nhật bản", "hàn quốc", "triều tiên", "ấn độ", "la mã", "hy lạp",
    "ai cập", "ba lan", "tây ban nha", "bồ đào nha", "thổ nhĩ kỳ", "liên xô", "châu âu", "châu á", "châu phi",
    "châu mỹ", "bắc mỹ", "nam mỹ", "anh quốc", "vương quốc anh"}
_THING_WORDS = {"phố", "đường", "tháp", "sông", "núi", "hồ", "vịnh", "đảo", "quận", "huyện", "tỉnh", "việc",
                "giải", "cúp", "sân", "bowl", "fort", "viện", "cuộc", "trận"}
# Words that never open or close an answer span.
_EDGE_WORDS = {"là", "của", "và", "được", "đã", "các", "những", "một", "trong", "với", "cho", "thì", "mà", "có",
               "bởi", "do", "từ", "về", "tại", "ở", "vào", "theo", "như", "này", "đó", "rằng", "sẽ", "đang", "bị",
               "cũng", "nên", "để", "khi", "ra", "lên", "gồm", "bao", "hơn", "nhất", "rất", "ngày", "năm"}


@dataclass
class ShortAnswer:
    """The span that answers, with offsets in the article text, and what kind of span it is."""

    text: str
    start: int
    end: int
    kind: str
    citation: int = 1


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _syllables(question: str) -> set[str]:
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


# A person is looked for in every quoted sentence, not only the first that names one: the
# quote often opens with a sentence naming others ("… Jared Allen …") before the one that answers.
# The name the question's words pull hardest wins; the question word's place adds _SLOT_PULL,
# each later sentence loses _ORDER. Chosen on the dev parts (0-3 and 0-2 scored alike); dates,
# counts and places gained nothing this way and keep the first sentence's.
_ACROSS = {"person"}
_SLOT_PULL = 1.0
_ORDER = 0.5
_REACH = 60  # characters, about 12 words; chosen on the dev parts (40-160 scored alike, 10-20 less)


def _not_in_question(spans, sentence: str, question_lower: str):
    return [sp for sp in spans if sentence[sp[0]:sp[1]].lower() not in question_lower]


def _date(sentence, question, anchors):
    spans, days = [], []
    for k, pattern in enumerate(_DATES):
        for m in pattern.finditer(sentence):
            if not any(s <= m.start() < e for s, e in spans):
                spans.append((m.start(), m.end()))
                if k < _DAY_PATTERNS:
                    days.append((m.start(), m.end()))
    spans = _not_in_question(spans, sentence, question.lower())
    if not _ASKS_DOCUMENT.search(question):
        # "… theo Hướng dẫn số 08-HD/BTCTU, ngày 07-8-2018": the day a cited document was
        # issued, not when the event asked about happened.
        spans = [sp for sp in spans if not _ISSUED.search(sentence[max(0, sp[0] - 60) : sp[0]])]
    if _NAMES_YEAR.search(question) and not _ASKS_YEAR.search(question):
        # "Hội nghị … năm 2021 diễn ra bao giờ?" knows the year: another bare year
        # ("… kết quả năm 2020") is what the sentence is about, not when the event was.
        spans = [sp for sp in spans if not _BARE_YEAR.fullmatch(sentence[sp[0]:sp[1]])]
    # "ngày nào" asks for a day: a full date wherever it stands (Vietnamese often fronts it:
    # "Ngày 25/01/2021, Sở … tổ chức hội nghị … năm 2021") beats a bare year nearer the verb.
    if _ASKS_DAY.search(question):
        spans = [sp for sp in spans if sp in days] or spans
    found = _nearest(spans, anchors)
    if found and _ASKS_YEAR.search(question) and not _ASKS_DAY.search(question):
        # "… năm nào?" asks for the year of "ngày 7 tháng 1 năm 1943".
        year = _YEAR_OF.search(sentence, *found)
        if year and year.span() != found:
            found = year.span()
    if found and not re.search(r"\d\s*[-–]\s*\d", sentence[found[0]:found[1]]):
        # "từ 1500 đến 1850", "2011 và 2012": a span of years is answered whole.
        more = _YEARS_ON.match(sentence, found[1])
        if more:
            found = (found[0], more.end())
        before = _YEARS_BEFORE.search(sentence[: found[0]])
        if before and re.fullmatch(r"(?:năm\s+)?(?:1[0-9]|20)\d{2}", sentence[found[0]:found[1]], _I):
            found = (before.start(), found[1])
        if more or before:
            lead = re.search(r"(?<!\w)từ\s+(?:năm\s+)?$", sentence[: found[0]], _I)
            found = (lead.start() if lead else found[0], found[1])
        elif re.fullmatch(r"(?:1[0-9]|20)\d{2}", sentence[found[0] : found[1]]):
            # "năm 1886" as the sentence writes it (XQuAD-vi dev: the gold kept "năm" 20 times, dropped it 12).
            lead = re.search(r"(?<!\w)(?:những\s+|các\s+)?năm\s+$", sentence[: found[0]], _I)
            found = (lead.start() if lead else found[0], found[1])
    return found


_ASKS_YEAR = re.compile(r"(?<!\w)năm (?:nào|bao nhiêu|mấy)(?!\w)", _I)
_NAMES_YEAR = re.compile(r"(?<![\d/.-])(?:1[0-9]|20)\d{2}(?![\d/])")
_BARE_YEAR = re.compile(r"(?:năm\s+)?(?:1[0-9]|20)\d{2}", _I)
# A document's code ("08-HD/BTCTU", "115/2020/NĐ-CP", "số 12/KH-SGDĐT") right before a date.
_ISSUED = re.compile(r"(?:\d+[-/][\w/-]*[A-ZĐ]{2}[\w/-]*|\d+/\d{4}/[\w-]+)\s*,?\s*(?:ban hành\s+)?(?:ngày\s+)?$")
_ASKS_DOCUMENT = re.compile(r"(?<!\w)(?:văn bản|hướng dẫn|nghị định|thông tư|quyết định|luật|bộ luật|kế hoạch|công văn|"
                            r"chỉ thị|nghị quyết|thông báo|tờ trình|báo cáo|ban hành|ký|số hiệu)(?!\w)", _I)
_YEAR_OF = re.compile(r"(?:năm\s+)?(?:1[0-9]|20)\d{2}(?!\d)", _I)
# "… đến 1850", "… và 2012": not "… và 2000 học sinh" (a count) nor "… và 2025 - 2030" (another span).
_YEARS_BEFORE = re.compile(r"(?<![\d/.-])(?:1[0-9]|20)\d{2}\s*(?:đến|tới|và|-|–)\s*(?:năm\s+)?$", _I)
_YEARS_ON = re.compile(r"\s*(?:đến|tới|và|-|–)\s*(?:năm\s+)?(?:1[0-9]|20)\d{2}(?!\d)(?!\s*[-–]\s*\d)"
                       r"(?!\s+(?!năm|và|đến|tới)[^\W\d_])", _I)


def counted(sentence: str, question: str, anchors: list[int] = ()) -> tuple[int, int] | None:
    """A number with the noun the question counts ("139 đảng viên"), nearest ``anchors``."""
    found = [sp for sp, p in _number_candidates(sentence, question) if p == 0]
    return _nearest(found, list(anchors))


def _number(sentence, question, anchors):
    candidates = _number_candidates(sentence, question)
    if not candidates:
        return None
    best = min(p for _, p in candidates)
    found = _nearest([sp for sp, p in candidates if p == best], anchors)
    if found and sentence[found[0]:found[1]].rstrip().endswith("%"):
        found = (found[0], _share_of(sentence, found[1]))
    return _bounded(sentence, found) if found else None


def _bounded(sentence: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` with the bound around its number: "ít nhất 06 tháng" is not "06 tháng", nor "từ
    8,5 trở lên" "8,5", even where the question states the bound ("ít nhất bao nhiêu phút?"):
    the answer then reads whole. On the dev parts: XQuAD-vi dev number F1 0.537 -> 0.569, legal
    dev 0.533 -> 0.529 and legal3 dev alike (leaving out a bound the question states lost 0.01 more)."""
    start, end = span
    while bound := _BOUND.search(sentence[:start]):  # "tối thiểu từ 400 học sinh"
        if re.search(r"\d\s*$", sentence[: bound.start()]):  # "28 trên 30 chỉ tiêu" is no bound
            break
        start = bound.start()
        if bound.group(1).casefold() == "từ":  # "từ 2 đến 4 năm": the range whole, not its minimum
            to = re.match(r"\s*(?:đến|tới|-|–)\s*", sentence[end:], _I)
            upper = _NUMBER.match(sentence, end + to.end()) if to else None
            if upper:
                unit = _UNITS.match(sentence, upper.end())
                end = unit.end() if unit else upper.end()
    upward = re.match(r"\s+trở\s+(?:lên|xuống)(?!\w)", sentence[end:], _I)
    return start, end + (upward.end() if upward else 0)


_BOUND = re.compile(r"(?<!\w)(ít nhất|tối thiểu|tối đa|nhiều nhất|không quá|không dưới|chưa đến|chưa tới|hơn|trên|"
                    r"dưới|gần|khoảng|xấp xỉ|có tới|lên tới|lên đến|từ|sau mỗi|mỗi)\s+$", _I)


_SHARE_WORDS = 5  # pyvi words; 3 and 5 scored alike on the dev parts


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


def _number_candidates(sentence: str, question: str) -> list:
    asks = dict(KINDS)["number"].search(question)
    # The noun after "bao nhiêu"/"mấy" is what is counted: "139 đảng viên".
    counted = re.findall(r"[^\W\d_]+", question[asks.end():])[:2] if asks else []
    if counted and counted[-1].lower() in _EDGE_WORDS | _PREPOSITIONS:  # "bao nhiêu giờ trong …"
        counted = counted[:1]
    if counted and counted[0].lower() in _EDGE_WORDS | _PREPOSITIONS | {"trở", "xuống", "trở_lên", "so"}:
        counted = []  # "từ bao nhiêu trở lên", "cao hơn bao nhiêu so với …": nothing is counted
    candidates = []
    if ASKS_ORDINAL.search(question):
        # "lần thứ mấy": the ordinal ("lần thứ VII", "thứ hai"), whatever else is counted.
        return [((m.start(1), m.end(1)), 0) for m in _ORDINAL_SAID.finditer(sentence)]
    if counted:
        # "hoàn thành 10/10 chỉ tiêu", "3/6 tập thể": a fraction counting the asked noun (a bare
        # "10/10" would read as a date, so only with the noun after it).
        noun = r"\s+" + re.escape(counted[0]) + "".join(r"(?:\s+" + re.escape(w) + ")?" for w in counted[1:])
        candidates += [((m.start(), m.end()), 0) for m in re.finditer(
            r"(?<![\w/.-])\d+/\d+" + noun + r"(?!\w)", sentence, _I)]
    for m in _NUMBER.finditer(sentence):
        word = m.group(0).lower()
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
            candidates.append(((m.start(), end), 0))
        elif counted and re.match(re.escape(counted[0].lower()) + r"(?!\w)", after):
            end = end + (len(sentence[end:]) - len(after)) + len(counted[0])
            candidates.append(((m.start(), end), 0))
        elif counted and re.search(r"(?<!\w)" + re.escape(counted[0].lower()) + r"\s+$", sentence[:m.start()].lower()):
            # "ở tuổi 39", "lần 3": the counted noun may also come first.
            candidates.append(((m.start(), end), 0))
        else:
            candidates.append(((m.start(), unit.end() if unit else end), 1))
    if ASKS_PERCENT.search(question):
        # "Bao nhiêu phần trăm …", "tỷ lệ … là bao nhiêu": a share, not a head count.
        candidates = [(sp, 0 if _PERCENT.match(sentence[sp[0]:sp[1] + 12]) else 2) for sp, _ in candidates]
    elif counted:
        # "Bao nhiêu đảng viên …": a head count, not a share ("100% đảng viên dự Đại hội nhất trí …").
        candidates = [(sp, 2 if _PERCENT.match(sentence[sp[0]:sp[1]]) else p) for sp, p in candidates]
    return [(sp, p) for sp, p in candidates if sentence[sp[0]:sp[1]].lower() not in question.lower()]


def _names(sentence: str, question_lower: str) -> list[tuple[int, int]]:
    """Runs of capitalised words that look like a person's name, titles stripped."""
    spans, run = [], []
    for m in _TOKEN.finditer(sentence):
        word = m.group(0)
        if run and sentence[run[-1].end():m.start()].strip():  # punctuation ends a name
            run = _close(run, spans, sentence, question_lower)
        if word[:1].isupper() and not word.isupper() or (len(word) <= 2 and word[:1].isupper() and word.endswith(".")):
            run.append(m)
            continue
        run = _close(run, spans, sentence, question_lower)
    _close(run, spans, sentence, question_lower)  # a name that ends the sentence ("… là Kurt Coleman.")
    spans = [sp for sp in spans if not _place_or_thing(sentence[sp[0]:sp[1]])]
    surnamed = [sp for sp in spans if sentence[sp[0]:sp[1]].split()[0].lower() in _SURNAMES]
    return surnamed or spans


def person_names(text: str, question: str) -> list[tuple[int, int]]:
    """Offsets of the runs of ``text`` that look like a person's name the question does not say."""
    return _names(text, question.lower())


def _place_or_thing(name: str) -> bool:
    """A capitalised run that names a country, a province or a thing, not a person:
    "Trung Quốc", "La Mã", "Lạng Sơn", "Phố Fresno", "Super Bowl"."""
    words = name.casefold().split()
    if " ".join(words) in _PLACES or words[-1] in _THING_WORDS:
        return True
    # "Hồ Văn Minh", "Đường Văn Hải": a family name first is a person's.
    return words[0] in _THING_WORDS and words[0] not in _SURNAMES


def _close(run, spans, sentence, question_lower) -> list:
    words = list(run)
    while words and words[0].group(0).lower() in _TITLES and words[0].group(0).lower() not in _SURNAMES:
        words.pop(0)
    end = words[-1].end() if words else 0
    for k, w in enumerate(words):
        # "Bùi Thái Trọng-Tỉnh ủy viên": pages glue the name to the title that follows it.
        head, _, tail = w.group(0).partition("-")
        if tail and tail.lower() in _TITLES:
            words, end = words[: k + 1], w.start() + len(head)
            break
    if len(words) >= 2 and words[0].group(0).lower() not in _TITLES | _EDGE_WORDS:
        span = (words[0].start(), end)
        if sentence[span[0]:span[1]].lower() not in question_lower:
            spans.append(span)
    return []


def _person(sentence, question, anchors):
    return _nearest(_names(sentence, question.lower()), anchors)


def _after(sentence: str, pattern: re.Pattern, anchors: list[int], max_words: int = 14, skip=None):
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


def _place(sentence, question, anchors):
    # "trong năm 2021", "trong thời gian tới": a time, not a place.
    found = _after(sentence, _PLACE_LEAD, anchors, 12, skip=_TIME_LEAD)
    if found and sentence[found[0]:found[1]].lower() not in question.lower():
        return found
    if not _NAMED_PLACE.search(question):  # "ở đâu" asks for a venue, not any capitalised words
        return None
    names = [sp for sp in _capitalised_runs(sentence) if sentence[sp[0]:sp[1]].lower() not in question.lower()]
    return _nearest(names, anchors)


def _capitalised_runs(sentence: str) -> list[tuple[int, int]]:
    return [sp for sp in capitalised_runs(sentence) if sp[0] > 0]


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
    asked = _syllables(question)
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
_MIN_SLOT = 0.7  # chosen on the XQuAD-vi dev part (0.4-1.5 scored alike)
_TYPED = {"date", "number", "person", "place"}
# Kinds whose own finder is weaker than the question word's place (a quotation and a list
# after ":" are found more surely by their marks).
_SLOTTED = {None, "entity", "organisation"}


def _entity(sentence, question, anchors):
    """A capitalised name (one word or more, acronyms too) that the question does not say."""
    q = question.lower()
    spans, run = [], []
    for m in _TOKEN.finditer(sentence):
        word = m.group(0)
        if run and sentence[run[-1][1]:m.start()].strip():
            spans.append((run[0][0], run[-1][1]))
            run = []
        if word[:1].isupper() and m.start() > 0:
            run.append((m.start(), m.end()))
        elif run:
            if (sentence[run[-1][0]:run[-1][1]].lower(), word.lower()) in _TITLE_COMPOUNDS:
                run.append((m.start(), m.end()))  # "Đoàn Chủ tịch": the name ends in a post
            spans.append((run[0][0], run[-1][1]))
            run = []
    if run:  # a name that ends the sentence
        spans.append((run[0][0], run[-1][1]))
    spans = [sp for sp in spans if sentence[sp[0]:sp[1]].lower() not in q
             and sentence[sp[0]:sp[1]].lower() not in _TITLES]
    return _nearest(spans, anchors)


# Posts and bodies written with one capital ("Chủ tịch", "Ban Thường vụ"): a name that ends
# in one ends after its second syllable.
_TITLE_COMPOUNDS = {("chủ", "tịch"), ("bí", "thư"), ("giám", "đốc"), ("thường", "vụ"), ("chấp", "hành"),
                    ("ủy", "viên"), ("uỷ", "viên"), ("hiệu", "trưởng"), ("giáo", "dục"), ("đào", "tạo"),
                    ("công", "đoàn"), ("nhân", "dân"), ("chính", "phủ"), ("quốc", "hội"), ("thủ", "tướng")}


def _person_or_entity(sentence, question, anchors):
    return _person(sentence, question, anchors) or _entity(sentence, question, anchors)


_FINDERS = {"date": _date, "number": _number, "person": _person_or_entity, "place": _place, "quote": _quote,
            "definition": _definition, "list": _list, "organisation": _entity, "entity": _entity}


def find(question: str, kind: str | None, sentences: list[tuple[str, int]],
         words: dict[int, set[str]] | None = None) -> ShortAnswer | None:
    """The short answer to ``question`` in ``sentences`` (``(text, article offset)``, best first);
    ``words``: pyvi's words of each sentence, by its offset, as stored at ingest."""
    found = _find(question, kind, sentences)
    if not found:
        return None
    found = _whole_words(found, sentences, words or {})
    return _with_head(_name_only(_whole_name(_edges(found), sentences)), question, sentences)


def _whole_words(found: ShortAnswer, sentences: list[tuple[str, int]], words: dict[int, set[str]]) -> ShortAnswer:
    """An open answer does not cut a word in two: "trình của ông …" is read from "công trình",
    "án phát triển" from "dự án", as pyvi joined the sentence's syllables into words at ingest
    (``words``: each sentence's words by its offset; pyvi is not run again here)."""
    if found.kind not in _EDGE_KINDS:
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
# the dev parts: XQuAD-vi dev F1 0.452 -> 0.454 (EM 0.244 -> 0.254), dev2 0.533 -> 0.535, others alike.
_LEAD = {"của", "và", "là", "thì", "mà", "với", "cho", "bởi", "do", "rằng"}
_TAIL = {"và", "của", "là", "trong", "với", "cho", "thì", "mà", "đã", "được", "bởi", "do", "rằng", "như", "khi", "để", "từ",
         "tại", "ở"}  # not "trên", "dưới": "cấp trên"
_EDGE_KINDS = {"span", "entity", "definition"}


def _edges(found: ShortAnswer) -> ShortAnswer:
    """An open answer without the function words at its edges (``_LEAD``, ``_TAIL``)."""
    if found.kind not in _EDGE_KINDS:
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


def _sentence_of(found: ShortAnswer, sentences: list[tuple[str, int]]) -> tuple[str | None, int]:
    """The quoted sentence ``found`` lies in, and its offset in the article (``(None, 0)`` if none)."""
    return next(((t, o) for t, o in sentences if o <= found.start and found.end <= o + len(t)), (None, 0))


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


def _find(question: str, kind: str | None, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    chosen = _choice(question, sentences)
    if chosen:
        return chosen
    asked = _syllables(question)
    slots = [slot(text, question) for text, _ in sentences]
    if kind == "number":  # a number followed by the counted noun, in any quoted sentence, wins
        for (text, offset), sl in zip(sentences, slots):
            span = counted(text, question, [sl.start] if sl else _anchors(text, asked))
            if span:
                span = _bounded(text, span)
                return ShortAnswer(text[span[0]:span[1]], offset + span[0], offset + span[1], "number")
    if kind is None and re.search(r"(?<!\w)nào(?!\w)", question):
        kind = "entity"  # "Sân bay nào …?", "Cơn bão nào …?": a name
    # "Sân bay nào …?": the name after "sân bay" in the quote. Where the question word's place
    # holds a name it wins (it reads the question's other words too: "chi bộ nào góp ý …" among
    # several "Chi bộ …"); where it holds none ("lớn thứ hai thế giới"), the headed name does.
    named = _headed(question, sentences) if kind in ("entity", "organisation") else None
    if kind in _SLOTTED:
        # Open and "X nào" questions: the stretch standing where the question word stands,
        # from the sentence where the question's own words anchor it most firmly.
        anchored = [(sl.score, -k) for k, sl in enumerate(slots) if sl and sl.score >= _MIN_SLOT]
        if anchored:
            k = -max(anchored)[1]
            text, offset = sentences[k]
            sp = _trim(text, slots[k].start, slots[k].end)
            stretch = text[sp[0]:sp[1]] if sp else ""
            if named and not any(w[:1].isupper() for w in stretch.split()):
                return named
            # A stretch of function words ("ở", "đã", "và") or, asked "X nào", one with no name
            # or noun ("bao phủ", "đứng") is a misplaced slot: the finders below read on.
            if sp and _says_something(kind, stretch):
                return ShortAnswer(stretch, offset + sp[0], offset + sp[1], kind or "span")
    if named:
        return named
    if kind == "definition":  # "… được gọi là gì?": what is named, where the quote describes it
        for text, offset in sentences:
            sp = _defined_subject(text, question)
            if sp:
                return ShortAnswer(text[sp[0]:sp[1]], offset + sp[0], offset + sp[1], "definition")
    # A date, count, person or place question gets that or nothing: another span would mislead.
    fallback = [] if kind in _TYPED else ["gap"]
    for finder_kind in ([kind] if kind in _FINDERS else []) + fallback:
        finder = _FINDERS.get(finder_kind, _gap)
        pool = []
        for k, ((text, offset), sl) in enumerate(zip(sentences, slots)):
            # A typed span nearest the question word's place beats one nearest any shared word.
            anchors = [sl.start] if sl else _anchors(text, asked)
            span = finder(text, question, anchors)
            if span and span[1] > span[0]:
                sp = _trim(text, *span)
                if sp:
                    s, e = sp
                    found = ShortAnswer(text[s:e], offset + s, offset + e, finder_kind if finder_kind != "gap" else "span")
                    if finder_kind not in _ACROSS:
                        return found
                    pull = _pull((s, e), _anchors(text, asked))
                    # A body's initials ("BCH Đảng", "UBND tỉnh") name no person: a name in
                    # another quoted sentence is the answer.
                    initials = finder_kind == "person" and _INITIALS.search(found.text)
                    pool.append((not initials, pull + (_SLOT_PULL if sl else 0.0) - _ORDER * k, -k, found))
        if pool:
            return max(pool, key=lambda x: x[:3])[3]
    if kind == "date" and _ASKS_WHEN.search(question):
        return _condition(sentences)
    return None


_INITIALS = re.compile(r"(?<!\w)(?![IVXLC]+(?!\w))[A-ZĐ]{2,}(?!\w)")


# "… chỉ có giá trị khi nào?": in rules and statutes "when" is often a condition, not a date.
# Only where the question asks on what condition: "chỉ … khi nào", "được phép … khi nào".
_ASKS_WHEN = re.compile(r"(?<!\w)(?:chỉ|được phép|có giá trị|có hiệu lực)(?!\w).*(?<!\w)khi nào(?!\w)", _I)
_CONDITION = re.compile(r"(?<!\w)(?:chỉ\s+)?(?:khi|nếu|trong trường hợp)\s+(?!nào)[^;.!?\n]{3,200}", _I)


# "Nhà thơ người Đức nào …?" is answered by "nhà thơ Theodor Fontane", "Sân bay nào …?" by
# "Sân bay quốc tế Los Angeles": the noun the question puts before "nào", then a name.
_BEFORE_NAO = re.compile(r"((?:[^\W\d_]+\s+){1,4})(?<!thế )nào(?!\w)", _I)
_NP_STOP = _EDGE_WORDS | {"thuộc", "trên"}


# A person's role before "nào" ("Thư ký LHQ nào", "Nhà thơ … nào"): the answer is the name alone.
_ROLES = ("thư ký", "lãnh sự", "bộ trưởng", "chủ tịch", "giám đốc", "tổng thống", "thủ tướng", "phó", "nhà thơ",
          "nhà văn", "nhà khoa học", "cầu thủ", "ca sĩ", "giáo sư", "hiệu trưởng", "bí thư", "vua", "tướng",
          "đại tướng", "nghị sĩ", "thượng nghị sĩ", "đồng chí", "ông", "bà")


def _head_words(question: str) -> list[str]:
    """The noun the question puts before "nào" ("Trường đại học nào …" → Trường, đại, học)."""
    m = _BEFORE_NAO.search(question)
    words = m.group(1).split() if m else []
    for k in range(len(words) - 1, -1, -1):
        if words[k].lower() in _NP_STOP:
            return words[k + 1:]
    return words


def _with_head(found: ShortAnswer, question: str, sentences: list[tuple[str, int]]) -> ShortAnswer:
    """A name with the capitalised head the question asks by, written just before it: "Đại học
    Newcastle" for "Trường đại học nào …?", "Bảo tàng Horniman" for "Bảo tàng nào …?"."""
    words = _head_words(question)
    text, offset = _sentence_of(found, sentences)
    if not words or text is None or not found.text[:1].isupper():
        return found
    start = found.start - offset
    for n in range(len(words), 0, -1):  # the longest tail of the head that the text writes before the name
        head = re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, words[-n:])) + r"\s+$", text[:start], _I)
        if head and text[head.start()].isupper():
            return ShortAnswer(text[head.start() : found.end - offset], offset + head.start(), found.end, found.kind,
                               found.citation)
    return found


def _headed(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """The name that follows the noun the question puts before "nào", in the quoted sentences
    (best first; in a sentence, the one nearest the question's other words)."""
    words = _head_words(question)
    if not words:
        return None
    question_lower, asked = question.lower(), _syllables(question)
    for n in range(len(words), 0, -1):
        head = r"\s+".join(re.escape(w) for w in words[:n])
        role = " ".join(words[:n]).lower().startswith(_ROLES)
        for text, offset in sentences:
            names = [name for h in re.finditer(rf"(?<!\w){head}(?!\w)", text, _I)
                     if (name := _name_after(text, h, keep_head=not role))
                     and text[name[0]:name[1]].lower() not in question_lower]
            best = _nearest(names, _anchors(text, asked))
            if best:
                return ShortAnswer(text[best[0]:best[1]], offset + best[0], offset + best[1], "entity")
    return None


_NAME_END = ",.;:()\"'“”!?"


def _name_after(text: str, head: re.Match, keep_head: bool = True) -> tuple[int, int] | None:
    """The capitalised run right after ``head`` (with the head when the name opens with it,
    "Sân bay quốc tế Los Angeles", up to two small words between then). ``None`` when the
    run's last syllable opens a longer word ("Chi bộ Giáo dục …" is no "Giáo")."""
    capital = text[head.start()].isupper()
    pos, small, start, end, after = head.end(), 0, None, None, None
    for w in re.finditer(r"\S+", text[pos:]):
        word, at = w.group(0), pos + w.start()
        bare = word.strip(_NAME_END)
        if text[at - 1].strip() or not bare or (start is not None and text[end:at].strip()):
            break
        if bare[:1].isupper() or (start is not None and any(c.isdigit() or c.isupper() for c in bare)):
            start = at + len(word) - len(word.lstrip(_NAME_END)) if start is None else start
            end = at + len(word.rstrip(_NAME_END))
            if word != word.rstrip(_NAME_END):
                break
        elif start is None and capital and small < 2 and word == bare and bare.lower() not in _EDGE_WORDS:
            small += 1
        else:
            after = bare
            break
    if start is None:
        return None
    if after and len(segment(f"{text[start:end].split()[-1]} {after}")) == 1:
        return None
    joined = not re.search(r"[^\w\s]", text[head.end():start])  # "Cơn bão (Damrey)" reads "Damrey"
    return (head.start() if capital and keep_head and joined else start), end


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


# Words that answer nothing on their own: a stretch made only of these is a misplaced slot.
_EMPTY = _EDGE_WORDS | {"ở", "vào", "nhất", "gần", "đây", "rất", "không", "nhiều", "ít", "vì", "hơn"}


def _says_something(kind: str | None, span: str) -> bool:
    """Whether a slotted stretch can be an answer: not only function words, and, asked "X nào",
    a name or a noun."""
    words = span.lower().split()
    if all(w.strip(",.;:") in _EMPTY for w in words):
        return False
    if kind in ("entity", "organisation"):
        return span[:1].isupper() or any(tag.startswith("N") or tag == "M" for _, tag in pos_tags(span))
    return True


def _condition(sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """The first "khi …"/"nếu …" clause of the sentences, for a "khi nào" question no date answers."""
    for text, offset in sentences:
        m = _CONDITION.search(text)
        if m:
            sp = _trim(text, m.start(), m.end())
            if sp:
                return ShortAnswer(text[sp[0]:sp[1]], offset + sp[0], offset + sp[1], "condition")
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


def _trim(text: str, s: int, e: int) -> tuple[int, int] | None:
    piece = text[s:e]
    s += len(piece) - len(piece.lstrip())
    e -= len(piece) - len(piece.rstrip(" ,;.:"))
    return (s, e) if e > s else None


def fits(kind: str | None, sentence: str, question: str) -> bool:
    """Whether ``sentence`` holds the kind of span ``question`` asks for (a new date, the counted
    noun after a number, a person's name, a quotation), which makes it likelier to answer."""
    if kind == "number":
        # "bao nhiêu đảng viên": a number followed by "đảng viên"; a bare "1" elsewhere is no answer.
        asks = dict(KINDS)["number"].search(question)
        named = asks and re.findall(r"[^\W\d_]+", question[asks.end():])
        return bool(counted(sentence, question)) if named else bool(_number_candidates(sentence, question))
    if kind == "date":
        return _date(sentence, question, []) is not None
    if kind == "person":
        return bool(_names(sentence, question.lower()))
    if kind == "quote":
        return bool(_QUOTED.search(sentence)) or ":" in sentence
    return False
