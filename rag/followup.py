"""Follow-up questions: fold the conversation into one self-contained search query.

No generator model runs offline here, so this is rule-based, the way a reader resolves
"Còn ở Trà Vinh thì sao?" after "Đại hội ... ở Lạng Sơn diễn ra ngày nào?": an elliptical
question (opening with "còn", ending with "thì sao", or only a few words) borrows the previous
question, and a province (or statute article or clause, "Còn Điều 112 thì sao?") it names replaces the
one that question named. A question that stands on its own is searched as it is, so a change
of topic is never polluted.
"""

from __future__ import annotations

import re

from rag.answer import chitchat
from rag.answer.provision import CITED, asks_subject
from rag.answer.question import FOLLOW_LEAD, POINTING, read
from rag.answer.support import is_name
from rag.clean.metadata import PROVINCE, SURNAMES
from rag.clean.normalize import normalize_query
from rag.text import segment

_I = re.IGNORECASE
_LEAD = FOLLOW_LEAD
_TAIL = re.compile(r"\s*(?:thì\s+sao|thì\s+thế\s+nào|thì\s+như\s+thế\s+nào|thì\s+ra\s+sao|thì\s+sao\s+nhỉ)"
                   r"(?:\s+(?:ạ|vậy|nhỉ|hả|nhé|thế))?\s*[?.!]*\s*$", _I)
# Pronouns that point back at something named in an earlier turn.
_ANAPHORA = POINTING
# A person an earlier answer named: "ông ấy", "bà đó", "người này", "đồng chí ấy".
_PERSON = re.compile(r"(?<!\w)(?<!những )(?<!các )(?:ông|bà|cô|thầy|anh|chị|đồng chí|người|vị)\s+(?:ấy|đó|này|nói trên)"
                     r"(?!\w)", _I)
_PLACE = re.compile(r"(?:(?:tỉnh|thành phố|TP\.?)\s+)?" + PROVINCE.pattern, _I)
_FILLER = re.compile(r"(?<!\w)(?:ở|tại|của|với|bên|phía|tỉnh|thành phố)(?!\w)|[?.!,]", _I)
# "khoản 3" before an article cited or on its own ("Còn khoản 3 thì sao?"), with what joins them.
_CLAUSE = re.compile(r"(?<!\w)khoản\s+(\d{1,2})(?!\w)(?:\s*,?\s*(?:của\s+)?(?=điều\s+\d))?", _I)
# "Sở" (capitalised: not "cơ sở") with any spelling of the education Department after it,
# "Tỉnh ủy", "tỉnh": a body of one province, left unnamed. "cấp tỉnh" is a level of
# government, "các/toàn/ngoài tỉnh" are many or all, "tỉnh đoàn" is the youth union.
_UNIT = re.compile(r"(?<!\w)(?:Sở(?:\s+(?i:GD\s*&\s*ĐT|GDĐT|GD\s*-\s*ĐT|GD\s+và\s+ĐT"
                   r"|Giáo\s+dục(?:\s*(?:và|-|–)\s*Đào\s+tạo)?))?|[Tt]ỉnh\s+ủy"
                   r"|(?<![Cc]ấp )(?<![Cc]ác )(?<![Tt]oàn )(?<![Nn]goài )[Tt]ỉnh(?!\s+đoàn))(?!\w)")
_SHORT = 4  # syllables: "Năm nào?", "Bao nhiêu đảng viên?" cannot stand alone
_TOPIC_WORDS = 10  # syllables: "được tặng bằng khen gì?" says too little to be what a talk is about
_OWN_WORDS = 7  # syllables besides the question word: "Còn … nào nêu ý kiến về cải cách hành chính?" can


