"""The finder: which kind of span a question gets, from which quoted sentence, polished at its
edges (:func:`find`); and whether a sentence holds the kind asked for (:func:`fits`)."""

from __future__ import annotations

import re
from dataclasses import replace

from rag.answer.question import KINDS
from rag.answer.slot import slot
from rag.answer.span.base import ShortAnswer, _EDGE_WORDS, _TOKEN, _anchors, _pull, _sentence_of, _tokens, _trim, syllables
from rag.answer.span.cause import _cause, asks_cause
from rag.answer.span.confirm import _confirm, asks_yes_no
from rag.answer.span.settle import settles
from rag.answer.span.verdict import post_verdict
from rag.answer.span.dates import (
    _ASKS_WHEN, _condition, _date, bound_asked, dated_as_asked, moment, term_asked, timed,
)
from rag.answer.span.edges import _edges, _name_only, _whole_name, _whole_quote, _whole_words
from rag.answer.span.names import (
    asks_who_does, cited_document, document_subject, does_said, done_by, headed_list, issuer, issuer_verdict,
    listed_after_head, part_said, post_held, repealed, _entity, _headed, _names, _person, _place, _role, _with_head,
)
from rag.answer.span.numbers import _bounded, _number, _number_candidates, _word_end, counted
from rag.answer.span.phrases import (
    PURPOSE, _QUOTED, _choice, attending, _defined_subject, _defines_term, _definition, _gap, _list, _purpose, _quote,
    asks_day_part, asks_purpose, content_named, day_part, item_saying,
)
from rag.text import pos_tags


# A person is looked for in every quoted sentence, not only the first that names one: the
# quote often opens with a sentence naming others ("… Jared Allen …") before the one that answers.
# The name the question's words pull hardest wins; the question word's place adds _SLOT_PULL,
# each later sentence loses _ORDER. Chosen on the dev parts (0-3 and 0-2 scored alike); dates,
# counts and places gained nothing this way and keep the first sentence's.
_ACROSS = {"person"}
_SLOT_PULL = 1.0
_ORDER = 0.5
_MIN_SLOT = 0.7  # chosen on the XQuAD-vi dev part (0.4-1.5 scored alike)
_TYPED = {"date", "number", "person", "place"}
# Kinds whose own finder is weaker than the question word's place (a quotation and a list
# after ":" are found more surely by their marks).
_SLOTTED = {None, "entity", "organisation"}


_FINDERS = {"date": _date, "number": _number, "person": _person, "place": _place, "quote": _quote,
            "definition": _definition, "list": _list, "organisation": _entity, "entity": _entity}


_WHO_IS = re.compile(r"(?<!\w)ai\s+(?:là|được)(?!\w)", re.IGNORECASE)


def find(question: str, kind: str | None, sentences: list[tuple[str, int]],
         words: dict[int, set[str]] | None = None, focus: tuple[str, ...] = ()) -> ShortAnswer | None:
    """The short answer to ``question`` in ``sentences`` (``(text, article offset)``, best first);
    ``words``: pyvi's words of each sentence, by its offset, as stored at ingest; ``focus``: the
    syllables a follow-up itself said ("Còn dự khuyết?"), which pull the answer hardest."""
    verdict = post_verdict(question, sentences)
    if verdict:  # "X có phải là Giám đốc Sở không?": the post beside X's name says yes or no
        return replace(verdict, basis=verdict.basis or "post")
    verdict = issuer_verdict(question, sentences)
    if verdict:  # "Chỉ thị số 05-CT/TW là của … phải không?": whose the quote writes it is
        return replace(verdict, basis="issuer")
    held = post_held(question, sentences)
    if held:
        return replace(held, basis="post")
    if focus and kind in _TYPED and not any(set(focus) & {t for t, _, _ in _tokens(text)} for text, _ in sentences):
        return None  # "Còn nữ?" after a head count: the quote says nothing of what the follow-up asks
    found = _find(question, kind, sentences, focus)
    if not found:
        return None
    found, basis = found
    if found.kind == "person" and re.search(r"\d", found.text):
        return None  # "Covid-19", "05-CT/TW": no one's name
    if found.kind == "place" and len(found.text.split()) < 2 and not found.text[:1].isupper():
        return None  # "hết" for "… phát biểu ở đâu?" (an API probe): one plain word names no place
    if basis not in ("cause", "choice", "purpose") and asks_cause(question):
        basis = "gap"  # asked why and no cause written: whatever stands there is a guess
    if kind == "list":
        found = _whole_parenthesis(found, sentences)
    if found.kind == "number" and not focus:
        found = _counts_of_kinds(found, question, sentences)
    found = _whole_words(found, sentences, words or {})
    found = _with_head(_name_only(_whole_name(_edges(found), sentences)), question, sentences)
    return replace(_whole_quote(found, sentences), basis=basis)


