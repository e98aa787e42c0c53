"""Scope: what the question pins down must be in the evidence it is answered from.

A question about "Sở GDĐT Bình Định", "năm 2022" or "nhiệm kỳ 2025-2030" is not answered by
an article about Trà Vinh, 2021 or the 2020-2025 term, however similar their wording: the
evidence is kept only if it names the same province, year, term and person; when none
does, the reply says so and says what the articles do cover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.answer.question import LAW_TYPES, TERM, Law, Question, event_years, period_mentions, periods
from rag.clean.metadata import STATUTE_TYPES, organisation_label, vn_date
from rag.clean.normalize import fold
from rag.retrieve import Hit

_DASHES = re.compile(r"\s*[-–—]\s*")
_WORD = re.compile(r"[^\W_]+")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# One Vietnamese syllable (lower case): an optional initial, a vowel nucleus, an optional final.
_VOWELS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
SYLLABLE = re.compile(rf"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[{_VOWELS}]{{1,3}}"
                       r"(?:ch|ng|nh|[cmnpt])?")


@dataclass
class Missing:
    """What the question pins down that the nearest evidence lacks."""

    provinces: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    ordinals: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    statutes: list[str] = field(default_factory=list)
    laws: list[str] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    term_word: str = "nhiệm kỳ"  # what the question calls its span of years: "năm học 2020-2021"
    near: Hit | None = None  # the evidence this is about: the hit that lacked the least

    def facts(self) -> tuple[list[str], ...]:
        """The lists of pinned-down facts the evidence lacks (each kind in one list)."""
        return (self.provinces, self.years, self.terms, self.names, self.ordinals, self.bodies, self.statutes,
                self.laws, self.periods, self.events)

    def __bool__(self) -> bool:
        return any(self.facts())


def _evidence(hit: Hit, article_text=None) -> str:
    c = hit.chunk
    body = (article_text(c.article_id) if article_text else None) or c.text
    text = " ".join(x for x in (c.title.replace("_", " "), c.source or "", c.date or "", body) if x)
    # One space between words, so a name split over a line break still reads as the name;
    # one tone placement, as the question has ("Văn hoá" is "Văn hóa").
    return fold(text)


# Asked how a part of the year went ("kết quả …", "sơ kết …"), the article must report on it,
# not only plan it: the meeting that reviewed the first half "và triển khai phương hướng, nhiệm
# vụ 6 tháng cuối năm" says nothing of how the second half went.
_ASKS_REVIEW = re.compile(r"(?<!\w)(?:kết quả|đạt được|làm được|sơ kết|tổng kết|đánh giá)(?!\w)", re.IGNORECASE)
_PLAN_WORDS = re.compile(r"(?<!\w)(?:phương hướng|nhiệm vụ|kế hoạch|triển khai|định hướng|chương trình)(?!\w)",
                         re.IGNORECASE)
# "Báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm" reports on the half it names.
_REVIEW_WORDS = re.compile(r"(?<!\w)(?:kết quả|thực hiện|sơ kết|tổng kết|đánh giá|đạt được)(?!\w)", re.IGNORECASE)


def _planned(text: str, at: int) -> bool:
    """Whether the part of a year named at ``at`` is named as what is planned for it: its clause
    ("…, triển khai phương hướng, nhiệm vụ 6 tháng cuối năm") says a plan and no review."""
    clause = re.split(r"[,;:.\n]", text[max(0, at - 60) : at])[-1]
    return bool(_PLAN_WORDS.search(clause)) and not _REVIEW_WORDS.search(clause)


def _reviews_asked(q: Question) -> list[str]:
    """The parts of a year ``q`` asks how they went ("kết quả … 6 tháng cuối năm"), not those it
    names as planned (a question quoting a meeting's title, "…, triển khai phương hướng, nhiệm vụ
    6 tháng cuối năm …")."""
    if not _ASKS_REVIEW.search(q.text):
        return []
    return [name for name, at in period_mentions(q.text) if not _planned(q.text, at)]


def _reviewed(period: str, text: str) -> bool:
    """Whether ``text`` names ``period`` other than as what it plans for."""
    return any(name == period and not _planned(text, at) for name, at in period_mentions(text))


def missing_in(q: Question, hit: Hit, article_text=None) -> Missing:
    """What of ``q``'s pinned-down facts the hit's article (its metadata and text, or the
    chunk alone without ``article_text``) does not state."""
    return _missing(q, hit, _evidence(hit, article_text))


def _plain_years(q: Question) -> list[str]:
    """``q``'s years that are neither a term's ("2020-2025") nor a law's ("Luật Giáo dục năm
    2005"): those are checked as the term and the law."""
    return [y for y in q.years if not any(y in t for t in q.terms) and y not in {law.year for law in q.laws}]


def _missing(q: Question, hit: Hit, text: str) -> Missing:
    words = set(_WORD.findall(text))
    years = _plain_years(q)
    reviews = _reviews_asked(q)
    # A year pins the evidence down when the evidence is dated otherwise: "năm 2022" against
    # an article about 2021. Evidence stating none of the years may still answer.
    stated = set(_YEAR.findall(text))
    terms = [f"{a}-{b}" for a, b in q.terms if f"{a}-{b}" not in text and not _within(q.text, a, b, hit, stated)]
    # The term written in the article but its congress another term's: the congress is what is
    # missing ("… không có thông tin về nhiệm kỳ 2015-2020" was false, the article names it).
    congress = [] if terms else _congress_otherwise(q, hit)
    return Missing(
        provinces=[p for p in q.provinces if p.casefold() not in text],
        years=years if years and stated and not stated & set(years) else _years_said_otherwise(q.text, text, hit),
        terms=terms or congress,
        names=[n for n in q.names if not names_in(n, text, words)],
        ordinals=[o for o in q.ordinals if o.casefold() not in text],
        bodies=[b for b in q.bodies if fold(b) not in text],
        statutes=[d for d in q.statutes if not _statute_in(d, hit.chunk.title, text, q.text)],
        laws=[str(law) for law in q.laws if not _law_in(law, hit.chunk.title, hit.chunk.date, text, q.text)],
        # "6 tháng đầu năm 2021" is not answered by a report on the whole year, or on the first half.
        periods=[p for p in q.periods if p not in periods(text) or (p in reviews and not _reviewed(p, text))],
        events=[e for e in q.events if not _says_event(e, text)],
        term_word=("đại hội " if congress else "") + _term_word(q.text),
        near=hit,
    )


# "Trong giai đoạn 2020-2023, buổi làm việc … là ngày nào?": a window of years the event falls
# in, not a period the article must name (an API probe's was refused, the session being dated
# 08/05/2023); "nhiệm kỳ 2020-2025" and "chỉ tiêu giai đoạn 2020-2025" are named.
_WINDOW = re.compile(r"(?<!\w)(?:trong|từ)\s+(?:giai đoạn|khoảng thời gian|thời gian|các năm|những năm)\s+"
                     r"(?:từ\s+)?(?:năm\s+)?((?:19|20)\d{2})\s*(?:[-–—]|đến)\s*(?:năm\s+)?((?:19|20)\d{2})", re.IGNORECASE)


def _within(question: str, first: str, last: str, hit: Hit, stated: set[str]) -> bool:
    """Whether ``question`` asks within the years ``first``–``last`` as a window (:data:`_WINDOW`)
    and the article is dated in it, or, undated, states a year in it."""
    if not any(m.groups() == (first, last) for m in _WINDOW.finditer(question)):
        return False
    dated = hit.chunk.date[:4] if hit.chunk.date else None
    return any(first <= y <= last for y in ([dated] if dated else stated))


def _says_event(event: str, text: str) -> bool:
    """Whether the folded ``text`` names the gathering (not "xã hội thiết thực" for "hội thi";
    "cán bộ công chức" with or without its comma)."""
    pattern = r"\s*,?\s*".join(re.escape(part) for part in event.split(", "))
    # "Hội nghị tổng kết" is asked as the meeting, written as what it does: "tổ chức Hội nghị
    # nhằm Sơ kết …", "tổng kết công tác năm 2020".
    pattern = pattern.replace(r"hội\ nghị\ ", r"(?:hội\ nghị\ )?", 1) if event.endswith("kết") else pattern
    # A working session, however it is called: "buổi làm việc", "cuộc làm việc", "làm việc với".
    pattern = r"(?:buổi|cuộc)\ làm\ việc|làm\ việc\ với" if event.endswith("làm việc") else pattern
    return re.search(rf"(?<!\w){pattern}(?!\w)", text) is not None


_TERM_WORD = re.compile(r"(năm học|niên khóa|niên khoá|giai đoạn|nhiệm kỳ|nhiệm kì)\s*(?:19|20)\d{2}\s*[-–—]", re.IGNORECASE)


def _term_word(question: str) -> str:
    m = _TERM_WORD.search(question)
    return m.group(1).lower() if m else "nhiệm kỳ"


_DATED_PHRASE = re.compile(r"((?:[^\W\d_]+ ){2})năm ((?:19|20)\d{2})(?!\d)")


def _years_said_otherwise(question: str, text: str, hit: Hit) -> list[str]:
    """Years the question ties to a phrase that the evidence ties only to other years:
    "tổng kết công tác xây dựng Đảng năm 2021" against an article whose every "xây dựng
    Đảng năm …" is 2020 (the article may still mention 2021 in passing, for next year's
    plans, which is why the plain year check lets it through). An article whose title
    states the asked year is about that year, whatever its phrases say of others ("Hội
    nghị cán bộ, công chức … năm 2021" reviews "Hội nghị cán bộ, công chức năm 2020")."""
    folded = " ".join(question.casefold().split())
    missing = []
    for m in _DATED_PHRASE.finditer(folded):
        said = set(re.findall(re.escape(m.group(1)) + r"năm ((?:19|20)\d{2})(?!\d)", text))
        if said and m.group(2) not in said and m.group(2) not in hit.chunk.title:
            missing.append(m.group(2))
    return missing


# "Đại hội … nhiệm kỳ 2015-2020": the congress that opened that term, one event per term.
_CONGRESS_TERM = re.compile(r"đại hội(?:\s+[^\W\d_]+){0,8}?\s+(?:nhiệm kỳ|nhiệm kì|khóa|khoá)\s*((?:19|20)\d{2})\s*[-–—]\s*"
                            r"((?:19|20)\d{2})", re.IGNORECASE)


def _congress_otherwise(q: Question, hit: Hit) -> list[str]:
    """The term of the congress the question asks about, when the article's title reports
    the congress of another term: the 2020-2025 congress's report names the outgoing
    2015-2020 committee, and does not answer what the 2015-2020 congress chose."""
    title = _DASHES.sub("-", hit.chunk.title).casefold()
    if "đại hội" not in title:
        return []
    stated = {f"{a}-{b}" for a, b in TERM.findall(title)}
    asked = [f"{a}-{b}" for a, b in _CONGRESS_TERM.findall(" ".join(q.text.split()))]
    return [t for t in asked if stated and t not in stated]


# The name the cleaner gives a statute: its type in capitals, then its number
# ("NGHỊ ĐỊNH số 66/2026/NĐ-CP Quy định …"); a news headline citing one is written otherwise.
_OWN_NUMBER = re.compile(rf"({'|'.join(STATUTE_TYPES)}) số (\d{{1,4}}/(?:19|20)\d{{2}})")
_OWN_TYPE = re.compile(rf"({'|'.join(STATUTE_TYPES)})\s")


def is_statute(title: str) -> bool:
    """Whether evidence titled ``title`` is a statute, as the cleaner names one ("NGHỊ ĐỊNH số …",
    "LUẬT BẢO HIỂM XÃ HỘI"), not news about one."""
    return _OWN_TYPE.match(title) is not None
# "Nghị định 84/2020 được thay thế bởi nghị định nào?" is answered by the one that replaced it
# (the asked statute after the verb, or before it with "được"/"bị"); "Nghị định 48/2023 đã sửa
# đổi những gì?" asks what that one provides.
_RELATION = re.compile(r"(?<!\w)(?:thay thế|sửa đổi|bổ sung|bãi bỏ|hết hiệu lực|hướng dẫn thi hành)(?!\w)", re.IGNORECASE)
_PASSIVE = re.compile(r"(?:được|bị|đã bị|đã được)\s*$", re.IGNORECASE)


def _asks_relation(question: str, named: str) -> bool:
    """Whether ``question`` asks what replaced, amended or repealed the statute written ``named``."""
    at = question.casefold().find(named.casefold())
    for m in _RELATION.finditer(question):
        if at < 0 or m.start() < at or _PASSIVE.search(question[: m.start()]) or m.group(0).casefold() == "hết hiệu lực":
            return True
    return False


def of_statutes(q, hits: list) -> list:
    """The ``hits`` from the legal documents ``q`` names by number ("Nghị định 233/2026/NĐ-CP
    thay thế nghị định nào?"), best first; all of them when it names none."""
    if not q.statutes:
        return hits
    return [h for h in hits if all(_statute_in(d, h.chunk.title, h.chunk.text, q.text) for d in q.statutes)]


def _statute_in(statute: str, title: str, text: str, question: str = "") -> bool:
    """Whether the evidence is, or speaks of, the legal document ``statute`` ("Nghị định 84/2020").

    A statute is named by its type and number ("NGHỊ ĐỊNH số 66/2026/NĐ-CP …", rag.clean.document):
    one that bears another number only cites the asked one, in its recitals or transitional
    provisions, and does not say what it provides, unless the question asks what replaced or
    amended it. A statute printed without its number may be the asked one if of the same type.
    Other evidence (news) need only mention it.
    """
    kind, number = statute.rsplit(" ", 1)
    # "Nghị định 93", asked without its year, is any Nghị định numbered 93, the type written
    # before it ("Chỉ thị số 05-CT/TW", "Chỉ thị 05 của Bộ Chính trị"; not "Kế hoạch số 05/KH").
    dated = "/" in number
    if dated:
        mentioned = re.search(rf"(?<![\d/]){re.escape(number)}(?!\d)", text) is not None
    else:
        mentioned = re.search(rf"(?<!\w){re.escape(fold(kind))}\s+(?:số\s+)?0*{int(number)}(?!\d)(?![.,]\d)",
                              fold(text)) is not None
    own = _OWN_NUMBER.match(title)
    if own:
        same = own.group(2) == number if dated else own.group(2).split("/")[0] == number
        return same or (mentioned and _asks_relation(question, number))
    typed = _OWN_TYPE.match(title)
    if typed:
        return typed.group(1).casefold() == kind.casefold() or mentioned
    return mentioned


# A law as the cleaner names it: "LUẬT BẢO HIỂM XÃ HỘI", "LUẬT số 43/2019/QH14 GIÁO DỤC" (folded).
_OWN_LAW = re.compile(rf"(?:{LAW_TYPES})(?:\s+số\s+\d{{1,4}}/((?:19|20)\d{{2}})\S*)?\s+(.+)")
# Each law a statute's name names, up to the next one ("… chi tiết Luật Cán bộ, công chức và Luật Viên chức").
_NAMED_LAWS = re.compile(rf"(?:{LAW_TYPES})\s+((?:(?!(?:{LAW_TYPES})\s).)+)")
# The year a citation gives a law: "… ngày 14 tháng 6 năm 2019", "… số 43/2019/QH14", "… 2019"; not
# the ISO date the evidence's metadata puts after a title ending in the law's name.
_CITED_YEAR = re.compile(r"(?:^\s*|năm\s+|/)((?:19|20)\d{2})(?![\d-])")
_PASSED = re.compile(r"thông qua ngày \d{1,2} tháng \d{1,2} năm ((?:19|20)\d{2})")


def _same_name(asked: str, named: str, whole: bool = False) -> bool:
    """Whether two law names are one, word by word whatever the punctuation: the shorter opens
    the longer ("bảo hiểm xã hội" and the question's "bảo hiểm xã hội người lao động …"; "Phòng"
    of "Luật Phòng, chống tham nhũng"), but "bảo hiểm y tế" is not "bảo hiểm xã hội"; a
    ``whole`` asked name longer than the other ("giáo dục đại học") is another law."""
    a, b = _WORD.findall(asked), _WORD.findall(named)
    n = min(len(a), len(b))
    return n > 0 and a[:n] == b[:n] and not (whole and len(a) > len(b))


def _mentions(name: str, text: str) -> list[re.Match]:
    """Each place ``text`` (folded) names the law ``name`` ("luật giáo dục")."""
    # Word by word: "Luật Phòng, chống …", "Luật Phòng chống …" and "Luật Phòng,chống …" are one.
    words = r"\W+".join(re.escape(w) for w in _WORD.findall(name))
    return list(re.finditer(rf"(?:{LAW_TYPES})\s+{words}(?!\w)", text)) if words else []


_ARTICLE_OF = re.compile(r"(?<!\w)(?:điều|khoản\s+\d+\s+điều)\s+\d+[a-zđ]?\s+(?:của\s+)?\0")


def _law_in(law: Law, title: str, date: str | None, text: str, question: str = "") -> bool:
    """Whether the evidence can say what the law ``law`` provides.

    The law itself can, in the asked year's version: a law that names another year's law of
    its name replaced it, and says only what replaced it and when it lapsed. A statute whose
    name says it details that law can ("Nghị định … quy định chi tiết … Luật Giáo dục"). A
    statute that only cites it, in its recitals, cannot, unless the question asks what it
    replaced or amended; evidence that is not a statute (news), or a question that only
    mentions the law, needs the law mentioned (in the asked year, when the text dates it).
    """
    name, folded = fold(law.name), fold(title)
    mentions = _mentions(name, text)
    cited_years = {y for m in mentions for y in _CITED_YEAR.findall(text[m.end() : m.end() + 40])}
    own = _OWN_LAW.fullmatch(folded)
    if own and _same_name(name, own.group(2), law.whole):
        if law.year is None:
            return True
        # Its year: in its number, its date, or the closing "… thông qua ngày 29 tháng 6 năm 2024".
        years = {own.group(1), (date or "")[:4]} | set(_PASSED.findall(text))
        if law.year in years:
            return True
        if law.year in cited_years:  # the earlier law it replaced
            return _asks_relation(question, law.name)
        return not (years - {None, ""})
    if is_statute(title) and _ARTICLE_OF.search(fold(question).replace(f"{fold(law.kind)} {name}", "\0")):
        # "Điều 7 Luật Nhà giáo quy định gì?": the law's own article, which a decree detailing
        # the law numbers otherwise (an API probe got the decree's Điều 7, "Thi tuyển nhà giáo").
        return False
    if law.year and cited_years and law.year not in cited_years:
        return False
    details = any(_same_name(name, m.group(1), law.whole) for m in _NAMED_LAWS.finditer(folded))
    if details or not law.source or not is_statute(title):
        return details or bool(mentions)
    return bool(mentions) and _asks_relation(question, law.name)


def names_in(name: str, text: str, words: set[str]) -> bool:
    """Whether the evidence names ``name``.

    A Vietnamese name is written one way, and its syllables are common words on their own
    ("Cao Lộc" against "nâng cao"): the whole name must be there. Spellings of foreign
    names vary ("Percy Shelly"/"Shelley"): half their words suffice.
    """
    folded = " ".join(name.casefold().split())
    if not folded.isascii() and all(SYLLABLE.fullmatch(w) for w in folded.split()):
        return folded in text
    return sum(w in words for w in folded.split()) * 2 >= len(folded.split())


def keep(q: Question, hits: list[Hit], article_text=None) -> tuple[list[Hit], Missing | None]:
    """The hits whose article states everything ``q`` pins down, and what the best hit lacked."""
    if not q.pins():
        return hits, None
    evidence = {id(h): _evidence(h, article_text) for h in hits}
    gaps = [_missing(q, h, evidence[id(h)]) for h in hits]
    kept = [h for h, gap in zip(hits, gaps) if not gap]
    if gaps and (gaps[0].years or gaps[0].terms or gaps[0].ordinals):
        # The best match is the asked event in another year or term: another article answers
        # only if it is that event's own report, dated so in its title, not one that
        # happens to mention the year ("Kết luận … ngày 18/5/2021").
        # When the question ties the year to a phrase, that phrase with that year must be there.
        phrases = [m.group(0) for m in _DATED_PHRASE.finditer(" ".join(q.text.casefold().split()))]
        asked = [y for y in q.years] + [f"{a}-{b}" for a, b in q.terms] + [o.casefold() for o in q.ordinals]
        kept = [h for h in kept if (all(p in evidence[id(h)] for p in phrases) if phrases else
                                    any(x in _DASHES.sub("-", f"{h.chunk.title} {h.chunk.date or ''}").casefold()
                                        for x in asked))]
    # Explain with the evidence that came closest: a question about Sóc Trăng's 2020-2025
    # congress is answered "no 2020-2025 term" from the Sóc Trăng article, not "no Sóc
    # Trăng" from a better-ranked article about Lạng Sơn.
    closest = min((g for g in gaps if g), key=_size, default=gaps[0] if gaps else None)
    return kept, closest


def _size(gap: Missing) -> int:
    return sum(len(facts) for facts in gap.facts())


def quoted_otherwise(q: Question, quote: str, title: str = "") -> Missing | None:
    """The term of office ``q`` asks about, when the quoted sentences state another one: a
    question about the 2015-2020 term answered by a sentence about the 2020-2025 term. The
    article may name the asked term elsewhere (reviewing the previous term), so the article
    passing :func:`missing_in` is not enough. A year only where the quote says the fact is of
    another ("trong năm 2020"): a report dated 2023 rightly answers with the years it reviews."""
    stated = {f"{a}-{b}" for a, b in TERM.findall(f"{title} {quote}")}
    asked = [f"{a}-{b}" for a, b in q.terms]
    if asked and stated and not stated & set(asked):
        return Missing(terms=asked, term_word=_term_word(q.text))
    # A year alike, when the quote says which year the fact is of ("trong năm 2020, … đã hoàn
    # thành 10/10 chỉ tiêu") and it is another: the 2020 review that plans 2021 does not say
    # what 2021 achieved. Not a year a review runs to ("… đến hết năm 2022" in a 2023 meeting).
    years = [y for y in _plain_years(q) if not _WHEN_HELD.search(q.text[: q.text.find(y)])]
    during = set(_DURING.findall(quote))
    if years and during and not during & set(years) and not set(_YEAR.findall(quote)) & set(years):
        return Missing(years=years)
    return None


_DURING = re.compile(r"(?<!\w)trong (?:cả )?năm ((?:19|20)\d{2})(?!\d)", re.IGNORECASE)
# "Tại hội nghị … tổ chức đầu năm 2021, …": the year says when the event was held, not what of.
_WHEN_HELD = re.compile(r"(?<!\w)(?:đầu|cuối|giữa|tháng \d{1,2}|ngày [\d/]+|tổ chức|diễn ra|họp|hội nghị|đại hội|buổi"
                        r"|làm việc)(?:\s+\S+){0,2}\s+(?:năm\s+)?$", re.IGNORECASE)


def dated_otherwise(q: Question, short: str | None) -> Missing | None:
    """The year a date question asks the day in (:func:`rag.answer.question.event_years`),
    when the short answer is a day of another year: "Năm 2022 … làm việc vào ngày nào?",
    "Buổi làm việc … năm 2022 diễn ra bao giờ?" answered "08/5/2023"."""
    if q.kind != "date" or not short:
        return None
    plain = _plain_years(q)  # not a law's year: "Luật Giáo dục năm 2019 có hiệu lực từ ngày nào?"
    years = [y for y in event_years(q.text) if y in plain]
    stated = _YEAR.findall(short)
    wrong = [y for y in years if y not in stated]
    return Missing(years=wrong[:1]) if stated and wrong and len(wrong) == len(years) else None


def explain(missing: Missing, sources: list[str], hit: Hit) -> str:
    """A Vietnamese reply saying what the articles do not cover, and what they do
    (the organisations in ``sources``, or the nearest article)."""
    parts = []
    # A province some indexed organisation is in is covered, just not on this point: the
    # articles near enough to be read were about other provinces.
    covered = [p for p in missing.provinces if any(p.casefold() in s.casefold() for s in sources)]
    uncovered = [p for p in missing.provinces if p not in covered]
    if uncovered:
        parts.append("về " + ", ".join(missing.provinces))
    if missing.terms:
        parts.append(f"về {missing.term_word} " + ", ".join(missing.terms))
    if missing.years:
        parts.append("về năm " + ", ".join(missing.years))
    if missing.names or missing.bodies or missing.statutes or missing.laws:
        parts.append("về " + ", ".join(missing.statutes + missing.laws + missing.bodies + missing.names))
    if missing.ordinals or missing.periods or missing.events:
        parts.append("về " + ", ".join(missing.events + missing.ordinals + missing.periods))
    if covered and not uncovered:
        reply = f"Các bài viết về {', '.join(covered)} không có thông tin này" + (
            " (" + ", ".join(p.removeprefix("về ") for p in parts) + ")" if parts else "") + "."
        return reply  # the nearest article is about another province: naming it would mislead
    # Only a province is checked against every organisation indexed; the rest was looked for in
    # the articles the search found, and other articles may well speak of "năm 2021".
    where = "trong hệ thống" if uncovered and len(parts) == 1 else "tìm được"
    reply = f"Các bài viết {where} không có thông tin " + " và ".join(parts) + "."
    if missing.provinces and sources:
        reply += " Các bài viết hiện có của: " + "; ".join(map(organisation_label, sources)) + "."
    else:
        reply += " " + nearest(missing.near or hit)
    return reply


def nearest(hit: Hit) -> str:
    """"Bài viết gần nhất: “title” (date)." for a reply that answers nothing."""
    c = hit.chunk
    return f"Bài viết gần nhất: “{c.title}”" + (f" ({vn_date(c.date)})" if c.date else "") + "."