def contextualize(question: str, history: list[str] | None = None, known=None,
                  answers: list[str | None] | None = None, filtered: bool = False) -> str:
    """The query to search for ``question`` given the earlier questions (oldest first).

    ``known(word)`` (the index's idf) tells whether the index has a word at all: a short
    question about things the articles never mention ("Giá vàng hôm nay?") is a new topic,
    not a follow-up. ``answers``: the short answers given to the earlier questions where they
    named a person (the API's ``history[].answer``, which the chat sends for person answers
    only); the last of them naming someone is who "ông ấy", "người đó" points at ("Ai là Phó Giám đốc …?" →
    "Nguyễn Trọng Thắng"; "Ông ấy giữ chức vụ gì?" asks about him). A place is no person.
    ``filtered``: an organisation filter is on, which says whose Department "Sở" is, not the
    province of an earlier question.
    """
    answers = [_as_name(a) for a in answers] if answers else answers
    previous, placed, said = _replay(history, known, answers)
    question = normalize_query(question)
    # The last person an answer named, also with turns about something else since ("bà ấy …"
    # after "Ai chủ trì …?" and "Hội nghị đó diễn ra ngày nào?").
    last = next((a for a in reversed(answers) if _a_person(a)), None) if history and answers else None
    return _with_person(question, last, previous) or _resolve(question, previous, known, placed, filtered,
                                                              _referent(question, said))


def earlier_question(history: list[str] | None, known=None, answers: list[str | None] | None = None) -> str:
    """The question the conversation is about: its topic (the last earlier question that stood
    whole and said what it asked about), else its last question as it was searched; "" with no
    history."""
    previous, _, said = _replay(history, known, answers)
    return _topic(said) or previous


def _replay(history: list[str] | None, known, answers: list[str | None] | None) -> tuple[str, str, list]:
    # The conversation replayed turn by turn, each earlier "ông ấy" read as the person the turn
    # before it answered, so that a chain does not pile questions up; ``placed`` is the last
    # question that named a province, which "Còn Trà Vinh thì sao?" asks again of Trà Vinh
    # even after a turn about the person ("Ông ấy giữ chức vụ gì?").
    # ``said``: each earlier question as typed and as it was searched, for "đại hội đó" to find
    # the question that named the congress.
    previous = placed = ""
    said: list[tuple[str, str]] = []
    answers = answers or []
    for i, earlier in enumerate(history or []):
        if earlier and earlier.strip():
            earlier = normalize_query(earlier)
            before = answers[i - 1] if 0 < i <= len(answers) else None
            previous = _with_person(earlier, before, previous) or _resolve(earlier, previous, known, placed,
                                                                           referent=_referent(earlier, said))
            placed = previous if _PLACE.search(previous) else placed
            said.append((earlier, previous))
    return previous, placed, said


def _referent(question: str, said: list[tuple[str, str]]) -> str | None:
    """The earlier question (as searched) that named what "<words> đó/ấy" points back at: the
    last one typing its last two or three words ("đại hội đó" → the question on the congress,
    not the one about its former secretary asked since; "buổi làm việc đó" → "… làm việc với
    … ngày nào?"), or ``None`` (then the previous question is meant)."""
    m = _ANAPHORA.search(question)
    if not m or not said:
        return None
    words = re.findall(r"[^\W\d_]+", question[: m.start()].casefold())
    # "<thing> đó/ấy/này" names what it points at; "họ", "nó" do not, nor "trong năm đó".
    for n in (3, 2) if m.group(0).casefold() in ("đó", "ấy", "này") else ():
        if len(words) < n or all(w in _NOT_THING for w in words[-n:]):
            continue
        phrase = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words[-n:])) + r"(?!\w)(?!\s+(?:đó|ấy|này)(?!\w))",
                            _I)  # a question that itself pointed back ("Đại hội đó …") did not name it
        for typed, searched in reversed(said):
            if phrase.search(typed):
                return _context(typed, searched)
    # No earlier question typed it ("hội nghị đó" of an article about a congress, "bài này"):
    # the conversation's topic, the last question that stood whole (not one that borrowed).
    return _topic(said) or _context(*said[-1])


