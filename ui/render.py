"""How answers and their sources look in the chat (pure functions, unit-tested)."""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import datetime

from rag.clean.metadata import organisation_label, vn_date
from rag.wording import GUESS_LEAD, GUESS_NOTE, VERDICTS, with_day, with_verdict
from ui.reasons import vietnamese

LONG_PASSAGE = 600  # characters; longer passages start collapsed


def vn_datetime(iso: str | None) -> str:
    """An ISO timestamp in the reader's local time, ``22/11/2026 12:24``; empty if unknown."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso


def conversation_label(title: str, updated_at: str | None, now: datetime | None = None, width: int = 34) -> str:
    """A recent conversation's button label: its first question, cut to ``width``, and when it
    last changed (the time today, else the day), so that conversations opened with the same
    question can be told apart ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn … · 14:05")."""
    title = title if len(title) <= width else title[: width - 1].rstrip() + "…"
    try:
        when = datetime.fromisoformat(updated_at).astimezone() if updated_at else None
    except ValueError:
        when = None
    if when is None:
        return title
    now = (now or datetime.now().astimezone()).astimezone(when.tzinfo)
    return f"{title} · {when.strftime('%H:%M' if when.date() == now.date() else '%d/%m')}"


def highlighted_passage(citation: dict) -> str:
    """The passage as HTML with the quoted answer span marked; everything else escaped."""
    passage, offset = citation["passage"], citation["passage_start"]
    s, e = citation["start"] - offset, citation["end"] - offset
    if not (0 <= s <= e <= len(passage)):
        return html.escape(passage)
    return (html.escape(passage[:s]) + "<mark>" + html.escape(passage[s:e]) + "</mark>"
            + html.escape(passage[e:])).replace("\n", "<br>")


def date_label(record: dict) -> str:
    """``21/05/2020``, or ``21/05/2020 (ngày sự kiện)`` when the date is the event's, not the publication's.

    ``date_kind`` ("published" / "event") comes from the clean step; older APIs do not send it.
    """
    text = vn_date(record.get("date"))
    if text and record.get("date_kind") == "event":
        text += " (ngày sự kiện)"
    return text


def source_line(citation: dict) -> str:
    """``**[1] Title** · 21/05/2020 · Organisation · link`` (Markdown); never a server path."""
    parts = [f"**[{citation['number']}] {_md(citation['title'])}**"]
    if citation.get("date"):
        parts.append(date_label(citation))
    if citation.get("source"):
        parts.append(_md(citation["source"]))
    if safe_url(citation.get("url")):
        parts.append(f"[Xem bài gốc]({citation['url']})")
    return " · ".join(parts)


def safe_url(url: str | None) -> str | None:
    """The URL if it is a web address (a ``javascript:`` link must never become clickable)."""
    return url if url and re.match(r"^https?://[^\s]+$", url.strip(), re.IGNORECASE) else None


def article_html(text: str, start: int | None = None, end: int | None = None) -> str:
    """A whole article as HTML paragraphs, the span ``text[start:end]`` marked; everything else escaped."""
    if start is not None and end is not None and 0 <= start <= end <= len(text):
        body = (html.escape(text[:start]) + "<mark id='trich-dan'>" + html.escape(text[start:end]) + "</mark>"
                + html.escape(text[end:]))
    else:
        body = html.escape(text)
    return "<p>" + body.replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p>"


def filters_text(filters: dict | None) -> str:
    """The filters an answer was given under, in words: ``Phạm vi: Sở … · từ 01/01/2021``."""
    return "Phạm vi tìm: " + (_scope(filters or {}) or "tất cả bài viết")


def _scope(filters: dict) -> str:
    """The filters set, in words (``đơn vị “…” · từ 01/01/2021``), or ``""``."""
    parts = []
    if filters.get("source"):
        parts.append(f"đơn vị “{organisation_label(filters['source'])}”")
    if filters.get("date_from"):
        parts.append(f"từ {vn_date(str(filters['date_from']))}")
    if filters.get("date_to"):
        parts.append(f"đến {vn_date(str(filters['date_to']))}")
    return " · ".join(parts)


