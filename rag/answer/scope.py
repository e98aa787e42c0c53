"""Scope: what the question pins down must be in the evidence it is answered from.

A question about "Sở GDĐT Bình Định", "năm 2022" or "nhiệm kỳ 2025-2030" is not answered by
an article about Trà Vinh, 2021 or the 2020-2025 term, however similar their wording: the
evidence is kept only if it names the same province, year, term and person; when none
does, the reply says so and says what the articles do cover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.answer.question import Question
from rag.retrieve import Hit

_DASHES = re.compile(r"\s*[-–—]\s*")
_WORD = re.compile(r"[^\W_]+")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


@dataclass
class Missing:
    """What the question pins down that the nearest evidence lacks."""

    provinces: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    ordinals: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.provinces or self.years or self.terms or self.names or self.ordinals)


def _evidence(hit: Hit, article_text=None) -> str:
    c = hit.chunk
    body = article_text(c.article_id) if article_text else c.text
    text = " ".join(x for x in (c.title.replace("_", " "), c.source or "", c.date or "", body) if x)
    return _DASHES.sub("-", text).casefold()


def missing_in(q: Question, hit: Hit, article_text=None) -> Missing:
    """What of ``q``'s pinned-down facts the hit's article (its metadata and text, or the
    chunk alone without ``article_text``) does not state."""
    text = _evidence(hit, article_text)
    words = set(_WORD.findall(text))
    years = [y for y in q.years if not any(y in t for t in q.terms)]
    # A year pins the evidence down when the evidence is dated otherwise: "năm 2022" against
    # an article about 2021. Evidence stating none of the years may still answer.
    stated = set(_YEAR.findall(text))
    return Missing(
        provinces=[p for p in q.provinces if p.casefold() not in text],
        years=years if years and stated and not stated & set(years) else [],
        terms=[f"{a}-{b}" for a, b in q.terms if f"{a}-{b}" not in text],
        # Spellings of foreign names vary ("Percy Shelly"/"Shelley"): half its words suffice.
        names=[n for n in q.names if sum(w in words for w in n.casefold().split()) * 2 < len(n.split())],
        ordinals=[o for o in q.ordinals if o.casefold() not in text],
    )


def keep(q: Question, hits: list[Hit], article_text=None) -> tuple[list[Hit], Missing | None]:
    """The hits whose article states everything ``q`` pins down, and what the best hit lacked."""
    if not (q.provinces or q.years or q.terms or q.names or q.ordinals):
        return hits, None
    gaps = [missing_in(q, h, article_text) for h in hits]
    kept = [h for h, gap in zip(hits, gaps) if not gap]
    return kept, (gaps[0] if gaps else None)


def explain(missing: Missing, sources: list[str], nearest: Hit) -> str:
    """A Vietnamese reply saying what the articles do not cover, and what they do
    (the organisations in ``sources``, or the nearest article)."""
    parts = []
    if missing.provinces:
        parts.append("về " + ", ".join(missing.provinces))
    if missing.terms:
        parts.append("về nhiệm kỳ " + ", ".join(missing.terms))
    if missing.years:
        parts.append("về năm " + ", ".join(missing.years))
    if missing.names:
        parts.append("về " + ", ".join(missing.names))
    if missing.ordinals:
        parts.append("về " + ", ".join(missing.ordinals))
    reply = "Các bài viết đã lập chỉ mục không có thông tin " + " và ".join(parts) + "."
    if missing.provinces and sources:
        reply += " Các bài viết hiện có của: " + "; ".join(sources) + "."
    else:
        c = nearest.chunk
        reply += f" Bài viết gần nhất: “{c.title}”" + (f" ({c.date})" if c.date else "") + "."
    return reply