def _topic(said: list[tuple[str, str]]) -> str | None:
    """The conversation's topic: the last earlier question that stood whole and said what it was
    about (a province, year, term, name, or words enough), as searched; ``None`` if none did."""
    for typed, searched in reversed(said):
        if not _borrowed(typed, searched) and (read(searched).pins() or len(searched.split()) >= _TOPIC_WORDS):
            return searched
    return None


def _borrowed(typed: str, searched: str) -> bool:
    """Whether an earlier question was searched with another after its own words."""
    return searched != typed and searched.startswith(typed)


_NOT_THING = {"trong", "năm", "sau", "trước", "của", "vào", "tại", "ở", "khi", "lúc", "từ", "đến", "với", "cho", "và",
              "ngày", "tháng", "thời", "gian", "điểm", "lần", "việc", "người", "điều"}


def _context(typed: str, searched: str) -> str:
    """What an earlier question was about: as searched, less its own words when it had borrowed
    an earlier question ("ai viết bài này" searched with the question before it), so that
    questions pointing back do not pile up."""
    rest = searched[len(typed):].strip() if _borrowed(typed, searched) else ""
    return rest or searched


def points_at_person(question: str) -> bool:
    """Whether ``question`` points at a person an earlier answer named ("Ông ấy …", "người đó")."""
    return bool(_PERSON.search(normalize_query(question)))


def person_pointed_at(question: str) -> str | None:
    """The words ``question`` opens with to point at a person ("Ông ấy …", "Còn bà đó …"), as
    typed, or ``None``. Not a person the question names itself before ("… cho người đó?")."""
    text = normalize_query(question)
    lead = re.match(r"\s*(?:(?:thế\s+)?(?:còn|vậy|thế)\s+)?", text, _I)
    m = _PERSON.match(text, lead.end())
    return m.group(0) if m else None


def _as_name(answer: str | None) -> str | None:
    """An earlier answer as a client may send it, "Đồng chí Trần Quốc Tuấn.", read as the name
    alone: the full stop had been searched with it ("Đồng chí Trần Quốc Tuấn. giữ chức gì?", an
    API probe got another person's post)."""
    if not answer:
        return answer
    name = _ADDRESSED.sub("", answer.strip().strip(".,;:!?…\"“”' "))
    return name if is_name(name) else answer  # "Sở Giáo dục và Đào tạo (GDĐT)" is no name: as sent


def _a_person(answer: str | None) -> bool:
    """Whether an earlier ``answer`` names a person (a place is no person)."""
    return bool(answer) and is_name(answer) and not _PLACE.search(answer)


def _with_person(question: str, name: str | None, previous: str = "") -> str | None:
    """``question`` with its "ông ấy", "người đó" read as ``name``, a person an answer named,
    or else the one person the ``previous`` question named ("Bà Nguyễn Thị Tuyết Hà có phải là
    Giám đốc …?" answered with her posts, then "Bà ấy có phải là Bí thư …?")."""
    if not _PERSON.search(question):
        return None
    if not _a_person(name):
        named = read(previous).names if previous else []
        name = named[0] if len(named) == 1 else None
    return _PERSON.sub(name, question, count=1) if name else None


