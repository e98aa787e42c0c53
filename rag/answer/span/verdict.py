"""Yes or no to "X có phải là <post> không?": the posts an article writes beside X's name.

Most yes/no questions get the clause that settles them (``confirm``) and the reader judges it.
A named person's post can be settled either way: posts are a closed vocabulary every article
writes the same way ("Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT"), so the deputy's post or
another body's written beside the name is a no. A post simply not written there gets no verdict:
an article may name someone by one post only.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rag.answer.question import TERM
from rag.answer.span.base import ShortAnswer
from rag.answer.span.confirm import asks_yes_no
from rag.answer.span.names import _names, post_held
from rag.answer.tenure import asked_terms, held_term, later_term
from rag.clean.metadata import PROVINCES
from rag.text import STATEMENT_END

_I = re.IGNORECASE
# "Bà Phạm Thị Trung có phải là Giám đốc Sở GDĐT không?": a named person and the post claimed.
_WHO = r"^\s*(?:(?:đồng chí|ông|bà|cô|thầy|anh|chị)\s+)?(?P<name>[^,?]+?)\s+"  # the person, as addressed
_CLAIM = re.compile(_WHO + r"(?:có phải là|có phải|phải là|có là|có giữ chức|là|giữ chức)\s+(?P<post>[^?]+?)\s*,?\s*"
                    r"(?:phải không|đúng không|có đúng không|không)(?:\s+(?:ạ|vậy|nhỉ|hả|à))?\s*[?.!]*\s*$", _I)
_POST = re.compile(r"(?<!\w)(?:phó[\s-]+)?(?:bí thư|giám đốc|chủ tịch|hiệu trưởng|hiệu phó|trưởng phòng|trưởng ban|"
                   r"chủ nhiệm|tổng biên tập|chánh văn phòng|chánh thanh tra|tỉnh ủy viên|tỉnh uỷ viên|thư ký)(?!\w)", _I)
# "Bà Phạm Thị Trung không phải là Giám đốc Sở à?": whether "không" agrees or denies reads
# either way in Vietnamese, so such a question gets the posts and no verdict.
_NEGATED = re.compile(_WHO + r"(?:không phải là|chẳng phải là|không phải|không làm)\s+(?P<post>[^?]+?)\s*,?\s*"
                      r"(?:à|hả|sao|ư|chứ|phải không|đúng không)?\s*[?.!]*\s*$", _I)
# "nguyên Giám đốc", "cựu Bí thư": a former post, which the article's present tense does not settle.
_FORMER = re.compile(r"(?<!\w)(?:nguyên|cựu)(?!\w)", _I)
# Whose post it is: the words naming the body after the title, in one spelling. The party
# committee of a unit is that unit's ("Bí thư Đảng ủy" of the Sở), the education Department is
# "sở" however written, "Tỉnh ủy" is one word ("Tỉnh ủy viên" is a title of its own), and what
# comes from a time on ("nhiệm kỳ 2015-2020", "năm 2020") or a verb ("được bầu") is not the body.
_SPELLINGS = [(re.compile(p), r) for p, r in (
    (r"(?<!\w)(?:sở\s+)?(?:giáo dục và đào tạo|giáo dục - đào tạo|giáo dục-đào tạo|gd&đt|gd-đt|gd đt|gdđt)(?!\w)", " sở "),
    (r"(?<!\w)đảng (?:ủy|bộ)(?!\w)", " "),
    (r"(?<!\w)(tỉnh|huyện|thành) ủy(?! viên)(?!\w)", r" \1_ủy "),
    (r"(?<!\w)(?:ủy ban nhân dân|ubnd)(?!\w)", " ubnd "),
)]
_BODY_END = re.compile(r"(?<!\w)(?:nhiệm kỳ|nhiệm kì|khóa|khoá|năm|vào|trong|từ|giai đoạn|được|đã|và|là)(?!\w)|\d")
_PROVINCE_NAME = re.compile(r"(?<!\w)(?:" + "|".join(sorted((re.escape(p.casefold()) for p in PROVINCES), key=len,
                                                            reverse=True)) + r")(?!\w)")
_WHERE = {"tỉnh", "thành", "phố", "tp", "các", "của", "tại", "ở"}  # where, not which body


def claimed_person(question: str) -> list[str]:
    """The person whose post a yes/no ``question`` claims ("Bà Phạm Thị Trung có phải là Giám
    đốc … không?" → ``["Phạm Thị Trung"]``), or ``[]``: the answer step quotes the sentence
    writing a post beside that name, as for "Phạm Thị Trung là ai?"."""
    claim = _CLAIM.match(question) or _NEGATED.match(question)
    if not claim or not _POST.search(claim["post"]):
        return []
    name = claim["name"].strip()
    return [name] if _whole_name(name) else []


def _whole_name(name: str) -> bool:
    """Whether ``name`` is one person's name, whole ("Phạm Thị Trung", not "Sở GDĐT")."""
    return [name[s:e] for s, e in _names(name, "")] == [name]


def post_verdict(question: str, sentences: list[tuple[str, int]]) -> ShortAnswer | None:
    """The posts the first quoted sentence naming the person ``question`` asks about writes
    beside the name, with ``verdict`` "có" when they hold each post claimed of the body
    claimed, "không" when they hold its deputy or another body's ("Phó Giám đốc" claimed
    "Giám đốc", "Bí thư Đảng ủy Khối" claimed "… Sở"), and no verdict when the post claimed is
    not written there nor further on in the name's clause ("… Hà Thị Khánh Vân, Phó Giám đốc
    Sở GDĐT được bầu giữ chức Phó Bí thư …" is a yes): an article may name someone by one
    post only. Held for another term than the one claimed, the span settles nothing and comes
    back unsure (basis "past"). Asked the other way round ("X không phải là … à?"), the posts
    with no verdict. ``None`` when the question claims no post of a named person,
    claims a former one ("nguyên Giám đốc"), or no sentence writes one beside the name."""
    negated = _NEGATED.match(question)
    if negated and _POST.search(negated["post"]):
        name = negated["name"].strip()
        held = post_held(question, sentences, [name]) if _whole_name(name) else None
        return replace(held, kind="post") if held else None
    claim = _CLAIM.match(question) if asks_yes_no(question) else None
    if not claim or _FORMER.search(claim["post"]):
        return None
    name = claim["name"].strip()
    claimed = [(_plain(m.group(0)), _plain(claim["post"][m.end():])) for m in _POST.finditer(claim["post"])]
    if not claimed or not _whole_name(name):
        return None
    held = post_held(question, sentences, [name])
    if held is None:
        return None
    pieces = _pieces(held)
    found = [_holds(post, after, pieces) for post, after in claimed]
    if "unknown" in found:
        return None
    if set(found) == {"yes"}:
        return _with_term(replace(held, kind="post", verdict="có"), question, sentences)
    if "other_body" in found:  # the post, of another body: "Bí thư Đảng ủy Khối" claimed "… Sở"
        return replace(held, kind="post", verdict="không")
    if "deputy" in found:  # "Phó Giám đốc" held, "Giám đốc" claimed, or the other way round
        return _with_term(replace(held, kind="post", verdict="không"), question, sentences)
    # The post may be written further on in the name's clause ("… Hà Thị Khánh Vân, Phó Giám đốc
    # Sở GDĐT được bầu giữ chức Phó Bí thư Đảng bộ Sở"): from the held post to it is the span.
    untitled = [(post, after) for (post, after), f in zip(claimed, found) if f == "no_title"]
    further = _further(held, untitled, sentences)
    if further:  # "có", unless it is another body's ("Phó Bí thư Đảng bộ Sở" claimed "… Tỉnh ủy")
        span, same = further
        return _with_term(replace(span, verdict="có" if same else "không", holder=held.holder), question, sentences)
    further = _further(held, [(_deputy_swapped(post), after) for post, after in untitled], sentences)
    if further:  # "… được bầu giữ chức Phó Bí thư" claimed "Bí thư"
        return _with_term(replace(further[0], verdict="không", holder=held.holder), question, sentences)
    # Not written beside the name: the article may just not say it ("Giám đốc Sở" alone of
    # someone who may also be its Bí thư), so the posts it writes are shown with no verdict.
    return replace(held, kind="post")


def holds_post(post: str, claimed_after: str, sentence: str, name: str) -> bool:
    """Whether ``sentence`` writes, beside ``name``, the post ``post`` (as a question writes
    it) of the body ``claimed_after`` names, the education Department's when it names none:
    "Ai là Phó Bí thư Đảng ủy?" is not answered by a visiting "Phó Bí thư Đảng ủy Khối"."""
    held = post_held("", [(sentence, 0)], [name])
    if held is None:
        return False
    pieces = _pieces(held)
    return _holds(_plain(post), claimed_after if _whose(claimed_after) else "sở", pieces) == "yes"


def of_department(claimed_after: str) -> bool:
    """Whether the body named after a post (``claimed_after``) is the education Department's,
    or none is named ("Ai là Bí thư Đảng ủy?"), not another body ("… Đảng ủy Khối")."""
    return _whose(claimed_after) <= {"sở"}


def _with_term(span: ShortAnswer, question: str, sentences: list[tuple[str, int]]) -> ShortAnswer:
    """``span``, unsure and with no verdict when the post is written with another term than
    the question asks about (Bí thư 2015-2020, asked about 2020-2025) or, asked of no term,
    with one before a term the quote reports (as :mod:`rag.answer.tenure` marks "Ai là …?")."""
    term = _held_term(span, sentences)
    if not term:
        return span
    asked = asked_terms(TERM.findall(question))
    past = term not in asked if asked else later_term(term, *(text for text, _ in sentences)) is not None
    return replace(span, verdict=None, basis="past") if past else span


def _pieces(held: ShortAnswer) -> list[str]:
    """The comma-separated posts written beside a name, each in one spelling."""
    return [_plain(p) for p in held.text.split(",")]


def _plain(text: str) -> str:
    return " ".join(text.casefold().replace("uỷ", "ủy").replace("-", " ").split())


def _deputy_swapped(post: str) -> str:
    """"phó bí thư" for "bí thư", and the other way round."""
    return post.removeprefix("phó ") if post.startswith("phó ") else f"phó {post}"


def _holds(post: str, after: str, pieces: list[str]) -> str:
    """Whether the held ``pieces`` (the comma-separated posts) hold ``post`` of the body the
    claim names ``after`` it: "yes", "deputy" (its deputy held, or the post a deputy is
    claimed of), "no_title" (neither written), "other_body" (the claim names a body the held
    post's does not hold: "Khối Doanh nghiệp" for "Khối các cơ quan"), or "unknown" (the claim
    names a body, no held post does)."""
    exact = _titled(post)
    holding = [p for p in pieces if exact.search(p)]
    if not holding:
        return "deputy" if any(_titled(_deputy_swapped(post)).search(p) for p in pieces) else "no_title"
    return _same_body(after, holding[0][exact.search(holding[0]).end():], pieces)


def _same_body(claimed_after: str, held_after: str, pieces: list[str]) -> str:
    """"yes" when the body claimed after a title is named by the held one's, "other_body"
    when it is not, "unknown" when the held post names none (nor any post beside it)."""
    claimed = _whose(claimed_after)
    if not claimed:
        return "yes"
    # "Bí thư Đảng ủy" names no body of its own: the unit of the posts beside it ("Giám đốc Sở").
    held = _whose(held_after) or frozenset().union(*map(_piece_body, pieces))
    return "unknown" if not held else "yes" if claimed <= held else "other_body"


def _titled(post: str) -> re.Pattern:
    """``post`` as a whole title: "bí thư" is not the end of "phó bí thư"."""
    return re.compile(rf"(?<!\w)(?<!phó ){re.escape(post)}(?!\w)", _I)


def _piece_body(piece: str) -> frozenset[str]:
    """The body one held post names after its title ("giám đốc sở gdđt" → {"sở"})."""
    title = _POST.search(piece)
    return _whose(piece[title.end():]) if title else frozenset()


def _whose(after: str) -> frozenset[str]:
    """The words of the body named in ``after`` (the text after a title), in one spelling."""
    text = " ".join(re.sub(r"[^\w&\s-]", " ", after.casefold().replace("uỷ", "ủy")).split())  # "… Sở GDĐT?"
    for pattern, spelled in _SPELLINGS:
        text = pattern.sub(spelled, text)
    text = _BODY_END.split(text, maxsplit=1)[0]
    return frozenset(w for w in _PROVINCE_NAME.sub(" ", text).split() if w not in _WHERE)


def _held_term(held: ShortAnswer, sentences: list[tuple[str, int]]) -> str | None:
    """The term written with the held post ("… Giám đốc Sở GDĐT nhiệm kỳ 2015-2020")."""
    for text, offset in sentences:
        if offset <= held.start < offset + len(text):
            return held_term(text, held.start - offset)
    return None


def _further(held: ShortAnswer, claims: list[tuple[str, str]],
             sentences: list[tuple[str, int]]) -> tuple[ShortAnswer, bool] | None:
    """From the held post to the last of the claimed posts (``(title, what follows it in the
    claim)``) written after it in its sentence, before anyone else is named, with the words
    naming its body up to a comma or the sentence's end; and whether each is of the body claimed
    ("… được bầu giữ chức Phó Bí thư Đảng bộ Sở" is not the Tỉnh ủy's)."""
    for text, offset in sentences:
        if not offset <= held.start < offset + len(text):
            continue
        start = held.start - offset
        rest = text[start:]
        end = STATEMENT_END.search(rest)
        rest = rest[: end.start()] if end else rest
        others = [s for s, _ in _names(rest, "")]
        rest = rest[: others[0]] if others else rest
        found = [_titled(post).search(rest.replace("uỷ", "ủy")) for post, _ in claims]
        if not all(found):
            return None
        bodies = [_same_body(after, rest[m.end():].split(",")[0], []) for (_, after), m in zip(claims, found)]
        stop = re.search(r",|\s+nhiệm kỳ|$", rest[max(m.end() for m in found):])
        stretch = rest[: max(m.end() for m in found) + stop.start()].rstrip()
        return ShortAnswer(stretch, offset + start, offset + start + len(stretch), "post"), "other_body" not in bodies
    return None
