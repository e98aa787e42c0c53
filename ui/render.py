"""How answers and their sources look in the chat (pure functions, unit-tested)."""

from __future__ import annotations

import html
from datetime import date, datetime

LONG_PASSAGE = 600  # characters; longer passages start collapsed


def vn_date(iso: str | None) -> str:
    """``2020-05-21`` as ``21/05/2020`` (Vietnamese order); empty if unknown."""
    if not iso:
        return ""
    try:
        return date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso


def vn_datetime(iso: str | None) -> str:
    """An ISO timestamp in the reader's local time, ``22/11/2026 12:24``; empty if unknown."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso


def highlighted_passage(citation: dict) -> str:
    """The passage as HTML with the quoted answer span marked; everything else escaped."""
    passage, offset = citation["passage"], citation["passage_start"]
    s, e = citation["start"] - offset, citation["end"] - offset
    if not (0 <= s <= e <= len(passage)):
        return html.escape(passage)
    return (html.escape(passage[:s]) + "<mark>" + html.escape(passage[s:e]) + "</mark>"
            + html.escape(passage[e:])).replace("\n", "<br>")


def source_line(citation: dict) -> str:
    """``**[1] Title** · 21/05/2020 · Organisation · link`` (Markdown)."""
    parts = [f"**[{citation['number']}] {_md(citation['title'])}**"]
    if citation.get("date"):
        parts.append(vn_date(citation["date"]))
    if citation.get("source"):
        parts.append(_md(citation["source"]))
    if citation.get("url"):
        parts.append(f"[Xem bài gốc]({citation['url']})")
    else:
        parts.append(f"`{citation['file'].rsplit('/', 1)[-1]}`")
    return " · ".join(parts)


def short_answer_text(short: dict) -> str:
    """The short answer as Markdown, bold, with its citation marker: ``**21/5/2020 [1]**``.

    A list ("- …" lines) stays a Markdown list, each item bold: ``**`` around several lines
    would show as literal asterisks.
    """
    lines = [line.strip() for line in short["text"].split("\n") if line.strip()]
    marker = f" [{short['citation']}]"
    if len(lines) > 1:
        items = [f"- **{_md(line.lstrip('-+•*– ').strip())}**" for line in lines]
        return "\n".join(items) + marker
    return f"**{_md(short['text'])}{marker}**"


def is_long(citation: dict) -> bool:
    """Whether the passage is long enough to start collapsed."""
    return len(citation["passage"]) > LONG_PASSAGE


def _md(text: str) -> str:
    return text.replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")