def _resolve(question: str, previous: str, known=None, placed: str = "", filtered: bool = False,
             referent: str | None = None) -> str:
    if chitchat.reply(question) or asks_subject(question):
        return question
    core = _TAIL.sub("", _LEAD.sub("", question)).strip()
    led, tailed = bool(_LEAD.search(question)), bool(_TAIL.search(question))
    # "Còn Trà Vinh thì ai là giám đốc?", "Thế còn ở Lạng Sơn, ai dự …?": a question of its own
    # about what "còn" names, whatever came before.
    topic = _TOPIC_THEN.match(core) if led else None
    if topic and _PLACE.search(topic["topic"]) and _WH.search(topic["ask"]) \
            and _WH.sub(" ", _FILLER.sub(" ", topic["ask"])).split():  # "… thì sao ạ?" asks nothing of its own
        ask = topic["ask"].rstrip(" ?.!")
        return f"{ask[:1].upper()}{ask[1:]} {topic['topic']}?"
    if not previous:
        return question
    # "Còn chi bộ nào nêu ý kiến về cải cách hành chính?": "còn" leads a whole question of its
    # own, with its question word and words enough to search (it had borrowed the earlier count
    # question and been refused as a count).
    if led and not tailed and _WH.search(core) and len(_WH.sub(" ", core).split()) >= _OWN_WORDS:
        return question if filtered else _with_province(question, previous)
    marked = led or tailed
    more = not marked and _asks_more_of(core, previous)
    document = _DOCUMENT_NAMED.search(previous) if more else None
    if document:  # "Do cơ quan nào ban hành?" → "Hướng dẫn số 08-HD/BTCTU do cơ quan nào ban hành?"
        return f"{document.group(0)} {core[:1].lower()}{core[1:]}"
    elliptical = marked or (len(core.split()) <= _SHORT and not _new_topic(core, known)) or more
    if not elliptical:
        if _ANAPHORA.search(question):
            return f"{question} {referent or previous}"
        return question if filtered else _with_province(question, previous)
    new_place = _PLACE.search(core)
    asked_of = previous if _PLACE.search(previous) else placed
    if new_place and not asked_of and _UNIT.search(previous) \
            and not _FILLER.sub(" ", _PLACE.sub(" ", core)).split():
        # "của Kon Tum" after "Ai là Bí thư Đảng ủy Sở?": the Department left unnamed is that one;
        # "còn ở Kon Tum?" after "Đảng bộ Sở GDĐT hoàn thành bao nhiêu chỉ tiêu …?" too (the
        # province had been dropped and the earlier answer given again, an API probe).
        return _of_province(previous, _UNIT.search(previous), new_place.group(1))
    if new_place and asked_of:
        rewritten = _PLACE.sub(new_place.group(1), asked_of, count=1)
        rest = _FILLER.sub(" ", _PLACE.sub(" ", core)).split()
        return f"{rewritten} {' '.join(rest)}".strip() if rest else rewritten
    # "Còn Điều 112 thì sao?", "Còn khoản 3 thì sao?", "Còn khoản 2 Điều 112?" ask the same of
    # another article or clause; "Điều 112 nói gì?" asks something else, which the previous
    # question would only muddle.
    new_article, new_clause = CITED.search(core), _CLAUSE.search(core)
    if (new_article or new_clause) and CITED.search(previous):
        if _FILLER.sub(" ", CITED.sub(" ", _CLAUSE.sub(" ", core))).split():
            return question
        return _cite_again(previous, new_article.group(1) if new_article else None,
                           new_clause.group(1) if new_clause else None)
    # "Còn ông Nguyễn Trọng Thắng thì sao?", "Còn nhiệm kỳ 2015-2020 thì sao?": the same
    # question of another person or time, written where the previous one named its own.
    swapped = _another_person(core, previous) or _another_time(core, previous) or _another_post(core, previous) \
        or (_same_ending(core, previous) if led else None) or _another_kind(core, previous)
    if swapped:
        return swapped
    if referent and _ANAPHORA.search(question):  # "ai viết bài này?": the topic, not the last turn
        return f"{core} {referent}".strip()
    return f"{core} {previous}".strip() if core else previous


_ADDRESS = r"(?:(?:ông|bà|cô|thầy|anh|chị|đồng chí)\s+)?"  # how the person is addressed, if at all
_ADDRESSED = re.compile("^" + _ADDRESS, _I)
# A term ("nhiệm kỳ 2020-2025") or a year ("năm 2020"): the whole of a core, or where a question names one.
_SPAN = r"(?:(?:nhiệm kỳ|nhiệm kì|khóa|khoá|giai đoạn|năm học)\s+)?(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}"
_YEAR = r"năm\s+(?:19|20)\d{2}"
_TIME = re.compile(rf"^(?:{_SPAN}|{_YEAR})$", _I)
_TIME_IN = re.compile(rf"{_SPAN}|(?<!\w){_YEAR}(?![\d/-])", _I)