def coverage_text(status: dict, filters: dict | None = None, articles: list[dict] | None = None) -> str:
    """One line on what the index covers: articles, organisations, date range; with filters on
    and ``articles`` (every article's summary) at hand, how many of them the filters leave."""
    n, sources = status.get("articles", 0), status.get("sources") or []
    if not n:
        return "Chưa có bài viết nào trong chỉ mục."
    if filters and any(filters.values()) and articles is not None:
        inside = sum(in_filters(a, filters) for a in articles)
        scope = _scope(filters)
        if not inside:
            return (f"Không có bài viết nào trong phạm vi lọc ({scope}); chỉ mục có {n} bài viết. "
                    "Hãy nới bộ lọc ở thanh bên.")
        return f"Đang tra cứu trong {inside}/{n} bài viết thuộc phạm vi lọc ({scope})."
    line = f"Đang tra cứu trong {n} bài viết của {len(sources)} đơn vị" if sources else f"Đang tra cứu trong {n} bài viết"
    first, last = status.get("first_date"), status.get("last_date")
    if first and last:
        line += f", từ {vn_date(first)} đến {vn_date(last)}"  # publication or event dates
    return line + "."


def in_filters(article: dict, filters: dict) -> bool:
    """Whether an article summary (``GET /articles``) is inside the chat's filters as the API
    reads them: the organisation chosen from the list (an exact name), its date (publication,
    else event) inside the range; an undated article is outside any range."""
    if filters.get("source") and article.get("source") != filters["source"]:
        return False
    date = article.get("date")
    if (filters.get("date_from") or filters.get("date_to")) and not date:
        return False
    if filters.get("date_from") and date < str(filters["date_from"]):
        return False
    return not (filters.get("date_to") and date > str(filters["date_to"]))


_EVENT = re.compile(r"^(hội nghị|đại hội|hội thi|hội thảo|kỳ thi|cuộc thi|lễ|tọa đàm|toạ đàm|diễn đàn)\b", re.IGNORECASE)


def example_questions(titles: list[str], limit: int = 3) -> list[str]:
    """Questions the index can answer, made from article titles.

    An event ("Hội nghị …") becomes "… diễn ra khi nào?", anything else a request for the
    article's gist ("Tóm tắt bài “…”"), which quotes its opening: "… như thế nào?" has no
    span to answer with, and a staff user's first click got a guess from another article.
    Titles in capitals are skipped when others exist: lower-casing them would also lower
    the place names.
    """
    mixed = [t for t in titles if t and not t.isupper()]
    chosen = (mixed or [t.capitalize() for t in titles if t])[:limit]
    questions = []
    for title in chosen:
        title = " ".join(title.split()).rstrip(" .:;!?")
        if len(title) > 90 and "," in title:
            title = title.split(",", 1)[0]  # "Hội nghị sơ kết …, triển khai …" → its first clause
        questions.append(f"{title} diễn ra khi nào?" if _EVENT.match(title) else f"Tóm tắt bài “{title}”")
    return questions


def understood_as(question: str, reply: dict, earlier: list[str] | None = None) -> str | None:
    """How a follow-up was read ("Còn khoản 2 thì sao?" → the question it stands for), if not
    as typed; one that borrows the earlier question whole ("Còn dự khuyết?" searched as "dự
    khuyết? Đoàn đại biểu … chính thức?") reads as that question, asked about its own words."""
    query = reply.get("query")
    if not query or query == question or reply.get("status") == "chitchat":  # "Chào bạn, bạn là ai?"
        return None
    borrowed = _BORROWED.match(query)
    own_question = borrowed and borrowed["own"].strip() == question.strip().rstrip("?").strip()
    if borrowed and borrowed["earlier"][:1].isupper() and len(borrowed["own"].split()) <= 6 and not own_question:
        return f"Đã hiểu câu hỏi là: “{borrowed['earlier']}”, hỏi về “{borrowed['own']}”"
    if borrowed and (borrowed["earlier"][:1].isupper() or own_question):
        # "Hội nghị đó …?" searched with the earlier question after it, for "đó": the two apart
        # (the earlier one may have been typed in lower case).
        return f"Đã hiểu câu hỏi là: “{borrowed['own']}?”, tiếp theo câu “{borrowed['earlier']}”"
    # "còn bằng khen của Chủ tịch UBND tỉnh thì sao?" searched as its own words before an
    # ``earlier`` question, with no "?" between: told apart where that question starts (a staff
    # user had read "… Chủ tịch UBND tỉnh Có bao nhiêu cá nhân …").
    said = " ".join(unicodedata.normalize("NFC", query).split())
    for before in reversed(earlier or []):
        before = " ".join(unicodedata.normalize("NFC", before).split())
        own = said[: -len(before)].strip() if before and said.endswith(" " + before) else ""
        if own and len(own.split()) <= 8:
            return f"Đã hiểu câu hỏi là: “{before}”, hỏi về “{own}”"
    return f"Đã hiểu câu hỏi là: “{query}”"