# "gồm 07 đại biểu chính thức, 01 đại biểu dự khuyết": a count split into kinds, each a number
# and the same noun with what kind it is.
_KIND_COUNT = r",\s*(?:và\s+)?\d+\s+{noun}(?:\s+[^\W\d_]+){{1,3}}?(?=\s*(?:[.;,]|$))"


_FIRST_COUNT = re.compile(r"\d+\s+([^\W\d_]+)((?:\s+[^\W\d_]+){1,3}?)(?=\s*,)")


def _counts_of_kinds(found: ShortAnswer, question: str, sentences: list[tuple[str, int]]) -> ShortAnswer:
    """A count the sentence splits into kinds, whole, when the question names none of the kinds
    ("Đoàn đại biểu … gồm mấy người?" → "07 đại biểu chính thức, 01 đại biểu dự khuyết"; it had
    been "07", and "01" when the question's words stood nearer the second); the bare number of
    such a count with its noun."""
    text, offset = _sentence_of(found, sentences)
    if text is None:
        return found
    start, end = found.start - offset, found.end - offset
    for first in _FIRST_COUNT.finditer(text):  # the split count that begins at or before the span
        if first.start() > start:
            break
        at = first.start()
        kinds = list(re.finditer(_KIND_COUNT.format(noun=re.escape(first.group(1))), text[first.end():]))
        if not kinds or kinds[0].start() != 0:
            continue
        second = first.end() + re.search(r"\d", kinds[0].group(0)).start()  # where the second count's number is
        if at == start:
            if not re.fullmatch(r"\d+(?:\s+" + re.escape(first.group(1)) + r".*)?", text[start:end].strip()):
                return found
        elif start != second:
            continue
        asked = question.casefold()
        qualifiers = [first.group(2)] + [k.group(0).split(first.group(1), 1)[1] for k in kinds[:1]]
        if any(q.strip().casefold() in asked for q in qualifiers):
            return found  # "… bao nhiêu đại biểu chính thức?" asks one kind
        end = first.end() + kinds[0].end()
        return ShortAnswer(text[at:end], offset + at, offset + end, found.kind, found.citation)
    return found