# Where the noun phrase a follow-up swaps ends in the earlier question: at its verb or the
# question's own business ("Người livestream bán hàng| có trách nhiệm gì?").
_PHRASE_STOP = {"được", "phải", "có", "là", "thì", "bị", "gồm", "bao", "theo", "trong", "tại", "khi", "nếu", "ở",
                "đến", "từ", "cần", "sẽ", "đã", "đang", "mà", "và", "hay", "hoặc", "với", "nào", "gì", "ai",
                "của", "năm", "nhiệm", "tháng", "ngày", "quý", "học", "giai", "tỉnh", "thành", "huyện", "xã"}
_KIND_LEAD = re.compile(r"^\s*(?:đối\s+với|với|về)\s+", _I)
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)(?![\w/-])")


def _same_ending(core: str, previous: str) -> str | None:
    """"Còn viên chức thì trước ngày nào?" after "Đơn vị sự nghiệp công lập được đánh giá xếp
    loại trước ngày nào?": what "còn" names in place of the earlier question's subject (its
    words up to its verb), the rest asked as before, when what follows "thì" is how the earlier
    question ends ("viên chức được đánh giá xếp loại trước ngày nào?"; an API probe had glued
    the two and got the units' date)."""
    m = _TOPIC_THEN.match(core)
    if not m or " thì " not in f" {core} ":
        return None
    ask = " ".join(m["ask"].rstrip(" ?.!").casefold().split())
    whole = " ".join(previous.rstrip(" ?.!").split())
    if len(ask.split()) < 2 or not whole.casefold().endswith(ask) or whole.casefold() == ask:
        return None
    words = list(re.finditer(r"\S+", whole))
    stop = next((k for k, w in enumerate(words) if w.group(0).casefold() in _PHRASE_STOP), None)
    if not stop:  # no subject before a verb to swap
        return None
    return f"{m['topic'].strip()} {whole[words[stop].start():]}?"


def _another_kind(core: str, previous: str) -> str | None:
    """The earlier question asked of another kind of the same thing, written in the place of the
    noun phrase it shares its first words with: "Còn viên chức quản lý thì sao?" after "Khung
    tiêu chí … đối với viên chức không giữ chức vụ quản lý gồm những gì?" → "… đối với viên chức
    quản lý gồm những gì?"; "Còn người tiếp thị liên kết?" after "Người livestream bán hàng có
    trách nhiệm gì?" → "người tiếp thị liên kết có trách nhiệm gì?". ``None`` when no phrase of
    the earlier question opens with those words (then the two are searched together)."""
    kind = _KIND_LEAD.sub("", core).strip(" ?.!")
    words = kind.split()
    if not 2 <= len(words) <= 6 or _WH.search(kind):
        return None
    heads = [w.replace("_", " ") for w in segment(kind)[:2]]  # whole words: "giáo viên", not the "giáo" of "cô giáo"
    for n in (2, 1):
        if len(heads) < n:
            continue
        head = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, " ".join(heads[:n]).split())) + r"(?!\w)", _I)
        m = head.search(previous)
        if not m:
            continue
        end = m.end()
        # Word by word: a number, a comma, a name or a stop ends the phrase, which keeps the
        # earlier question's year and province ("giáo viên mầm non| năm 2023 của tỉnh Lạng Sơn").
        while (w := _NEXT_WORD.match(previous, end)) \
                and w.group(1).casefold() not in _PHRASE_STOP and not w.group(1)[0].isupper():
            end = w.end()
        if previous[m.start():end].casefold() == kind.casefold():
            return None
        return f"{previous[:m.start()]}{kind}{previous[end:]}"
    return None