_BORROWED = re.compile(r"^(?P<own>[^?]{1,80})\?\s+(?P<earlier>\S.*)$", re.S)


def answer_as_text(question: str, reply: dict, filters: dict | None = None) -> str:
    """An answer with its sources as plain text, to paste into an e-mail or a report (a
    follow-up with how it was read, which the answer depends on)."""
    lines = [f"Hỏi: {question}"]
    if read_as := understood_as(question, reply):
        lines.append(f"({read_as})")
    short = reply.get("short_answer")
    if short:
        label = "Trả lời ngắn" if short.get("sure", True) else f"{GUESS_LEAD} ({GUESS_NOTE})"
        text = with_day(short["text"], short.get("day"))
        lines.append(f"{label}: {with_verdict(text, short.get('verdict'), short.get('holder'))} [{short['citation']}]")
    lines.append(f"Trả lời: {reply.get('answer', '')}")
    citations = reply.get("citations") or []
    if citations:
        lines += ["", "Nguồn:"]
        for c in citations:
            meta = [m for m in (c.get("source"), date_label(c), safe_url(c.get("url"))) if m]
            lines.append(f"[{c['number']}] {c['title']}" + (f" — {' — '.join(meta)}" if meta else ""))
            lines.append(f"    “{c['quote']}”")
    lines += ["", filters_text(filters)]
    return "\n".join(lines)


def short_answer_text(short: dict) -> str:
    """The short answer as Markdown, bold, with its citation marker: ``**21/5/2020 [1]**``.

    A list ("- …" lines) stays a Markdown list, each item bold: ``**`` around several lines
    would show as literal asterisks. A sure answer on one line opens with a capital, after its
    yes/no verdict if it has one (``**Không** — **Phó Giám đốc Sở GDĐT [1]**``). A guess (``sure`` false) is not bold and says it is one:
    a third to 60 % of them miss entirely on the dev sets, and a bold wrong answer above a
    right quote misleads.
    """
    lines = [line.strip() for line in short["text"].split("\n") if line.strip()]
    marker = f" [{short['citation']}]"
    if not short.get("sure", True):
        return f"{GUESS_LEAD}: {_md(' '.join(lines))}{marker} _({GUESS_NOTE} bên dưới)_"
    if len(lines) > 1:
        items = [f"- **{_md(line.lstrip('-+•*– ').strip())}**" for line in lines]
        return "\n".join(items) + marker
    verdict = VERDICTS.get(short.get("verdict"))  # "X có phải là …?": yes or no first, then whose posts
    # Whose posts, also without a verdict ("Bà … có phải là Bí thư …?" where the article is silent).
    whose = f"{_md(short['holder'])}: " if short.get("kind") == "post" and short.get("holder") else ""
    text = with_day(_capitalised(short["text"]), short.get("day"))  # "08 ngày 5 năm 2023 (08/05/2023)"
    return (f"**{verdict}** — " if verdict else "") + f"**{whose}{_md(text)}{marker}**"


def _capitalised(text: str) -> str:
    """The span is quoted from mid-sentence ("không ghi …", "“trong sạch …”"); standing as the
    reply's first line it reads as one, so its first letter is a capital, unless its first
    word is written with one inside ("eLearning") or a number opens it ("139 đảng viên"). The API keeps the span verbatim."""
    m = re.search(r"[^\W\d_]", text)
    if not m or re.search(r"\d", text[: m.start()]):  # "139 đảng viên": the count opens it, not a word
        return text
    word = re.match(r"\w+", text[m.start() :]).group(0)
    if any(ch.isupper() for ch in word[1:]):
        return text
    return text[: m.start()] + text[m.start()].upper() + text[m.start() + 1 :]