def _find(question: str, kind: str | None, sentences: list[tuple[str, int]],
          focus: tuple[str, ...] = ()) -> tuple[ShortAnswer, str] | None:
    """The span and how it was found (:attr:`ShortAnswer.basis`)."""
    chosen = _choice(question, sentences)
    if chosen:
        return chosen, "choice"
    if asks_day_part(question):  # "… vào buổi chiều phải không?" before any yes/no clause
        part = day_part(question, sentences)
        # With no part of the day in the quote, no other clause says it (nor "Đại hội đã bầu …").
        return (part, "choice") if part else None
    for finder, basis in ((issuer, "issuer"), (repealed, "issuer"), (term_asked, "date")):
        found = finder(question, sentences)
        if found:
            return found, basis
    if asks_yes_no(question):  # no gap to fill: the clause that settles it, or nothing
        confirmed = _confirm(question, sentences)
        return (replace(confirmed, verdict=settles(question, confirmed.text)), "confirm") if confirmed else None
    # Spans read off the question's own form, first found wins: an aim, who attended, documents
    # listed by number (asked for a list), what a document is about, which document, items after
    # the asked noun and a colon.
    for finder, basis in ((_purpose, "purpose"), (attending, "list"),
                          (headed_list if kind == "list" else None, "list"), (document_subject, "issuer"),
                          (cited_document, "issuer"), (listed_after_head, "list"), (done_by, "done"),
                          (content_named, "named"),
                          (item_saying if kind in (None, "what") else None, "item")):
        found = finder(question, sentences) if finder else None
        if found:
            return found, basis
    cause = _cause(question, sentences)
    if cause:
        return cause, "cause"
    if asks_cause(question):  # "do đâu", "căn cứ vào đâu": no place, whatever "đâu" says
        kind = None
    defined = _defines_term(question, sentences)
    if defined:
        return defined, "definition"
    asked = syllables(question)
    slots = [slot(text, question) for text, _ in sentences]
    if kind == "number":  # a number followed by the counted noun, in any quoted sentence, wins
        # "Còn chi bộ?" after "… bao nhiêu đảng viên?" names what it counts itself, in whichever
        # quoted sentence says it, before the earlier question's count is looked for.
        own = [(text, offset, focus and (counted(text, "bao nhiêu " + " ".join(focus), _focused(text, asked, focus))
                                         or _focus_count(text, focus))) for text, offset in sentences]
        for (text, offset, span), sl in zip(own, slots):
            # Parallel ";"-clauses each stating a count ("… trung cấp … là 06 tuần; … sơ cấp là 04
            # tuần") are told apart by the question's words in each, not by the slot's one place.
            span = span or not any(found for _, _, found in own) and counted(
                text, question, _focused(text, asked, focus) if focus else [sl.start] if sl and ";" not in text
                else _anchors(text, asked), focus)
            if span:
                span = _bounded(text, span)
                return ShortAnswer(text[span[0]:span[1]], offset + span[0], offset + span[1], "number"), "counted"
    if kind is None and re.search(r"(?<!\w)nào(?!\w)", question):
        kind = "entity"  # "Sân bay nào …?", "Cơn bão nào …?": a name
    # "Sân bay nào …?": the name after "sân bay" in the quote. Where the question word's place
    # holds a name it wins (it reads the question's other words too: "chi bộ nào góp ý …" among
    # several "Chi bộ …"); where it holds none ("lớn thứ hai thế giới"), the headed name does.
    named = _headed(question, sentences) if kind in ("entity", "organisation") else None
    party = kind == "person" and _PARTY.search(question)
    if party:
        kind = None  # "phối hợp giữa cấp ủy với ai?": the other party, whoever or whatever it is
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
                return named, "headed"
            # A stretch of function words ("ở", "đã", "và") or, asked "X nào", one with no name
            # or noun ("bao phủ", "đứng") is a misplaced slot: the finders below read on.
            if sp and _says_something(kind, stretch, question):
                named = _names(stretch, question.lower()) if party else []
                if named:  # "kết hôn với ai?" → "bà Trần Thị Bình": the name, a person
                    (a, b), sp = named[0], (sp[0] + named[0][0], sp[0] + named[0][1])
                    return ShortAnswer(stretch[a:b], offset + sp[0], offset + sp[1], "person"), "slot"
                return ShortAnswer(stretch, offset + sp[0], offset + sp[1], kind or "span"), "slot"
    if named:
        return named, "headed"
    if kind == "person":
        named_in = [bool(_names(text, question.lower())) for text, _ in sentences]
        unnamed = [s for s, named_here in zip(sentences, named_in) if not named_here]
        if any(named_in):
            # "Ai phát động phong trào thi đua năm 2021?": the sentence saying so names roles, not
            # people ("Ban Giám đốc, Chủ tịch Công đoàn cơ sở đã phát động …"), though its neighbour
            # names the Director; it says more of the question than any sentence naming someone.
            # Not "ai là …?", which asks who someone is: a name, which another sentence may give.
            most = max(does_said(question, text) for (text, _), named_here in zip(sentences, named_in) if named_here)
            unnamed = [] if _WHO_IS.search(question) else \
                [(text, offset) for text, offset in unnamed if does_said(question, text) >= max(3, most + 1)]
        role = _role(question, unnamed) if unnamed else None  # the role that does it, as statutes write
        # Beside a sentence naming someone, a role named with a capital only.
        if role and (not any(named_in) or role.text[:1].isupper()):  # without an open answer's edge words
            return replace(_edges(replace(role, kind="span")), kind="person"), "role"
    if kind == "definition":  # "… được gọi là gì?": what is named, where the quote describes it
        for text, offset in sentences:
            sp = _defined_subject(text, question)
            if sp:
                return ShortAnswer(text[sp[0]:sp[1]], offset + sp[0], offset + sp[1], "definition"), "defined"
    # A date, count, person or place question gets that or nothing: another span would mislead.
    fallback = [] if kind in _TYPED else ["gap"]
    if kind == "date" and bound_asked(question):
        # "… có hiệu lực từ ngày nào?": a sentence dating something "từ ngày …" answers before a
        # better-worded one that only cites another decree's issue date.
        order = sorted(range(len(sentences)), key=lambda k: not dated_as_asked(sentences[k][0], question))
        sentences, slots = [sentences[k] for k in order], [slots[k] for k in order]
    part = kind == "person" and asks_who_does(question)
    for finder_kind in ([kind] if kind in _FINDERS else []) + fallback:
        finder = _FINDERS.get(finder_kind, _gap)
        pool = []
        for k, ((text, offset), sl) in enumerate(zip(sentences, slots)):
            # A typed span nearest the question word's place beats one nearest any shared word.
            anchors = _focused(text, asked, focus) if focus else [sl.start] if sl else _anchors(text, asked)
            used, span = finder, finder(text, question, anchors)
            # No person's name: a body's, a thing's, where the sentence says the deed asked ("Ai
            # chủ trì …?" got "Sở Giáo dục và Đào tạo" out of "… Sở … Trà Vinh tổ chức Hội nghị").
            if not span and finder_kind == "person" and (does_said(question, text) or not asks_who_does(question)):
                used, span = _entity, _entity(text, question, anchors)
            if span and span[1] > span[0]:
                sp = _trim(text, *span)
                if sp:
                    s, e = sp
                    found = ShortAnswer(text[s:e], offset + s, offset + e, finder_kind if finder_kind != "gap" else "span")
                    # The capitalised name nearest the question's words, which an organisation
                    # question and a person question with no person's name get, is a guess.
                    basis = "entity" if used is _entity else finder_kind
                    if finder_kind not in _ACROSS:
                        return found, basis
                    pull = _pull((s, e), _focused(text, asked, focus))
                    # A body's initials ("BCH Đảng", "UBND tỉnh") name no person: a name in
                    # another quoted sentence is the answer.
                    initials = finder_kind == "person" and _INITIALS.search(found.text)
                    # Asked who did what only a person does there ("Ai chủ trì …?"), a name from a
                    # sentence that does not say it is a guess: "Tới dự và chỉ đạo đại hội có đồng
                    # chí Nguyễn Đức Thắng" had been given, as sure, for who chaired.
                    said = not part or part_said(question, text)
                    basis = basis if said else "entity"
                    pool.append((not initials, said, pull + (_SLOT_PULL if sl else 0.0) - _ORDER * k, -k, found, basis))
        if pool:
            return max(pool, key=lambda x: x[:4])[4:]
    if kind == "date" and _ASKS_WHEN.search(question):
        found = _condition(sentences)
        return (found, "condition") if found else None
    if kind == "date":
        found = moment(question, sentences)
        return (found, "condition") if found else None
    return None


