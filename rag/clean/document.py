"""Clean one document: normalise text, strip web boilerplate, extract metadata → :class:`Article`."""

from __future__ import annotations

import re

from rag.clean.boilerplate import strip_boilerplate
from rag.clean.metadata import (DOCUMENT_TYPES, STATUTE_TYPES, author_of, event_date, is_date_line, organisation_of, parse_date,
                                 parse_stated_date, source_of, unlabelled_author)
from rag.clean.normalize import normalize_query, normalize_text
from rag.documents import Article, RawDocument

# A body paragraph: long, or a sentence that ends with punctuation.
_MIN_BODY_CHARS = 160
_MAX_TITLE_CHARS = 300


def _is_body(line: str) -> bool:
    return len(line) >= _MIN_BODY_CHARS or (len(line) > 60 and line.rstrip().endswith((".", ":", ";")))


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _find_title(lines: list[str]) -> tuple[int, int] | None:
    """Line range of the headline: the last short line(s) before the first body paragraph.

    Pages list menu items and links to other news above the headline; the headline is the
    candidate nearest the body. An all-capitals headline often wraps over several lines,
    so consecutive capitalised lines are joined.
    """
    named = _statute_name(lines) or _named_first(lines)
    if named:
        return named
    first_body = next((i for i, line in enumerate(lines) if _is_body(line)), None)
    if first_body is None:  # short text: a first line followed by more lines is its title
        filled = [i for i, line in enumerate(lines) if line]
        return (filled[0], filled[0] + 1) if len(filled) > 1 and len(lines[filled[0]]) <= _MAX_TITLE_CHARS else None
    candidates = [
        i for i in range(first_body)
        if lines[i] and not is_date_line(lines[i]) and len(lines[i]) <= _MAX_TITLE_CHARS
        and author_of(lines[i]) is None and not _CLAUSE.search(lines[i])
    ]
    if not candidates:
        return None
    end = start = candidates[-1]
    if _is_upper(lines[end]):
        for i in reversed(candidates[:-1]):
            if not _is_upper(lines[i]) or any(lines[j] for j in range(i + 1, start)):
                break
            start = i
    elif start and _DOCUMENT_TYPE.fullmatch(lines[start - 1].strip()):
        start -= 1  # "NGHỊ ĐỊNH" above "Quy định chi tiết …": the document's name is both lines
    return start, end + 1


# An official document's dateline above its name: "Hà Nội, ngày 02 tháng 3 năm 2026".
_DATELINE = re.compile(r",\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(?:19|20)\d{2}\s*$", re.IGNORECASE)

# A statute's preamble ("Căn cứ Luật … ;"), its article and chapter headings ("Điều 1. Mức học
# bổng", "Chương II") and any line ending in ";" or "," are clauses, not a headline: the last
# short line before a statute's first long paragraph is one of these.
_CLAUSE = re.compile(r"^\s*(?:căn cứ|theo đề nghị|(?:điều|chương|mục)\s+(?:\d+[a-zđ]?|[IVXLC]+)\b)|[;,]\s*$",
                     re.IGNORECASE)
# A statute's number in its header, "Số: 66/2026/NĐ-CP": staff and other statutes cite it by
# that number ("Nghị định số 66/2026"), so its name carries it.
_NUMBER = re.compile(r"(?<!\w)Số\s*:\s*(\d+/\d{4}/[\w-]+)", re.IGNORECASE)
_PREAMBLE = re.compile(r"\s*căn cứ\b", re.IGNORECASE)
_DOCUMENT_TYPE = re.compile(rf"(?:{'|'.join(DOCUMENT_TYPES)})(?!\w)")


def _statute_name(lines: list[str]) -> tuple[int, int] | None:
    """Line range of a statute's name: its type line and the lines below it, down to its
    preamble ("LUẬT" / "SỬA ĐỔI, BỔ SUNG … CỦA LUẬT" / "GIÁO DỤC ĐẠI HỌC" / "Căn cứ …"). The short
    lines nearer its first long paragraph are chapter and article headings, not its name.
    Only above a preamble, a few lines down: a page's menu may hold a "HƯỚNG DẪN" too."""
    preamble = next((i for i, line in enumerate(lines[:80]) if _PREAMBLE.match(line)), None)
    if preamble is None:
        return None
    for typed in range(preamble - 1, max(-1, preamble - 6), -1):
        if _DOCUMENT_TYPE.fullmatch(lines[typed].strip()):
            name = [x for x in lines[typed + 1 : preamble] if x.strip()]
            if name and all(len(x) <= _MAX_TITLE_CHARS and not _CLAUSE.search(x) for x in name):
                return typed, preamble
            return None
    return None


