"""Names: a person's (capitalised runs, titles stripped, not places or things), a place after
"tại"/"ở", an entity where the question's "X nào" points, the head noun the question asks by."""

from __future__ import annotations

import re

from rag.answer.question import capitalised_runs, read
from rag.answer.span.base import (
    ShortAnswer, _EDGE_WORDS, _I, _TOKEN, _after, _anchors, _nearest, _sentence_of, _tokens, syllables,
)
from rag.answer.span.dates import CODE, code_ends
from rag.clean.metadata import PROVINCE, PROVINCES_FOLDED
from rag.clean.normalize import fold
from rag.clean.metadata import SURNAMES as _SURNAMES
from rag.text import pos_tags, segment


_NAMED_PLACE = re.compile(r"(?<!\w)(?:tỉnh|thành phố|nước|quốc gia|huyện|vùng|châu lục|thủ đô) nào", _I)
# "đến 1939", "trong 2021": a year after the lead is a time, not a place ("tại 12 Lê Lợi" is one).
_TIME_LEAD = re.compile(r"(?:năm|ngày|tháng|thời gian|thời kỳ|giai đoạn|dịp|quý|tuần|buổi|nhiệm kỳ|lúc|khi)(?!\w)|"
                        r"\d{4}(?!\w)", _I)
_PLACE_LEAD = re.compile(r"(?<!\w)(?:tại|ở|trong|đến)\s+", _I)
# Nor is a part of a text ("tại Phụ lục …", "tại các điểm a, b"), nor a state of things ("trong
# bối cảnh …", "trong trường hợp …"): an API probe and a staff user had got these as places.
_NO_PLACE = re.compile(_TIME_LEAD.pattern + r"|(?:các\s+)?(?:khoản|điểm|điều|mục|chương|tiết)\s+(?:\d+|[IVXLC]+(?!\w)|"
                       r"[a-zđ](?=[\s,;.)]|$))|(?:phụ lục|mẫu số|nghị định|luật(?!\s+sư)|thông tư|quyết định|văn bản|"
                       r"bối cảnh|tình hình|điều kiện|quá trình|phạm vi|trường hợp|lĩnh vực|thời hạn)(?!\w)", _I)
# Asked where a gathering took place, "trong" leads to a venue only before a name or a word for
# one ("trong Hội trường", "trong khuôn viên"): "trong toàn đảng bộ nêu cao …" is none (a staff
# user had got it, bold). Elsewhere "trong phần kết thúc", "trong những nhà địa chất …" answer.
# Where a gathering was held: "… tổ chức ở đâu?", "… diễn ra tại địa điểm nào?", "Địa điểm tổ chức …?".
ASKS_VENUE = re.compile(r"(?<!\w)(?:diễn\s+ra|tổ\s+chức|họp|khai\s+mạc)\s+(?:ở|tại)\s+(?:đâu|nơi\s+nào|địa\s+điểm\s+nào"
                        r"|hội\s+trường\s+nào|phòng\s+họp\s+nào)(?!\w)"
                        r"|(?<!\w)(?:địa\s+điểm|nơi)\s+(?:tổ\s+chức|diễn\s+ra|họp)(?!\w)", _I)
# A body of people, not premises: "… công tác xây dựng Đảng tại Đảng bộ Sở" says where the work
# is done, not where a meeting was held (a staff user had got "Đảng bộ Sở Giáo dục" as the venue).
_BODY = re.compile(r"(?:Đảng\s+bộ|Chi\s+bộ|Ban\s+Chấp\s+hành)(?!\w)", _I)
_INSIDE = re.compile(r"(?:khuôn viên|hội trường|phòng|khu|nhà|trường|tỉnh|thành phố|huyện|xã|vùng|khu vực|nước|"
                     r"thủ đô|lãnh thổ|địa bàn)(?!\w)", _I)


class _NotPlace:
    """What follows a place lead and is no place (``_after``'s ``skip``)."""

    def __init__(self, venue: bool):
        self.venue = venue

    def match(self, sentence: str, at: int) -> bool:
        if _NO_PLACE.match(sentence, at) or self.venue and _BODY.match(sentence, at):
            return True
        inside = self.venue and sentence[max(0, at - 6):at].rstrip().lower().endswith("trong")
        return inside and not (sentence[at:at + 1].isupper() or _INSIDE.match(sentence, at))


# Where a place's stretch gives way to a time: "tại Vườn Saxon| từ năm 1870", "ở Hà Nội| năm 2020";
# not inside a name made of a date ("Quảng trường 30 tháng 4", "đường 3 tháng 2").
_PLACE_END = re.compile(r"\s+(?:(?:từ|vào|đến|trong|tới)\s+(?:năm|ngày|tháng|thời|giai đoạn|dịp|sáng|chiều|tối|"
                        r"buổi|lúc|hôm|\d)|"
                        r"(?<!\d)(?<!\d\s)(?:năm|ngày|tháng)\s+\d)", _I)
_TITLES = {"đồng", "chí", "ông", "bà", "cô", "thầy", "anh", "chị", "tỉnh", "ủy", "uỷ", "viên", "bí", "thư", "giám",
           "đốc", "phó", "chủ", "tịch", "sở", "gdđt", "thay", "mặt", "đoàn", "tổng", "thủ", "tướng", "gs", "pgs",
           "ts", "ths", "tới", "dự", "tham", "tại", "khi", "sau", "theo", "trong", "với", "về", "kết", "luận",
           "ban", "đảng", "bộ", "khối", "hội", "nghị", "đại", "trường", "phòng", "cơ", "quan", "chánh", "trưởng", "hiệu"}