def _another_person(core: str, previous: str) -> str | None:
    """``previous`` asked of the person ``core`` is ("ông Nguyễn Trọng Thắng"), in place of
    the one person it named, with how it addressed them; when it named no one ("Ai là Phó Bí
    thư …?"), who that person is ("Ông Trần Quốc Tuấn là ai?")."""
    core = core.rstrip(" ?.!")  # "còn Nguyễn Trọng Thắng?" had been asked "Nguyễn Trọng Thắng? là ai?"
    name = _ADDRESSED.sub("", core)
    words = name.split()
    if not is_name(name) or not 2 <= len(words) <= 5 or words[0].casefold() not in SURNAMES:
        return None
    named = read(previous).names
    if not named:
        return f"{core[:1].upper()}{core[1:]} là ai?"
    if len(named) != 1:
        return None
    old = re.search(rf"(?<!\w){_ADDRESS}{re.escape(named[0])}", previous, _I)
    if not old:
        return None
    new = core[:1].upper() + core[1:] if old.start() == 0 else core
    return previous[: old.start()] + new + previous[old.end() :]


# A post a follow-up may ask of instead ("Còn Phó Giám đốc?" after "Giám đốc Sở … là ai?").
_POST = re.compile(r"(?<!\w)(?:phó\s+)?(?:giám\s+đốc|bí\s+thư|chủ\s+tịch|hiệu\s+trưởng|trưởng\s+phòng|"
                   r"chánh\s+văn\s+phòng|trưởng\s+ban|trưởng\s+đoàn)(?!\w)", _I)


def _another_post(core: str, previous: str) -> str | None:
    """``previous`` asked of the post ``core`` is, in place of the post it named, its body kept:
    "Còn Phó Giám đốc?" after "Giám đốc Sở GDĐT Kon Tum là ai?" asks "Phó Giám đốc Sở GDĐT Kon
    Tum là ai?" (read as a prefix, "Phó Giám đốc? Giám đốc Sở …" had found nothing)."""
    post = _ADDRESSED.sub("", core.rstrip(" ?.!"))
    own = _POST.search(previous)
    if not _POST.fullmatch(post) or not own:
        return None
    new = post[:1].upper() + post[1:] if own.start() == 0 else post
    return previous[: own.start()] + new + previous[own.end() :]


def _another_time(core: str, previous: str) -> str | None:
    """``previous`` asked of the term or year ``core`` is, in place of its own, or at its end."""
    core = core.rstrip(" ?.!")  # "Còn năm 2021?"
    if not _TIME.match(core):
        return None
    own = _TIME_IN.search(previous)
    if own:
        new = core[:1].upper() + core[1:] if own.start() == 0 else core
        return previous[: own.start()] + new + previous[own.end() :]
    body = previous.rstrip(" ?.!")
    return f"{body} {core}{previous[len(body):].strip() or '?'}"


def _with_province(question: str, previous: str) -> str:
    """``question`` with the province ``previous`` named, when it asks who holds a post of "the
    Department" or "the province" without naming one: "Ai là Bí thư Đảng ủy Sở?" after a
    question on Lạng Sơn asks about Lạng Sơn's Department, as a reader takes it ("Ai là Bí thư
    Đảng ủy Sở GDĐT Lạng Sơn?"), not about whichever the index ranks first; after a question
    naming two provinces, neither (searched as asked, the answer cites its article). Other questions
    stand alone: "Bà Nguyễn Thị Bạch Vân có phải là …?" or "Đảng bộ Sở GD&ĐT có hoàn thành …?"
    name what they ask about, and the conversation's province would only send them astray."""
    place, unit = _PLACE.search(previous), _UNIT.search(question)
    if not place or not unit or _PLACE.search(question):
        return question
    if len({m.group(1).casefold() for m in _PLACE.finditer(previous)}) > 1:
        return question  # "So sánh Lạng Sơn và Trà Vinh": which one is meant is not for a rule to guess
    # A capitalised word after it names what the question is about ("Sở Y tế", "Sở GDĐT
    # TPHCM", a province spelt as the list does not), and "Sở GDĐT tỉnh" has its own word.
    after = question[unit.end() :].lstrip()
    if after[:1].isupper() or after.casefold().startswith("tỉnh"):
        return question
    asked = read(question)
    if asked.kind != "person" or asked.names:
        return question
    return _of_province(question, unit, place.group(1))