# "ai" after a word joining two parties asks the other party, often a body or a role
# ("thủ trưởng cơ quan"), which the stretch where the question word stands names.
_PARTY = re.compile(r"(?<!\w)(?:giữa(?:\s+những)?|với|cùng)\s+(?:những\s+)?ai\s*\??\s*$", re.IGNORECASE)


def _whole_parenthesis(found: ShortAnswer, sentences: list[tuple[str, int]]) -> ShortAnswer:
    """Asked "những … nào", a span inside a parenthesised enumeration is the enumeration whole:
    "2 đơn vị sự nghiệp (Trường Phổ thông DTNT tỉnh, Trung tâm GDTX tỉnh Kon Tum)"."""
    text, offset = _sentence_of(found, sentences)
    if text is None:
        return found
    s, e = found.start - offset, found.end - offset
    opened, closed = text.rfind("(", 0, s), text.find(")", e)
    if opened < 0 or closed < 0 or set("()") & set(text[opened + 1:closed]) or "," not in text[opened:closed]:
        return found
    return replace(found, text=text[opened + 1:closed], start=offset + opened + 1, end=offset + closed)


# A count in one clause of an enumeration: the number and the noun it counts ("04 công chức …").
_CLAUSE_COUNT = re.compile(r"(?<![\w/.,-])\d+(?:/\d+)?\s+[^\W\d_]+")
_CLAUSE_END = re.compile(r"[,;:]\s|\.\s|$")


def _focus_count(text: str, focus: tuple[str, ...]) -> tuple[int, int] | None:
    """A follow-up's count where it names no counted noun ("Còn bằng khen của Chủ tịch UBND tỉnh
    thì sao?" after "… bao nhiêu cá nhân đạt …?"): the number opening the clause that says most
    of its own words ("04 công chức được Chủ tịch Ủy ban nhân dân tỉnh tặng bằng khen …"), when
    that clause says at least two of them (one, if it has only one)."""
    wanted, best, start = set(focus), None, 0
    for end in _CLAUSE_END.finditer(text):
        clause = text[start : end.start()]
        said = len(wanted & {t.lower() for t in re.findall(r"\w+", clause)})
        number = _CLAUSE_COUNT.search(clause)
        if number and said >= min(2, len(wanted)) and (best is None or said > best[0]):
            best = (said, start + number.start(), _word_end(text, start + number.end()))
        start = end.end()
        if start >= len(text):
            break
    return best[1:] if best else None