# Capitalised runs that are places or things: asked "who", they are never the answer.
_PLACES = PROVINCES_FOLDED | {
    "việt nam", "trung quốc", "hoa kỳ", "nhật bản", "hàn quốc", "triều tiên", "ấn độ", "la mã", "hy lạp",
    "ai cập", "ba lan", "tây ban nha", "bồ đào nha", "thổ nhĩ kỳ", "liên xô", "châu âu", "châu á", "châu phi",
    "châu mỹ", "bắc mỹ", "nam mỹ", "anh quốc", "vương quốc anh"}
_THING_WORDS = {"phố", "đường", "tháp", "sông", "núi", "hồ", "vịnh", "đảo", "quận", "huyện", "tỉnh", "việc",
                "giải", "cúp", "sân", "bowl", "fort", "viện", "cuộc", "trận"}


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
    spans = [sp for sp in spans if not _place_or_thing(sentence[sp[0]:sp[1]]) and not _NAMED_AFTER.search(sentence, 0, sp[0])]
    surnamed = [sp for sp in spans if sentence[sp[0]:sp[1]].split()[0].lower() in _SURNAMES]
    return surnamed or spans


# A school or street named after a person: "trường THPT chuyên Chu Văn An", "đường Nguyễn Huệ".
_NAMED_AFTER = re.compile(r"(?<!\w)(?:trường|chuyên|đường|phố|phường|quận|huyện|xã|cầu|chợ|THCS|THPT|TH|PTDTNT|"
                          r"PTDTBT|DTNT|PT|MN|mầm non|tiểu học|trung học|cơ sở)\s+$", _I)


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


# "Kết luận số 21-KL/TW là của cơ quan nào?", "… do ai ban hành?": who issued the document
# the question names by its code, as written after the code (and its date): "… ngày 25/10/2021
# của Ban Chấp hành Trung ương Đảng". Only whose it is or who issued it: "Theo Nghị định
# 84/2020/NĐ-CP, học phí do ai quyết định?" asks who decides, not who issued the decree.
_ASKS_ISSUER = re.compile(r"(?<!\w)(?:của (?:cơ quan|tổ chức|đơn vị) nào|của ai|(?:do|bởi) (?:ai|cơ quan nào|tổ chức nào) "
                          r"(?:ban hành|ký)|(?:ai|cơ quan nào|tổ chức nào) (?:ban hành|ký))(?!\w)", _I)
_ISSUER = re.compile(r"(?:\s*,?\s*(?:ban hành\s+)?ngày\s+[\d/.-]+(?:\s+tháng\s+\d+\s+năm\s+\d+)?)?\s*,?\s*(?:của|do)\s+"
                     r"([^;,.:()]{3,80}?)(?=\s*(?:[;,.:()]|\s(?:về|và)\s|$))", _I)