def _of_province(question: str, unit: re.Match, province: str) -> str:
    """``question`` with the body ``unit`` names ("Sở", "Đảng bộ Sở GDĐT") named with ``province``."""
    named = "Sở GDĐT" if unit.group(0) == "Sở" else unit.group(0)
    return f"{question[: unit.start()]}{named} {province}{question[unit.end() :]}"


def _cite_again(previous: str, article: str | None, clause: str | None) -> str:
    """``previous`` citing another ``article`` and/or ``clause``: a new clause takes the old
    clause's place (or goes before the first article cited); a new article alone drops the old
    clause, which numbered the old article's clauses."""
    capital = previous[:1].isupper()
    old_clause = _CLAUSE.search(previous)
    if clause and old_clause:
        previous = previous[: old_clause.start(1)] + clause + previous[old_clause.end(1) :]
        if article:  # "Còn khoản 2 Điều 112?": the article the old clause was cited in
            at = CITED.search(previous, old_clause.start())
            previous = previous[: at.start(1)] + article + previous[at.end(1) :] if at else previous
    elif clause:
        previous = CITED.sub(lambda m: f"khoản {clause} Điều {article or m.group(1)}", previous, count=1)
    else:
        if old_clause:
            previous = previous[: old_clause.start()] + previous[old_clause.end() :]
        previous = CITED.sub(f"Điều {article}", previous, count=1)
    previous = re.sub(r"\s+([,;?.!])", r"\1", re.sub(r"[ \t]{2,}", " ", previous)).strip()
    return previous[:1].upper() + previous[1:] if capital else previous  # "Khoản 2 Điều 113 …" → "Khoản 3 …"


def _asks_more_of(core: str, previous: str) -> bool:
    """Whether a short question says nothing of its own but what it asks and words of the
    earlier one: "Do cơ quan nào ban hành?" after "Hướng dẫn số 08-HD/BTCTU ban hành ngày
    nào?" asks who issued that document (an API probe's was searched alone, and answered from
    another article)."""
    words = [w for w in segment(_WH.sub(" ", core)) if w not in _GENERIC and w not in _ASKING_NOUNS]
    earlier = set(segment(previous.lower()))
    return len(core.split()) <= _OWN_WORDS - 1 and bool(words) and all(w.lower() in earlier for w in words)


_DOCUMENT_NAMED = re.compile(r"(?<!\w)(?:Hướng dẫn|Kế hoạch|Quyết định|Nghị định|Thông tư|Công văn|Chỉ thị|Nghị quyết|"
                             r"Kết luận|Thông báo|Luật)\s+(?:số\s+)?\d[\w/.-]*", _I)
# How a question names what it asks for, which the earlier question need not say.
_ASKING_NOUNS = {"do", "bởi", "cơ_quan", "đơn_vị", "tổ_chức", "người", "ai", "văn_bản", "nơi", "ở", "đâu", "vào", "lúc"}


def _new_topic(core: str, known) -> bool:
    """A short question whose own words the index has never seen starts a new topic."""
    if known is None:
        return False
    words = [w for w in segment(_WH.sub(" ", core)) if w not in _GENERIC]
    return bool(words) and not any(known(w) for w in words)


_TOPIC_THEN = re.compile(r"^(?P<topic>[^?,]+?)(?:\s+thì|\s*,)\s+(?P<ask>\S.*)$", _I)  # "Trà Vinh thì …", "ở Lạng Sơn, …"
_WH = re.compile(r"(?<!\w)(?:gì|nào|ai|đâu|bao nhiêu|mấy|bao giờ|khi nào|sao|thế nào|hôm nay|hiện nay|bây giờ)(?!\w)", _I)
_GENERIC = {"là", "có", "không", "được", "của", "và", "thì", "ở", "tại", "năm", "ngày", "tháng"}