def _focused(text: str, asked: set[str], focus: tuple[str, ...]) -> list[tuple[int, float]]:
    """The weighed anchors of ``text`` (:func:`_anchors`); of a follow-up's ("Còn dự khuyết?"),
    only its own words where the sentence says them: the earlier question it borrows ("… gồm bao
    nhiêu đại biểu chính thức?") says what is asked, not which of its answers."""
    anchors = _anchors(text, asked)
    own = [(a, w) for a, w in anchors if _TOKEN.match(text, a).group(0).lower() in focus] if focus else []
    return own or anchors


_INITIALS = re.compile(r"(?<!\w)(?![IVXLC]+(?!\w))[A-ZĐ]{2,}(?!\w)")


# Words that answer nothing on their own: a stretch made only of these is a misplaced slot.
_EMPTY = _EDGE_WORDS | {"ở", "vào", "nhất", "gần", "đây", "rất", "không", "nhiều", "ít", "vì", "hơn", "vậy", "thế"}


_REFERENCE = re.compile(r"(?:(?:quy định )?tại )?(?:(?:điểm [a-zđ]|khoản \d+|điều \d+)[,\s]*)+(?:(?:điều|luật|nghị định|"
                        r"thông tư) này|(?:của )?(?:luật|nghị định|thông tư)(?: \S+)?)?", re.I)


_ASKS_PROVISION = re.compile(r"(?<!\w)(?:điều|khoản|điểm|chương|mục)\s+(?:nào|mấy|bao nhiêu)(?!\w)", re.I)


def _says_something(kind: str | None, span: str, question: str = "") -> bool:
    """Whether a slotted stretch can be an answer: not only function words, and, asked "X nào",
    a name or a noun."""
    words = span.lower().split()
    if all(w.strip(",.;:") in _EMPTY for w in words):
        return False
    if re.fullmatch(r"[\d\s.,/-]+", span) and re.search(r"(?<!\w)(?:như )?thế nào(?!\w)", question, re.I):
        return False  # "… năm 2020 như thế nào?" → "2020": a year says how nothing
    if _REFERENCE.fullmatch(span.strip(" ,.;:")) and not _ASKS_PROVISION.search(question):
        return False  # "… quy định tại khoản 1 Điều này": a pointer to another clause names nothing
    head = _HEAD_ASKED.search(question.lower())
    if head and {w.strip(",.;:()") for w in words} <= set(head["head"].split()):
        return False  # "… khó khăn, thách thức gì?" → "thách thức": the noun asked by, no answer (an API probe)
    if kind in ("entity", "organisation"):
        return span[:1].isupper() or any(tag.startswith("N") or tag == "M" for _, tag in pos_tags(span))
    return True


_HEAD_ASKED = re.compile(r"(?P<head>[^\W\d_]+(?:\s+[^\W\d_]+)?)\s+(?:gì|nào)(?!\w)")  # "thách thức gì"


def fits(kind: str | None, sentence: str, question: str) -> bool:
    """Whether ``sentence`` holds the kind of span ``question`` asks for (a new date, the counted
    noun after a number, a person's name, a quotation), which makes it likelier to answer."""
    if asks_purpose(question):  # "… nhằm mục đích gì?": a sentence saying "nhằm …"
        return bool(PURPOSE.search(sentence))
    if kind == "number":
        # "bao nhiêu đảng viên": a number followed by "đảng viên"; a bare "1" elsewhere is no answer.
        asks = dict(KINDS)["number"].search(question)
        named = asks and re.findall(r"[^\W\d_]+", question[asks.end():])
        return bool(counted(sentence, question)) if named else bool(_number_candidates(sentence, question))
    if kind == "date":
        return _date(sentence, question, []) is not None or timed(question, sentence)
    if kind == "person":  # who chaired, presented: a name where the sentence says so
        return bool(_names(sentence, question.lower())) and (not asks_who_does(question) or part_said(question, sentence))
    if kind == "quote":
        return bool(_QUOTED.search(sentence)) or ":" in sentence
    return False