def is_long(citation: dict) -> bool:
    """Whether the passage is long enough to start collapsed."""
    return len(citation["passage"]) > LONG_PASSAGE


def answer_markdown(text: str) -> str:
    """The answer as Markdown that shows it as written: its line breaks kept (a statute's
    clauses and points each on a line of their own, where Markdown would run them together),
    and nothing in it read as Markdown ("1." opens no list, "*" no emphasis, "#" no heading)."""
    return "\n\n".join("  \n".join(_BLOCK_MARK.sub(r"\1\\\2", _md(line)) for line in paragraph.split("\n"))
                       for paragraph in text.split("\n\n"))


# What opens a Markdown block at a line's start: "1." / "2)" (a list), "-", "+", "#", ">".
_BLOCK_MARK = re.compile(r"^(\s*(?:\d{1,9})?)([.)](?=\s)|(?<!\d)[-+#>])", re.MULTILINE)


def blockquote(text: str) -> str:
    """``text`` as a Markdown block quote, every line of it, its Markdown characters escaped."""
    return "\n".join("> " + _md(line) for line in text.split("\n"))


def rebuild_summary(rebuild: dict) -> list[str]:
    """What the last finished rebuild did, in plain Vietnamese, one sentence per line.

    A rebuild right after an upload adds nothing itself (the upload indexed the article at
    once); ``report.between`` says so, so that "thêm 0" does not read as a lost upload.
    """
    r = rebuild.get("report") or {}
    when = vn_datetime_ts(rebuild.get("finished_at"))
    lines = [f"Lần cập nhật chỉ mục gần nhất{f' ({when})' if when else ''}: từ thư mục bài viết "
             f"thêm {r.get('added', 0)}, sửa {r.get('updated', 0)}, xoá {r.get('removed', 0)} bài."]
    between = r.get("between") or {}
    if between.get("added") or between.get("updated") or between.get("removed"):
        since = ("từ lần cập nhật trước" if between.get("since_kind") == "rebuild" else "từ khi máy chủ khởi động")
        parts = []
        if between.get("added"):
            parts.append(f"{between['added']} bài được tải lên ({_titles(between.get('added_titles'))})")
        if between.get("updated"):
            parts.append(f"{between['updated']} bài được sửa ({_titles(between.get('updated_titles'))})")
        if between.get("removed"):
            parts.append(f"{between['removed']} bài bị xoá ({_titles(between.get('removed_titles'))})")
        lines.append(f"Ngoài ra, {since}: {'; '.join(parts)} — đã có hiệu lực ngay lúc tải lên hoặc xoá, "
                     "nên lần cập nhật này không tính lại.")
    if "articles_before" in r:
        lines.append(f"Chỉ mục hiện có {r.get('total_articles', 0)} bài viết (trước khi cập nhật: {r['articles_before']}).")
    else:
        lines.append(f"Chỉ mục hiện có {r.get('total_articles', 0)} bài viết.")
    errors = r.get("errors") or []
    if errors:
        named = "; ".join(f"{e[0]} ({vietnamese(e[1])})" for e in errors[:5])
        more = f"; và {len(errors) - 5} tệp khác" if len(errors) > 5 else ""
        lines.append(f"{len(errors)} tệp không đọc được và đã bị bỏ qua: {named}{more}.")
    return lines


def vn_datetime_ts(seconds: float | None) -> str:
    """A Unix time in the reader's local time, ``22/11/2026 12:24``; empty if unknown."""
    if not seconds:
        return ""
    return datetime.fromtimestamp(seconds).strftime("%d/%m/%Y %H:%M")


def _titles(titles: list[str] | None) -> str:
    return ", ".join(f"“{t}”" for t in (titles or [])[:3]) + ("…" if titles and len(titles) > 3 else "")


def _md(text: str) -> str:
    return text.replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")