# A statute saved with its citation on the first line ("Nghị định 93/2026/NĐ-CP quy định chi tiết …")
# and no header: that line names it; the short lines nearest its body are the laws it rests on.
_CITED = re.compile(rf"({'|'.join(STATUTE_TYPES)})\s+(?:số\s+)?(\d{{1,4}}/(?:19|20)\d{{2}}/[\w-]+)\s+\S", re.IGNORECASE)
_FIRST_ARTICLE = re.compile(r"^\s*Điều 1\.", re.MULTILINE)


def _named_first(lines: list[str]) -> tuple[int, int] | None:
    """Line range of a statute's citation on its first line, when its articles follow."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or len(lines[first]) > _MAX_TITLE_CHARS or not _CITED.match(lines[first].strip()):
        return None
    return (first, first + 1) if any(_FIRST_ARTICLE.match(line) for line in lines[first + 1 :]) else None


def clean_document(doc: RawDocument) -> Article:
    """Turn a raw document into a clean article; stated metadata wins over inferred."""
    text = normalize_text(doc.text)
    lines = strip_boilerplate(text.split("\n"))
    author, source, body, bylines = None, None, [], []
    for line in lines:
        if (found := author_of(line)) and author is None:
            author = found
            bylines.append(line)
        elif (found := source_of(line)) and source is None:
            source = found
        else:
            body.append(line)
    if author is None and sum(bool(line.strip()) for line in body) > 1:
        author = unlabelled_author(next(line for line in reversed(body) if line.strip()))
    title = normalize_query(doc.title) if doc.title else None
    date = parse_stated_date(doc.date) if doc.date else None
    if title:
        # An HTML page's text opens with its own headline again: it is the title, not prose.
        while body and (not body[0].strip() or body[0].strip().casefold() == title.casefold()):
            body.pop(0)
    span = None if title else _find_title(body)
    cited_first = span is not None and span == _named_first(body)
    if span:
        title = " ".join(line for line in body[span[0] : span[1]] if line)
        header, body = body[: span[0]], body[span[1] :]
        kind = _DOCUMENT_TYPE.match(title)
        number = next((m.group(1) for h in header if (m := _NUMBER.search(h))), None) if kind else None
        if number:  # "NGHỊ ĐỊNH số 66/2026/NĐ-CP Quy định chi tiết …"
            title = f"{title[: kind.end()]} số {number}{title[kind.end() :]}"
        elif cited_first and (cited := _CITED.match(title)):
            # "Nghị định 93/2026/NĐ-CP quy định …" on a statute's first line: named as the
            # cleaner names statutes; a news headline citing one keeps its words.
            title = f"{cited.group(1).upper()} số {cited.group(2)}{title[cited.end(2) :]}"
        # Lines above a headline are navigation; a date stated just below it is the
        # publication date, and it is not part of the article's prose.
        while body and (not body[0] or is_date_line(body[0])):
            if body[0] and date is None:
                date = parse_date(body[0])
            body.pop(0)
        if date is None:
            date = next((parse_date(h) for h in header if is_date_line(h) or _DATELINE.search(h)), None)
    # The by-line stays in the text, last, where most pages print it: "who wrote this?" is
    # answered by quoting it. Kept out of the header until now, so that the date below the
    # headline and the event date of the first paragraph are read past it.
    body_text = re.sub(r"\n{3,}", "\n\n", "\n".join(body + bylines)).strip()
    title = title or _fallback_title(doc.path)
    date_kind = "published" if date else None
    if date is None:
        # No publication date on the page: a report states its event's date up front.
        date = event_date(next((line.strip() for line in body if line.strip()), ""))
        date_kind = "event" if date else None
    return Article(
        id=doc.id, path=doc.path, title=title, text=body_text, date=date, date_kind=date_kind,
        author=normalize_query(doc.author) if doc.author else author,
        source=normalize_query(doc.source) if doc.source else (organisation_of(title + "\n" + body_text) or source),
        url=doc.url,
    )


def _fallback_title(path: str) -> str:
    name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return name.replace("_", " ").replace("-", " ").strip() or "(không có tiêu đề)"