def issuer(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """Who issued the document ``question`` names by its code, as the quote writes it after it."""
    if not _ASKS_ISSUER.search(question):
        return None
    short = _typed_codes(question)
    for text, offset in sentences:
        ends = [end for code in CODE.findall(question) for end in code_ends(code, text)]
        ends += [m.end() for pattern in short for m in pattern.finditer(text)]
        for end in ends:
            found = _ISSUER.match(text, end)
            if found:
                s, e = found.span(1)
                return ShortAnswer(text[s:e], offset + s, offset + e, "organisation")
    return None


# "Chỉ thị số 05-CT/TW … là của Ban Chấp hành Trung ương phải không?": whose the quote writes the
# document is settles it (an API probe got "có" against "… 05-CT/TW ngày 15/5/2016 của Bộ Chính
# trị", and a clause on another document for "Kết luận số 21-KL/TW là của Bộ Chính trị …?").
_CLAIMS_ISSUER = re.compile(r"(?<!\w)(?:là\s+)?(?:của|do)\s+(?P<who>[^?,;]{3,80}?)(?:\s+ban hành)?"
                            r"\s*,?\s*(?:phải không|đúng không|có đúng không|không)\s*(?:ạ|vậy)?\s*\??\s*$", _I)


_ISSUER_LEAD = re.compile(r"(?:\s*,?\s*(?:ban hành\s+)?ngày\s+[\d/.-]+)?\s*(?:có\s+phải\s+)?(?:là\s+)?", _I)


def issuer_verdict(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """Yes or no to whose a document the question names by its code is, as the quote writes
    the issuer after the code: the issuer as the span, "có" or "không" as its verdict."""
    claimed = _CLAIMS_ISSUER.search(question)
    before = question[: claimed.start()] if claimed else ""
    codes = CODE.findall(before)
    # The claim is whose the document is, said right after it ("Chỉ thị số 05-CT/TW ngày 15/5/2016
    # là của …"), not whose something else is ("… có nhằm nâng cao chất lượng của đội ngũ không?").
    if not codes or not _ISSUER_LEAD.fullmatch(before[code_ends(codes[-1], before)[-1]:]):
        return None
    for text, offset in sentences:
        for end in (end for code in codes for end in code_ends(code, text)):
            found = _ISSUER.match(text, end)
            if found:
                s, e = found.span(1)
                said, asked = fold(text[s:e]), fold(claimed["who"])
                agree = asked in said or said in asked
                return ShortAnswer(text[s:e], offset + s, offset + e, "organisation", verdict="có" if agree else "không")
    return None


# "… theo văn bản nào?", "… thực hiện nghị quyết nào?": a document, as the quote cites it by type,
# number and code, with its date and issuer when written right after ("Hướng dẫn số 08-HD/BTCTU,
# ngày 07-8-2018 của BTC Tỉnh ủy").
_DOCUMENT_TYPES = (r"hướng dẫn|kế hoạch|quyết định|nghị định|thông tư|công văn|chỉ thị|nghị quyết|kết luận|"
                   r"thông báo|quy định|quy chế|luật")
# "quy định gì", "thông báo gì" are verbs asking what was said: only "văn bản/tài liệu gì" asks which.
_ASKS_CITED = re.compile(rf"(?<!\w)(?:(?:văn bản|tài liệu|{_DOCUMENT_TYPES})\s+nào|(?:văn bản|tài liệu)\s+gì)(?!\w)", _I)
_CITED = re.compile(rf"(?<!\w)(?:{_DOCUMENT_TYPES})\s+(?:số\s+)?(?=\d)", _I)
_CITED_ISSUER = re.compile(r"(?:\s*,?\s*(?:ban hành\s+)?ngày\s+\d{1,2}(?:[/.-]\d+)*(?:\s+tháng\s+\d+\s+năm\s+\d+)?)?"
                           r"(?:\s+(?:của|do)\s+[^;,.:()]{2,60}?(?=\s*(?:[;,.:()]|\s(?:về|trong|để|nhằm|tại|khi)\s|$)))?", _I)


def cited_document(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """Asked "theo văn bản nào", the document the quote cites by its code, nearest the
    question's words, with the date and issuer written right after it."""
    if not _ASKS_CITED.search(question):
        return None
    asked = syllables(question)
    for text, offset in sentences:
        spans = []
        for m in _CITED.finditer(text):
            code = CODE.match(text, m.end())
            if code and text[m.start()].isupper():
                spans.append((m.start(), _CITED_ISSUER.match(text, code.end()).end()))
        # "… kết luận nào của Bộ Chính trị?": the one whose type or issuer the question says.
        said = [len(asked & {t for t, _, _ in _tokens(text[a:b])}) for a, b in spans]
        found = _nearest([sp for sp, n in zip(spans, said) if n == max(said)], _anchors(text, asked)) if spans else None
        if found:
            by = re.search(r"\s+(?:của|do)\s+([^,;]+)$", text[found[0]:found[1]])
            if by and re.search(r"(?<!\w)" + re.escape(by.group(1).casefold()) + r"(?!\w)", question.casefold()):
                found = (found[0], found[0] + by.start())  # the issuer the question names is no news
            return ShortAnswer(text[found[0]:found[1]], offset + found[0], offset + found[1], "entity")
    return None


# "Nghị quyết 29 về nội dung gì?": what a document the quote cites by its number is about, as
# written after it ("Nghị quyết số 29-NQ/TW ngày 4/11/2013 của BCH Trung ương Đảng khóa XI về
# đổi mới căn bản, toàn diện GDĐT do …").
_ASKS_ABOUT = re.compile(r"(?<!\w)(?:là\s+|nói\s+)?về\s+(?:nội\s+dung|vấn\s+đề|việc|điều)?\s*(?:gì|nào)(?!\w)", _I)
_ABOUT_END = re.compile(r"\s*(?:[;.:()]|\s(?:do|được|đã)\s|$)", _I)


def document_subject(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """Asked what a document named by its type and number is about, the subject the quote writes
    after its code, date and issuer ("về …"), to the clause's end or its presenter ("do …")."""
    if not _ASKS_ABOUT.search(question):
        return None
    for cited in _typed_codes(question):
        for text, offset in sentences:
            for m in cited.finditer(text):
                end = _CITED_ISSUER.match(text, m.end()).end()
                about = re.match(r"\s+(?:khóa\s+[IVXLC]+\s+)?về\s+", text[end:], _I)
                if not about:
                    continue
                s = end + about.end()
                e = _ABOUT_END.search(text, s).start()
                if e > s:
                    return ShortAnswer(text[s:e], offset + s, offset + e, "span")
    return None


_TYPED_NUMBER = re.compile(r"(?<!\w)(hướng dẫn|kế hoạch|quyết định|nghị định|thông tư|công văn|chỉ thị|nghị quyết|"
                           r"kết luận|thông báo)\s+(?:số\s+)?(\d+)(?![\w/-])", _I)


def _typed_codes(question: str) -> list[re.Pattern]:
    """For each document the question types by its kind and number alone ("hướng dẫn số 08",
    "Nghị quyết 29"), a pattern of it as cited with its code ("Hướng dẫn số 08-HD/BTCTU")."""
    return [re.compile(rf"(?<!\w){re.escape(kind)}\s+(?:số\s+)?{number}[-/][\w/.-]*\w", _I)
            for kind, number in _TYPED_NUMBER.findall(question)]


# "… thay thế (làm hết hiệu lực) nghị định nào?", "Văn bản nào hết hiệu lực …?": the documents a
# statute's last article says cease to have effect, by type and number, not the amending one in
# brackets after ("Nghị định số 90/2020/NĐ-CP … (được sửa đổi, bổ sung tại Nghị định số 48/2023/…)").
# A document asked by its type ("… nghị định nào?", "Văn bản nào …"), not "khi nào" (a date) nor
# "được thay thế bởi …" (what replaced it).
_DOCUMENT = r"(?:nghị định|bộ luật|luật|thông tư|quyết định|nghị quyết|pháp lệnh|văn bản|quy định)"
_ASKS_REPEALED = re.compile(rf"(?<!\w)(?:(?:thay thế|hết hiệu lực)(?:\s+(?:cho|các|những))?\s+{_DOCUMENT}"
                            rf"(?:\s+\S+){{0,3}}?\s+nào|{_DOCUMENT}\s+nào\s+(?:bị\s+thay\s+thế|hết\s+hiệu\s+lực|"
                            r"được\s+thay\s+thế)(?!\s+bởi))(?!\w)", _I)
_DOCUMENT_NAMED = re.compile(r"(?<!\w)(?:Nghị định|Bộ luật|Luật|Thông tư|Quyết định|Nghị quyết|Pháp lệnh)"
                             r"(?:\s+số)?\s+\d[\w/.-]*\w")


_PARTS_OF = re.compile(r"\s*(?:\d{1,2}\.\s*)?((?:Điều|khoản|điểm)\s+[\w\s,;]*?\s+của\s+)$", _I)


def repealed(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """The document(s) the quote says cease to have effect ("hết hiệu lực"), for a question
    asking which one a statute replaces; those in brackets (what amended them) left out."""
    if not _ASKS_REPEALED.search(question):
        return None
    for text, offset in sentences:
        end = re.search(r"(?<!\w)hết\s+hiệu\s+lực", text, _I)
        if not end:
            continue
        named, depth = [], 0
        for m in re.finditer(r"[()]|" + _DOCUMENT_NAMED.pattern, text[: end.start()]):
            depth = max(0, depth + {"(": 1, ")": -1}.get(m.group(0), 0))  # "b) Nghị định …": a point's letter
            if m.group(0) not in "()" and depth == 0 and m.group(0) not in question:
                named.append(m)
        if named:
            s, e = named[0].start(), named[-1].end()
            if len(named) > 1 and len(text[s:e].split()) > 40:
                e = named[0].end()  # several far apart: the first, whole
            parts = _PARTS_OF.match(text, 0, s)  # "3. Điều 6, Điều 12; khoản 4 Điều 35 của Nghị định …"
            s = parts.start(1) if parts else s
            return ShortAnswer(text[s:e], offset + s, offset + e, "entity")
    return None


# "… ở tỉnh nào?": a province's name, not the hall or the person the sentence also names.
# Asked where ("ở/tại/thuộc tỉnh nào", "Tỉnh nào …"), not which body ("cơ quan tỉnh nào": whose).
ASKS_PROVINCE = re.compile(r"(?:^\s*|(?<!\w)(?:ở|tại|thuộc|của|là|từ|đến|về|gdđt|gd&đt|đào tạo|sở|ủy viên|uỷ viên)\s+)"
                            r"(?:tỉnh|thành phố|tỉnh, thành phố|tỉnh/thành phố|tỉnh thành)\s+nào(?!\w)", _I)


def _place(sentence, question, anchors):
    if ASKS_PROVINCE.search(question):
        asked = question.casefold()
        named = [m.span() for m in PROVINCE.finditer(sentence) if m.group(0).casefold() not in asked]
        return _nearest(named, anchors) if named else None
    # "trong năm 2021", "trong thời gian tới": a time, not a place.
    found = _after(sentence, _PLACE_LEAD, anchors, 12, skip=_NotPlace(bool(ASKS_VENUE.search(question))))
    if found:
        time = _PLACE_END.search(sentence, found[0], found[1])
        found = (found[0], time.start()) if time else found
    if found and sentence[found[0]:found[1]].lower() not in question.lower():
        return found
    if not _NAMED_PLACE.search(question):  # "ở đâu" asks for a venue, not any capitalised words
        return None
    names = [sp for sp in _capitalised_runs(sentence) if sentence[sp[0]:sp[1]].lower() not in question.lower()]
    return _nearest(names, anchors)


def _capitalised_runs(sentence: str) -> list[tuple[int, int]]:
    return [sp for sp in capitalised_runs(sentence) if sp[0] > 0]


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
    spans = _joined_bodies(sentence, spans)
    spans = [sp for sp in spans if sentence[sp[0]:sp[1]].lower() not in q
             and sentence[sp[0]:sp[1]].lower() not in _TITLES | _REFERENCES
             and not _ROMAN.fullmatch(sentence[sp[0]:sp[1]])]  # "khóa XII": an ordinal
    return _nearest(spans, anchors)


# "… khoản 2 Điều này": a statute's pointer to itself, capitalised, names nothing.
_ROMAN = re.compile(r"[IVXLC]+")
_REFERENCES = {"điều", "khoản", "điểm", "chương", "mục", "phụ lục", "luật", "nghị định", "thông tư", "bộ luật"}


# A body's name joins its fields with "và": "Sở Giáo dục và Đào tạo", "Bộ Lao động - Thương
# binh và Xã hội", "Sở Khoa học và Công nghệ"; "Đào tạo" alone is no name.
_BODY_HEAD = re.compile(r"(?:Sở|Bộ|Viện|Học viện|Trung tâm|Ủy ban|Uỷ ban|Cục|Tổng cục|Phòng|Ban|Hội|Trường|Đại học|"
                        r"Công ty|Tập đoàn|Ngân hàng|Quỹ|Đảng bộ|Khoa)(?!\w)")
_JOIN = re.compile(r"\s+(?:và|-|–)\s+")


def _joined_bodies(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for sp in spans:
        if out and _BODY_HEAD.match(sentence, out[-1][0]) and _JOIN.fullmatch(sentence, out[-1][1], sp[0]):
            out[-1] = (out[-1][0], sp[1])
        else:
            out.append(sp)
    return out


# Posts and bodies written with one capital ("Chủ tịch", "Ban Thường vụ"): a name that ends
# in one ends after its second syllable.
_TITLE_COMPOUNDS = {("chủ", "tịch"), ("bí", "thư"), ("giám", "đốc"), ("thường", "vụ"), ("chấp", "hành"),
                    ("ủy", "viên"), ("uỷ", "viên"), ("hiệu", "trưởng"), ("giáo", "dục"), ("đào", "tạo"),
                    ("công", "đoàn"), ("nhân", "dân"), ("chính", "phủ"), ("quốc", "hội"), ("thủ", "tướng")}


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


def headed_list(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """Asked "những kết luận nào", the documents of that kind a quoted sentence names one after
    another by number ("Kết luận số 21-KL/TW …; Kết luận số 01-KL/TW … của Bộ Chính trị"), whole."""
    words = _head_words(question)
    if not words:
        return None
    head = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"\s+(?:số\s+)?\d[\w/.-]*", _I)
    for text, offset in sentences:
        named = [m for m in head.finditer(text) if text[m.start()].isupper()]
        if len(named) < 2:
            continue
        # One after another: only the first's details and a separator between them.
        if any(re.search(r"[.:]\s|\n", text[a.end():b.start()]) for a, b in zip(named, named[1:])):
            continue
        end = re.search(r"[;,.]|$", text[named[-1].end():])
        s, e = named[0].start(), named[-1].end() + end.start()
        return ShortAnswer(text[s:e], offset + s, offset + e, "list")
    return None


def listed_after_head(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """Asked "những hình thức nào", the items a quoted sentence lists after that noun and a
    colon, inside the sentence ("… lựa chọn một trong ba hình thức thi: vấn đáp, thực hành
    giảng dạy hoặc thi viết"), to the clause's end."""
    words = _head_words(question)
    if not words:
        return None
    head = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?:\s+[^\W\d_]+){0,2}\s*:\s*(?=\S)", _I)
    # "những báo cáo nào" asks for them all; "do chi bộ nào" for one.
    plural = re.search(r"(?<!\w)(?:những|các)\s+" + r"\s+".join(map(re.escape, words)) + r"\s+nào", question, _I)
    for text, offset in sentences:
        for m in head.finditer(text):
            end = m.end() + re.search(r"[;.\n]|$", text[m.end():]).start()
            whole = m.end() + re.search(r"\.(?!\d)|\n|$", text[m.end():]).start()
            if plural and text.count(";", m.end(), whole) >= 2:  # "các báo cáo: báo cáo …; báo cáo …; …": every item
                end = whole  # (an API probe had got the first report of five)
            listed = text[m.end():end].rstrip()
            if ":" not in listed and re.search(r",|(?<!\w)(?:hoặc|và)(?!\w)", listed):
                return ShortAnswer(listed, offset + m.end(), offset + m.end() + len(listed), "list")
    return None


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
    question_lower, asked = question.lower(), syllables(question)
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
        # A document's code names it too: "Hướng dẫn số 08-HD/BTCTU".
        code = bare[:1].isdigit() and "/" in bare and any(c.isupper() for c in bare)
        if bare[:1].isupper() or code or (start is not None and any(c.isdigit() or c.isupper() for c in bare)):
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


# "Nguyễn Thị Bạch Vân là ai?", "Đồng chí Trần Quốc Tuấn giữ chức vụ gì?": asked who a named
# person is, the answer is the post written beside the name ("Cô Nguyễn Thị Bạch Vân – Tỉnh ủy
# viên, Giám đốc Sở GDĐT đã ghi nhận …" → "Tỉnh ủy viên, Giám đốc Sở GDĐT").
# "… còn giữ chức gì khác?", "… chức vụ nào khác không?": the posts again (an API probe's was refused).
_ASKS_POST = re.compile(r"(?:là\s+ai|(?:còn\s+)?giữ\s+chức(?:\s+vụ|\s+danh)?\s+(?:gì|nào)|chức\s+(?:vụ|danh)\s+(?:là\s+)?gì|"
                        r"(?:làm|đảm nhiệm|đảm nhận)\s+chức(?:\s+vụ|\s+danh)?\s+gì)(?:\s+(?:khác|nữa))?(?:\s+không)?"
                        r"(?:\s+(?:trong|tại|ở)\s+[^?]{1,80})?\s*\??\s*$",
                        _I)  # not "làm gì": what someone did
_POST_WORDS = re.compile(r"(?<!\w)(?:bí thư|giám đốc|chủ tịch|trưởng|phó|ủy viên|uỷ viên|chủ nhiệm|tổng biên tập|"
                         r"chánh|thư ký|hiệu trưởng)(?!\w)", _I)
_ADDRESSED = re.compile(r"^\s*(?:đồng chí|ông|bà|cô|thầy|anh|chị)\s+", _I)
_APPOSITION = re.compile(r"\s*(?:[–—-]|,)\s*")
# Where the post ends: a verb or a joined clause ("… Giám đốc Sở GDĐT đã ghi nhận", "…, cùng
# toàn thể …", "… trình bày tóm tắt báo cáo").
_GIVEN_POST = re.compile(r"\s+được\s+(?:bầu|bổ nhiệm|phân công|giao)\s+(?:giữ\s+chức(?:\s+vụ)?\s+|làm\s+|là\s+)?"
                         r"(?P<post>(?=[^\W\d_])[^,;.:()\n]{2,60}?)(?=\s*[,;.:()\n]|\s+(?:nhiệm kỳ|và|cùng|tại)\s|$)")
_POST_END = re.compile(r"\s+(?:đã|đang|sẽ|được|phát biểu|trình bày|báo cáo|ghi nhận|chủ trì|yêu cầu|nhấn mạnh|"
                       r"đề nghị|khẳng định|cho biết|tham dự|cùng|và các|và toàn|tại|tặng|trao|gửi|chúc|phát động|"
                       r"kết luận|giới thiệu|quán triệt|thông qua|nêu)(?!\w)|\s*[.;:()“\"–—]|\s{2,}")


def post_asked(question: str) -> list[str]:
    """The name of the person whose post ``question`` asks, the whole question being the name
    and the asking ("Nguyễn Thị Bạch Vân là ai?", "Đồng chí Trần Quốc Tuấn giữ chức vụ gì?"),
    or []: "Cấp phó của bà … là ai?", "Chủ tịch Quốc hội ký Luật … là ai?" ask about someone else."""
    asks = _ASKS_POST.search(question)
    if not asks:
        return []
    subject = _ADDRESSED.sub("", question[: asks.start()]).strip()
    names = [subject[s:e] for s, e in _names(subject, "")]
    return [subject] if len(subject.split()) >= 2 and names == [subject] else []


def post_held(question: str, sentences: list[tuple[str, int]], asked: list[str] | None = None) -> ShortAnswer | None:
    """The post a person the question names holds, as the first quoted sentence naming them
    writes it beside the name, or ``None`` (not asked, or no post written there); ``asked``:
    :func:`post_asked` of the question, when already read."""
    asked = post_asked(question) if asked is None else asked
    for text, offset in sentences:
        for name in asked:
            written = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, _I)
            before = text[: written.start()].split()[-1:] if written else []
            if not written or (before and before[0][:1].isupper() and before[0].casefold() not in _TITLES):
                continue  # not inside a longer name: "Trần Nguyễn Văn Hùng" is not "Nguyễn Văn Hùng"
            lead = _APPOSITION.match(text, written.end())
            if not lead:
                continue
            # Comma-separated posts, each opening with a capital ("Tỉnh ủy viên, Bí thư Đảng ủy, …").
            start, end = lead.end(), lead.end()
            for piece in re.finditer(r"[^,]+", text[start:]):
                # Up to where the post ends ("Giám đốc Sở GDĐT; bà … – Phó Giám đốc": the next
                # name's post is not read into this one).
                stop = _POST_END.search(text, start + piece.start(), start + piece.end())
                chunk = text[start + piece.start(): stop.start() if stop else start + piece.end()].strip()
                # A post opens with a capital and names one; a piece naming a person is theirs
                # ("… Nguyễn Văn Hùng, Trần Văn Bình – Phó Bí thư": Bình's post, not Hùng's).
                if not chunk[:1].isupper() or not _POST_WORDS.search(chunk) or _names(chunk, ""):
                    break
                end = stop.start() if stop else start + piece.end()
                if stop:
                    break
            # "… Phó Giám đốc Sở GDĐT được bầu giữ chức Phó Bí thư Đảng bộ Sở, …": the post it
            # was given too (a staff user's pass got the first alone).
            given = _GIVEN_POST.match(text, end) if end > start else None
            if given and given["post"][:1].isupper() and _POST_WORDS.search(given["post"]):
                end = given.end("post")
            post = text[start:end].rstrip(" ,")
            if post and _POST_WORDS.search(post):
                return ShortAnswer(post, offset + start, offset + start + len(post), "post",
                                   holder=text[written.start():written.end()])
    return None


# "Ai quyết định …?", "… do ai quyết định?": the words the question puts after "ai" (its verb
# and what follows), found in a quoted sentence, are preceded there by who does it.
_ASKS_WHO_DOES = re.compile(r"(?<!\w)(?:ai|những ai)\s+(?P<does>[^?.!,;]+)", _I)
_ROLE_START = re.compile(r"(?:^|[,;:.()]\s*|\n|(?<!\w)do\s+|(?<!\w)bởi\s+)(?:\d+\.\s+|[a-zđ]\)\s+)?", _I)
_ROLE_WORDS = 12
_NOMINAL = re.compile(r"(?:việc|công tác|hoạt động|sự|(?:trường hợp|thủ tục|quy trình)(?: việc)?)", _I)
_BY_AGENT = re.compile(r"(?<!\w)(?:do|bởi)\s+(?P<agent>[^,;.:()]{3,120}?)\s+(?:thực hiện|quyết định|chủ trì|tổ chức|"
                       r"ban hành|cấp|phê duyệt|đánh giá|xem xét|công nhận|chịu trách nhiệm|tiến hành|giải quyết)(?!\w)", _I)
_AUXILIARY_END = re.compile(r"(?:\s+(?:đã|sẽ|đang|cũng|vừa|mới|thì))+$", _I)  # "… cơ sở đã" before the verb


def asks_who_does(question: str) -> bool:
    """Whether ``question`` asks who does at a gathering what only a person does there, and
    names it after "ai" ("Ai chủ trì …?", "Ai trình bày báo cáo …?")."""
    asked = _ASKS_WHO_DOES.search(question)
    return bool(asked) and bool(_PERSONS_PART.match(asked["does"]))


def part_said(question: str, text: str) -> bool:
    """Whether ``text`` says the part a "who" ``question`` asks about (:func:`asks_who_does`):
    its verb with what follows ("chủ trì hội nghị"), or for a speech, the speech itself ("…
    diễn văn khai mạc của đồng chí …" says who read it)."""
    if does_said(question, text):
        return True
    asked = _ASKS_WHO_DOES.search(question)
    # The speech and the word beside it, in either order: "trình bày tóm tắt báo cáo" is said by
    # "… báo cáo tóm tắt kết quả …" (an API probe got the head of the delegation instead).
    spoken = re.match(r"(?:đọc|trình bày|phát biểu)\s+(?P<speech>.+?)(?=\s+(?:tại|ở|trong|với|vào|của|cho|năm|ngày)(?!\w)|$)",
                      asked["does"], _I) if asked else None
    if not spoken or not re.search(rf"(?<!\w)(?:{_SPEECHES})(?!\w)", spoken["speech"], _I):
        return False
    low = text.lower()
    words = spoken["speech"].split()
    words = words[: next((k for k, w in enumerate(words) if w[:1].isupper()), len(words))][:_SPEECH_WORDS]
    return all(re.search(rf"(?<!\w){re.escape(w.lower())}(?!\w)", low) for w in words)  # not "… Đại hội …" named after


_SPEECH_WORDS = 4  # "tóm tắt báo cáo", "diễn văn khai mạc": what names the speech, not where it was given
_PERSONS_PART = re.compile(r"(?:chủ trì|trình bày|phát biểu|đọc|điều hành|dẫn chương trình)(?!\w)", _I)


def does_said(question: str, text: str) -> int:
    """How many words of what a "who" ``question`` says after "ai" ``text`` writes in a row,
    from the first ("… đã phát động phong trào thi đua năm 2021" for "Ai phát động phong trào
    thi đua năm 2021 …?": 7); 0 for other questions."""
    asked = _ASKS_WHO_DOES.search(question)
    if not asked:
        return 0
    does, low = asked["does"].split(), text.lower()
    return next((n for n in range(len(does), 1, -1)
                 if re.search(rf"(?<!\w){re.escape(' '.join(does[:n]).lower())}(?!\w)", low)), 0)


def _said_in_item(item: str, question: str) -> int:
    """How many of the question's words a list item says (from the previous item's verb on)."""
    item = item.split(":")[-1]
    return len(set(re.findall(r"[^\W\d_]{2,}", question.lower())) & set(re.findall(r"[^\W\d_]{2,}", item)))


def _role(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """Who does what the question asks where the quote names a role, not a person ("…, Chủ
    tịch Ủy ban nhân dân cấp tỉnh quyết định thời điểm nghỉ hè", "… do hiệu trưởng quyết định"):
    the stretch before the longest run of the question's words after "ai", back to the clause's
    start or to "do"/"bởi". Unlike the slot it may repeat the question's words ("cấp tỉnh")."""
    asked = _ASKS_WHO_DOES.search(question)
    if not asked:
        return None
    does = asked["does"].split()
    # Each sentence's role, the one saying most of the question first, then one named with a
    # capital ("Đảng ủy Khối … tổ chức Hội nghị …" before "tặng bằng khen tổ chức cơ sở Đảng …",
    # where "tổ chức" is a noun), then the first.
    found_roles: list[tuple[int, bool, int, ShortAnswer]] = []
    for k, (text, offset) in enumerate(sentences):
        low = text.lower()
        for n in range(len(does), 1, -1):  # the longest run first, two words at least
            each = list(re.finditer(rf"(?<!\w){re.escape(' '.join(does[:n]).lower())}(?!\w)", low))
            if not each:
                continue
            # In a list ("Tham luận về A do X trình bày; Tham luận về B do Y trình bày"), the item
            # saying most of what the question says around its "ai".
            item_starts = [0] + [m.end() for m in each]  # each item runs from the previous one's verb
            found = max(zip(item_starts, each), key=lambda item: (_said_in_item(low[item[0]:item[1].start()], question),
                                                            -item[1].start()))[1]
            before = text[: found.start()]
            starts = [m.end() for m in _ROLE_START.finditer(before) if m.end() < len(before.rstrip())]
            start = starts[-1] if starts else 0
            # Roles listed before the verb ("Ban Giám đốc, Chủ tịch Công đoàn cơ sở đã phát động …"):
            # a short capitalised one before a comma is one of them.
            while len(starts) > 1 and before[:start].rstrip().endswith(","):
                previous = before[starts[-2]:start].strip().rstrip(",").strip()
                if not previous[:1].isupper() or len(previous.split()) > 5 or any(c.isdigit() for c in previous):
                    break
                starts.pop()
                start = starts[-1]
            role = _AUXILIARY_END.sub("", before[start:].strip())
            if _NOMINAL.fullmatch(role.strip(" ,")):
                # "b) Việc đánh giá nhà giáo dạy liên trường … do người đứng đầu cơ sở giáo dục …
                # thực hiện": the act is named, its doer comes after "do".
                agent = _BY_AGENT.search(text, found.end())
                if agent:
                    s, e = agent.span("agent")
                    found_roles.append((n, True, -k, ShortAnswer(text[s:e], offset + s, offset + e, "person")))
                break
            if role and len(role.split()) <= _ROLE_WORDS and (role[:1].isupper() or any(
                    t.startswith("N") for _, t in pos_tags(role))):
                s = before.index(role, start)
                found_roles.append((n, role[:1].isupper(), -k, ShortAnswer(role, offset + s, offset + s + len(role),
                                                                             "person")))
            break
    return max(found_roles, key=lambda r: r[:3])[3] if found_roles else None


# "Hà Thị Khánh Vân trình bày gì?": what a named person did, asked after the name.
_ASKS_WHAT_DONE = re.compile(r"^\s*(?:(?:đồng chí|ông|bà|cô|thầy)\s+)?(?P<asked>.+?)\s+(?:những\s+)?gì"
                             r"(?:\s+(?:tại|ở|trong)\s+[^?]*)?\s*\??\s*$", _I)
_DEED = re.compile(r"\s+(?:đã\s+)?(?P<deed>[^\W\d_]+(?:\s+[^\W\d_]+){0,3})", _I)


_SPOKEN = re.compile(r"đọc|trình bày|phát biểu|báo cáo|nói", _I)
_SPEECHES = r"diễn văn|bài phát biểu|lời phát biểu|phát biểu|báo cáo|tham luận|lời khai mạc|lời bế mạc|bài nói"


def done_by(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """What the quote says was done by the person the question names, written the other way
    round: "… ; báo cáo chính trị và phương hướng nhiệm kỳ 2020-2025 do đồng chí Hà Thị Khánh
    Vân, Phó Bí thư … trình bày" answers "Hà Thị Khánh Vân trình bày gì?" with the stretch
    before "do", back to the clause's start (an API probe had got a piece of her post)."""
    asked = _ASKS_WHAT_DONE.match(question)
    if not asked:
        return None
    # The name opens what is asked, the deed follows it ("Trần Quốc Tuấn đọc", "… đã trình bày"),
    # with what was done perhaps named ("… trình bày báo cáo gì?").
    names = [n for n in read(question).names if asked["asked"].casefold().startswith(n.casefold())]
    deed = _DEED.fullmatch(asked["asked"], len(names[0])) if names else None
    if not deed:
        return None
    words = deed["deed"].split()
    for n in (2, 1):
        if n <= len(words) and len(words) - n <= 2:
            found = _done(names[0], " ".join(words[:n]), " ".join(words[n:]), sentences)
            if found:
                return found
    return None


def _done(name: str, does: str, what: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """What ``name`` ``does`` (the stretch before "do <name> … <does>", or a speech "… của
    <name>"), holding ``what`` when the question names it."""
    by = re.compile(rf"(?<!\w)(?:do|bởi)\s+(?:(?:đồng chí|ông|bà|cô|thầy)\s+)?{re.escape(name)}(?!\w)"
                    rf"[^;.]*?(?<!\w){re.escape(does)}(?!\w)", _I)
    # "… sau diễn văn khai mạc của đồng chí Trần Quốc Tuấn – …" answers "… Trần Quốc Tuấn đọc
    # gì?": a speech owned by the name, when a speech is what is asked (it had been his name).
    owned = re.compile(rf"(?P<speech>(?<!\w)(?:{_SPEECHES})(?:\s+[^\W\d_]+){{0,3}}?)\s+của\s+"
                       rf"(?:(?:đồng chí|ông|bà|cô|thầy)\s+)?{re.escape(name)}(?!\w)", _I) \
        if _SPOKEN.fullmatch(does) else None
    holds = re.compile(rf"(?<!\w){re.escape(what)}(?!\w)", _I) if what else None
    for text, offset in sentences:
        m = by.search(text)
        if not m:
            said = owned.search(text) if owned else None
            if said and (not holds or holds.search(said["speech"])):
                return ShortAnswer(said["speech"], offset + said.start(), offset + said.end("speech"), "span")
            continue
        start = max(text.rfind(mark, 0, m.start()) for mark in (";", ":", "\n")) + 1
        piece = text[start:m.start()]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip().rstrip(",")
        if len(piece.split()) >= 2 and (not holds or holds.search(piece)):
            return ShortAnswer(piece, offset + start + lead, offset + start + lead + len(piece), "span")
    return None
