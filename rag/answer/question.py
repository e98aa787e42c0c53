"""Reading the question: what kind of answer it asks for, and what it pins down.

Two things are read before any evidence is looked at. The *kind* of answer (a date, a
count, a person, a place, a definition, a list) decides which span of the quoted sentence
is the short answer. What the question *pins down* (a province, a year, a term of office,
a person's name) must also be in the evidence: an article about Trà Vinh does not answer
a question about Bình Định, however close their vocabulary is.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from rag.clean.metadata import PROVINCE, PROVINCES, STATUTE_TYPES, SURNAMES
from rag.text import segment

_I = re.IGNORECASE

# Order matters: "năm bao nhiêu" asks for a date before "bao nhiêu" asks for a count, unless
# "hằng năm"/"mỗi năm" and a noun follow ("hằng năm bao nhiêu ngày", "mỗi năm mấy lần" count; a
# particle such as "thì" is no noun; "Năm mấy Bác Hồ ra đi …?" asks for a year).
_NO_NOUN = r"(?!\s+(?!(?:thì|vậy|nhỉ|ạ|hả|à|nhé|và|hay|hoặc)(?!\w))[^\W\d_])"
KINDS = [
    ("date", re.compile(
        r"(?<!\w)(ngày nào|năm nào|tháng nào|khi nào|bao giờ|lúc nào|thời gian nào|thời điểm nào|"
        rf"(?<!hằng )(?<!mỗi )năm (?:bao nhiêu|mấy)|năm bao nhiêu{_NO_NOUN}|ngày bao nhiêu{_NO_NOUN}|ngày mấy|tháng mấy|"
        rf"năm mấy{_NO_NOUN}|thế kỷ nào|thập kỷ nào|"
        r"thập niên nào|hôm nào|dịp nào|vào ngày|thời gian nào|giai đoạn nào)(?!\w)", _I)),
    ("number", re.compile(r"(?<!\w)(bao nhiêu|mấy|số lượng|tỷ lệ|tỉ lệ|bao xa|bao lâu|bao cao)(?!\w)", _I)),
    ("person", re.compile(
        # "… gồm những ai?" asks for the list that follows "gồm:", of people or not.
        r"(?<!\w)(?<!gồm )(?<!gồm những )(ai|người nào|(?<!đơn )vị nào|ông nào|bà nào|đồng chí nào|"
        r"(?<!gồm )những ai|nhân vật nào|cầu thủ nào|tác giả nào)(?!\w)", _I)),
    ("place", re.compile(
        r"(?<!\w)(ở đâu|tại đâu|đâu|nơi nào|chỗ nào|địa điểm nào|tỉnh nào|thành phố nào|nước nào|"
        r"quốc gia nào|huyện nào|vùng nào|khu vực nào|châu lục nào|thủ đô nào|"
        r"(?:địa điểm|nơi) (?:tổ chức|diễn ra|họp)|(?:hội trường|phòng họp|trụ sở) nào)(?!\w)", _I)),  # "Địa điểm tổ chức …?"
    # A theme, a slogan, what a report is about: usually the quoted words.
    ("quote", re.compile(r"(?<!\w)(chủ đề|khẩu hiệu|phương châm|tên gọi|chuyên đề|tiêu đề|thông điệp|"
                         r"về vấn đề gì|về nội dung gì|về gì)(?!\w)", _I)),
    ("list", re.compile(r"(?<!\w)(gồm những|gồm ai|bao gồm những|gồm các|gồm gì|gồm những gì|những (?:\w+ ){0,4}nào|"
                        r"những (?:\w+ ){0,4}gì|các (?:\w+ ){0,4}nào)(?!\w)", _I)),
    ("definition", re.compile(r"(?<!\w)(là gì|nghĩa là gì|được gọi là gì|gọi là gì|là cái gì|là loại gì)(?!\w)", _I)),
    ("organisation", re.compile(r"(?<!\w)(tổ chức nào|cơ quan nào|đơn vị nào|công ty nào|trường nào|"
                                r"đội nào|hãng nào|đảng nào|ban nào)(?!\w)", _I)),
]
# Where the question's gap is: the words a reply would fill in.
WH = re.compile(r"(?<!\w)(gì|nào|ai|đâu|bao nhiêu|mấy|bao giờ|khi nào|sao|thế nào|như thế nào)(?!\w)", _I)

_YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})(?![\d/])")
TERM = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)")
# Words of a body's name: a run holding one is no person's whole name ("Văn An Sở GDĐT").
_INSTITUTION = {"sở", "gdđt", "gd&đt", "đảng", "bộ", "ban", "ủy", "uỷ", "hội", "tỉnh", "trường", "phòng", "công",
                "đoàn", "ngành", "ubnd", "hđnd", "khối", "luật", "nghị", "quyết", "định", "chính", "phủ"}
# Words opening a post or a body after a name ("Trần Quốc Tuấn Bí thư"), which no given name is.
_POST_OPENING = {"bí", "giám", "phó", "chủ", "trưởng", "hiệu", "tổng", "chánh", "tỉnh", "đảng", "sở", "ban", "bộ",
                 "ủy", "uỷ", "ubnd", "gdđt"}
# Capitalised words that open sentences or name institutions, not people.
_NOT_NAMES = {
    "sở", "giáo", "dục", "đào", "tạo", "gdđt", "gd&đt", "đảng", "bộ", "ban", "ủy", "uỷ", "hội", "đại", "tỉnh",
    "chánh", "phó", "bí", "thư", "giám", "đốc", "chủ", "tịch", "trung", "ương", "khối", "cơ", "quan", "nghị", "thành",
    "phố", "việt", "nam", "ubnd", "hđnd", "chính", "phủ", "quốc", "trường", "phòng", "công", "đoàn", "ngành",
    "ai", "khi", "tại", "sao", "vì", "có", "bao", "nhiêu", "những", "các", "ngày", "năm", "tháng", "theo", "trong",
    "đồng", "chí", "ông", "bà", "cô", "thầy", "hãy", "cho", "xin", "là", "ở", "lần", "thứ", "nhiệm", "kỳ", "kì",
    "thpt", "thcs", "dtnt", "gdtx", "mầm", "non", "tiểu", "học", "kết", "luận", "chỉ", "thị", "hướng", "dẫn",
    "luật", "pháp", "lệnh", "hiến",  # laws are read by name (Law)
}


def capitalised_runs(text: str) -> list[tuple[int, int]]:
    """Spans of two or more consecutive Capitalised words (not ALL-CAPS acronyms), split at punctuation.

    Tested with ``str.isupper`` rather than a character range: Vietnamese letters'
    code points interleave upper and lower case, so a range like ``[A-ZÀ-Ỹ]`` matches both.
    """
    spans, run = [], []
    for m in re.finditer(r"[^\W\d_]+", text + " x"):
        word = m.group(0)
        joined = run and not text[run[-1][1] : m.start()].strip()
        if not joined and run:
            if len(run) >= 2:
                spans.append((run[0][0], run[-1][1]))
            run = []
        if word[0].isupper() and not (len(word) > 1 and word.isupper()):
            run.append((m.start(), m.end()))
        else:
            if len(run) >= 2:
                spans.append((run[0][0], run[-1][1]))
            run = []
    return spans


@dataclass
class Question:
    """A question as the answer step reads it."""

    text: str
    kind: str | None = None  # date, number, person, place, quote, list, definition, organisation
    provinces: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    terms: list[tuple[str, str]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    ordinals: list[str] = field(default_factory=list)  # "lần 2/2020", "lần thứ XIV"
    bodies: list[str] = field(default_factory=list)  # departments other than education: "Sở Y tế"
    statutes: list[str] = field(default_factory=list)  # legal documents by number: "Nghị định 84/2020"
    laws: list[Law] = field(default_factory=list)  # laws by name whose provisions are asked: "Theo Luật Việc làm, …"
    periods: list[str] = field(default_factory=list)  # part of a year: "6 tháng đầu năm", "học kỳ II", "quý III"
    events: list[str] = field(default_factory=list)  # a kind of gathering named: "đại hội", "hội thảo"

    def pins(self) -> bool:
        """Whether the question pins anything down that the evidence must state (rag.answer.scope)."""
        return any((self.provinces, self.years, self.terms, self.names, self.ordinals, self.bodies, self.statutes,
                    self.laws, self.periods, self.events))


@dataclass(frozen=True)
class Law:
    """A law the question names by its name, not its number, and what it asks be read from it."""

    kind: str  # "Luật", "Bộ luật", "Pháp lệnh"
    name: str  # as the question writes it: "Việc làm", "Bảo hiểm xã hội"
    year: str | None = None  # "Luật Giáo dục năm 2005": that version, not another
    source: bool = True  # read as the source ("Theo Luật …"), not only mentioned
    # The name ends where the question marks it ("Theo Luật Giáo dục đại học, …", "… 2019", "… quy
    # định"), so it is the whole name; otherwise the words after it may belong to the sentence.
    whole: bool = False

    def __str__(self) -> str:
        return f"{self.kind} {self.name}" + (f" năm {self.year}" if self.year else "")


# Departments and ministries other than education, by name or acronym: a question about "Sở Y
# tế Trà Vinh" is not answered by an article about Sở GDĐT Trà Vinh. Education is left out
# (its many spellings, "Sở GD&ĐT", "Sở Giáo dục và Đào tạo", all name the articles' own body).
_FIELDS = [
    "y tế", "tài chính", "kế hoạch và đầu tư", "kh&đt", "khđt", "nội vụ", "tư pháp", "công thương", "xây dựng",
    "giao thông vận tải", "gtvt", "nông nghiệp và phát triển nông thôn", "nông nghiệp và môi trường", "nn&ptnt",
    "tài nguyên và môi trường", "tn&mt", "tnmt", "lao động - thương binh và xã hội", "lao động thương binh và xã hội",
    "lđ-tb&xh", "lđtbxh", "văn hóa, thể thao và du lịch", "văn hoá, thể thao và du lịch", "văn hóa thể thao và du lịch",
    "vhttdl", "khoa học và công nghệ", "kh&cn", "khcn", "thông tin và truyền thông", "tt&tt", "tttt", "ngoại vụ",
    "du lịch", "dân tộc và tôn giáo", "quốc phòng", "công an", "ngoại giao"]
# "cơ sở y tế" is a health facility, not the department.
_BODY = re.compile(r"(?<!\w)(?<!cơ )(?:sở|bộ)\s+(?:" + "|".join(
    re.escape(f.replace(" - ", "-")).replace(r"\ ", r"\s+").replace(r"\-", r"\s*[-–—]\s*")
    for f in sorted(_FIELDS, key=len, reverse=True)) + r")(?![\w&])", _I)


# A legal document named by its number: "Nghị định 84/2020/NĐ-CP", "Thông tư số 46/2026", or
# by its number alone, as staff say it, its type capitalised as a name: "Nghị định 93" (not
# "Luật 2019", a year, nor "Hiệu trưởng quyết định 2 học kỳ", a verb).
_TYPES = "|".join(STATUTE_TYPES)
_TITLED = "|".join(t.capitalize() for t in STATUTE_TYPES)
STATUTE = re.compile(rf"(?<!\w)(?i:({_TYPES})\s+(?:số\s+)?(\d{{1,4}}/(?:19|20)\d{{2}})(?:/[\w-]+)?)"
                     rf"|(?<!\w)({_TYPES}|{_TITLED})\s+(?i:số\s+)?((?!(?:19|20)\d{{2}}(?!\d))\d{{1,4}}(?![\d/]|[.,]\d))")
# A law by its name: the type, a capitalised first word, the words after it up to a stop
# ("Luật Bảo hiểm y tế", "Bộ luật Lao động 2019", "Luật Giáo dục năm 2005", "Luật Giáo dục Đại
# học"). Read as the source ("Theo Luật …", "Luật … quy định", "trong Luật …") or only mentioned:
# "những điều nào của Luật Nhà giáo" asks what a document cites, which the citing document answers.
LAW_TYPES = r"bộ luật|luật|pháp lệnh|hiến pháp"
_LAW_NAME_STOP = {"quy", "năm", "thì", "có", "được", "là", "về", "đối", "cho", "khi", "mà", "đã", "hiện", "mới",
                  "này", "nào", "gì", "thế", "như", "và", "hay", "hoặc", "nêu", "ghi", "nói", "thay", "sửa", "bổ",
                  "bãi", "hướng", "của", "bị", "ban", "để", "với", "trong", "tại", "theo",
                  # the yes/no ending: "… tuân theo Luật Thương mại điện tử không?"
                  "không", "chưa", "phải", "đúng", "ạ", "à", "nhỉ", "hả", "chứ"}
_LAW_TYPE = re.compile(rf"(?<!\w)({LAW_TYPES})\s+", _I)
_NAME_WORD = re.compile(r"\s*([^\W\d_]+)")
# Names that join two things with a comma or "và" ("Luật Phòng, chống tham nhũng", "Luật Cán bộ,
# công chức", "Luật Phí và lệ phí"): read on past the joint, which elsewhere ends the name
# ("Theo Luật Giáo dục, giáo viên …"). Such names open with these words; one joint is read.
_JOINED_HEADS = {"phòng", "phòng cháy", "cán bộ", "thi đua", "khoa học", "phí", "đo đạc", "bảo vệ"}
_JOINT = re.compile(r"\s*(?:,|và(?!\w))(?=\s*[^\W\d_])")
_LAW_YEAR = re.compile(r"\s*(?:năm\s+)?((?:19|20)\d{2})(?!\d)", _I)
_LAW_SOURCE_BEFORE = re.compile(r"(?:(?<!\w)(?:theo|tại|trong|căn cứ)(?:\s+quy định\s+(?:của|tại))?)\s*$", _I)
_LAW_SOURCE_AFTER = re.compile(r"^\s*(?:,\s*)?(?:(?:có|đã)\s+)?quy định(?!\w)", _I)


def _laws(question: str) -> list[Law]:
    """The laws ``question`` names by name (``Law``), and whether it reads each as the source."""
    found = []
    for m in _LAW_TYPE.finditer(question):
        name, at = [], m.end()
        while len(name) < 10:
            joint = _JOINT.match(question, at) if name else None
            if joint and " ".join(name).casefold() not in _JOINED_HEADS:
                break
            # "Phòng, chống …": the joint is part of the name.
            w = _NAME_WORD.match(question, joint.end() if joint else at)
            if not w:
                break
            word = w.group(1)
            # A name opens with a capital ("luật này" names none) and stops at a word that
            # starts the sentence's own business, at another law, or at "số" before a number.
            if (not name and (not word[0].isupper() or word.isupper())) or _LAW_TYPE.match(question, w.start(1)):
                break
            if name and (word.casefold() in _LAW_NAME_STOP
                         or word.casefold() == "số" and re.match(r"\s*\d", question[w.end() :])):
                break
            name.append(word)
            at = w.end()
        if not name:
            continue
        name = question[m.end() : at].strip()  # as written, with its commas
        rest = question[at:]
        y = _LAW_YEAR.match(rest)
        year = y.group(1) if y else None
        rest = rest[y.end() :] if y else rest
        said = bool(_LAW_SOURCE_AFTER.match(rest))
        source = said or bool(_LAW_SOURCE_BEFORE.search(question[: m.start()]))
        whole = bool(year) or said or not rest.strip() or rest.lstrip()[0] in ",.;:?!)"
        found.append(Law(" ".join(m.group(1).split()).capitalize(), " ".join(name.split()), year, source, whole))
    return list(dict.fromkeys(found))


_ORDINAL = re.compile(r"(?<!\w)lần\s+(?:thứ\s+)?(?:\d+(?:/\d{4})?|[IVXLC]+)(?!\w)", _I)


# How a follow-up opens ("Còn …", "Thế còn …", "Vậy thì …", "Vậy …", "Thế, …"), read by the
# follow-up rules (rag.followup) and by the answer step, which finds the user's own words in
# the completed question. "Thế" alone opens words of its own ("Thế giới", "Thế hệ", "Thế mạnh").
FOLLOW_LEAD = re.compile(r"^\s*(?:(?:thế|vậy|và|nhưng|thế còn|vậy còn)\s+)?còn\s+|^\s*(?:thế|vậy)\s+thì\s+"
                         # "Thế năm 2021?", and only that: "Thế năm 2021 Sở tổ chức hội nghị gì?" stands alone.
                         r"|^\s*(?:thế|vậy)\s+(?=(?:năm|nhiệm\s+kỳ|nhiệm\s+kì|khóa|khoá)\s+\d{4}(?:\s*[-–]\s*\d{4})?"
                         r"\s*[?.!]*\s*$)"
                         # "Vậy hồ sơ gồm những gì?", "Vậy mức phạt là bao nhiêu?": going on from the
                         # earlier question (not "Thế nào là …?", which asks a meaning).
                         r"|^\s*(?:vậy\s*,?|thế\s*,)\s+(?!nào(?!\w))(?!là(?!\w))(?=[^\W\d_])", _I)
# Pronouns that point back at something named in an earlier turn; "này" only of an article.
POINTING = re.compile(r"(?<!\w)(?:đó|ấy|nói trên|kể trên|họ|nó|(?<=bài )này|(?<=bài viết )này|(?<=tin )này)(?!\w)", _I)


# A count typed as a search, with no question word ("số chi bộ trực thuộc Đảng bộ … dự đại hội",
# "tổng số đảng viên …"), asks "bao nhiêu"; a number that names something ("số điện thoại",
# "số hiệu", "số CMND", "số hóa") does not, nor a compound pyvi reads ("số_liệu", "số_phận").
_COUNT_TYPED = re.compile(r"^\s*(?:tổng\s+)?số\s+(?:lượng\s+)?(?!(?:điện|hiệu|nhà|fax|tài khoản|thứ tự|báo danh|căn cước|"
                          r"định danh|chứng minh|hộ chiếu|quyết định|văn bản|công văn|ký hiệu|kí hiệu|ít|đông|nhiều|"
                          r"hóa|hoá|seri|sê-ri|phách|đăng ký|đăng kí|giấy phép|tiền)(?!\w))(?=[^\W\d_])", _I)
_COUNT_HEADS = {"số", "tổng", "tổng_số", "số_lượng", "tổng_số_lượng"}


# "Lạng Sơn: …", not "Hỏi: …" or "Câu hỏi: …", which say what follows is a question.
_LABELLED = re.compile(r"^\s*(?!(?:câu\s+)?hỏi\s*:)(?P<label>[^:?\d]{2,40}?)\s*:\s*(?P<rest>\S.*)$", re.S | re.I)


def count_typed(question: str) -> str:
    """``question`` asking "bao nhiêu" where it was typed as a search for a count ("số chi bộ …"
    → "bao nhiêu chi bộ …", "Lạng Sơn: số đảng viên dự đại hội?" → "bao nhiêu đảng viên dự đại
    hội Lạng Sơn?"); any other question as it is."""
    labelled = _LABELLED.match(question)
    if labelled:
        asked = count_typed(labelled["rest"])
        if asked != labelled["rest"]:  # an API probe's had got "thuộc 7 chi bộ trực thuộc"
            return f"{asked.rstrip(' ?')} {labelled['label'].strip()}?"
    m = _COUNT_TYPED.match(question)
    if not m or WH.search(question):
        return question
    rest = question[m.end():]
    words = segment(question)
    # pyvi's first word is the count's own ("số", "tổng_số", not "số_liệu"), a word follows it,
    # and that word is not initials ("số CMND").
    if len(words) < 2 or words[0] not in _COUNT_HEADS or not rest.split() or rest.split()[0].isupper():
        return question
    return "bao nhiêu " + rest


# A definition asked in other words than "X là gì?": "Thế nào là X?", "X được hiểu là gì?", "X
# được luật định nghĩa thế nào?", "Khái niệm X là gì?". Not "X được quy định như thế nào?",
# which asks for the rules about X. A lead ending in a comma ("Theo Điều 3, …") is kept.
_TERM = r"(?P<term>[^?,;:]{2,80}?)"
_HOW = r"(?:là\s+gì|(?:như\s+)?thế\s+nào|ra\s+sao)"
_BY = r"(?:(?:luật|pháp\s+luật|nghị\s+định|văn\s+bản|luật\s+này)\s+)?"
_DEFINITION_TYPED = [re.compile(p, _I) for p in (
    rf"^(?P<lead>(?:[^?]*?,\s*)?)(?:như\s+)?thế\s+nào\s+(?:(?:thì\s+)?(?:được\s+)?(?:gọi|coi|xem|hiểu)\s+)?là\s+{_TERM}\s*[?.!]*\s*$",
    rf"^(?P<lead>(?:[^?]*?,\s*)?)(?:khái\s+niệm|định\s+nghĩa)\s+(?:(?:về|của)\s+)?{_TERM}"
    rf"(?:\s+(?:là\s+gì|được\s+{_BY}(?:hiểu|định\s+nghĩa|giải\s+thích)\s+(?:là\s+)?{_HOW}))?\s*[?.!]*\s*$",
    rf"^(?P<lead>(?:[^?]*?,\s*)?){_TERM}\s+(?:được\s+)?{_BY}(?:hiểu|định\s+nghĩa|giải\s+thích)\s+(?:là\s+)?{_HOW}\s*[?.!]*\s*$",
    rf"^(?P<lead>(?:[^?]*?,\s*)?)(?:hiểu|định\s+nghĩa)\s+(?:như\s+)?thế\s+nào\s+(?:về|là)\s+{_TERM}\s*[?.!]*\s*$",
)]


_TERM_FIRST = _DEFINITION_TYPED[2]  # "X được hiểu là gì?": the term before the ending, which may say "có"
_ASKS_MORE = re.compile(r"(?<!\w)(?:được|có|thì|là|bao|mấy|nào|gì|ai|tại|quy định|khi|nếu|phải)(?!\w)", _I)


def definition_typed(question: str) -> str:
    """``question`` as "X là gì?" where it asks what X means in other words ("Thế nào là
    livestream bán hàng?", "Livestream bán hàng được luật định nghĩa thế nào?", "Khái niệm … là
    gì?"); any other question as it is. The definition is then found as for "X là gì?": the
    sentence "X là …" and what follows its "là"."""
    for pattern in _DEFINITION_TYPED:
        m = pattern.match(question)
        if m:
            term = m.group("term").strip()
            # A term read to the question's end ("Thế nào là X?", "Khái niệm X?") holds no question
            # of its own: "Khái niệm X được quy định tại điều nào?", "Thế nào là … thì được khen thưởng?".
            if pattern is not _TERM_FIRST and _ASKS_MORE.search(term):
                continue
            if len(term.split()) <= 12:
                lead = m.group("lead")
                return f"{lead}{term if lead else term[:1].upper() + term[1:]} là gì?"
    return question


# A post typed alone ("bí thư?", "giám đốc sở", "Phó Giám đốc là ai"): staff of a Department
# ask who holds it in their Department, its Director or its Party committee's secretary.
_POST_TYPED = re.compile(r"^\s*(?:ai\s+là\s+)?(?P<deputy>phó\s+)?(?P<post>bí\s+thư|giám\s+đốc)"
                         r"(?:\s+(?:sở|đảng\s+ủy(?:\s+sở)?|đảng\s+uỷ(?:\s+sở)?))?(?:\s+là\s+ai)?\s*[?.!]*\s*$", _I)


def post_typed(question: str) -> str:
    """``question`` as "Ai là Bí thư Đảng ủy Sở?" / "Ai là Giám đốc Sở?" where only the post was
    typed ("bí thư?"); any other question as it is."""
    m = _POST_TYPED.match(question)
    if not m:
        return question
    post = "Bí thư Đảng ủy Sở" if m["post"].casefold().startswith("bí") else "Giám đốc Sở"
    return f"Ai là {'Phó ' if m['deputy'] else ''}{post}?"


def answer_kind(question: str) -> str | None:
    """The kind of answer ``question`` asks for, or ``None`` (an open question)."""
    for kind, pattern in KINDS:
        if pattern.search(question):
            return kind
    return None


def read(question: str) -> Question:
    """Kind of answer and the pinned-down facts (provinces, years, terms, names) of ``question``."""
    terms = [(a, b) for a, b in TERM.findall(question)]
    provinces = list(dict.fromkeys(_province_name(m.group(1)) for m in PROVINCE.finditer(question)))
    names = []
    for start, end in capitalised_runs(question):
        words = question[start:end].split()
        # The question's first word is capitalised anyway, unless it is a family name opening
        # a person's name ("Hà Thị Khánh Vân có phải là …?").
        if start == 0 and not (len(words) >= 3 and words[0].lower() in SURNAMES):
            words = words[1:]
        # Titles and institutions around a name ("Đồng chí", "Sở GDĐT") are not part of it.
        while words and words[0].lower() in _NOT_NAMES:
            words = words[1:]
        # A family name first makes the run a person's whole name: "Phạm Thị Trung" keeps
        # "Thị" and "Trung", which end "Chỉ thị", "Trung ương" elsewhere.
        personal = len(words) in (2, 3, 4, 5) and words[0].lower() in SURNAMES and not any(
            w.lower() in _INSTITUTION for w in words[1:])
        while words and words[-1].lower() in (_POST_OPENING if personal else _NOT_NAMES):
            words = words[:-1]  # "Trần Quốc Tuấn Bí thư …": the run ends at the post's first word
        # Two or more name-like words in a row: a person (Nguyễn Thị Bạch Vân), not "Sở GDĐT".
        if len(words) >= 2 and " ".join(words) not in provinces and not PROVINCE.fullmatch(" ".join(words)):
            names.append(" ".join(words))
    years = list(dict.fromkeys(_YEAR.findall(question) + [y for t in terms for y in t]))
    return Question(question, answer_kind(question), provinces, years, terms, names,
                    [m.group(0) for m in _ORDINAL.finditer(question)],
                    list(dict.fromkeys(m.group(0) for m in _BODY.finditer(question))),
                    list(dict.fromkeys(f"{m.group(1) or m.group(3)} {m.group(2) or m.group(4)}"
                                       for m in STATUTE.finditer(question))),
                    _laws(question), periods(question),
                    _events(question))


# Gatherings one does not call by another name: a congress ("đại hội") is no staff meeting, and
# the staff meeting's date does not answer when Trà Vinh's congress was. "Hội nghị" and "cuộc
# họp" are used loosely for one another and pin nothing, but the yearly staff meeting ("Hội nghị
# cán bộ, công chức") is one, a year's review ("tổng kết") is no half-year's ("sơ kết"), nor the
# other way round, and a delegation's working session ("buổi làm việc", however the article
# calls it: scope._says_event) is no congress (an API probe had got Lạng Sơn's congress date).
_EVENT = re.compile(r"(?<!\w)(?:đại hội|hội thảo|hội thi|hội giảng|hội nghị (?:tổng|sơ) kết|(?:buổi|cuộc) làm việc|"
                    r"hội nghị cán bộ\s*,?\s*(?:công chức|viên chức))(?!\w)", _I)


def _events(question: str) -> list[str]:
    """The kinds of gathering ``question`` names, folded, with the comma of "cán bộ, công chức"
    always written. A review named with the part of the year it covers is pinned by that part
    ("tổng kết … 6 tháng đầu năm" may be asked loosely of a "sơ kết")."""
    found = [re.sub(r"\s*,?\s+(?=công chức|viên chức)", ", ", " ".join(m.group(0).casefold().split()))
             for m in _EVENT.finditer(question)]
    if periods(question):
        found = [e for e in found if not e.endswith("kết")]
    return list(dict.fromkeys(found))


# Part of a year a report covers; written "sáu tháng"/"6 tháng"/"06 tháng", "học kì"/"học kỳ"/"HK",
# "quý"/"quí", "II"/"2"/"hai"; "học kỳ I và II" names both.
_NUMERAL = r"(?:IV|I{1,3}|[1-4]|một|hai|ba|bốn)"
_PERIOD = re.compile(rf"(?<!\w)(?:(?:0?6|sáu)\s+tháng\s+(đầu|cuối)\s+năm|(?:học\s+k[ỳì]|hk)\s*({_NUMERAL}(?:\s*(?:,|và)\s*{_NUMERAL})*)"
                     rf"|qu[ýí]\s+({_NUMERAL}(?:\s*(?:,|và)\s*{_NUMERAL})*))(?!\w)", _I)
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV", "một": "I", "hai": "II", "ba": "III", "bốn": "IV"}


def period_mentions(text: str) -> list[tuple[str, int]]:
    """Each part of a year ``text`` names, in one spelling ("6 tháng đầu năm", "học kỳ II",
    "quý III"), with where it is named."""
    found = []
    for m in _PERIOD.finditer(text):
        if m.group(1):
            found.append((f"6 tháng {m.group(1).lower()} năm", m.start()))
            continue
        for number in re.findall(rf"(?<!\w){_NUMERAL}(?!\w)", m.group(2) or m.group(3), _I):
            name = _ROMAN.get(number.lower(), number.upper())
            found.append((("học kỳ " if m.group(2) else "quý ") + name, m.start()))
    return found


def periods(text: str) -> list[str]:
    """The parts of a year ``text`` names, in one spelling: "6 tháng đầu năm", "học kỳ II", "quý III"."""
    return list(dict.fromkeys(name for name, _ in period_mentions(text)))


def _province_name(found: str) -> str:
    for name in PROVINCES:
        if name.casefold() == found.casefold():
            return name
    return found


# The year of the asked day itself: "Năm 2022, … vào ngày nào?", "… vào ngày nào năm 2023?".
_DAY_YEAR = re.compile(r"^\s*(?:trong |vào )?năm ((?:19|20)\d{2})\b(?!\s*[-–—]\s*\d)|(?:ngày|hôm) (?:nào|mấy|bao nhiêu),? "
                       r"(?:trong |vào )?năm ((?:19|20)\d{2})\b", _I)
_EVENT_YEAR = re.compile(r"(?<!\w)năm ((?:19|20)\d{2})(?!\d)(?!\s*[-–—]\s*\d)", _I)
# Words after which a year is what is reviewed, planned or honoured, not when the event is:
# "Hội nghị tổng kết … năm 2020" and "Lễ tuyên dương học sinh giỏi năm 2020" are held in
# January 2021; "Luật Giáo dục năm 2019" is a law's.
_NOT_WHEN = re.compile(rf"(?<!\w)(?:tổng kết|sơ kết|kết quả|nhiệm vụ|kế hoạch|chương trình|phương hướng|thi đua|"
                       rf"đánh giá|báo cáo|tài chính|ngân sách|chỉ tiêu|nghị quyết|tuyên dương|khen thưởng|trao giải|"
                       rf"vinh danh|{LAW_TYPES}|{'|'.join(STATUTE_TYPES)})(?!\w)", _I)
ASKS_YEAR = re.compile(r"(?<!\w)năm (?:nào|bao nhiêu|mấy)(?!\w)", _I)


@functools.lru_cache(maxsize=256)  # asked once per candidate sentence when a date question is read
def event_years(question: str) -> tuple[str, ...]:
    """The years a date question says its event is in: "Năm 2022, … ngày nào?", "Buổi làm việc
    … năm 2022 diễn ra bao giờ?". Not a year after what is reviewed, planned, honoured or
    enacted in the same clause ("tổng kết công tác … năm 2020", "Luật Giáo dục năm 2019"), nor
    any year when the question asks which year ("… hạn hán cực đoan hơn năm 2005 vào năm nào?")."""
    said = _DAY_YEAR.search(question)
    if said:
        return (said.group(1) or said.group(2),)
    if ASKS_YEAR.search(question):
        return ()
    return tuple(m.group(1) for m in _EVENT_YEAR.finditer(question)
                 if not _NOT_WHEN.search(re.split(r"[,;:]", question[: m.start()])[-1]))
